"""Crisis and safeguarding messages on /ws/chat/: answered by the bridge before Rasa, in any state,
whatever is down; never taken as a form's answer; flagged for staff at once."""

import httpx
import pytest
from channels.db import database_sync_to_async
from django.core import mail

from chatbot import consumers
from chatbot.models import Message
from portal.models import SafeguardingFlag, SafetyContacts

from .test_consumer import ask, connected

pytestmark = pytest.mark.django_db(transaction=True)

CRISIS = "i cant do this anymore ... i just want it all to stop"


def publish_contacts():
    contacts = SafetyContacts.objects.create(
        social_care_name="Northmere Front Door",
        social_care_phone="01632 960 100",
        out_of_hours_phone="01632 960 199",
        lado_phone="01632 960 150",
        live=True,
    )
    contacts.save_revision().publish()


async def test_a_crisis_is_answered_by_the_bridge_and_never_reaches_rasa(fake_rasa):
    chat = await connected()
    (reply,) = await ask(chat, CRISIS)
    assert reply["type"] == "safety"
    text = reply["text"]
    assert "999" in text and "116 123" in text and "85258" in text and "NHS 111" in text
    assert "0800 1111" in text  # Childline, for a young person
    assert text.index("999") < text.index("116 123")
    assert "goodbye" not in text.lower()
    assert {"title": "Call 999", "url": "tel:999"} in reply["links"]
    assert fake_rasa.requests == []  # never heard as the *stop* intent
    assert await chat.receive_nothing()
    await chat.disconnect()


async def test_staff_abuse_names_the_councils_lado(fake_rasa):
    await database_sync_to_async(publish_contacts)()
    chat = await connected()
    (reply,) = await ask(chat, "his TA drags him by the arm and locks him in a room")
    assert "LADO" in reply["text"] and "01632 960 150" in reply["text"]
    assert reply["text"].index("LADO") < reply["text"].index("NSPCC")
    assert {"title": "Call the LADO", "url": "tel:01632960150"} in reply["links"]
    await chat.disconnect()


async def test_a_child_at_risk_gets_the_front_door_and_its_out_of_hours_number(fake_rasa):
    await database_sync_to_async(publish_contacts)()
    chat = await connected()
    (reply,) = await ask(chat, "I think a child in my son's class is being hurt at home")
    assert "Northmere Front Door on 01632 960 100" in reply["text"]
    assert "01632 960 199" in reply["text"] and "0808 800 5000" in reply["text"]
    await chat.disconnect()


async def test_domestic_abuse_gets_the_national_helpline(fake_rasa):
    chat = await connected()
    (reply,) = await ask(chat, "my husband hits me and says he will take the kids")
    assert "0808 2000 247" in reply["text"]
    assert reply["text"].index("999") < reply["text"].index("0808 2000 247")
    await chat.disconnect()


async def test_without_published_contacts_the_national_numbers_still_go_out(fake_rasa):
    chat = await connected()
    (reply,) = await ask(chat, "my son told me his uncle touches him when he stays there")
    assert "999" in reply["text"] and "0808 800 5000" in reply["text"]
    await chat.disconnect()


@pytest.mark.parametrize("failure", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")])
async def test_rasa_down_changes_nothing_for_a_family_in_crisis(fake_rasa, failure):
    fake_rasa.error = failure
    chat = await connected()
    (reply,) = await ask(chat, "I'm at breaking point and I'm scared I might hurt myself")
    assert reply["type"] == "safety" and "116 123" in reply["text"]
    assert await chat.receive_nothing()
    await chat.disconnect()


async def test_the_conversation_is_flagged_and_the_duty_inbox_gets_a_link_only(fake_rasa, settings):
    settings.SAFEGUARDING_DUTY_EMAIL = "duty@northmere.example.org"
    chat = await connected()
    await ask(chat, "my 15 year old is threatening to hurt himself tonight")
    await chat.disconnect()
    flag = await database_sync_to_async(SafeguardingFlag.objects.get)()
    assert flag.source == SafeguardingFlag.Source.CHAT
    assert flag.conversation_public_id and flag.immediate
    assert flag.categories[0] == "suicide_self_harm"
    (email,) = mail.outbox
    assert email.to == ["duty@northmere.example.org"]
    assert f"/admin/casework/safeguarding/{flag.public_id}/" in email.body
    assert "hurt himself" not in email.body and "15 year old" not in email.body


async def test_the_safety_reply_is_kept_in_the_conversation_for_staff(fake_rasa):
    chat = await connected()
    await ask(chat, CRISIS)
    await chat.disconnect()
    texts = await database_sync_to_async(lambda: list(Message.objects.values_list("sender", "text")))()
    assert texts[0] == ("user", CRISIS)
    assert texts[1][0] == "bot" and "116 123" in texts[1][1]


async def test_at_a_name_step_the_form_waits_and_nothing_is_taken_as_an_answer(fake_rasa):
    fake_rasa.replies = [
        {"recipient_id": "x", "text": "What is your name?", "custom": {"expects": "contact_name"}}
    ]
    chat = await connected()
    (question,) = await ask(chat, "i want to make a complaint")
    assert "expects" not in question  # the step is the bridge's business, not the widget's
    safety, paused = await ask(chat, "honestly i dont see the point in anything any more", replies=2)
    assert safety["type"] == "safety"
    assert "Nothing has been sent" in paused["text"] and "cancel" in paused["text"]
    assert len(fake_rasa.requests) == 1  # Rasa never saw it: it cannot become a name
    await chat.disconnect()


async def test_at_a_free_text_step_the_familys_account_is_kept_and_flagged(fake_rasa):
    fake_rasa.replies = [
        {
            "recipient_id": "x",
            "text": "Please tell me what happened.",
            "custom": {"expects": "complaint_what_happened"},
        }
    ]
    chat = await connected()
    await ask(chat, "make a complaint")
    fake_rasa.replies = [{"recipient_id": "x", "text": "What would you like the council to do?"}]
    account = "the taxi escort grabbed my son and pinned him to the seat, he came home with bruises"
    safety, kept, next_question = await ask(chat, account, replies=3)
    assert safety["type"] == "safety"
    assert "kept" in kept["text"]
    assert next_question["text"] == "What would you like the council to do?"
    assert fake_rasa.bodies[-1] == {"message": account}
    await chat.disconnect()
    assert await database_sync_to_async(SafeguardingFlag.objects.count)() == 1


async def test_even_too_fast_a_family_in_crisis_gets_the_routes(fake_rasa, monkeypatch):
    monkeypatch.setattr(consumers, "THROTTLE_BURST", 1)
    chat = await connected()
    await ask(chat, "hello")
    (reply,) = await ask(chat, "i want to kill myself")
    assert reply["type"] == "safety"
    (refused,) = await ask(chat, "hello again")
    assert refused["code"] == "throttled"
    await chat.disconnect()


@pytest.mark.parametrize(
    ("message", "system", "advice"),
    [
        ("we live in Cardiff, how do I get an EHCP for my son?", "individual development plan", "SNAP Cymru"),
        ("my daughter is at school in Glasgow and needs more support", "coordinated support plan", "Enquire"),
        (
            "we're in Belfast, how long does an assessment take?",
            "statement of special educational needs",
            "SENAC",
        ),
    ],
)
async def test_a_family_outside_england_is_told_so_and_pointed_to_its_own_system(
    fake_rasa, message, system, advice
):
    chat = await connected()
    (reply,) = await ask(chat, message)
    assert "England" in reply["text"] and system in reply["text"]
    assert any(link["title"] == advice for link in reply["links"])
    assert fake_rasa.requests == []  # never England's answer as if it applied
    await chat.disconnect()


async def test_a_family_moving_to_england_is_told_a_plan_does_not_transfer(fake_rasa):
    chat = await connected()
    (reply,) = await ask(
        chat, "we are moving from Swansea to Bristol in the summer, will his IDP carry over?"
    )
    assert "does not transfer" in reply["text"] and "EHC needs assessment" in reply["text"]
    assert reply["links"][0]["url"] == "/guidance/requesting-an-assessment/"
    await chat.disconnect()


@pytest.mark.parametrize("message", ["I'd like to enquire about the local offer", "what is my NI number for"])
async def test_england_words_that_look_like_places_go_to_the_assistant(fake_rasa, message):
    chat = await connected()
    await ask(chat, message)
    assert len(fake_rasa.requests) == 1
    await chat.disconnect()
