"""The timeliness figures for SEND managers: 20-week timeliness by month, annual reviews, open
assessments by stage, requests by source, complaints.

Every figure comes from a fixed, small number of aggregate queries, whatever the number of plans.
The rules are the timeline engine's (``portal.timeline``), not a second copy of them:

- A final plan is "within 20 weeks" when the engine's final-plan step is done by its due date. For
  the great majority of plans (no clock exception) that is ``final <= request + 20 weeks``, which the
  database counts; the few plans with a clock exception are run through the engine itself.
- An annual review is overdue when the engine would show a pending review meeting past its due date:
  a review on record that is not held and is due before today, or 12 months since the plan or the
  last review held. "12 months after" is the engine's ``add_months``; instead of doing month
  arithmetic in SQL we ask the engine for the latest base date that is already overdue, and compare.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from . import timeline
from .models import AnnualReview, ClockException, Complaint, EHCPlan

# England, new plans issued within 20 weeks in 2024 (docs/statutory-rules.md).
NATIONAL_20_WEEK_PERCENT_2024 = 46.4
TWENTY_WEEKS = timeline.FINAL_PLAN
NO_DATE = date(9999, 12, 31)


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


@dataclass
class MonthFigures:
    month: date
    issued: int = 0
    within: int = 0
    with_exception: int = 0

    @property
    def percent(self):
        return percent(self.within, self.issued)


@dataclass
class StageFigures:
    stage: str
    open: int = 0
    past_20_weeks: int = 0

    @property
    def label(self):
        return timeline.STAGE_LABELS[self.stage]


@dataclass
class SourceFigures:
    source: str
    label: str
    requests: int = 0
    share: float | None = None


@dataclass
class ReviewFigures:
    held_this_year: int = 0
    overdue: int = 0
    due_later_this_year: int = 0
    decisions_overdue: int = 0
    plans_in_place: int = 0

    @property
    def due_this_year(self):
        """Reviews that fall to be done this year: held already, overdue now, or still to come."""
        return self.held_this_year + self.overdue + self.due_later_this_year


@dataclass
class ComplaintFigures:
    open: int = 0
    overdue: int = 0
    closed_this_year: int = 0
    closed_on_time: int = 0

    @property
    def on_time_percent(self):
        return percent(self.closed_on_time, self.closed_this_year)


@dataclass
class Dashboard:
    today: date
    months: list = field(default_factory=list)
    stages: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    reviews: ReviewFigures = field(default_factory=ReviewFigures)
    complaints: ComplaintFigures = field(default_factory=ComplaintFigures)
    national_percent: float = NATIONAL_20_WEEK_PERCENT_2024

    @property
    def year(self):
        return self.today.year

    @property
    def issued_this_year(self):
        return sum(m.issued for m in self.months)

    @property
    def within_this_year(self):
        return sum(m.within for m in self.months)

    @property
    def percent_this_year(self):
        return percent(self.within_this_year, self.issued_this_year)

    @property
    def open_assessments(self):
        return sum(s.open for s in self.stages)

    @property
    def open_past_20_weeks(self):
        return sum(s.past_20_weeks for s in self.stages)

    @property
    def requests_this_year(self):
        return sum(s.requests for s in self.sources)


# --- The engine's verdicts, for the plans the database cannot judge alone ------------------------


def final_plan_step(plan, today):
    """The engine's final-plan step for ``plan`` (its exceptions prefetched)."""
    case = timeline.Case(
        request_date=plan.request_date,
        # An issued plan followed a decision to assess; the final-plan step exists only then.
        decision_to_assess="yes"
        if plan.final_issued_date or plan.draft_issued_date
        else plan.decision_to_assess or None,
        decision_date=plan.decision_date,
        pauses=tuple(
            timeline.Pause(reason=e.reason, start=e.start_date, end=e.end_date) for e in plan.exceptions.all()
        ),
        draft_issued=plan.draft_issued_date,
        final_issued=plan.final_issued_date,
    )
    return next(step for step in timeline.assessment_steps(case, today) if step.kind == "final_plan")


def latest_base_before(limit, inclusive=False):
    """The latest date ``b`` for which the next annual review, ``add_months(b, 12)``, falls before ``limit``
    (on or before it with ``inclusive``). ``add_months`` never decreases, so "the review from base b is
    due before limit" is exactly "b <= this date"."""

    def due_in_time(base):
        due = timeline.add_months(base, timeline.REVIEW_INTERVAL_MONTHS)
        return due <= limit if inclusive else due < limit

    base = timeline.add_months(limit, -timeline.REVIEW_INTERVAL_MONTHS)
    while not due_in_time(base):
        base -= timedelta(days=1)
    while due_in_time(base + timedelta(days=1)):
        base += timedelta(days=1)
    return base


# --- The queries ---------------------------------------------------------------------------------


_FINAL_STEP_FIELDS = (
    "request_date",
    "decision_to_assess",
    "decision_date",
    "draft_issued_date",
    "final_issued_date",
    "stage",
)


def _has_exception():
    return Exists(ClockException.objects.filter(plan=OuterRef("pk")))


def _months(today):
    year_start = date(today.year, 1, 1)
    months = {date(today.year, m, 1): MonthFigures(date(today.year, m, 1)) for m in range(1, today.month + 1)}
    issued = EHCPlan.objects.filter(final_issued_date__gte=year_start, final_issued_date__lte=today)
    rows = (
        issued.filter(~_has_exception())
        .annotate(
            month=TruncMonth("final_issued_date"),
            took=ExpressionWrapper(F("final_issued_date") - F("request_date"), output_field=DurationField()),
        )
        .values("month")
        .annotate(issued=Count("pk"), within=Count("pk", filter=Q(took__lte=TWENTY_WEEKS)))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        month = date(month.year, month.month, 1)
        months[month].issued += row["issued"]
        months[month].within += row["within"]
    return months


def _exception_plans(today):
    """Plans with a clock exception that were issued this year or are still being assessed (few)."""
    return list(
        EHCPlan.objects.filter(_has_exception())
        .filter(
            Q(final_issued_date__gte=date(today.year, 1, 1), final_issued_date__lte=today)
            | Q(stage__in=timeline.OPEN_ASSESSMENT_STAGES)
        )
        .only("pk", *_FINAL_STEP_FIELDS)
        .prefetch_related("exceptions")
    )


def _stages(today):
    stages = {stage: StageFigures(stage) for stage in timeline.OPEN_ASSESSMENT_STAGES}
    rows = (
        EHCPlan.objects.filter(stage__in=timeline.OPEN_ASSESSMENT_STAGES)
        .annotate(excepted=_has_exception())
        .values("stage")
        .annotate(
            open=Count("pk"),
            # Without a clock exception the final plan is overdue once request + 20 weeks < today.
            past=Count("pk", filter=Q(excepted=False, request_date__lt=today - TWENTY_WEEKS)),
        )
        .order_by()
    )
    for row in rows:
        stages[row["stage"]].open = row["open"]
        stages[row["stage"]].past_20_weeks = row["past"]
    return stages


def _sources(today):
    counts = dict(
        EHCPlan.objects.filter(request_date__gte=date(today.year, 1, 1), request_date__lte=today)
        .values_list("request_source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(counts.values())
    return [
        SourceFigures(value, str(label), counts.get(value, 0), percent(counts.get(value, 0), total))
        for value, label in EHCPlan.Source.choices
    ]


def with_review_facts(plans, today):
    """``plans`` annotated with what decides whether their annual review is overdue (see the module notes)."""
    # One pass over the reviews, grouped by plan (a join and an aggregate), rather than a correlated
    # subquery per plan per fact.
    held = Q(reviews__meeting_date__lte=today)
    not_held = Q(reviews__meeting_date__isnull=True) | Q(reviews__meeting_date__gt=today)
    return plans.annotate(
        review_base=Coalesce(Max("reviews__meeting_date", filter=held), F("final_issued_date")),
        not_held_count=Count("reviews", filter=not_held),
        # Never NULL, so that "not overdue" is true, not unknown, for plans with no review waiting.
        not_held_first_due=Coalesce(Min("reviews__due_date", filter=not_held), Value(NO_DATE)),
        # The engine stops expecting reviews after a review decided to stop the plan.
        cease_decisions=Count(
            "reviews",
            filter=held
            & Q(reviews__decision=AnnualReview.Decision.CEASE, reviews__decision_date__isnull=False),
        ),
    )


def _expects_next_review():
    return Q(not_held_count__gt=0) | Q(cease_decisions=0)


def review_overdue_q(today):
    """For plans in place annotated by ``with_review_facts``: an annual review meeting is overdue."""
    return Q(stage=timeline.PLAN) & (
        Q(not_held_first_due__lt=today)
        | (Q(review_base__lte=latest_base_before(today)) & _expects_next_review())
    )


def review_overdue_plans(today):
    """The ids of plans in place whose annual review meeting is overdue, as a subquery."""
    facts = with_review_facts(EHCPlan.objects.filter(stage=timeline.PLAN).values("pk"), today)
    return facts.filter(review_overdue_q(today)).order_by().values("pk")


def review_due_this_year_q(today):
    year_end = date(today.year, 12, 31)
    return Q(stage=timeline.PLAN) & (
        Q(not_held_first_due__lte=year_end)
        | (Q(review_base__lte=latest_base_before(year_end, inclusive=True)) & _expects_next_review())
    )


def assessment_overdue_q(today):
    """Open assessments whose final plan is past its 20-week deadline, by the engine's rule: the database
    judges plans without a clock exception; the engine judges the few with one (one query)."""
    excepted = EHCPlan.objects.filter(_has_exception(), stage__in=timeline.OPEN_ASSESSMENT_STAGES)
    late_with_exception = [
        plan.pk
        for plan in excepted.only("pk", *_FINAL_STEP_FIELDS).prefetch_related("exceptions")
        if final_plan_step(plan, today).status == timeline.OVERDUE
    ]
    return Q(stage__in=timeline.OPEN_ASSESSMENT_STAGES) & (
        Q(pk__in=late_with_exception) | (~_has_exception() & Q(request_date__lt=today - TWENTY_WEEKS))
    )


def _plan_reviews(today):
    """Overdue and still-to-come annual review meetings, by plan, in one query."""
    overdue = review_overdue_q(today)
    return with_review_facts(EHCPlan.objects.filter(stage=timeline.PLAN), today).aggregate(
        in_place=Count("pk"),
        overdue=Count("pk", filter=overdue),
        later=Count("pk", filter=~overdue & review_due_this_year_q(today)),
    )


def _held_reviews(today):
    return AnnualReview.objects.filter(meeting_date__lte=today).aggregate(
        held=Count("pk", filter=Q(meeting_date__gte=date(today.year, 1, 1))),
        # reg 20(10): the decision is due 4 weeks after the meeting.
        decisions_overdue=Count(
            "pk",
            filter=Q(plan__stage=timeline.PLAN, meeting_date__lt=today - timeline.REVIEW_DECISION)
            & (Q(decision="") | Q(decision_date__isnull=True)),
        ),
    )


def _complaints(today):
    year_start = date(today.year, 1, 1)
    return Complaint.objects.annotate(
        due=Coalesce("extended_due", "stage1_due"), closed_on=TruncDate("closed_at")
    ).aggregate(
        open=Count("pk", filter=Q(status=Complaint.Status.OPEN)),
        overdue=Count("pk", filter=Q(status=Complaint.Status.OPEN, due__lt=today)),
        closed=Count("pk", filter=Q(status=Complaint.Status.CLOSED, closed_on__gte=year_start)),
        closed_on_time=Count(
            "pk", filter=Q(status=Complaint.Status.CLOSED, closed_on__gte=year_start, closed_on__lte=F("due"))
        ),
    )


def build(today=None):
    """Every figure on the dashboard as of ``today`` (8 queries)."""
    today = today or timezone.localdate()
    months = _months(today)
    stages = _stages(today)
    for plan in _exception_plans(today):
        step = final_plan_step(plan, today)
        if (
            plan.final_issued_date
            and plan.final_issued_date.year == today.year
            and plan.final_issued_date <= today
        ):
            figures = months[date(today.year, plan.final_issued_date.month, 1)]
            figures.issued += 1
            figures.with_exception += 1
            figures.within += step.status == timeline.DONE
        if plan.stage in stages:
            stages[plan.stage].past_20_weeks += step.status == timeline.OVERDUE
    plan_reviews = _plan_reviews(today)
    held = _held_reviews(today)
    complaints = _complaints(today)
    return Dashboard(
        today=today,
        months=list(months.values()),
        stages=list(stages.values()),
        sources=_sources(today),
        reviews=ReviewFigures(
            held_this_year=held["held"],
            overdue=plan_reviews["overdue"],
            due_later_this_year=plan_reviews["later"],
            decisions_overdue=held["decisions_overdue"],
            plans_in_place=plan_reviews["in_place"],
        ),
        complaints=ComplaintFigures(
            open=complaints["open"],
            overdue=complaints["overdue"],
            closed_this_year=complaints["closed"],
            closed_on_time=complaints["closed_on_time"],
        ),
    )


def csv_rows(dashboard):
    """The dashboard as rows for a CSV download: section, measure, value."""
    d = dashboard
    rows = [["section", "measure", "value"], ["as of", "date", d.today.isoformat()]]
    for m in d.months:
        key = f"{m.month:%Y-%m}"
        rows += [
            ["final plans", f"{key} issued", m.issued],
            ["final plans", f"{key} issued within 20 weeks", m.within],
            ["final plans", f"{key} percent within 20 weeks", "" if m.percent is None else m.percent],
            ["final plans", f"{key} with a clock exception", m.with_exception],
        ]
    rows += [
        ["final plans", f"{d.year} issued", d.issued_this_year],
        ["final plans", f"{d.year} issued within 20 weeks", d.within_this_year],
        [
            "final plans",
            f"{d.year} percent within 20 weeks",
            "" if d.percent_this_year is None else d.percent_this_year,
        ],
        ["annual reviews", "plans in place", d.reviews.plans_in_place],
        ["annual reviews", f"due in {d.year} (held + overdue + still to come)", d.reviews.due_this_year],
        ["annual reviews", f"held in {d.year}", d.reviews.held_this_year],
        ["annual reviews", "overdue now", d.reviews.overdue],
        ["annual reviews", f"still to come in {d.year}", d.reviews.due_later_this_year],
        ["annual reviews", "decisions overdue (4 weeks after the meeting)", d.reviews.decisions_overdue],
    ]
    for s in d.stages:
        rows += [
            ["open assessments", f"{s.label}", s.open],
            ["open assessments", f"{s.label}: past the 20-week deadline", s.past_20_weeks],
        ]
    for s in d.sources:
        rows.append(["requests by source", f"{d.year} {s.label}", s.requests])
    rows += [
        ["complaints", "open", d.complaints.open],
        ["complaints", "open and overdue", d.complaints.overdue],
        ["complaints", f"closed in {d.year}", d.complaints.closed_this_year],
        ["complaints", f"closed in {d.year} by the due date", d.complaints.closed_on_time],
    ]
    return rows
