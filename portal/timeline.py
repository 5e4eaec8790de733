"""The statutory timeline engine.

Pure functions over plain data (no database, no clock): give it the facts of a case and ``today`` and
it returns every statutory due date, the current stage, what comes next and by when, and whether each
step was on time, is due soon, is overdue or was done late. The rules are those of
``docs/statutory-rules.md`` (Children and Families Act 2014, SEND Regulations 2014, SEND Code of
Practice); each rule is a constant or a small function below, named after the regulation.

Clock exceptions (reg 10(4), 13(3)) pause the assessment deadlines that are still running when the
exception starts: the deadline moves by the paused days, and the step says so. An exception that starts
after a deadline has passed moves nothing, so it can never turn a breach into "on time".
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

# --- Stages ------------------------------------------------------------------------------------

REQUESTED = "requested"
ASSESSING = "assessing"
NOT_ASSESSING = "not_assessing"
NO_PLAN = "no_plan"
DRAFT = "draft"
PLAN = "plan"
CEASED = "ceased"

STAGE_LABELS = {
    REQUESTED: "Request received: deciding whether to assess",
    ASSESSING: "Needs assessment under way",
    NOT_ASSESSING: "Decided not to assess",
    NO_PLAN: "Assessed: decided not to issue a plan",
    DRAFT: "Draft plan issued",
    PLAN: "Plan in place",
    CEASED: "Plan ceased",
}
# Stages in which the 20-week clock is still running.
OPEN_ASSESSMENT_STAGES = (REQUESTED, ASSESSING, DRAFT)

# --- Step statuses -----------------------------------------------------------------------------

DONE = "done"  # done by its due date
DONE_LATE = "done_late"  # done, after its due date (days = how late)
ON_TIME = "on_time"  # not done, due date more than DUE_SOON_DAYS away (days = days left)
DUE_SOON = "due_soon"  # not done, due within DUE_SOON_DAYS (days = days left)
OVERDUE = "overdue"  # not done, due date passed (days = days overdue)
OPEN = "open"  # a window for the family (e.g. comments on the draft) that is still open
CLOSED = "closed"  # a window for the family that has closed
EVENT = "event"  # something that happened, with no deadline of its own

STATUS_LABELS = {
    DONE: "Done",
    DONE_LATE: "Done late",
    ON_TIME: "On time",
    DUE_SOON: "Due soon",
    OVERDUE: "Overdue",
    OPEN: "Open",
    CLOSED: "Closed",
    EVENT: "Done",
}
PENDING_STATUSES = (ON_TIME, DUE_SOON, OVERDUE, OPEN)
DUE_SOON_DAYS = 10

# --- The rules ---------------------------------------------------------------------------------

DECISION_TO_ASSESS = timedelta(weeks=6)  # reg 5(3)
ADVICE = timedelta(weeks=6)  # reg 8
NO_PLAN_NOTICE = timedelta(weeks=16)  # reg 10
DRAFT_COMMENTS = timedelta(days=15)  # reg 13(1)
FINAL_PLAN = timedelta(weeks=20)  # reg 13(2)
REVIEW_INTERVAL_MONTHS = 12  # CFA s.44
REVIEW_NOTICE = timedelta(weeks=2)  # reg 20
REVIEW_DECISION = timedelta(weeks=4)  # reg 20(10), reg 21
AMENDMENT_COMMENTS = timedelta(days=15)  # reg 22
AMENDED_PLAN_FROM_PROPOSALS = timedelta(weeks=8)  # reg 22
AMENDED_PLAN_FROM_MEETING = timedelta(weeks=12)  # reg 22 (4 + 8 weeks)
APPEAL_MONTHS = 2  # appeal to the tribunal, or contact a mediation adviser first (reg 33)
COMPLAINT_STAGE1_WORKING_DAYS = 10
COMPLAINT_EXTENSION_WORKING_DAYS = 10

# Phase transfer (reg 18): the plan must be amended by this day of the year of transfer.
PHASE_TRANSFER_SCHOOL = "school"
PHASE_TRANSFER_POST_16 = "post_16"
PHASE_TRANSFER_DEADLINES = {PHASE_TRANSFER_SCHOOL: (2, 15), PHASE_TRANSFER_POST_16: (3, 31)}

# --- Calendar helpers ----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day):
    return day in _bank_holidays(day.year)


def is_working_day(day):
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (the day after ``start`` is the first counted)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start, end):
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_months(day, months):
    """Same day of the month ``months`` later; the last day of the month when that day does not exist
    (a plan issued on 29 February is reviewed by 28 February)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def complaint_stage1_due(received):
    """Stage 1 answer: 10 working days from the day the complaint was received."""
    return add_working_days(received, COMPLAINT_STAGE1_WORKING_DAYS)


def complaint_extended_due(stage1_due):
    """An extension gives 10 more working days from the original due date."""
    return add_working_days(stage1_due, COMPLAINT_EXTENSION_WORKING_DAYS)


def phase_transfer_deadline(kind, year):
    month, day = PHASE_TRANSFER_DEADLINES[kind]
    return date(year, month, day)


# --- Input facts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Advice:
    kind: str
    requested: date
    received: date | None = None
    label: str = ""


@dataclass(frozen=True)
class Pause:
    """A clock exception: from ``start`` to ``end`` inclusive (``end`` None while it continues)."""

    reason: str
    start: date
    end: date | None = None
    label: str = ""


@dataclass(frozen=True)
class Review:
    due: date | None = None
    meeting: date | None = None
    notice_sent: date | None = None
    decision: str | None = None  # keep / amend / cease
    decision_date: date | None = None
    proposed_amendments: date | None = None
    final_amended: date | None = None
    phase_transfer: str | None = None  # school / post_16
    transfer_year: int | None = None
    ref: str = ""


@dataclass(frozen=True)
class Case:
    request_date: date
    decision_to_assess: str | None = None  # "yes" / "no" / None while undecided
    decision_date: date | None = None
    advice: tuple = ()
    pauses: tuple = ()
    no_plan_notice: date | None = None
    draft_issued: date | None = None
    final_issued: date | None = None
    ceased: date | None = None
    reviews: tuple = ()


# --- Output ------------------------------------------------------------------------------------


@dataclass
class Step:
    kind: str
    label: str
    due: date | None = None  # the due date in force (after any paused days)
    statutory_due: date | None = None  # the due date before any pause
    done_on: date | None = None
    status: str = ON_TIME
    days: int = 0  # days left, days overdue or days late, depending on status
    paused_days: int = 0
    pauses: tuple = ()
    owner: str = "council"  # "council" or "family"
    group: str = "assessment"  # "assessment" or "review"
    optional: bool = False  # a right the family may use (an appeal), never "the next step"
    ref: str = ""  # e.g. the advice kind or the review's due date, to tell repeated steps apart

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_pending(self):
        return self.status in PENDING_STATUSES

    @property
    def is_overdue(self):
        return self.status == OVERDUE

    @property
    def when(self):
        """The date the step sits at on a timeline: when it happened, else when it is due."""
        return self.done_on or self.due


@dataclass
class Timeline:
    stage: str
    steps: list = field(default_factory=list)
    next_annual_review: date | None = None

    @property
    def stage_label(self):
        return STAGE_LABELS[self.stage]

    @property
    def done(self):
        return [s for s in self.steps if not s.is_pending]

    @property
    def upcoming(self):
        return [s for s in self.steps if s.is_pending]

    @property
    def overdue(self):
        return [s for s in self.steps if s.status == OVERDUE]

    @property
    def done_late(self):
        return [s for s in self.steps if s.status == DONE_LATE]

    @property
    def next_step(self):
        """The council's or family's next step: the pending one due first (overdue ones come first)."""
        pending = [s for s in self.steps if s.is_pending and s.due and not s.optional]
        return min(pending, key=lambda s: s.due) if pending else None


# --- The engine --------------------------------------------------------------------------------


def stage_for(
    decision_to_assess=None, no_plan_notice=None, draft_issued=None, final_issued=None, ceased=None
):
    """Where the case is, from its dates alone."""
    if ceased:
        return CEASED
    if final_issued:
        return PLAN
    if draft_issued:
        return DRAFT
    if no_plan_notice:
        return NO_PLAN
    if decision_to_assess == "no":
        return NOT_ASSESSING
    if decision_to_assess == "yes":
        return ASSESSING
    return REQUESTED


def status_for(due, done_on, today):
    """(status, days) of a council step due on ``due``."""
    if done_on is not None:
        late = (done_on - due).days
        return (DONE_LATE, late) if late > 0 else (DONE, 0)
    left = (due - today).days
    if left < 0:
        return OVERDUE, -left
    if left <= DUE_SOON_DAYS:
        return DUE_SOON, left
    return ON_TIME, left


def paused_due(start, due, pauses, today, done_on=None):
    """Move ``due`` by the days of each pause that began while the clock was running.

    Returns ``(new_due, paused_days, pauses_applied)``. A pause counts only if it starts on or before
    the deadline as moved so far (and before the step was done); one still running counts up to
    ``today``. Pauses before ``start`` do not count."""
    paused_days = 0
    applied = []
    for pause in sorted(pauses, key=lambda p: p.start):
        begins = max(pause.start, start)
        if begins > due or begins > today or (done_on is not None and begins > done_on):
            continue
        ends = pause.end if pause.end is not None else today
        if done_on is not None:
            ends = min(ends, done_on)  # days paused after the step was done change nothing
        if ends < begins:
            continue
        days = (ends - begins).days + 1
        paused_days += days
        due += timedelta(days=days)
        applied.append(pause)
    return due, paused_days, tuple(applied)


def _council_step(kind, label, start, statutory_due, done_on, today, pauses=(), **extra):
    due, paused_days, applied = paused_due(start, statutory_due, pauses, today, done_on)
    status, days = status_for(due, done_on, today)
    return Step(
        kind=kind,
        label=label,
        due=due,
        statutory_due=statutory_due,
        done_on=done_on,
        status=status,
        days=days,
        paused_days=paused_days,
        pauses=applied,
        **extra,
    )


def _family_window(kind, label, opened, closes, finished_by, today, **extra):
    """A period the family has (e.g. 15 days to comment); open until it closes or the next step came."""
    if finished_by is not None or closes < today:
        status, days = CLOSED, 0
    else:
        status, days = OPEN, (closes - today).days
    return Step(
        kind=kind,
        label=label,
        due=closes,
        statutory_due=closes,
        done_on=None if status == OPEN else min(filter(None, [closes, finished_by])),
        status=status,
        days=days,
        owner="family",
        **extra,
    )


def _event(kind, label, on, **extra):
    return Step(kind=kind, label=label, done_on=on, status=EVENT, **extra)


def assessment_steps(case, today):
    """The 20-week process: request, decision, advice, no-plan notice or draft, comments, final plan."""
    request = case.request_date
    pauses = case.pauses
    steps = [_event("request", "Request for an assessment received", request)]

    decision_done = case.decision_date if case.decision_to_assess else None
    steps.append(
        _council_step(
            "decision",
            "Decision whether to assess",
            request,
            request + DECISION_TO_ASSESS,
            decision_done,
            today,
            pauses,
        )
    )
    if case.decision_to_assess == "no":
        if case.decision_date:
            steps.append(appeal_window(case.decision_date, today, "the decision not to assess"))
        return steps

    for advice in case.advice:
        steps.append(
            _council_step(
                "advice",
                f"{advice.label or advice.kind} advice",
                advice.requested,
                advice.requested + ADVICE,
                advice.received,
                today,
                pauses,
                ref=advice.kind,
            )
        )

    final_due_statutory = request + FINAL_PLAN
    if case.no_plan_notice:
        steps.append(
            _council_step(
                "no_plan_notice",
                "Notice that no plan will be issued",
                request,
                request + NO_PLAN_NOTICE,
                case.no_plan_notice,
                today,
                pauses,
            )
        )
        steps.append(appeal_window(case.no_plan_notice, today, "the decision not to issue a plan"))
        return steps

    if not case.draft_issued and not case.final_issued and case.decision_to_assess == "yes":
        # Until a draft is issued the council must still decide; if it will not issue a plan it must
        # say so by week 16 (reg 10).
        steps.append(
            _council_step(
                "issue_decision",
                "Decision whether to issue a plan",
                request,
                request + NO_PLAN_NOTICE,
                None,
                today,
                pauses,
            )
        )

    if case.decision_to_assess == "yes" or case.draft_issued or case.final_issued:
        # The draft must leave the family their 15 days before the 20-week deadline (reg 13).
        steps.append(
            _council_step(
                "draft",
                "Draft plan issued",
                request,
                final_due_statutory - DRAFT_COMMENTS,
                case.draft_issued,
                today,
                pauses,
            )
        )
    if case.draft_issued:
        steps.append(
            _family_window(
                "draft_comments",
                "Your comments on the draft plan and the school you want named",
                case.draft_issued,
                case.draft_issued + DRAFT_COMMENTS,
                case.final_issued,
                today,
            )
        )
    steps.append(
        _council_step(
            "final_plan",
            "Final plan issued",
            request,
            final_due_statutory,
            case.final_issued,
            today,
            pauses,
        )
    )
    if case.final_issued:
        steps.append(appeal_window(case.final_issued, today, "what the plan says or the school it names"))
    return steps


def appeal_window(decided, today, about):
    """Two months to appeal to the tribunal (after contacting a mediation adviser, except for appeals
    only about the school named)."""
    return _family_window(
        "appeal_window",
        f"Time to ask for mediation or appeal against {about}",
        decided,
        add_months(decided, APPEAL_MONTHS),
        None,
        today,
        optional=True,
    )


def review_steps(case, today):
    """Annual reviews from the final plan onwards, plus the next review the law expects."""
    if not case.final_issued:
        return [], None
    steps = []
    base = case.final_issued  # the plan, or the last review meeting
    next_review = None
    reviews = sorted(case.reviews, key=lambda r: r.meeting or r.due or date.max)
    ceased = case.ceased
    for review in reviews:
        statutory_due = add_months(base, REVIEW_INTERVAL_MONTHS)
        # A council may hold reviews sooner (every 3-6 months is advised for under-5s), never later.
        due = min(review.due, statutory_due) if review.due else statutory_due
        held = review.meeting if review.meeting and review.meeting <= today else None
        ref = review.ref or due.isoformat()
        meeting = _council_step(
            "review_meeting", "Annual review meeting", base, due, held, today, group="review", ref=ref
        )
        meeting.statutory_due = statutory_due
        steps.append(meeting)
        if review.meeting:
            steps.append(
                _council_step(
                    "review_notice",
                    "Invitation to the review meeting and advice sent",
                    base,
                    review.meeting - REVIEW_NOTICE,
                    review.notice_sent,
                    today,
                    group="review",
                    ref=ref,
                )
            )
        if held:
            decided = review.decision_date if review.decision else None
            steps.append(
                _council_step(
                    "review_decision",
                    "Council's decision after the review (keep, amend or stop the plan)",
                    held,
                    held + REVIEW_DECISION,
                    decided,
                    today,
                    group="review",
                    ref=ref,
                )
            )
            if review.decision == "amend":
                if review.proposed_amendments:
                    steps.append(
                        _family_window(
                            "amendment_comments",
                            "Your comments on the proposed changes to the plan",
                            review.proposed_amendments,
                            review.proposed_amendments + AMENDMENT_COMMENTS,
                            review.final_amended,
                            today,
                            group="review",
                            ref=ref,
                        )
                    )
                amended_due = held + AMENDED_PLAN_FROM_MEETING
                if review.proposed_amendments:
                    amended_due = min(amended_due, review.proposed_amendments + AMENDED_PLAN_FROM_PROPOSALS)
                steps.append(
                    _council_step(
                        "amended_plan",
                        "Amended plan issued",
                        held,
                        amended_due,
                        review.final_amended,
                        today,
                        group="review",
                        ref=ref,
                    )
                )
            if review.decision == "cease" and not ceased:
                ceased = review.decision_date
        if review.phase_transfer in PHASE_TRANSFER_DEADLINES and review.transfer_year:
            transfer_done = review.final_amended or (
                review.decision_date if review.decision == "keep" else None
            )
            steps.append(
                _council_step(
                    "phase_transfer",
                    "Plan amended for the move to a new school or college",
                    base,
                    phase_transfer_deadline(review.phase_transfer, review.transfer_year),
                    transfer_done,
                    today,
                    group="review",
                    ref=ref,
                )
            )
        if held:
            base = held
        elif next_review is None:
            next_review = due
    if next_review is None and not ceased:
        due = add_months(base, REVIEW_INTERVAL_MONTHS)
        steps.append(
            _council_step(
                "review_meeting",
                "Annual review meeting",
                base,
                due,
                None,
                today,
                group="review",
                ref=due.isoformat(),
            )
        )
        next_review = due
    if ceased:
        next_review = None
    return steps, next_review


def build(case, today):
    """The whole timeline of ``case`` as seen on ``today``."""
    steps = assessment_steps(case, today)
    more, next_review = review_steps(case, today)
    steps.extend(more)
    if case.ceased:
        steps.append(_event("ceased", "Plan ceased", case.ceased))
    stage = stage_for(
        decision_to_assess=case.decision_to_assess,
        no_plan_notice=case.no_plan_notice,
        draft_issued=case.draft_issued,
        final_issued=case.final_issued,
        ceased=case.ceased,
    )
    if stage == CEASED:
        # Nothing is owed on a plan that has stopped; what was late stays recorded as late.
        steps = [s for s in steps if not s.is_pending]
        steps.append(appeal_window(case.ceased, today, "the decision to stop the plan"))
    elif stage in (NOT_ASSESSING, NO_PLAN):
        kept = ("decision", "no_plan_notice", "appeal_window")
        steps = [s for s in steps if not (s.is_pending and s.kind not in kept)]
    steps.sort(key=lambda s: (s.when or date.max, 0 if s.status == EVENT else 1))
    return Timeline(stage=stage, steps=steps, next_annual_review=next_review)
