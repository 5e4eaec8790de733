"""'Where is my child's plan?': the portal's own records, for the children this user may see.

The portal decides who may see what from the signed user token. A child id in a button payload is
only a choice among the children the portal just listed for this token; it is never looked up on
its own, so a forged payload can name nothing the user could not already see.
"""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import latest_entity, latest_text, user_token
from actions.formatting import CONTACT_LINK, SIGN_IN_LINK, days, links, long_date
from actions.portal_api import PortalAPI, PortalUnavailable, SignInRequired

ALL_CHILDREN = "all"

SIGN_IN_TEXT = (
    "To see where your child's plan is, please sign in first. I can only show plan details "
    "to a parent or young person who is signed in to their account."
)
UNAVAILABLE_TEXT = (
    "Sorry, I can't check plans right now because our system isn't responding. "
    "Please try again in a few minutes, or contact the SEND team."
)
NO_CHILDREN_TEXT = (
    "Your account isn't linked to a child's plan yet. Your caseworker can give you a link code "
    "to connect your account to your child's plan."
)
WHICH_CHILD_TEXT = "Which child would you like to know about?"
UNKNOWN_CHILD_TEXT = "I can't find that child in your account."
NOT_ON_ACCOUNT_TEXT = (
    "I can't see a child called {name} on your account. If {name} is your child, your caseworker "
    "can give you a link code to add them."
)
LINK_CHILD_LINK = {"title": "Link a child to your account", "url": "/portal/link/"}

# Possessive words that are not a child's name ("my son's plan", "the council's letter").
NOT_NAMES = frozenset(
    """
    son daughter child kid kids children boy girl lad baby teen teenager sibling brother sister
    council school college nursery teacher senco caseworker worker mum mom dad mother father
    parent parents family today tomorrow yesterday week weeks month months year years plan plans
    ehcp ehc review assessment panel tribunal it that this what who he she there here everyone
    someone nobody let one people doctor gp paediatrician therapist authority government
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter summer autumn winter spring
    england english wales scotland ireland northmere ofsted sendiass ipsea
    """.split()  # noqa: SIM905  (a word list, easier to read as text)
)
POSSESSIVE = re.compile(r"\b([A-Za-z][a-z]{1,20})(?:'s|’s|s')(?=\s|$|[?.!,])")
ABOUT_NAME = re.compile(r"\b(?:for|about|is|has|did|does|on)\s+([A-Z][a-z]{1,20})\b")
ALL_OF_THEM = re.compile(
    r"\b(?:my|our|the|both)\s+(?:kids|children|boys|girls|twins)\b|\bboth\b|\ball of them\b", re.I
)
STATUS_TEXT = {
    "on_time": "This is on time.",
    "due_soon": "This is due soon.",
}


def child_summary(child: dict[str, Any]) -> str:
    """Stage, next step and its due date, what is overdue, next annual review, caseworker."""
    name = child.get("first_name") or "Your child"
    lines = [f"{name}: {child.get('stage_label') or 'stage not recorded'}."]
    if child.get("summary"):
        lines.append(child["summary"].strip())

    step = child.get("next_step")
    if step:
        line = f"Next step: {step['label']}, due by {long_date(step['due'])}."
        if step.get("status") == "overdue":
            line += f" This is overdue by {days(int(step.get('days_overdue') or 0))}."
        else:
            line += " " + STATUS_TEXT.get(step.get("status"), "")
        lines.append(line.strip())
    else:
        lines.append("There is no deadline coming up at the moment.")

    others = [
        item
        for item in child.get("overdue") or []
        if not step or (item.get("label"), item.get("due")) != (step.get("label"), step.get("due"))
    ]
    for item in others:
        lines.append(
            f"Overdue: {item['label']}, which was due by {long_date(item['due'])} "
            f"({days(int(item.get('days_overdue') or 0))} overdue)."
        )
    if child.get("next_annual_review"):
        lines.append(f"Next annual review: by {long_date(child['next_annual_review'])}.")
    worker = child.get("caseworker")
    if worker and worker.get("name"):
        ways = ", ".join(v for v in (worker.get("email"), worker.get("phone")) if v)
        lines.append(f"Caseworker: {worker['name']}" + (f" ({ways})." if ways else "."))
    return "\n".join(lines)


def _plan_link(child: dict[str, Any]) -> dict[str, str] | None:
    if child.get("url"):
        return {"title": f"{child.get('first_name') or 'Your child'}'s plan", "url": child["url"]}
    return None


def _named_in(text: str, children: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        child
        for child in children
        if child.get("first_name")
        and re.search(rf"\b{re.escape(child['first_name'])}\b", text, re.IGNORECASE)
    ]


def names_mentioned(text: str) -> list[str]:
    """Words that look like a child's first name: "Maya's assessment", "is Maya late"."""
    found = [match.group(1) for match in POSSESSIVE.finditer(text)]
    found += [match.group(1) for match in ABOUT_NAME.finditer(text)]
    seen, names = set(), []
    for word in found:
        if word.lower() not in NOT_NAMES and word.lower() not in seen and word not in ("I", "EHCP", "SEN"):
            seen.add(word.lower())
            names.append(word[0].upper() + word[1:])
    return names


def tell(dispatcher: CollectingDispatcher, children: list[dict[str, Any]]) -> list:
    for child in children:
        link = _plan_link(child)
        dispatcher.utter_message(text=child_summary(child), json_message=links(link) if link else None)
    return [SlotSet("child_choice_pending", False), SlotSet("child_id", None)]


def ask_which(dispatcher: CollectingDispatcher, children: list[dict[str, Any]], prefix: str = "") -> list:
    buttons = [
        {
            "title": child.get("first_name") or "Child",
            "payload": f'/choose_child{{"child_id":"{child["id"]}"}}',
        }
        for child in children
    ]
    buttons.append({"title": "All of them", "payload": f'/choose_child{{"child_id":"{ALL_CHILDREN}"}}'})
    dispatcher.utter_message(text=f"{prefix} {WHICH_CHILD_TEXT}".strip(), buttons=buttons)
    return [SlotSet("child_choice_pending", True), SlotSet("child_id", None)]


async def children_for(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """The children this user may see, or None after telling them why not (signed out, system down)."""
    try:
        return await PortalAPI.from_env().plans(user_token(tracker))
    except SignInRequired:
        dispatcher.utter_message(text=SIGN_IN_TEXT, json_message=links(SIGN_IN_LINK))
    except PortalUnavailable:
        dispatcher.utter_message(text=UNAVAILABLE_TEXT, json_message=links(CONTACT_LINK))
    return None


async def answer_if_child_named(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """For the fallback: a typed first name after "which child?". None if it names no child."""
    if not user_token(tracker):
        return None
    try:
        children = await PortalAPI.from_env().plans(user_token(tracker))
    except (SignInRequired, PortalUnavailable):
        return None
    named = _named_in(latest_text(tracker), children)
    return tell(dispatcher, named) if named else None


class ActionPlanStatus(Action):
    def name(self) -> str:
        return "action_plan_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        resets = [SlotSet("child_choice_pending", False), SlotSet("child_id", None)]
        children = await children_for(dispatcher, tracker)
        if children is None:
            return resets
        if not children:
            dispatcher.utter_message(
                text=NO_CHILDREN_TEXT, json_message=links({"title": "Your account", "url": "/portal/"})
            )
            return resets
        text = latest_text(tracker)
        named = _named_in(text, children)
        strangers = [
            name
            for name in names_mentioned(text)
            if not any((child.get("first_name") or "").lower() == name.lower() for child in children)
        ]
        if strangers and not named:
            # Never another child's status in place of the one asked about.
            dispatcher.utter_message(
                text=NOT_ON_ACCOUNT_TEXT.format(name=strangers[0]), json_message=links(LINK_CHILD_LINK)
            )
            return ask_which(dispatcher, children) if len(children) > 1 else resets
        if len(children) == 1:
            return tell(dispatcher, children)

        chosen_id = latest_entity(tracker, "child_id")
        if chosen_id == ALL_CHILDREN:
            return tell(dispatcher, children)
        if chosen_id:
            chosen = [child for child in children if child.get("id") == chosen_id]
            if chosen:
                return tell(dispatcher, chosen)
            return ask_which(dispatcher, children, prefix=UNKNOWN_CHILD_TEXT)
        if named:
            return tell(dispatcher, named)
        if ALL_OF_THEM.search(text):
            return tell(dispatcher, children)
        return ask_which(dispatcher, children)


def is_about_own_child(text: str) -> bool:
    """A question about this family's own case ("when is Leo's annual review", "is my son's
    assessment late", "what about my kids' plans") rather than how the process works."""
    return bool(
        names_mentioned(text)
        or ALL_OF_THEM.search(text)
        or re.search(r"\b(?:my|our)\s+(?:son|daughter|child|kid|boy|girl|lad)(?:'s|s'|s)?\b", text, re.I)
    )
