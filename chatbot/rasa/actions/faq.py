"""Answers to process questions, read live from the FAQ snippets comms staff edit in Wagtail.

Rasa only decides which question was asked; the words come from the CMS at the moment of asking,
so an edited answer is in the next reply without retraining the model.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import latest_entity, latest_intent, latest_text, user_token
from actions.formatting import CONTACT_LINK, TALK_TO_PERSON_BUTTON, links
from actions.plan_status import ActionPlanStatus, is_about_own_child
from actions.portal_api import PortalAPI, PortalUnavailable

# Intent -> the FAQ snippet's stable key (cms.FAQAnswer.key). Written out, not derived, so renaming
# an intent cannot silently point at a missing answer.
FAQ_KEYS = {
    "ask_what_is_ehcp": "what_is_ehcp",
    "ask_request_assessment": "request_assessment",
    "ask_assessment_timeline": "assessment_timeline",
    "ask_draft_plan": "draft_plan",
    "ask_annual_review": "annual_review",
    "ask_disagreement": "disagreement",
    "ask_complaints": "complaints",
    "ask_local_offer": "local_offer",
    "ask_sendiass": "sendiass",
    "ask_sen_support": "sen_support",
    "ask_personal_budget": "personal_budget",
    "ask_eotas": "eotas",
    "ask_educational_psychologist": "educational_psychologist",
    "ask_school_transport": "school_transport",
    "ask_data_sharing": "data_sharing",
}

UNAVAILABLE_TEXT = (
    "Sorry, I can't look up the answer right now because our website isn't responding. "
    "Please try again in a few minutes, or contact the SEND team."
)
NO_ANSWER_TEXT = "Sorry, I don't have an answer to that question at the moment. The SEND team can help you."
NOTHING_MORE_TEXT = "That's everything I have on that. The guide has the full details."
WHICH_TOPIC_TEXT = "What would you like to know more about? Ask me your question and I'll find the answer."


def _guide_link(faq: dict[str, Any]) -> dict[str, str] | None:
    link = faq.get("link")
    if isinstance(link, dict) and link.get("url"):
        return {"title": link.get("title") or "Read the guide", "url": link["url"]}
    return None


def _follow_up_buttons(key: str, faq: dict[str, Any]) -> list[dict[str, str]]:
    buttons = []
    if (faq.get("more") or "").strip():
        buttons.append({"title": "Tell me more", "payload": f'/tell_me_more{{"faq_key":"{key}"}}'})
    if key == "complaints":
        # Someone asking how complaints work often wants to make one: offer it, don't assume it.
        buttons.append({"title": "Make a complaint", "payload": "/make_complaint"})
    return buttons


async def _fetch(key: str, dispatcher: CollectingDispatcher) -> dict[str, Any] | None:
    try:
        faq = await PortalAPI.from_env().faq(key)
    except PortalUnavailable:
        dispatcher.utter_message(text=UNAVAILABLE_TEXT, json_message=links(CONTACT_LINK))
        return None
    if faq is None:
        dispatcher.utter_message(text=NO_ANSWER_TEXT, json_message=links(CONTACT_LINK))
    return faq


MAKE_COMPLAINT_BUTTON = {"title": "Make a complaint", "payload": "/make_complaint"}
NOT_SURE_TEXT = (
    "I'm not sure I have the right answer to that. Is it one of these? If not, a person from the SEND "
    "team can help."
)


def say_entry(dispatcher: CollectingDispatcher, faq: dict[str, Any]) -> None:
    key = faq.get("key") or ""
    guide = _guide_link(faq)
    dispatcher.utter_message(
        text=faq["answer"].strip(),
        buttons=_follow_up_buttons(key, faq),
        json_message=links(guide) if guide else None,
    )


def offer(dispatcher: CollectingDispatcher, alternatives: list[dict[str, Any]]) -> None:
    """The closest entries as buttons (each sends its question, which then matches exactly), and a person."""
    buttons = [{"title": alt["question"], "payload": alt["question"]} for alt in alternatives[:3]]
    dispatcher.utter_message(text=NOT_SURE_TEXT, buttons=[*buttons, TALK_TO_PERSON_BUTTON])


async def answer_from_knowledge(
    dispatcher: CollectingDispatcher, tracker: Tracker, hint: str | None, offer_if_unsure: bool = True
) -> list | None:
    """Answer from the knowledge base: the entries that fit, or (unsure) the closest to choose from.
    None when nothing was said (the portal is down and ``offer_if_unsure`` is False, or no match)."""
    try:
        found = await PortalAPI.from_env().knowledge(latest_text(tracker), hint)
    except PortalUnavailable:
        if not offer_if_unsure:
            return None
        dispatcher.utter_message(text=UNAVAILABLE_TEXT, json_message=links(CONTACT_LINK))
        return []
    if found.get("note"):
        # Their own wait has passed a legal limit: that comes first, with the way to complain.
        dispatcher.utter_message(text=found["note"], buttons=[MAKE_COMPLAINT_BUTTON])
    if found["answers"]:
        for faq in found["answers"]:
            say_entry(dispatcher, faq)
        return [SlotSet("faq_key", found["answers"][0].get("key"))]
    if not offer_if_unsure:
        return [] if found.get("note") else None
    if found["alternatives"]:
        offer(dispatcher, found["alternatives"])
    else:
        dispatcher.utter_message(text=NO_ANSWER_TEXT, json_message=links(CONTACT_LINK))
    return []


class ActionAnswerFaq(Action):
    """The answer to the process question just asked: the knowledge base entry retrieval finds for
    the family's own words, with Rasa's topic intent as a hint; when unsure, the closest entries."""

    def name(self) -> str:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if not tracker.active_loop_name and user_token(tracker) and is_about_own_child(latest_text(tracker)):
            # "When is Leo's annual review?": the family's own case answers it, not the general rule.
            return await ActionPlanStatus().run(dispatcher, tracker, domain)
        return await answer_from_knowledge(dispatcher, tracker, FAQ_KEYS.get(latest_intent(tracker) or ""))


class ActionAnswerFaqMore(Action):
    """The longer answer, after "Tell me more" (the button names the question; typed, the last one)."""

    def name(self) -> str:
        return "action_answer_faq_more"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        key = latest_entity(tracker, "faq_key") or tracker.get_slot("faq_key")
        if not key:
            dispatcher.utter_message(text=WHICH_TOPIC_TEXT)
            return []
        faq = await _fetch(key, dispatcher)
        if faq is None:
            return []
        more = (faq.get("more") or "").strip()
        guide = _guide_link(faq)
        dispatcher.utter_message(
            text=more or NOTHING_MORE_TEXT,
            json_message=links(guide) if guide else None,
        )
        return [SlotSet("faq_key", key)]
