"""Every natural way of naming a child, and a child who is not on the account: never another
child's status in place of the one asked about."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionAnswerFaq
from actions.plan_status import ActionPlanStatus, is_about_own_child, names_mentioned
from tests.unit.test_form_asides import tracker


def plan_tracker(text, token, intent="check_plan_status"):
    return tracker(text, intent, form=None, user_token=token)


async def status(portal, text, token, intent="check_plan_status", action=ActionPlanStatus):
    dispatcher = CollectingDispatcher()
    await action().run(dispatcher, plan_tracker(text, token, intent), {})
    return dispatcher.messages


@pytest.mark.parametrize(
    "text", ["is Maya's assessment late?", "is maya's plan on time", "any news for Maya"]
)
async def test_a_child_not_on_the_account_is_named_and_no_other_child_is_shown(portal, text):
    messages = await status(portal, text, "token-parent-of-one")
    assert messages[0]["text"].startswith("I can't see a child called Maya on your account")
    assert messages[0]["custom"]["links"] == [
        {"title": "Link a child to your account", "url": "/portal/link/"}
    ]
    assert not any("Noah" in (message.get("text") or "") for message in messages)


async def test_with_two_children_a_stranger_gets_the_choice_not_a_guess(portal):
    messages = await status(portal, "when is Maya's annual review", "token-parent-of-two")
    assert "Maya" in messages[0]["text"]
    assert [button["title"] for button in messages[-1]["buttons"]] == ["Amelia", "Jack", "All of them"]
    assert not any("EHC plan in place" in (message.get("text") or "") for message in messages)


async def test_a_childs_name_in_a_process_question_gets_the_familys_own_case(portal):
    messages = await status(
        portal, "when is Jack's annual review", "token-parent-of-two", "ask_annual_review", ActionAnswerFaq
    )
    assert messages[0]["text"].startswith("Jack: EHC plan in place")
    assert "4 December 2026" in messages[0]["text"]


async def test_my_kids_plans_shows_every_child(portal):
    messages = await status(portal, "what about my kids plans", "token-parent-of-two")
    assert [message["text"].split(":")[0] for message in messages] == ["Amelia", "Jack"]


async def test_my_son_with_two_children_asks_which(portal):
    messages = await status(portal, "is my son's assessment late", "token-parent-of-two")
    assert messages[-1]["text"] == "Which child would you like to know about?"


def test_what_counts_as_a_name():
    assert names_mentioned("when is Leo's annual review") == ["Leo"]
    assert names_mentioned("is my son's plan late and what is the council's excuse") == []
    assert is_about_own_child("what about my kids' plans")
    assert not is_about_own_child("how long does an assessment take?")


def test_days_months_and_places_are_not_names():
    assert names_mentioned("is the review on Monday or in March, for England") == []
