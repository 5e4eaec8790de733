"""The assistant serves families in England. A family in Wales, Scotland or Northern Ireland is told
so plainly and pointed to its own system and advice service, instead of being given England's
answer as if it applied to them; a family moving to England is told that a plan does not transfer
and to ask for an assessment here, and one leaving England is told about the system it is going to.

Checked in the bridge, like safety, so it does not depend on the intent classifier knowing place
names. The facts are those of docs/statutory-rules.md ("Other nations")."""

import re
from dataclasses import dataclass

WALES, SCOTLAND, NORTHERN_IRELAND = "wales", "scotland", "northern_ireland"

# Places and terms that say where a family is. Places shared with England (Newport, for one) are
# left out.
PLACES = {
    WALES: r"wales|welsh|cymru|cardiff|swansea|wrexham|bridgend|caerphilly|rhondda|merthyr|aberystwyth|"
    r"llanelli|carmarthen|pembrokeshire|gwynedd|anglesey|powys|ceredigion|conwy|denbighshire|flintshire|"
    r"monmouthshire|torfaen|blaenau gwent|vale of glamorgan|neath|port talbot|individual development "
    r"plans?|\bidps?\b|\balncos?\b|snap cymru",
    SCOTLAND: r"scotland|scottish|glasgow|edinburgh|aberdeen|dundee|inverness|stirling|perth and kinross|"
    r"fife|lanarkshire|renfrewshire|ayrshire|highland council|coordinated support plans?|co-ordinated "
    r"support plans?|\bcsps?\b|additional support for learning",
    NORTHERN_IRELAND: r"northern ireland|belfast|derry|londonderry|lisburn|newry|armagh|\beani\b|\bsenac\b",
}
_PLACES = {nation: re.compile(rf"(?:{pattern})", re.IGNORECASE) for nation, pattern in PLACES.items()}
MOVING = re.compile(
    r"\b(?:mov(?:e|ed|ing)|relocat\w*|coming|came|transfer\w*)\b(?:\s+\w+){0,4}\s+(?:to|into)\s+england"
    r"|\b(?:mov(?:e|ed|ing)|relocat\w*|com(?:e|ing)|transfer\w*)\s+(?:\w+\s+){0,3}from\b",
    re.IGNORECASE,
)

SYSTEMS = {
    WALES: (
        "Wales",
        "In Wales, children and young people with additional learning needs have an individual "
        "development plan (IDP), under the Additional Learning Needs and Education Tribunal (Wales) "
        "Act 2018. For free, independent advice, contact SNAP Cymru (snapcymru.org), or your local "
        "council in Wales.",
        {"title": "SNAP Cymru", "url": "https://www.snapcymru.org/"},
    ),
    SCOTLAND: (
        "Scotland",
        "In Scotland, support is planned under the Education (Additional Support for Learning) "
        "(Scotland) Act 2004, and some children have a coordinated support plan (CSP). For free, "
        "independent advice, contact Enquire (enquire.org.uk), or your local council in Scotland.",
        {"title": "Enquire", "url": "https://enquire.org.uk/"},
    ),
    NORTHERN_IRELAND: (
        "Northern Ireland",
        "In Northern Ireland, children may have a statement of special educational needs, from the "
        "Education Authority. For free, independent advice, contact SENAC (senac.co.uk).",
        {"title": "SENAC", "url": "https://www.senac.co.uk/"},
    ),
}
ENGLAND_ONLY = (
    "I can only explain how things work in England: EHC plans and the rules I know about are "
    "England's, so they would not apply to you."
)
MOVING_TEXT = (
    "A plan made in {nation} does not transfer to England. When you move, ask your new council in "
    "England for an EHC needs assessment, and send them your child's {nation} plan and reports as "
    "evidence. The council must decide within 6 weeks whether to assess."
)
LEAVING_TEXT = (
    "An EHC plan is England's and does not transfer when you move to {nation}: {system} Contact "
    "your new council there before you move, and take your child's EHC plan and reports with you."
)
MOVING_VERB = re.compile(r"\b(?:mov(?:e|ed|ing)|relocat\w*|going|transfer\w*)\b", re.IGNORECASE)
FROM_ENGLAND = re.compile(r"\bfrom\s+(?:\w+\s+){0,2}england\b", re.IGNORECASE)
ASSESSMENT_LINK = {"title": "Asking for an assessment", "url": "/guidance/requesting-an-assessment/"}


@dataclass(frozen=True)
class NationReply:
    text: str
    links: list


def reply_for(text):
    """A reply for a family outside England (or moving from there), or None."""
    if not isinstance(text, str):
        return None
    found = [nation for nation, pattern in _PLACES.items() if pattern.search(text)]
    if not found:
        return None
    name, system, advice = SYSTEMS[found[0]]
    if leaving_england(text, found[0]):
        return NationReply(LEAVING_TEXT.format(nation=name, system=system), [advice])
    if MOVING.search(text):
        return NationReply(MOVING_TEXT.format(nation=name), [ASSESSMENT_LINK, advice])
    return NationReply(f"{ENGLAND_ONLY}\n\n{system}", [advice])


def leaving_england(text, nation):
    """ "Moving from England to Wales", "we're moving to Glasgow": the family is leaving England,
    so the other nation's system is what they need, not England's advice for arriving."""
    if not MOVING_VERB.search(text):
        return False
    going_there = re.search(rf"\b(?:to|into)\s+(?:\w+\s+){{0,2}}(?:{PLACES[nation]})", text, re.IGNORECASE)
    coming_here = re.search(r"\b(?:to|into)\s+(?:\w+\s+){0,2}england\b", text, re.IGNORECASE)
    return bool(FROM_ENGLAND.search(text) or (going_there and not coming_here))
