"""The case list and the case page: filters, search, query counts, edits, documents, parent links,
link codes, and the audit trail of every view and change."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import (
    AdviceRequest,
    AnnualReview,
    AuditEntry,
    Child,
    Document,
    EHCPlan,
    LinkCode,
    Outcome,
    OutcomeProgress,
    ParentLink,
)
from portal.models.links import hash_code

from .factories import (
    ChildFactory,
    ClockExceptionFactory,
    ParentLinkFactory,
    PlanFactory,
    ReviewFactory,
    SettingFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def text(response):
    return response.content.decode()


def case_url(plan, name="case"):
    return reverse(f"portal_staff:{name}", args=[plan.public_id])


# --- The list ---------------------------------------------------------------------------------------


@pytest.fixture
def caseload(caseworker):
    oak = SettingFactory(name="Oak Primary")
    other = StaffFactory(email="other.cw@example.org")
    late = PlanFactory(
        reference="EHC-LATE",
        child=ChildFactory(first_name="Lena", last_name="Lateby", setting=oak),
        request_date=TODAY - timedelta(weeks=25),
        decision_to_assess="yes",
        decision_date=TODAY - timedelta(weeks=20),
        caseworker=caseworker,
    )
    review_due = PlanFactory(
        reference="EHC-REVIEW",
        child=ChildFactory(first_name="Rafi", last_name="Reviewson"),
        request_date=TODAY - timedelta(days=800),
        decision_to_assess="yes",
        decision_date=TODAY - timedelta(days=770),
        draft_issued_date=TODAY - timedelta(days=700),
        final_issued_date=TODAY - timedelta(days=680),
        caseworker=other,
    )
    fresh = PlanFactory(
        reference="EHC-NEW", child=ChildFactory(first_name="Nora", last_name="Newman"), request_date=TODAY
    )
    return {"late": late, "review": review_due, "new": fresh, "oak": oak, "other": other}


def references(response):
    return re.findall(r">(EHC-[A-Z0-9]+)</a>", text(response))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["EHC-NEW", "EHC-LATE", "EHC-REVIEW"]),
        ({"q": "ehc-rev"}, ["EHC-REVIEW"]),
        ({"q": "nora newman"}, ["EHC-NEW"]),
        ({"q": "Lateby"}, ["EHC-LATE"]),
        ({"stage": "assessing"}, ["EHC-LATE"]),
        ({"stage": "plan"}, ["EHC-REVIEW"]),
        ({"overdue": "assessment"}, ["EHC-LATE"]),
        ({"overdue": "review"}, ["EHC-REVIEW"]),
        ({"overdue": "any"}, ["EHC-LATE", "EHC-REVIEW"]),
        ({"caseworker": "none"}, ["EHC-NEW"]),
        ({"order": "reference"}, ["EHC-LATE", "EHC-NEW", "EHC-REVIEW"]),
    ],
)
def test_search_and_filters(staff_client, caseload, query, expected):
    response = staff_client.get(reverse("portal_staff:cases"), query)
    assert response.status_code == 200
    assert references(response) == expected


def test_filter_by_caseworker_and_setting(staff_client, caseload, caseworker):
    by_caseworker = staff_client.get(reverse("portal_staff:cases"), {"caseworker": caseload["other"].pk})
    assert references(by_caseworker) == ["EHC-REVIEW"]
    by_setting = staff_client.get(reverse("portal_staff:cases"), {"setting": "oak prim"})
    assert references(by_setting) == ["EHC-LATE"]
    by_urn = staff_client.get(reverse("portal_staff:cases"), {"setting": caseload["oak"].urn})
    assert references(by_urn) == ["EHC-LATE"]


def test_overdue_steps_stand_out_in_the_list(staff_client, caseload):
    page = text(staff_client.get(reverse("portal_staff:cases")))
    row = page[page.index("EHC-LATE") :]
    row = row[: row.index("</tr>")]
    assert "w-bg-critical-200" in row and "Final plan issued" in row


def test_bad_filter_values_are_explained_not_a_crash(staff_client, caseload):
    response = staff_client.get(reverse("portal_staff:cases"), {"stage": "nonsense", "caseworker": "x"})
    assert response.status_code == 200
    assert "There is a problem" in text(response)


def test_a_clock_exception_keeps_a_case_off_the_overdue_list(staff_client, caseload):
    ClockExceptionFactory(
        plan=caseload["late"], start_date=TODAY - timedelta(weeks=19), end_date=TODAY - timedelta(weeks=12)
    )
    response = staff_client.get(reverse("portal_staff:cases"), {"overdue": "assessment"})
    assert references(response) == []


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal_staff:cases"), {"overdue": "any"}).status_code == 200
    return len(queries)


def _open_case_with_everything(n):
    plan = PlanFactory(request_date=TODAY - timedelta(days=300 + n), decision_to_assess="yes")
    AdviceRequest.objects.create(plan=plan, kind="ep", requested_date=plan.request_date + timedelta(days=50))
    ClockExceptionFactory(plan=plan, start_date=plan.request_date + timedelta(days=10))
    ReviewFactory(plan=plan)


def test_list_query_count_does_not_grow_with_cases(staff_client, caseload):
    _open_case_with_everything(0)
    few = _list_queries(staff_client)
    for n in range(1, 40):
        _open_case_with_everything(n)
    assert _list_queries(staff_client) == few


def test_list_pages(staff_client):
    for n in range(55):
        PlanFactory(reference=f"EHC-P{n:03d}", request_date=TODAY - timedelta(days=n))
    first = staff_client.get(reverse("portal_staff:cases"), {"order": "reference"})
    assert len(references(first)) == 50 and "Page 1 of 2" in text(first)
    second = staff_client.get(reverse("portal_staff:cases"), {"order": "reference", "p": 2})
    assert references(second) == [f"EHC-P{n:03d}" for n in range(50, 55)]


# --- The case page ------------------------------------------------------------------------------------


@pytest.fixture
def plan(caseworker):
    return PlanFactory(
        reference="EHC-000777",
        child=ChildFactory(first_name="Amira", last_name="Khan", date_of_birth=date(2016, 3, 14)),
        request_date=date(2025, 1, 6),
        decision_to_assess="yes",
        decision_date=date(2025, 2, 10),
        caseworker=caseworker,
    )


def test_case_page_shows_the_timeline_and_records_the_view(staff_client, plan, caseworker):
    response = staff_client.get(case_url(plan))

    page = text(response)
    assert "EHC-000777: Amira Khan" in page
    assert "Final plan issued" in page and "Overdue by" in page  # requested in January 2025, no final plan
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW, child=plan.child)
    assert entry.actor == caseworker and "EHC-000777" in entry.summary


def _case_queries(client, plan):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(case_url(plan)).status_code == 200
    return len(queries)


def _one_of_each(plan, n):
    AdviceRequest.objects.create(plan=plan, kind="health", requested_date=date(2025, 2, 11 + n))
    ClockExceptionFactory(plan=plan, start_date=date(2025, 3, 1 + n), end_date=date(2025, 3, 2 + n))
    ReviewFactory(plan=plan, due_date=date(2026, 1, 1 + n))
    outcome = Outcome.objects.create(plan=plan, area="cognition", description=f"Outcome {n}")
    OutcomeProgress.objects.create(outcome=outcome, recorded_on=date(2025, 6, 1), rating=2)
    ParentLinkFactory(child=plan.child)
    LinkCode.issue(plan.child)


def test_case_page_query_count_does_not_grow_with_records(staff_client, plan):
    _one_of_each(plan, 0)
    few = _case_queries(staff_client, plan)
    for n in range(1, 7):
        _one_of_each(plan, n)
    assert _case_queries(staff_client, plan) == few


def test_change_the_child_is_saved_and_audited(staff_client, plan, caseworker):
    setting = SettingFactory(name="Elm School")
    response = staff_client.post(
        case_url(plan, "child_edit"),
        {
            "first_name": "Amira",
            "last_name": "Khan-Smith",
            "date_of_birth": "2016-03-14",
            "setting": setting.pk,
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#child")
    plan.child.refresh_from_db()
    assert (plan.child.last_name, plan.child.setting) == ("Khan-Smith", setting)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE, child=plan.child)
    assert entry.actor == caseworker and entry.changes["last_name"] == ["Khan", "Khan-Smith"]


def test_case_events_are_checked(staff_client, plan):
    response = staff_client.post(
        case_url(plan, "plan_edit"),
        {
            "reference": "EHC-000777",
            "request_date": "2025-01-06",
            "request_source": "parent",
            "decision_to_assess": "yes",
            "decision_date": (TODAY + timedelta(days=5)).isoformat(),
            "draft_issued_date": "2025-05-01",
            "final_issued_date": "2025-04-01",
            "ceased_date": "2025-06-01",
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "The final plan cannot be issued before the draft" in page
    assert "This date is in the future" in page
    assert "Give the reason the plan ceased" in page
    plan.refresh_from_db()
    assert plan.draft_issued_date is None


def test_issuing_the_final_plan_moves_the_stage_and_tells_the_family(
    staff_client, plan, mailoutbox, django_capture_on_commit_callbacks
):
    ParentLinkFactory(child=plan.child, user__email="amira.parent@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            case_url(plan, "plan_edit"),
            {
                "reference": "ehc-000777",
                "request_date": "2025-01-06",
                "request_source": "parent",
                "decision_to_assess": "yes",
                "decision_date": "2025-02-10",
                "draft_issued_date": "2025-04-28",
                "final_issued_date": "2025-05-20",
            },
        )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.stage, plan.final_issued_date) == ("plan", date(2025, 5, 20))
    assert [m.to for m in mailoutbox] == [["amira.parent@example.org"]]


def test_add_change_and_delete_an_annual_review(staff_client, plan):
    plan.final_issued_date = date(2025, 5, 20)
    plan.save()
    add = reverse("portal_staff:section_add", args=[plan.public_id, "reviews"])
    response = staff_client.post(add, {"due_date": "2026-05-20", "meeting_date": "2026-05-11"})
    assert response.status_code == 302 and response["Location"].endswith("#reviews")
    review = AnnualReview.objects.get(plan=plan)

    duplicate = staff_client.post(add, {"due_date": "2026-05-20"})
    assert "This plan already has a review due on this date" in text(duplicate)

    edit = reverse("portal_staff:section_edit", args=[plan.public_id, "reviews", review.public_id])
    staff_client.post(edit, {"due_date": "2026-05-20", "meeting_date": "2026-05-12", "decision": ""})
    review.refresh_from_db()
    assert review.meeting_date == date(2026, 5, 12)

    delete = reverse("portal_staff:section_delete", args=[plan.public_id, "reviews", review.public_id])
    assert "Delete this annual review?" in text(staff_client.get(delete))
    staff_client.post(delete)
    assert not AnnualReview.objects.filter(plan=plan).exists()
    actions = list(
        AuditEntry.objects.filter(child=plan.child, object_type="annualreview").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["change", "create", "delete"]


def test_sections_of_another_case_are_not_found(staff_client, plan):
    other = PlanFactory()
    review = ReviewFactory(plan=other)
    url = reverse("portal_staff:section_edit", args=[plan.public_id, "reviews", review.public_id])
    assert staff_client.get(url).status_code == 404
    assert (
        staff_client.get(
            reverse("portal_staff:section_edit", args=[plan.public_id, "advice", "x"])
        ).status_code
        == 404
    )
    assert (
        staff_client.get(reverse("portal_staff:section_add", args=[plan.public_id, "nothing"])).status_code
        == 404
    )


def test_clock_exception_and_advice(staff_client, plan):
    staff_client.post(
        reverse("portal_staff:section_add", args=[plan.public_id, "exceptions"]),
        {"reason": "personal", "start_date": "2025-03-01", "end_date": "2025-03-31", "note": "Hospital stay"},
    )
    bad = staff_client.post(
        reverse("portal_staff:section_add", args=[plan.public_id, "advice"]),
        {"kind": "ep", "requested_date": "2025-03-01", "received_date": "2025-02-01"},
    )
    assert "Advice cannot be received before it was asked for" in text(bad)
    assert plan.exceptions.get().note == "Hospital stay"
    assert not plan.advice.exists()


def test_outcome_and_progress(staff_client, plan, caseworker):
    staff_client.post(
        reverse("portal_staff:section_add", args=[plan.public_id, "outcomes"]),
        {"area": "communication", "description": "Amira will ask for help in class", "position": 1},
    )
    outcome = plan.outcomes.get()
    add_progress = reverse("portal_staff:section_add", args=[plan.public_id, "progress"])
    assert f'value="{outcome.pk}" selected' in text(staff_client.get(add_progress, {"outcome": outcome.pk}))
    staff_client.post(
        add_progress, {"outcome": outcome.pk, "recorded_on": "2025-09-01", "rating": 3, "note": "Often"}
    )
    progress = outcome.progress.get()
    assert (progress.rating, progress.recorded_by) == (3, caseworker)
    # Only this plan's outcomes may be chosen.
    other = Outcome.objects.create(plan=PlanFactory(), area="semh", description="Someone else's")
    response = staff_client.post(
        add_progress, {"outcome": other.pk, "recorded_on": "2025-09-01", "rating": 3}
    )
    assert "Select a valid choice" in text(response)


def test_document_upload_download_and_delete(staff_client, plan, settings):
    add = reverse("portal_staff:section_add", args=[plan.public_id, "documents"])
    refused = staff_client.post(
        add, {"kind": "plan", "title": "Plan", "file": SimpleUploadedFile("plan.exe", b"MZ")}
    )
    assert "The file must be one of" in text(refused)

    staff_client.post(
        add,
        {
            "kind": "plan",
            "title": "Final EHC plan",
            "file": SimpleUploadedFile("final plan.pdf", b"%PDF-1.7 test"),
        },
    )
    document = Document.objects.get(plan=plan)
    assert document.original_filename == "final plan.pdf"
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    assert "Amira" not in document.file.name

    download = staff_client.get(reverse("portal_staff:document_download", args=[plan.public_id, document.id]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7 test"
    assert 'filename="final plan.pdf"' in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD, child=plan.child).exists()

    path = document.file.path
    staff_client.post(reverse("portal_staff:section_delete", args=[plan.public_id, "documents", document.id]))
    assert not Document.objects.exists()
    import os

    assert not os.path.exists(path)


def test_remove_a_parent_link(staff_client, plan, caseworker):
    link = ParentLinkFactory(child=plan.child, user__email="old.carer@example.org")
    url = reverse("portal_staff:link_remove", args=[plan.public_id, link.pk])
    assert "old.carer@example.org will no longer see" in text(staff_client.get(url))

    response = staff_client.post(url)

    assert response.status_code == 302
    assert not ParentLink.objects.filter(pk=link.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UNLINK, child=plan.child)
    assert entry.actor == caseworker


def test_a_link_to_another_child_cannot_be_removed_here(staff_client, plan):
    link = ParentLinkFactory()
    assert (
        staff_client.post(reverse("portal_staff:link_remove", args=[plan.public_id, link.pk])).status_code
        == 404
    )
    assert ParentLink.objects.filter(pk=link.pk).exists()


def test_issue_a_link_code_shown_once(staff_client, plan, caseworker):
    response = staff_client.post(
        reverse("portal_staff:code_issue", args=[plan.public_id]), {"relationship": "carer"}
    )

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    code = re.search(r'id="link-code">([A-Z0-9-]+)<', text(response)).group(1)
    stored = LinkCode.objects.get(child=plan.child)
    assert stored.code_hash == hash_code(code) and stored.relationship == "carer"
    assert stored.created_by == caseworker
    case_page = text(staff_client.get(case_url(plan)))
    assert code not in case_page and code.replace("-", "") not in case_page
    assert f"…{stored.hint}" in case_page
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ISSUE_CODE, child=plan.child).exists()
    assert staff_client.get(reverse("portal_staff:code_issue", args=[plan.public_id])).status_code == 405


def test_add_a_case_for_a_new_child_and_for_a_child_on_record(staff_client, plan, caseworker):
    response = staff_client.post(
        reverse("portal_staff:case_new"),
        {
            "first_name": "Ben",
            "last_name": "Lee",
            "date_of_birth": "2014-09-01",
            "reference": "ehc-000900",
            "caseworker": caseworker.pk,
            "request_date": "2026-01-05",
            "request_source": "school",
        },
    )
    new = EHCPlan.objects.get(reference="EHC-000900")
    assert response["Location"] == case_url(new)
    assert (new.child.full_name, new.stage) == ("Ben Lee", "requested")

    missing = staff_client.post(reverse("portal_staff:case_new"), {"reference": "EHC-000901"})
    assert (
        "There is a problem" in text(missing) and not EHCPlan.objects.filter(reference="EHC-000901").exists()
    )

    staff_client.post(
        reverse("portal_staff:case_new"),
        {
            "child": str(plan.child.public_id),
            "reference": "EHC-000902",
            "request_date": "2026-01-05",
            "request_source": "parent",
        },
    )
    assert EHCPlan.objects.get(reference="EHC-000902").child == plan.child
    assert Child.objects.count() == 2


def test_case_history_lists_views_and_changes(staff_client, plan):
    staff_client.get(case_url(plan))
    staff_client.post(
        case_url(plan, "child_edit"),
        {"first_name": "Amy", "last_name": "Khan", "date_of_birth": "2016-03-14"},
    )
    page = text(staff_client.get(case_url(plan, "case_history")))
    assert "Staff viewed case EHC-000777" in page
    assert "first_name: Amira → Amy" in page
