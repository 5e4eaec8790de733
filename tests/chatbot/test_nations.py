"""Families outside England, arriving in England, or leaving it (chatbot/nations.py)."""

import pytest

from chatbot import nations


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("we live in cardiff, how do i get an ehcp", "individual development plan"),
        ("my son is at school in Glasgow and needs more help", "coordinated support plan"),
        ("we're in Belfast, can I ask for an assessment", "statement of special educational needs"),
    ],
)
def test_a_family_elsewhere_is_told_plainly_and_pointed_to_its_own_system(text, says):
    reply = nations.reply_for(text)
    assert reply.text.startswith("I can only explain how things work in England")
    assert says in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "we moved from Edinburgh last month, does his CSP count here",
        "moving to England from Wales in the summer, will her IDP carry over",
        "we are relocating from Swansea to Bristol, what happens to his plan",
    ],
)
def test_a_family_arriving_in_england_is_told_to_ask_for_an_assessment(text):
    reply = nations.reply_for(text)
    assert "does not transfer to England" in reply.text and "EHC needs assessment" in reply.text
    assert nations.ASSESSMENT_LINK in reply.links


@pytest.mark.parametrize(
    ("text", "nation", "system"),
    [
        (
            "we're moving from England to Scotland, what happens to his EHCP",
            "Scotland",
            "coordinated support plan",
        ),
        ("moving to Cardiff in September, will the plan still count", "Wales", "individual development plan"),
        (
            "my daughter's ehcp - we are relocating from england to belfast",
            "Northern Ireland",
            "Education Authority",
        ),
    ],
)
def test_a_family_leaving_england_is_told_about_the_system_it_is_going_to(text, nation, system):
    reply = nations.reply_for(text)
    assert f"does not transfer when you move to {nation}" in reply.text
    assert system in reply.text
    assert "does not transfer to England" not in reply.text


@pytest.mark.parametrize(
    "text", ["how long does an ehc needs assessment take", "we moved house, who do I tell"]
)
def test_questions_about_england_are_left_to_the_assistant(text):
    assert nations.reply_for(text) is None
