"""Whole conversations through /ws/chat/ with the real Rasa server, action server and web app."""

import re

import pytest

from .conftest import Chat, buttons_of, links_of, sign_in, text_of, wait_for_chat_writes
from .data import FAQ_ANSWER, faq_answer, parent_with_child

pytestmark = pytest.mark.stack


def test_process_question_is_answered_from_the_faq_staff_wrote(stack):
    faq_answer()
    with Chat(stack.web) as chat:
        replies = chat.ask("What is an EHCP?")
    assert all(reply["type"] == "bot" for reply in replies), replies
    assert FAQ_ANSWER in text_of(replies)


def test_editing_the_faq_changes_the_next_answer_without_retraining(stack):
    faq = faq_answer()
    faq.answer = "Stack-test edited answer about EHC plans."
    faq.save()
    with Chat(stack.web) as chat:
        replies = chat.ask("what is an education health and care plan")
    assert "Stack-test edited answer" in text_of(replies)


def test_signed_in_parent_asks_where_the_plan_is(stack, django_user_model):
    parent, child = parent_with_child(django_user_model)
    with Chat(stack.web, sign_in(parent)) as chat:
        replies = chat.ask("Where is my child's plan?")
    text = text_of(replies)
    assert "Maya" in text, replies
    assert re.search(r"overdue|late", text, re.I), text  # the 6-week decision is 2 weeks late
    assert any(link["url"] == f"/portal/children/{child.public_id}/" for link in links_of(replies)), replies


def test_signed_out_visitor_asking_about_a_plan_is_told_to_sign_in_and_shown_nothing(
    stack, django_user_model
):
    parent_with_child(django_user_model)
    with Chat(stack.web) as chat:
        replies = chat.ask("where is my son's EHCP up to?")
    text = text_of(replies)
    assert re.search(r"sign in", text, re.I), replies
    assert any("/accounts/login/" in link["url"] for link in links_of(replies)), replies
    assert "Maya" not in text and "Stacktest" not in text


# What a family types at each question of the complaint form, by what the question asks about.
COMPLAINT_ANSWERS = [
    (
        r"like help with|help you with|what is it about|reason",
        "I need to talk about my son's school transport.",
    ),
    (
        r"what happened|tell us what|describe",
        "The draft plan was due in March and nobody has told us why it is late.",
    ),
    (
        r"outcome|put .{0,20}right|like .{0,30}to do|want to happen",
        "We want the final plan issued and a date.",
    ),
    (r"full name|your name|called", "Sam Stacktest"),
    (r"e-?mail", "sam.stacktest@example.org"),
    (r"phone|telephone|number", "01632 960 001"),
]


def _answer_form_question(replies):
    """The next thing to send: a button's payload or a typed answer, chosen from the bot's question."""
    buttons = buttons_of(replies)
    question = text_of(replies)
    if buttons:
        titles = [button["title"].lower() for button in buttons]
        for wanted in ("delay", "yes", "confirm", "submit", "correct"):
            for button, title in zip(buttons, titles, strict=True):
                if wanted in title:
                    return button["payload"]
        return buttons[0]["payload"]
    for pattern, answer in COMPLAINT_ANSWERS:
        if re.search(pattern, question, re.I):
            return answer
    raise AssertionError(f"unexpected question in the form: {question!r}")


def answer_form_until(chat, replies, pattern, turns=15):
    """Answer the form's questions until a reply matches ``pattern``; returns that reply."""
    for _turn in range(turns):
        if re.search(pattern, text_of(replies), re.I):
            return replies
        replies = chat.ask(_answer_form_question(replies))
    raise AssertionError(f"no reply matching {pattern!r} after {turns} turns: {chat.transcript}")


def test_complaint_ends_with_a_reference_that_is_stored(stack):
    from portal.models import Complaint

    with Chat(stack.web) as chat:
        replies = answer_form_until(chat, chat.ask("I want to make a complaint"), r"CMP-\d{4}-\d{6}")
    reference = re.search(r"CMP-\d{4}-\d{6}", text_of(replies)).group(0)
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.contact_email == "sam.stacktest@example.org"
    assert "nobody has told us why" in complaint.what_happened
    assert re.search(r"\d{1,2} \w+ \d{4}|\d{4}-\d{2}-\d{2}", text_of(replies)), "no stage 1 due date given"


def test_asking_for_a_person_stores_a_callback_request_with_the_transcript(stack):
    from chatbot.models import CallbackRequest

    with Chat(stack.web) as chat:
        replies = answer_form_until(chat, chat.ask("Can I talk to someone please?"), r"CB-\d{4}-\d{6}", 10)
    reference = re.search(r"CB-\d{4}-\d{6}", text_of(replies)).group(0)
    callback = CallbackRequest.objects.get(reference=reference)
    assert callback.contact_email == "sam.stacktest@example.org" or callback.contact_phone
    assert "school transport" in callback.reason
    assert any("talk to someone" in line["text"] for line in callback.transcript), callback.transcript
    assert callback.conversation is not None  # linked to the stored conversation staff can open


def test_action_server_stopped_mid_conversation_the_bot_says_so_plainly(stack):
    faq_answer()
    with Chat(stack.web) as chat:
        first = chat.ask("What is an EHCP?")
        assert FAQ_ANSWER in text_of(first)
        stack.actions.stop()
        try:
            replies = chat.ask("What is an EHCP?")
        finally:
            stack.actions.start()
        # Rasa itself is up, so the reply comes from it: a plain apology, never a crash or silence.
        text = text_of(replies)
        assert re.search(r"sorry|can't|cannot|not (working|available)", text, re.I), replies
        assert FAQ_ANSWER not in text
        assert any(link["url"] == "/contact-us/" for link in links_of(replies)) or "SEND team" in text
        # And once the action server is back, the same conversation carries on.
        again = chat.ask("What is an EHCP?")
        assert FAQ_ANSWER in text_of(again)


def test_rasa_itself_down_gives_the_widget_error(stack, settings):
    from .servers import free_port

    settings.RASA_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with Chat(stack.web) as chat:
        (reply,) = chat.ask("hello")
    assert reply["type"] == "error" and "not working at the moment" in reply["text"]


def test_conversation_is_stored_for_staff(stack):
    from chatbot.models import Conversation

    faq_answer()
    with Chat(stack.web) as chat:
        chat.ask("What is an EHCP?")
    # Exchanges are written in the background, in batches, a moment after the reply.
    wait_for_chat_writes()
    conversation = Conversation.objects.get()
    texts = list(conversation.messages.values_list("sender", "text"))
    assert texts[0] == ("user", "What is an EHCP?")
    assert any(sender == "bot" and FAQ_ANSWER in text for sender, text in texts)


def test_an_entry_an_editor_adds_is_answered_at_once_without_retraining(stack, django_user_model):
    """Through the real Rasa and action server: an editor drafts a new knowledge base entry, a
    moderator publishes it, and the very next question about it gets its answer."""
    from cms.models import FAQAnswer

    faq_answer()
    moderator = django_user_model.objects.create_superuser(
        email="stack.moderator@example.org", password="x" * 20
    )
    entry = FAQAnswer(
        key="respite_short_breaks",
        question="Can we get short breaks (respite) for our disabled child?",
        answer="Yes: the council's short breaks service offers day, evening and overnight respite. "
        "Ask the SEND team for a short breaks assessment.",
        examples="how do we get respite for our son\nshort breaks for disabled children near us",
        live=False,
    )
    entry.save()
    with Chat(stack.web) as chat:
        before = text_of(chat.ask("are there short breaks for disabled children near us"))
        assert "short breaks service" not in before
        entry.save_revision(user=moderator).publish(user=moderator)
        after = text_of(chat.ask("are there short breaks for disabled children near us"))
    assert "short breaks service offers day, evening and overnight respite" in after, after
