"""Complaints and early review requests for staff, the import pages, and the dashboard page."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import timeline
from portal.models import AuditEntry, Complaint, EarlyReviewRequest, EHCPlan, ParentLink
from portal.staff.permissions import ensure_caseworkers_group
from tests.factories.portal import sign_in_with_mfa

from .factories import ComplaintFactory, PlanFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def text(response):
    return response.content.decode()


# --- Complaints ----------------------------------------------------------------------------------------


def test_complaints_list_puts_overdue_first_and_flags_them(staff_client):
    ComplaintFactory(reference="CMP-2026-000001", stage1_due=TODAY + timedelta(days=5))
    ComplaintFactory(reference="CMP-2026-000002", stage1_due=TODAY - timedelta(days=3))
    ComplaintFactory(reference="CMP-2026-000003", status="closed", stage1_due=TODAY - timedelta(days=30))

    page = text(staff_client.get(reverse("portal_staff:complaints")))

    assert re.findall(r">(CMP-2026-\d+)</a>", page) == ["CMP-2026-000002", "CMP-2026-000001"]
    assert "Overdue by 3 days" in page
    closed = text(staff_client.get(reverse("portal_staff:complaints"), {"status": "closed"}))
    assert re.findall(r">(CMP-2026-\d+)</a>", closed) == ["CMP-2026-000003"]
    overdue = text(staff_client.get(reverse("portal_staff:complaints"), {"status": "open", "overdue": "on"}))
    assert re.findall(r">(CMP-2026-\d+)</a>", overdue) == ["CMP-2026-000002"]


def test_assign_a_complaint(staff_client, caseworker):
    complaint = ComplaintFactory()
    colleague = StaffFactory(email="colleague@example.org")
    url = reverse("portal_staff:complaint_assign", args=[complaint.public_id])

    response = staff_client.post(url, {"assigned_to": colleague.pk})

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.assigned_to == colleague
    unassigned = text(staff_client.get(reverse("portal_staff:complaints"), {"assigned": "none"}))
    assert re.findall(r">(CMP-2026-\d+)</a>", unassigned) == []


def test_extend_needs_a_reason_and_happens_once(staff_client, caseworker):
    complaint = ComplaintFactory(stage1_due=date(2026, 1, 20), child=PlanFactory().child)
    url = reverse("portal_staff:complaint_extend", args=[complaint.public_id])

    refused = staff_client.post(url, {"reason": "  "})
    assert refused.status_code == 400 and "Give a reason for the extension" in text(refused)

    staff_client.post(url, {"reason": "Waiting for the school's account"})
    complaint.refresh_from_db()
    assert complaint.extended_due == timeline.complaint_extended_due(date(2026, 1, 20))
    assert complaint.extension_reason == "Waiting for the school's account"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE, object_type="complaint")
    assert entry.actor == caseworker

    again = staff_client.post(url, {"reason": "More time"})
    assert again.status_code == 400 and "already been extended once" in text(again)


def test_close_needs_an_outcome(staff_client):
    complaint = ComplaintFactory()
    url = reverse("portal_staff:complaint_close", args=[complaint.public_id])

    assert staff_client.post(url, {"outcome": ""}).status_code == 400
    staff_client.post(url, {"outcome": "Apologised; plan issued on 3 March."})

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED and complaint.closed_at is not None
    detail = text(staff_client.get(reverse("portal_staff:complaint", args=[complaint.public_id])))
    assert "Apologised; plan issued on 3 March." in detail and "Close the complaint" not in detail


def test_viewing_a_complaint_about_a_child_is_audited(staff_client, caseworker):
    complaint = ComplaintFactory(child=PlanFactory().child)
    staff_client.get(reverse("portal_staff:complaint", args=[complaint.public_id]))
    assert AuditEntry.objects.filter(action="view", child=complaint.child, actor=caseworker).exists()


# --- Early review requests -------------------------------------------------------------------------------


def test_early_review_requests_reply(
    staff_client, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    plan = PlanFactory(caseworker=caseworker)
    parent = UserFactory(email="amira.parent@example.org")
    ParentLink.objects.create(user=parent, child=plan.child)
    request = EarlyReviewRequest.objects.create(plan=plan, reason="Amira has a new diagnosis")
    listing = text(staff_client.get(reverse("portal_staff:early_reviews")))
    assert plan.reference in listing and "Waiting 0 days" in listing

    url = reverse("portal_staff:early_review", args=[request.public_id])
    assert "Amira has a new diagnosis" in text(staff_client.get(url))
    refused = staff_client.post(url, {"status": "agreed", "response": ""})
    assert refused.status_code == 400 and "Write a reply" in text(refused)

    with django_capture_on_commit_callbacks(execute=True):  # the email goes once the reply is stored
        staff_client.post(url, {"status": "agreed", "response": "We will hold a review in March."})

    request.refresh_from_db()
    assert (request.status, request.responded_by) == ("agreed", caseworker)
    assert request.responded_at is not None
    # The family hears the answer without having to sign in to look for it.
    [email] = [m for m in mailoutbox if m.to == ["amira.parent@example.org"]]
    assert "agreed your request for an early review" in email.body
    assert "We will hold a review in March." in email.body
    assert f"/portal/children/{plan.child.public_id}/" in email.body
    assert f">{plan.reference}</a>" not in text(staff_client.get(reverse("portal_staff:early_reviews")))


def test_long_waiting_requests_stand_out(staff_client):
    request = EarlyReviewRequest.objects.create(plan=PlanFactory(), reason="Needs changed")
    EarlyReviewRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=30))
    assert "Waiting 30 days</strong>" in text(staff_client.get(reverse("portal_staff:early_reviews")))


# --- Import pages ------------------------------------------------------------------------------------------

CSV = (
    "reference,child_first_name,child_last_name,child_date_of_birth,request_date,request_source\n"
    "EHC-100001,Amira,Khan,2016-03-14,2026-01-05,school\n"
    "EHC-100002,Ben,Lee,not a date,2026-01-05,parent\n"
)


def upload(client, content=CSV, name="plans.csv"):
    return client.post(reverse("portal_staff:import"), {"file": SimpleUploadedFile(name, content.encode())})


def token_of(response):
    return re.search(r'name="token" value="([^"]+)"', text(response)).group(1)


def test_upload_shows_the_dry_run_then_apply(staff_client, caseworker):
    dry = upload(staff_client)

    page = text(dry)
    assert "Dry run of plans.csv: nothing has been changed yet" in page
    assert "child_date_of_birth &#x27;not a date&#x27; is not a date" in page
    assert not EHCPlan.objects.exists()
    token = token_of(dry)

    applied = staff_client.post(reverse("portal_staff:import_apply"), {"token": token})

    assert "plans.csv imported" in text(applied)
    assert list(EHCPlan.objects.values_list("reference", flat=True)) == ["EHC-100001"]
    assert AuditEntry.objects.filter(action="import", actor=caseworker).count() == 2
    assert storages["private"].listdir("imports")[1] == []  # the upload is gone

    again = staff_client.post(reverse("portal_staff:import_apply"), {"token": token}, follow=True)
    assert "already been imported" in text(again)
    assert EHCPlan.objects.count() == 1


def test_cancel_removes_the_upload(staff_client):
    token = token_of(upload(staff_client))
    response = staff_client.post(reverse("portal_staff:import_cancel"), {"token": token}, follow=True)
    assert "nothing was changed" in text(response)
    assert storages["private"].listdir("imports")[1] == []
    assert not EHCPlan.objects.exists()


def test_another_user_cannot_apply_my_upload(staff_client, client):
    token = token_of(upload(staff_client))
    other = StaffFactory()
    other.groups.add(ensure_caseworkers_group())
    sign_in_with_mfa(client, other)
    response = client.post(reverse("portal_staff:import_apply"), {"token": token}, follow=True)
    assert "already been imported" in text(response)
    assert not EHCPlan.objects.exists()


def test_forged_token_is_refused(staff_client):
    response = staff_client.post(
        reverse("portal_staff:import_apply"), {"token": "imports/x.csv"}, follow=True
    )
    assert "already been imported" in text(response)


def test_wrong_kind_of_file_and_unreadable_file(staff_client):
    wrong = upload(staff_client, "hello", name="plans.docx")
    assert wrong.status_code == 400 and "Choose a CSV (.csv) or Excel (.xlsx) file" in text(wrong)
    unreadable = upload(staff_client, "not a workbook", name="plans.xlsx")
    assert "The file was not imported: The file could not be opened as an Excel (.xlsx) workbook." in text(
        unreadable
    )
    assert 'name="token"' not in text(unreadable)


def test_template_download(staff_client):
    response = staff_client.get(reverse("portal_staff:import_template"))
    assert response["Content-Type"].startswith("text/csv")
    header = response.content.decode().splitlines()[0].split(",")
    assert (
        header[0] == "reference"
        and "review_due_date" in header
        and len(response.content.decode().splitlines()) == 1
    )


# --- Dashboard page --------------------------------------------------------------------------------------


def test_dashboard_page_and_csv(staff_client):
    PlanFactory(
        request_date=date(TODAY.year, 1, 2) - timedelta(weeks=20),
        decision_to_assess="yes",
        final_issued_date=date(TODAY.year, 1, 2),
        request_source="school",
    )
    ComplaintFactory(stage1_due=TODAY - timedelta(days=2))

    page = text(staff_client.get(reverse("portal_staff:dashboard")))
    assert f"Timeliness in {TODAY.year}" in page
    assert "100.0%" in page
    assert "England in 2024: 46.4%" in page

    csv_text = staff_client.get(reverse("portal_staff:dashboard_csv")).content.decode()
    assert f"final plans,{TODAY.year} issued within 20 weeks,1" in csv_text
    assert "complaints,open and overdue,1" in csv_text


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal_staff:dashboard")).status_code == 200
    return len(queries)


def test_dashboard_page_query_count_is_fixed(staff_client):
    PlanFactory(request_date=TODAY - timedelta(days=10))
    few = _dashboard_queries(staff_client)
    for n in range(30):
        PlanFactory(request_date=TODAY - timedelta(days=n * 20), decision_to_assess="yes")
        ComplaintFactory()
    assert _dashboard_queries(staff_client) == few
