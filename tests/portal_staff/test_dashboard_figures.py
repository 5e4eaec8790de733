"""The timeliness dashboard's figures: right on a small known data set, in agreement with the
timeline engine on a large random one, and from a fixed number of queries."""

import random
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from portal import cases, dashboard, timeline
from portal.models import AnnualReview, Complaint, EHCPlan

from .factories import ChildFactory, ClockExceptionFactory, ComplaintFactory, PlanFactory, ReviewFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 15)


def plan(**fields):
    return PlanFactory(**fields)


def aware(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


def test_twenty_week_timeliness_by_month():
    # January: one on time (exactly 20 weeks), one a day late.
    plan(
        request_date=date(2025, 8, 20),
        decision_to_assess="yes",
        final_issued_date=date(2025, 8, 20) + timedelta(weeks=20),
    )
    plan(
        request_date=date(2025, 8, 20),
        decision_to_assess="yes",
        final_issued_date=date(2025, 8, 20) + timedelta(days=141),
    )
    # March: late by the calendar, but a 30-day clock exception during the assessment makes it on time.
    late = plan(request_date=date(2025, 10, 1), decision_to_assess="yes", final_issued_date=date(2026, 3, 10))
    ClockExceptionFactory(plan=late, start_date=date(2025, 11, 1), end_date=date(2025, 11, 30))
    # Issued last year: not counted.
    plan(request_date=date(2025, 1, 6), decision_to_assess="yes", final_issued_date=date(2025, 5, 1))

    figures = dashboard.build(TODAY)

    by_month = {m.month.month: m for m in figures.months}
    assert [m.month.month for m in figures.months] == [1, 2, 3, 4, 5, 6, 7]
    assert (by_month[1].issued, by_month[1].within, by_month[1].percent) == (2, 1, 50.0)
    assert (by_month[3].issued, by_month[3].within, by_month[3].with_exception) == (1, 1, 1)
    assert by_month[2].issued == 0 and by_month[2].percent is None
    assert (figures.issued_this_year, figures.within_this_year) == (3, 2)
    assert figures.percent_this_year == pytest.approx(66.7)


def test_open_assessments_by_stage_and_past_the_deadline():
    plan(request_date=TODAY - timedelta(days=10))  # requested, in time
    plan(
        request_date=TODAY - timedelta(weeks=21),
        decision_to_assess="yes",
        decision_date=TODAY - timedelta(weeks=16),
    )
    plan(
        request_date=TODAY - timedelta(weeks=19),
        decision_to_assess="yes",
        decision_date=TODAY - timedelta(weeks=15),
    )
    draft = plan(
        request_date=TODAY - timedelta(weeks=22),
        decision_to_assess="yes",
        draft_issued_date=TODAY - timedelta(weeks=3),
    )
    # A six-week exception keeps this draft inside its (moved) deadline.
    ClockExceptionFactory(
        plan=draft, start_date=TODAY - timedelta(weeks=18), end_date=TODAY - timedelta(weeks=12)
    )
    plan(
        request_date=TODAY - timedelta(weeks=30),
        decision_to_assess="no",
        decision_date=TODAY - timedelta(weeks=25),
    )

    stages = {s.stage: s for s in dashboard.build(TODAY).stages}

    assert (stages["requested"].open, stages["requested"].past_20_weeks) == (1, 0)
    assert (stages["assessing"].open, stages["assessing"].past_20_weeks) == (2, 1)
    assert (stages["draft"].open, stages["draft"].past_20_weeks) == (1, 0)


def test_requests_by_source_this_year():
    for source in ["parent", "school", "school", "school"]:
        plan(request_date=date(2026, 2, 1), request_source=source)
    plan(request_date=date(2025, 12, 31), request_source="parent")  # last year

    sources = {s.source: s for s in dashboard.build(TODAY).sources}

    assert (sources["parent"].requests, sources["parent"].share) == (1, 25.0)
    assert (sources["school"].requests, sources["school"].share) == (3, 75.0)
    assert sources["young_person"].requests == 0


def test_annual_reviews_due_done_overdue():
    # Issued 14 months ago, never reviewed: overdue.
    plan(decision_to_assess="yes", request_date=date(2024, 12, 1), final_issued_date=date(2025, 5, 10))
    # Reviewed in March this year: done; next one due next March.
    held = plan(decision_to_assess="yes", request_date=date(2024, 6, 1), final_issued_date=date(2024, 11, 1))
    ReviewFactory(
        plan=held,
        due_date=date(2025, 11, 1),
        meeting_date=date(2026, 3, 2),
        decision="keep",
        decision_date=date(2026, 3, 20),
    )
    # Issued last September: review due this September, still to come.
    plan(decision_to_assess="yes", request_date=date(2025, 3, 1), final_issued_date=date(2025, 9, 1))
    # Meeting booked for next month but the review was due last month: overdue.
    booked = plan(
        decision_to_assess="yes", request_date=date(2024, 12, 1), final_issued_date=date(2025, 6, 20)
    )
    ReviewFactory(plan=booked, due_date=date(2026, 6, 20), meeting_date=date(2026, 8, 3))
    # Held in April with no decision after 4 weeks.
    undecided = plan(
        decision_to_assess="yes", request_date=date(2024, 9, 1), final_issued_date=date(2025, 4, 1)
    )
    ReviewFactory(plan=undecided, due_date=date(2026, 4, 1), meeting_date=date(2026, 4, 1))
    # Ceased plans expect no review.
    plan(
        decision_to_assess="yes",
        request_date=date(2023, 1, 1),
        final_issued_date=date(2023, 6, 1),
        ceased_date=date(2024, 1, 1),
    )

    reviews = dashboard.build(TODAY).reviews

    assert reviews.plans_in_place == 5
    assert reviews.held_this_year == 2
    assert reviews.overdue == 2
    assert reviews.due_later_this_year == 1
    assert reviews.due_this_year == 5
    assert reviews.decisions_overdue == 1


def test_complaints_open_overdue_and_closed_on_time():
    ComplaintFactory(stage1_due=TODAY + timedelta(days=3))
    ComplaintFactory(stage1_due=TODAY - timedelta(days=1))
    ComplaintFactory(stage1_due=TODAY - timedelta(days=1), extended_due=TODAY + timedelta(days=9))
    ComplaintFactory(
        status=Complaint.Status.CLOSED, stage1_due=date(2026, 3, 1), closed_at=aware(date(2026, 2, 27))
    )
    ComplaintFactory(
        status=Complaint.Status.CLOSED, stage1_due=date(2026, 3, 1), closed_at=aware(date(2026, 3, 4))
    )

    complaints = dashboard.build(TODAY).complaints

    assert (complaints.open, complaints.overdue) == (3, 1)
    assert (complaints.closed_this_year, complaints.closed_on_time, complaints.on_time_percent) == (
        2,
        1,
        50.0,
    )


def test_csv_rows_carry_every_section():
    plan(request_date=date(2026, 1, 5), request_source="school")
    rows = dashboard.csv_rows(dashboard.build(TODAY))
    sections = {row[0] for row in rows[1:]}
    assert {
        "final plans",
        "annual reviews",
        "open assessments",
        "requests by source",
        "complaints",
    } <= sections
    assert ["requests by source", "2026 School or setting", 1] in rows


def _random_cases(rng, count):
    """Plans at every stage with random reviews and exceptions around TODAY."""
    child = ChildFactory()
    for n in range(count):
        request = TODAY - timedelta(days=rng.randint(0, 900))
        fields = {"child": child, "reference": f"R-{n:05d}", "request_date": request}
        kind = rng.random()
        if kind > 0.2:
            fields.update(
                decision_to_assess="yes", decision_date=request + timedelta(days=rng.randint(20, 60))
            )
        if kind > 0.45:
            fields["draft_issued_date"] = request + timedelta(days=rng.randint(80, 150))
        if kind > 0.55:
            fields["final_issued_date"] = fields["draft_issued_date"] + timedelta(days=rng.randint(15, 60))
        if kind > 0.97:
            fields["ceased_date"] = fields["final_issued_date"] + timedelta(days=30)
        for name in ("decision_date", "draft_issued_date", "final_issued_date", "ceased_date"):
            if fields.get(name) and fields[name] > TODAY:
                fields[name] = None
                if name == "decision_date":
                    fields.pop("decision_to_assess")
        if fields.get("final_issued_date") is None:
            fields.pop("ceased_date", None)
        p = PlanFactory(**fields)
        if rng.random() < 0.15:
            start = request + timedelta(days=rng.randint(0, 150))
            ClockExceptionFactory(
                plan=p,
                start_date=start,
                end_date=rng.choice([None, start + timedelta(days=rng.randint(1, 60))]),
            )
        if p.final_issued_date and rng.random() < 0.6:
            due = timeline.add_months(p.final_issued_date, 12) - timedelta(days=rng.randint(0, 40))
            meeting = due - timedelta(days=rng.randint(-30, 20)) if rng.random() < 0.7 else None
            decision = rng.choice(["", "keep", "amend", "cease"]) if meeting and meeting <= TODAY else ""
            AnnualReview.objects.create(
                plan=p,
                due_date=due,
                meeting_date=meeting,
                decision=decision,
                decision_date=meeting + timedelta(days=20) if decision else None,
            )


def test_figures_agree_with_the_timeline_engine():
    """Every plan run through the engine one by one gives the same figures as the aggregate queries."""
    _random_cases(random.Random(20), 400)

    figures = dashboard.build(TODAY)

    issued = within = past = overdue = later = decisions = 0
    plans = EHCPlan.objects.prefetch_related("advice", "exceptions", "reviews")
    for p in plans:
        steps = cases.plan_timeline(p, TODAY).steps
        final = next((s for s in steps if s.kind == "final_plan"), None)
        if p.final_issued_date and p.final_issued_date.year == TODAY.year:
            issued += 1
            within += final.status == timeline.DONE
        if p.stage in timeline.OPEN_ASSESSMENT_STAGES:
            past += final is not None and final.status == timeline.OVERDUE
        meetings = [s for s in steps if s.kind == "review_meeting"]
        if any(s.status == timeline.OVERDUE for s in meetings):
            overdue += 1
        elif any(s.is_pending and s.due <= date(TODAY.year, 12, 31) for s in meetings):
            later += 1
        decisions += sum(s.kind == "review_decision" and s.status == timeline.OVERDUE for s in steps)

    assert issued > 20 and overdue > 5 and later > 5 and past > 5  # the data set exercises every figure
    assert (figures.issued_this_year, figures.within_this_year) == (issued, within)
    assert figures.open_past_20_weeks == past
    assert (figures.reviews.overdue, figures.reviews.due_later_this_year) == (overdue, later)
    assert figures.reviews.decisions_overdue == decisions


@pytest.mark.parametrize("count", [5, 60])
def test_query_count_does_not_grow_with_plans(count, django_assert_num_queries):
    _random_cases(random.Random(count), count)
    ClockExceptionFactory(plan=PlanFactory(request_date=TODAY - timedelta(days=30)), start_date=TODAY)
    # Seven aggregates, plus one to read the clock exceptions of the few plans that have them.
    with django_assert_num_queries(8):
        dashboard.build(TODAY)
