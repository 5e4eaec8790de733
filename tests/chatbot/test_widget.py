"""The widget markup and the conversation view the widget reloads from."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from chatbot.history import SESSION_KEY
from chatbot.models import Conversation, Message

pytestmark = pytest.mark.django_db


def widget_html():
    return render_to_string("chatbot/widget.html", request=RequestFactory().get("/"))


def test_without_javascript_the_widget_offers_the_complaint_form_and_contact_page():
    html = widget_html()
    fallback = re.search(r'<p class="govuk-body app-chat__fallback">(.*?)</p>', html, re.S).group(1)
    assert 'href="/complaints/new/"' in fallback and 'href="/contact-us/"' in fallback
    # The chat's own controls stay hidden until chat.js takes over.
    assert re.search(r"<button[^>]*app-chat__launcher[^>]*hidden", html)
    assert re.search(r'<div class="app-chat__panel" id="app-chat-panel" hidden>', html)


def test_chat_panel_is_accessible_and_csp_clean():
    html = widget_html()
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert '<label class="govuk-label" for="app-chat-input">' in html
    assert 'aria-controls="app-chat-panel"' in html and 'aria-expanded="false"' in html
    assert 'data-ws-path="/ws/chat/"' in html
    assert "style=" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)


def test_conversation_view_starts_a_conversation_in_the_session(client):
    response = client.get("/chat/conversation/")
    assert response.status_code == 200
    assert response.json() == {"messages": []}
    assert response.headers["Cache-Control"].startswith("max-age=0")
    conversation_id = client.session[SESSION_KEY]
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id)
    assert client.get("/chat/conversation/").status_code == 200
    assert client.session[SESSION_KEY] == conversation_id  # the same one after a reload


def test_conversation_view_returns_only_this_sessions_messages(client):
    client.get("/chat/conversation/")
    mine = Conversation.objects.create(public_id=client.session[SESSION_KEY])
    Message.objects.create(conversation=mine, sender="user", text="my question")
    Message.objects.create(
        conversation=mine, sender="bot", text="the answer", links=[{"title": "Guide", "url": "/guidance/"}]
    )
    other = Conversation.objects.create()
    Message.objects.create(conversation=other, sender="user", text="someone else's question")
    messages = client.get("/chat/conversation/").json()["messages"]
    assert messages == [
        {"sender": "user", "text": "my question", "links": []},
        {"sender": "bot", "text": "the answer", "links": [{"title": "Guide", "url": "/guidance/"}]},
    ]


def test_conversation_view_is_get_only(client):
    assert client.post("/chat/conversation/").status_code == 405


def test_the_chat_links_the_privacy_notice(client):
    from django.template.loader import render_to_string

    html = render_to_string("chatbot/widget.html")
    assert 'href="/privacy/">How we use and keep conversations</a>' in html
