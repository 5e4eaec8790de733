"""What the assistant does when it is not sure what was asked: say so, never guess.

`nlu_fallback` (the FallbackClassifier's intent, below the threshold measured in README.md) gets
the guide pages closest to the family's own words and a way to a person. `action_core_fallback`
covers a confident intent that fits nowhere in the conversation.
"""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import latest_text
from actions.faq import answer_from_knowledge
from actions.formatting import TALK_TO_PERSON_BUTTON, links
from actions.plan_status import answer_if_child_named
from actions.portal_api import PortalAPI, PortalUnavailable

NOT_SURE_TEXT = "I'm not sure I understood that."
GUIDES_TEXT = "These pages might help:"
OPTIONS_TEXT = "You can ask me in a different way, or I can put you in touch with the SEND team."
CORE_FALLBACK_TEXT = "Sorry, I didn't follow that. Could you ask me in a different way?"
REPHRASE_BUTTON = {"title": "Ask in a different way", "payload": "/rephrase"}


class ActionNotSure(Action):
    def name(self) -> str:
        return "action_not_sure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if tracker.get_slot("child_choice_pending"):
            # A bare name ("Amelia") after "which child?" may score low: match it against the
            # children the portal lists for this user before saying we did not understand.
            answered = await answer_if_child_named(dispatcher, tracker)
            if answered is not None:
                return answered

        # Plain questions the classifier did not place ("by when do they have to name his secondary
        # school?") are often answered by the knowledge base all the same.
        answered = await answer_from_knowledge(dispatcher, tracker, None, offer_if_unsure=False)
        if answered is not None:
            return [*answered, SlotSet("child_choice_pending", False)]

        text = latest_text(tracker)
        try:
            guides = await PortalAPI.from_env().search_guides(text, limit=3) if text else []
        except PortalUnavailable:
            guides = []
        if guides:
            dispatcher.utter_message(text=f"{NOT_SURE_TEXT} {GUIDES_TEXT}", json_message=links(*guides))
        else:
            dispatcher.utter_message(text=NOT_SURE_TEXT)
        dispatcher.utter_message(text=OPTIONS_TEXT, buttons=[REPHRASE_BUTTON, TALK_TO_PERSON_BUTTON])
        return [SlotSet("child_choice_pending", False)]


class ActionCoreFallback(Action):
    def name(self) -> str:
        return "action_core_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=CORE_FALLBACK_TEXT, buttons=[REPHRASE_BUTTON, TALK_TO_PERSON_BUTTON])
        # Forget the message so an active form asks its question again on the next turn.
        return [UserUtteranceReverted()]
