"""Rasa keeps the conversation but never the family's sign-in token (issue 10): the signed user token
that rides with each message is gone from every stored event, session metadata included."""

import sqlite3

import pytest

from .conftest import Chat, sign_in, text_of
from .data import parent_with_child

pytestmark = pytest.mark.stack


def test_a_signed_in_conversation_is_stored_without_the_user_token(stack, django_user_model):
    parent, _child = parent_with_child(django_user_model)
    with Chat(stack.web, sign_in(parent)) as chat:
        replies = chat.ask("Where is my child's plan?")
        chat.ask("thanks")
    assert "Maya" in text_of(replies)  # the action server had the token for this turn
    with sqlite3.connect(stack.rasa.trackers_db) as db:
        rows = db.execute("SELECT type_name, data FROM events").fetchall()
    assert any(type_name == "user" and "Where is my child" in data for type_name, data in rows)
    assert any(type_name == "session_started" for type_name, _data in rows)
    leaked = [data for _type, data in rows if "user_token" in data]
    assert leaked == []
