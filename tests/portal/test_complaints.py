"""The complaint form and service: stored, referenced, acknowledged, due in 10 working days, once."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from portal import complaints, timeline
from portal.models import Complaint
from portal.references import next_reference
from tests.factories.portal import FinalPlanFactory, UserFactory, family

pytestmark = pytest.mark.django_db


def form_data(client, **overrides):
    """What a browser would post: the rendered form's hidden key plus the answers."""
    html = client.get(reverse("portal:complaint_new")).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html).group(1)
    data = {
        "idempotency_key": key,
        "category": "delay",
        "what_happened": "The final plan is four weeks late and nobody has called back.",
        "desired_outcome": "Issue the plan and tell us the new date.",
        "contact_name": "Alex Parent",
        "contact_email": "alex.parent@example.org",
        "contact_phone": "",
        "contact_preference": "email",
    }
    data.update(overrides)
    return data


def test_a_signed_out_complaint_is_stored_referenced_acknowledged_and_confirmed(client):
    response = client.post(reverse("portal:complaint_new"), form_data(client))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:complaint_confirmation", args=[complaint.public_id])
    assert re.fullmatch(rf"CMP-{timezone.localdate().year}-\d{{6}}", complaint.reference)
    assert complaint.stage1_due == timeline.complaint_stage1_due(timezone.localdate())
    assert complaint.submitted_by is None and complaint.channel == "web"

    page = client.get(response["Location"]).content.decode()
    assert "govuk-panel--confirmation" in page and complaint.reference in page
    assert f"{complaint.stage1_due.day} {complaint.stage1_due:%B %Y}" in page

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["alex.parent@example.org"] and complaint.reference in email.subject
    assert f"{complaint.stage1_due.day} {complaint.stage1_due:%B %Y}" in email.body


def test_a_double_submit_creates_one_complaint(client):
    data = form_data(client)
    first = client.post(reverse("portal:complaint_new"), data)
    second = client.post(reverse("portal:complaint_new"), data)
    assert Complaint.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1


def test_each_form_render_gets_a_new_key_so_two_real_complaints_are_two(client):
    client.post(reverse("portal:complaint_new"), form_data(client))
    client.post(reverse("portal:complaint_new"), form_data(client, what_happened="Something else happened."))
    assert Complaint.objects.count() == 2
    assert len(set(Complaint.objects.values_list("reference", flat=True))) == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"category": ""}, "category", "Select what your complaint is about"),
        ({"category": "bogus"}, "category", "Select what your complaint is about"),
        ({"what_happened": "   "}, "what_happened", "Enter what happened"),
        ({"what_happened": "x" * 5001}, "what_happened", "must be 5000 characters or fewer"),
        ({"desired_outcome": ""}, "desired_outcome", "Enter what you would like to happen"),
        ({"contact_name": ""}, "contact_name", "Enter your name"),
        ({"contact_email": "not-an-email"}, "contact_email", "Enter an email address in the correct format"),
        ({"contact_email": ""}, "contact_email", "Enter your email address so we can reply by email"),
        ({"contact_preference": "phone"}, "contact_phone", "Enter your phone number so we can call you"),
        ({"contact_phone": "call me"}, "contact_phone", "Enter a phone number"),
    ],
)
def test_bad_input_shows_errors_and_stores_nothing(client, overrides, field, message):
    response = client.post(reverse("portal:complaint_new"), form_data(client, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert f'href="#{field}"' in html and f'id="{field}-error"' in html
    assert not Complaint.objects.exists() and not mail.outbox


def test_a_signed_in_parent_can_complain_about_their_own_child_only(client):
    plan = FinalPlanFactory()
    parent, child = family(child=plan.child)
    other = FinalPlanFactory().child
    client.force_login(parent)
    html = client.get(reverse("portal:complaint_new") + f"?child={child.public_id}").content.decode()
    assert child.full_name in html and other.full_name not in html
    assert parent.email in html  # contact details prefilled from the account

    refused = client.post(reverse("portal:complaint_new"), form_data(client, child_id=str(other.public_id)))
    assert refused.status_code == 200 and not Complaint.objects.exists()

    client.post(reverse("portal:complaint_new"), form_data(client, child_id=str(child.public_id)))
    complaint = Complaint.objects.get()
    assert complaint.child == child and complaint.submitted_by == parent
    assert client.get(reverse("portal:complaint_list")).content.decode().count(complaint.reference) == 1


def test_a_confirmation_page_is_only_for_the_browser_that_made_the_complaint(client):
    response = client.post(reverse("portal:complaint_new"), form_data(client))
    client.cookies.clear()
    assert client.get(response["Location"]).status_code == 404


def test_references_are_sequential_per_year():
    assert next_reference("TST", 2026) == "TST-2026-000001"
    assert next_reference("TST", 2026) == "TST-2026-000002"
    assert next_reference("TST", 2027) == "TST-2027-000001"


def test_extension_adds_ten_working_days_with_a_reason():
    cleaned, errors = complaints.clean_submission(
        {
            "idempotency_key": "k1",
            "category": "communication",
            "what_happened": "No reply",
            "desired_outcome": "A reply",
            "contact_name": "A",
            "contact_email": "a@example.org",
        }
    )
    assert not errors
    complaint = complaints.create_complaint(cleaned).complaint
    complaints.extend(complaint, "Waiting for the school's account")
    complaint.refresh_from_db()
    assert complaint.extended_due == timeline.complaint_extended_due(complaint.stage1_due)
    assert complaint.due_date == complaint.extended_due


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_with_one_key_create_one_complaint():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in-memory test databases are not shared between threads")
    user = UserFactory()
    data = {
        "idempotency_key": "same-key-from-a-retry",
        "category": "delay",
        "what_happened": "Late",
        "desired_outcome": "Plan",
    }
    results = []

    def submit():
        cleaned, errors = complaints.clean_submission(data, user=user)
        assert not errors
        results.append(complaints.create_complaint(cleaned, user=user).complaint.reference)
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Complaint.objects.count() == 1 and len(set(results)) == 1 and len(results) == 4


def test_a_key_belongs_to_its_submitter_another_browser_gets_its_own_complaint(client):
    from django.test import Client

    data = form_data(client)
    first = client.post(reverse("portal:complaint_new"), data)
    stranger = Client()
    second = stranger.post(reverse("portal:complaint_new"), {**data, "contact_email": "mallory@example.org"})
    assert Complaint.objects.count() == 2
    assert first["Location"] != second["Location"]
    # The stranger cannot open the first person's confirmation (reference and email).
    assert stranger.get(first["Location"]).status_code == 404
    page = stranger.get(second["Location"]).content.decode()
    assert "alex.parent@example.org" not in page


def test_the_same_key_from_two_accounts_is_two_complaints():
    one, two = UserFactory(), UserFactory()
    data = {
        "idempotency_key": "shared",
        "category": "delay",
        "what_happened": "Late",
        "desired_outcome": "Plan",
    }
    first = complaints.create_complaint(complaints.clean_submission(data, user=one)[0], user=one).complaint
    second = complaints.create_complaint(complaints.clean_submission(data, user=two)[0], user=two).complaint
    assert first.pk != second.pk and first.submitted_by == one and second.submitted_by == two


def test_changed_answers_under_a_sent_key_are_refused_with_the_reference_not_dropped(client):
    data = form_data(client)
    client.post(reverse("portal:complaint_new"), data)
    stored = Complaint.objects.get()
    response = client.post(reverse("portal:complaint_new"), {**data, "desired_outcome": "An apology too."})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert f"You already sent this complaint (reference {stored.reference})" in page
    assert "changes have not been added" in page
    assert Complaint.objects.count() == 1
    assert Complaint.objects.get().desired_outcome == data["desired_outcome"]


def test_the_bot_api_refuses_changed_answers_under_a_sent_key(client, settings):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {settings.BOT_SERVICE_TOKEN}"}
    body = {
        "idempotency_key": "complaint-abc-123",
        "category": "delay",
        "what_happened": "Late",
        "desired_outcome": "Plan",
        "contact_name": "Sam",
        "contact_email": "sam@example.org",
    }
    url = reverse("portal:bot_complaints")
    first = client.post(url, body, content_type="application/json", **headers)
    again = client.post(url, body, content_type="application/json", **headers)
    changed = client.post(
        url, {**body, "desired_outcome": "Apology"}, content_type="application/json", **headers
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    assert changed.status_code == 409
    assert (
        changed.json()["error"] == "already_sent" and changed.json()["reference"] == first.json()["reference"]
    )
    assert Complaint.objects.count() == 1


def test_the_bot_can_ask_whether_a_complaint_reached_us_only_in_its_own_scope(client, settings):
    from portal.bot_auth import issue_user_token

    headers = {"HTTP_AUTHORIZATION": f"Bearer {settings.BOT_SERVICE_TOKEN}"}
    url = reverse("portal:bot_complaints")
    body = {
        "idempotency_key": "chat-lost-reply",
        "category": "delay",
        "what_happened": "Late",
        "desired_outcome": "Plan",
        "contact_name": "Sam",
        "contact_email": "sam@example.org",
    }
    assert client.get(url, {"idempotency_key": "chat-lost-reply"}, **headers).status_code == 404
    sent = client.post(url, body, content_type="application/json", **headers).json()
    found = client.get(url, {"idempotency_key": "chat-lost-reply"}, **headers)
    assert found.status_code == 200 and found.json()["reference"] == sent["reference"]
    # A signed-in family's lookups are in their own scope: the signed-out chat's key is not theirs.
    token = issue_user_token(UserFactory())
    mine = client.get(url, {"idempotency_key": "chat-lost-reply"}, HTTP_X_USER_TOKEN=token, **headers)
    assert mine.status_code == 404 and mine.json() == {"error": "not_found"}
