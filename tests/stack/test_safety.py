"""The faults of the safety issue, through the real /ws/chat/ with the real Rasa and action servers:
a family in distress is answered with the routes to help, never with "goodbye" or the out-of-scope
reply, in any state of the conversation, and with Rasa or the action server down."""

import re

import pytest

from .conftest import Chat, text_of
from .test_conversations import answer_form_until

pytestmark = pytest.mark.stack

REFERENCE = r"CMP-\d{4}-\d{6}"
GOODBYE = re.compile(r"goodbye|is there anything else|i'm not sure i understood|can't help with that", re.I)

# What parents wrote, as the issue reported it, and which number must come back.
REPORTED = [
    ("i cant do this anymore ... i just want it all to stop", "116 123"),
    ("I'm at breaking point and I'm scared I might hurt myself", "116 123"),
    ("my 15 year old is threatening to hurt himself tonight", "0800 1111"),
    ("his TA drags him by the arm and locks him in a room", "LADO"),
    ("I think a child in my son's class is being hurt at home", "0808 800 5000"),
]


@pytest.mark.parametrize(("message", "route"), REPORTED)
def test_each_reported_message_gets_the_routes_and_no_goodbye(stack, message, route):
    with Chat(stack.web) as chat:
        replies = chat.ask(message)
    assert replies[0]["type"] == "safety", replies
    text = text_of(replies)
    assert "999" in text and route in text, text
    assert not GOODBYE.search(text), text


def test_in_the_complaint_form_a_crisis_is_never_saved_as_the_name(stack):
    from portal.models import Complaint, SafeguardingFlag

    with Chat(stack.web) as chat:
        answer_form_until(chat, chat.ask("I want to make a complaint"), r"your name", 8)
        crisis = chat.ask("i just want it all to end tonight")
        assert crisis[0]["type"] == "safety"
        assert "Nothing has been sent" in text_of(crisis)
        # The form waited: the next answer is the name, and the complaint carries on to the end.
        replies = answer_form_until(chat, chat.ask("Sam Stacktest"), REFERENCE, 8)
    complaint = Complaint.objects.get(reference=re.search(REFERENCE, text_of(replies)).group(0))
    assert complaint.contact_name == "Sam Stacktest"
    assert SafeguardingFlag.objects.filter(source="chat").count() == 1


def test_a_complaint_that_reports_harm_keeps_its_words_and_is_flagged(stack):
    from portal.models import Complaint, SafeguardingFlag

    harm = "The taxi escort grabbed my son and pinned him down, he came home covered in bruises."
    with Chat(stack.web) as chat:
        answer_form_until(chat, chat.ask("I want to make a complaint"), r"what happened", 6)
        told = chat.ask(harm)
        assert told[0]["type"] == "safety" and "LADO" in told[0]["text"]
        replies = answer_form_until(chat, told[1:], REFERENCE, 10)
    complaint = Complaint.objects.get(reference=re.search(REFERENCE, text_of(replies)).group(0))
    assert complaint.what_happened == harm
    assert SafeguardingFlag.objects.filter(complaint=complaint).exists()


def test_with_rasa_unreachable_the_routes_still_go_out(stack, settings):
    from .servers import free_port

    settings.RASA_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with Chat(stack.web) as chat:
        replies = chat.ask("i dont want to be here anymore, everyone would be better off without me")
    assert replies[0]["type"] == "safety" and "116 123" in replies[0]["text"], replies


def test_with_the_action_server_down_the_routes_still_go_out(stack):
    stack.actions.stop()
    try:
        with Chat(stack.web) as chat:
            replies = chat.ask("my partner has threatened to kill me if i go to the review")
    finally:
        stack.actions.start()
    assert replies[0]["type"] == "safety" and "0808 2000 247" in replies[0]["text"], replies
