"""Staff read callback requests and conversations in the Wagtail admin; families never can."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from chatbot.models import CallbackRequest, Conversation, Message
from tests.factories.portal import sign_in_with_mfa

pytestmark = pytest.mark.django_db


def admin_user(django_user_model, email, is_staff):
    user = django_user_model.objects.create_user(
        email=email, password="a-long-test-password", is_staff=is_staff
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def caseworker(django_user_model):
    return admin_user(django_user_model, "caseworker@example.org", is_staff=True)


@pytest.fixture
def editor(django_user_model):
    """A communications editor: may use the Wagtail admin, but is not SEND staff."""
    return admin_user(django_user_model, "editor@example.org", is_staff=False)


@pytest.fixture
def callback():
    conversation = Conversation.objects.create()
    Message.objects.create(conversation=conversation, sender="user", text="Please ring me about the review")
    return CallbackRequest.objects.create(
        idempotency_key="k1",
        conversation=conversation,
        contact_name="Alex Family",
        contact_email="alex@example.org",
        reason="Wants to discuss the annual review",
        transcript=[
            {"sender": "user", "text": "Please ring me about the review", "at": "2026-03-02T10:00:00Z"}
        ],
    )


def test_staff_see_the_callback_list_and_the_transcript(client, caseworker, callback):
    sign_in_with_mfa(client, caseworker)  # staff pages need a second factor
    listing = client.get(reverse("chat_callbacks:index"))
    assert listing.status_code == 200
    assert callback.reference in listing.text and "Alex Family" in listing.text
    inspect = client.get(reverse("chat_callbacks:inspect", args=[callback.pk]))
    assert inspect.status_code == 200
    assert "Please ring me about the review" in inspect.text


def test_staff_mark_a_callback_done(client, caseworker, callback):
    sign_in_with_mfa(client, caseworker)  # staff pages need a second factor
    response = client.post(
        reverse("chat_callbacks:edit", args=[callback.pk]),
        {"status": "done", "staff_notes": "Rang on Tuesday."},
    )
    assert response.status_code == 302
    callback.refresh_from_db()
    assert callback.status == "done" and callback.done_by == caseworker and callback.done_at is not None
    assert callback.staff_notes == "Rang on Tuesday."


def test_staff_cannot_create_or_delete_callbacks(client, caseworker, callback):
    sign_in_with_mfa(client, caseworker)  # staff pages need a second factor
    assert client.get(reverse("chat_callbacks:add")).status_code in (302, 403)
    assert client.post(reverse("chat_callbacks:delete", args=[callback.pk])).status_code in (302, 403)
    assert CallbackRequest.objects.filter(pk=callback.pk).exists()


def test_staff_read_a_conversation(client, caseworker, callback):
    sign_in_with_mfa(client, caseworker)  # staff pages need a second factor
    listing = client.get(reverse("chat_conversations:index"))
    assert listing.status_code == 200
    page = client.get(reverse("chat_conversations:inspect", args=[callback.conversation.pk]))
    assert page.status_code == 200 and "Please ring me about the review" in page.text


def test_search_finds_a_callback_by_name(client, caseworker, callback):
    sign_in_with_mfa(client, caseworker)  # staff pages need a second factor
    response = client.get(reverse("chat_callbacks:index"), {"q": "Alex"})
    assert callback.reference in response.text
    response = client.get(reverse("chat_callbacks:index"), {"q": "Nobody"})
    assert callback.reference not in response.text


@pytest.mark.parametrize(
    "url",
    [
        lambda cb: reverse("chat_callbacks:index"),
        lambda cb: reverse("chat_callbacks:inspect", args=[cb.pk]),
        lambda cb: reverse("chat_conversations:inspect", args=[cb.conversation.pk]),
    ],
)
def test_non_staff_admin_users_cannot_read_chats(client, editor, callback, url):
    client.force_login(editor)
    response = client.get(url(callback))
    assert response.status_code in (302, 403)
    assert "Please ring me" not in response.text and "Alex Family" not in response.text


def test_families_cannot_reach_the_admin(client, parent, callback):
    client.force_login(parent)
    response = client.get(reverse("chat_callbacks:index"))
    assert response.status_code == 302
