"""What a family is told when their words hold a crisis or safeguarding concern.

Calm, at once, and the most relevant route first. The national numbers are fixed here, in code,
so no edit in the admin can remove 999; the council's own numbers come from the published
``SafetyContacts``. Nothing here promises a call back at a time nobody can keep, and nothing ends
the conversation."""

from dataclasses import dataclass, field

from . import detector

EMERGENCY = "If you or anyone else is in danger right now, call 999."
NHS_111 = (
    "For urgent help with mental health, call NHS 111 and choose the mental health option, or go to A&E."
)
SAMARITANS = "Samaritans: call 116 123, free, any time, day or night."
SHOUT = "Shout: text SHOUT to 85258, free, any time."
CHILDLINE = "Childline, for children and young people: call 0800 1111, free."
NSPCC = "NSPCC helpline, for adults worried about a child: call 0808 800 5000."
DOMESTIC_ABUSE_HELPLINE = (
    "National Domestic Abuse Helpline: call 0808 2000 247, free, any time. "
    "If you call 999 and cannot speak, press 55 when asked."
)

OPENINGS = {
    detector.SUICIDE_SELF_HARM: "I'm so sorry things feel this hard. You don't have to deal with this on "
    "your own, and you can talk to someone right now.",
    detector.HARM_TO_OTHERS: "Thank you for telling me. Keeping everyone safe comes first.",
    detector.CHILD_AT_RISK: "Thank you for telling me. A child's safety comes first.",
    detector.STAFF_ABUSE: "Thank you for telling me. Nobody who works with children should treat a "
    "child like that, and it must be looked into.",
    detector.DOMESTIC_ABUSE: "Thank you for telling me. What is happening to you is not your fault, "
    "and help is there.",
}
FLAGGED = (
    "I've passed this conversation to the council's safeguarding staff so that a person reads it. "
    "I can't promise when they will be in touch, so please use the numbers above if you need help now."
)
STILL_HERE = "I'm still here if you want to carry on, or ask me anything else."

# The widget's and the pages' links: tap-to-call on a phone.
NATIONAL_LINKS = {
    "999": {"title": "Call 999", "url": "tel:999"},
    "111": {"title": "Call NHS 111", "url": "tel:111"},
    "samaritans": {"title": "Call Samaritans (116 123)", "url": "tel:116123"},
    "shout": {"title": "Text SHOUT to 85258", "url": "sms:85258?body=SHOUT"},
    "childline": {"title": "Call Childline (0800 1111)", "url": "tel:08001111"},
    "nspcc": {"title": "Call the NSPCC (0808 800 5000)", "url": "tel:08088005000"},
    "domestic_abuse": {
        "title": "Call the National Domestic Abuse Helpline (0808 2000 247)",
        "url": "tel:08082000247",
    },
}


@dataclass(frozen=True)
class Contacts:
    """The council's numbers, as the replies need them (from ``SafetyContacts``, or the fallback)."""

    council_name: str
    social_care_name: str
    social_care_phone: str
    social_care_hours: str
    out_of_hours_phone: str
    lado_phone: str
    lado_email: str = ""
    report_url: str = ""

    @classmethod
    def from_record(cls, record, council_name):
        return cls(
            council_name=council_name,
            social_care_name=record.social_care_name,
            social_care_phone=record.social_care_phone,
            social_care_hours=record.social_care_hours,
            out_of_hours_phone=record.out_of_hours_phone,
            lado_phone=record.lado_phone,
            lado_email=record.lado_email,
            report_url=record.report_url,
        )


@dataclass
class SafetyReply:
    text: str
    links: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def _tel(number):
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def _social_care_lines(contacts, council_fallback):
    if contacts is None:
        return [
            f"To report a worry about a child's safety, call {council_fallback}'s children's social care "
            "(the number is on the council's website), or the NSPCC below."
        ], []
    lines = [
        f"To report a worry about a child's safety, call {contacts.social_care_name} on "
        f"{contacts.social_care_phone} ({contacts.social_care_hours}). Out of hours, call "
        f"{contacts.out_of_hours_phone}."
    ]
    links = [
        {"title": f"Call {contacts.social_care_name}", "url": _tel(contacts.social_care_phone)},
        {"title": "Call the out-of-hours service", "url": _tel(contacts.out_of_hours_phone)},
    ]
    if contacts.report_url:
        links.append({"title": "Report a concern online", "url": contacts.report_url})
    return lines, links


def _lado_lines(contacts, council_fallback):
    if contacts is None:
        return [
            f"A concern about someone who works with children goes to {council_fallback}'s LADO (Local "
            "Authority Designated Officer), through children's social care."
        ], []
    email = f" or email {contacts.lado_email}" if contacts.lado_email else ""
    lines = [
        "A concern about someone who works with children (a teacher, a teaching assistant, a driver "
        f"or a carer) goes to the council's LADO (Local Authority Designated Officer): call "
        f"{contacts.lado_phone}{email}. You can also tell the school's safeguarding lead."
    ]
    return lines, [{"title": "Call the LADO", "url": _tel(contacts.lado_phone)}]


def build(concern, contacts=None, council_name="the council"):
    """The reply for ``concern``: every route its kinds need, most relevant first, each once."""
    lines, links, seen = [], [], set()

    def add(new_lines, new_links=()):
        for line in new_lines:
            if line not in seen:
                seen.add(line)
                lines.append(line)
        for link in new_links:
            if link["url"] not in {existing["url"] for existing in links}:
                links.append(link)

    council = contacts.council_name if contacts else council_name
    add([OPENINGS[concern.primary]])
    add([EMERGENCY], [NATIONAL_LINKS["999"]])
    for category in concern.categories:
        if category == detector.SUICIDE_SELF_HARM:
            add(
                [NHS_111, SAMARITANS, SHOUT, CHILDLINE],
                [NATIONAL_LINKS[key] for key in ("111", "samaritans", "shout", "childline")],
            )
        elif category == detector.HARM_TO_OTHERS:
            add([NHS_111, SAMARITANS], [NATIONAL_LINKS["111"], NATIONAL_LINKS["samaritans"]])
            if concern.about_child:
                add(*_social_care_lines(contacts, council))
        elif category == detector.CHILD_AT_RISK:
            add(*_social_care_lines(contacts, council))
            add([NSPCC, CHILDLINE], [NATIONAL_LINKS["nspcc"], NATIONAL_LINKS["childline"]])
        elif category == detector.STAFF_ABUSE:
            add(*_lado_lines(contacts, council))
            add(*_social_care_lines(contacts, council))
            add([NSPCC], [NATIONAL_LINKS["nspcc"]])
        elif category == detector.DOMESTIC_ABUSE:
            add([DOMESTIC_ABUSE_HELPLINE], [NATIONAL_LINKS["domestic_abuse"]])
            add(*_social_care_lines(contacts, council))
    add([FLAGGED, STILL_HERE])
    return SafetyReply(text="\n".join(lines), links=links, lines=lines)
