"""The timeline engine, one test (or a few) per statutory rule in docs/statutory-rules.md."""

from datetime import date, timedelta

import pytest

from portal import timeline as t
from portal.timeline import Advice, Case, Pause, Review


def step(tl, kind, ref=None):
    matches = [s for s in tl.steps if s.kind == kind and (ref is None or s.ref == ref)]
    assert matches, f"no {kind} step in {[s.kind for s in tl.steps]}"
    return matches[0]


# --- Working days and bank holidays ------------------------------------------------------------


def test_working_days_skip_weekends():
    assert t.add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday -> Monday
    assert t.add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)  # Saturday -> Monday


def test_working_days_skip_christmas_and_new_year():
    # 25 Dec 2026 is a Friday; Boxing Day falls on Saturday so Monday 28th is the substitute holiday.
    assert t.is_bank_holiday(date(2026, 12, 28))
    assert t.add_working_days(date(2026, 12, 21), 10) == date(2027, 1, 7)


def test_working_days_skip_easter():
    # Good Friday 3 April and Easter Monday 6 April 2026.
    assert t.add_working_days(date(2026, 4, 1), 10) == date(2026, 4, 17)


def test_complaint_stage1_is_ten_working_days_and_extension_ten_more():
    assert t.complaint_stage1_due(date(2026, 3, 2)) == date(2026, 3, 16)  # Monday -> Monday fortnight
    assert t.complaint_stage1_due(date(2026, 5, 20)) == date(2026, 6, 4)  # skips 25 May bank holiday
    assert t.complaint_extended_due(date(2026, 3, 16)) == date(2026, 3, 30)


def test_add_months_clamps_to_month_end():
    assert t.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert t.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


# --- The 20-week process ---------------------------------------------------------------------

REQUEST = date(2026, 1, 5)  # a Monday


def test_decision_to_assess_due_six_weeks_from_request():
    tl = t.build(Case(request_date=REQUEST), today=REQUEST)
    assert step(tl, "decision").due == date(2026, 2, 16)
    assert tl.stage == t.REQUESTED


@pytest.mark.parametrize(
    ("today", "status", "days"),
    [
        (date(2026, 2, 5), t.ON_TIME, 11),
        (date(2026, 2, 6), t.DUE_SOON, 10),
        (date(2026, 2, 16), t.DUE_SOON, 0),
        (date(2026, 2, 20), t.OVERDUE, 4),
    ],
)
def test_pending_step_status_on_time_due_soon_overdue(today, status, days):
    decision = step(t.build(Case(request_date=REQUEST), today=today), "decision")
    assert (decision.status, decision.days) == (status, days)


def test_decision_done_on_the_due_date_is_on_time_and_a_day_after_is_late():
    on_time = Case(request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 16))
    late = Case(request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 17))
    assert step(t.build(on_time, date(2026, 3, 1)), "decision").status == t.DONE
    late_step = step(t.build(late, date(2026, 3, 1)), "decision")
    assert (late_step.status, late_step.days) == (t.DONE_LATE, 1)


def test_decision_not_to_assess_ends_the_process():
    case = Case(request_date=REQUEST, decision_to_assess="no", decision_date=date(2026, 2, 10))
    tl = t.build(case, date(2026, 9, 1))
    assert tl.stage == t.NOT_ASSESSING
    assert tl.upcoming == [] and tl.next_step is None
    assert "final_plan" not in {s.kind for s in tl.steps}


def test_advice_due_six_weeks_from_being_asked():
    case = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        advice=(
            Advice(
                "ep",
                requested=date(2026, 2, 10),
                received=date(2026, 3, 30),
                label="Educational psychologist",
            ),
            Advice("health", requested=date(2026, 2, 12)),
        ),
    )
    tl = t.build(case, date(2026, 3, 31))
    ep = step(tl, "advice", "ep")
    health = step(tl, "advice", "health")
    assert ep.due == date(2026, 3, 24) and (ep.status, ep.days) == (t.DONE_LATE, 6)
    assert health.due == date(2026, 3, 26) and (health.status, health.days) == (t.OVERDUE, 5)
    assert ep.label == "Educational psychologist advice"


def test_no_plan_notice_due_sixteen_weeks_from_request():
    case = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        no_plan_notice=date(2026, 4, 30),
    )
    tl = t.build(case, date(2026, 6, 1))
    notice = step(tl, "no_plan_notice")
    assert notice.due == date(2026, 4, 27)
    assert (notice.status, notice.days) == (t.DONE_LATE, 3)
    assert tl.stage == t.NO_PLAN and tl.next_step is None


def test_without_a_draft_the_decision_whether_to_issue_is_due_at_week_sixteen():
    case = Case(request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 9))
    tl = t.build(case, date(2026, 4, 28))
    assert (step(tl, "issue_decision").due, step(tl, "issue_decision").status) == (
        date(2026, 4, 27),
        t.OVERDUE,
    )


def test_final_plan_due_twenty_weeks_from_request_and_draft_leaves_fifteen_days():
    case = Case(request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 9))
    tl = t.build(case, date(2026, 3, 1))
    assert step(tl, "final_plan").due == date(2026, 5, 25)
    assert step(tl, "draft").due == date(2026, 5, 10)
    assert tl.stage == t.ASSESSING


def test_family_has_fifteen_days_to_comment_on_the_draft():
    case = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        draft_issued=date(2026, 4, 20),
    )
    comments = step(t.build(case, date(2026, 4, 30)), "draft_comments")
    assert comments.due == date(2026, 5, 5)
    assert (comments.status, comments.days, comments.owner) == (t.OPEN, 5, "family")
    assert step(t.build(case, date(2026, 5, 6)), "draft_comments").status == t.CLOSED
    assert t.build(case, date(2026, 4, 30)).stage == t.DRAFT


def test_final_plan_after_twenty_weeks_is_done_late_and_stays_late():
    case = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        draft_issued=date(2026, 5, 1),
        final_issued=date(2026, 6, 5),
    )
    tl = t.build(case, date(2026, 7, 1))
    final = step(tl, "final_plan")
    assert (final.status, final.days) == (t.DONE_LATE, 11)
    assert final in tl.done_late
    assert tl.stage == t.PLAN


def test_overdue_assessment_is_overdue_by_the_days_past_week_twenty():
    case = Case(request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 9))
    tl = t.build(case, date(2026, 6, 4))
    final = step(tl, "final_plan")
    assert (final.status, final.days) == (t.OVERDUE, 10)
    assert final in tl.overdue


# --- Clock exceptions (reg 10(4)) ------------------------------------------------------------


def test_a_pause_moves_running_deadlines_by_the_paused_days_and_says_so():
    pause = Pause("absent", start=date(2026, 3, 2), end=date(2026, 3, 29), label="Away from the area")
    case = Case(
        request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 9), pauses=(pause,)
    )
    final = step(t.build(case, date(2026, 4, 1)), "final_plan")
    assert final.statutory_due == date(2026, 5, 25)
    assert final.due == date(2026, 6, 22)  # 28 paused days
    assert final.paused_days == 28 and final.pauses == (pause,)


def test_a_pause_that_starts_after_a_deadline_passed_does_not_hide_the_breach():
    pause = Pause("personal", start=date(2026, 2, 20), end=date(2026, 3, 20))
    case = Case(
        request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 3, 2), pauses=(pause,)
    )
    tl = t.build(case, date(2026, 4, 1))
    decision = step(tl, "decision")
    assert decision.due == date(2026, 2, 16) and decision.paused_days == 0
    assert (decision.status, decision.days) == (t.DONE_LATE, 14)
    # ...while the 20-week deadline, still running when the pause began, moves.
    assert step(tl, "final_plan").paused_days == 29


def test_days_paused_after_a_step_was_done_do_not_count_for_it():
    pause = Pause("school_holiday", start=date(2026, 2, 10), end=date(2026, 3, 31))
    case = Case(
        request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 12), pauses=(pause,)
    )
    decision = step(t.build(case, date(2026, 4, 1)), "decision")
    assert decision.paused_days == 3  # 10, 11 and 12 February
    assert decision.status == t.DONE


def test_an_ongoing_pause_keeps_the_deadline_moving_until_it_ends():
    pause = Pause("personal", start=date(2026, 5, 1))
    case = Case(
        request_date=REQUEST, decision_to_assess="yes", decision_date=date(2026, 2, 9), pauses=(pause,)
    )
    final = step(t.build(case, date(2026, 6, 30)), "final_plan")
    assert final.paused_days == 61 and final.due == date(2026, 5, 25) + timedelta(days=61)
    assert final.status != t.OVERDUE


# --- Annual reviews ----------------------------------------------------------------------------

FINAL = date(2025, 3, 10)


def plan_case(**kwargs):
    return Case(
        request_date=date(2024, 10, 28),
        decision_to_assess="yes",
        decision_date=date(2024, 12, 2),
        draft_issued=date(2025, 2, 10),
        final_issued=FINAL,
        **kwargs,
    )


def test_first_review_due_twelve_months_from_the_plan():
    tl = t.build(plan_case(), date(2026, 3, 1))
    meeting = step(tl, "review_meeting")
    assert meeting.due == date(2026, 3, 10) and meeting.status == t.DUE_SOON
    assert tl.next_annual_review == date(2026, 3, 10)


def test_next_review_due_twelve_months_from_the_last_review_meeting():
    review = Review(due=date(2026, 3, 10), meeting=date(2026, 2, 2), notice_sent=date(2026, 1, 15))
    tl = t.build(plan_case(reviews=(review,)), date(2026, 6, 1))
    assert tl.next_annual_review == date(2027, 2, 2)
    assert step(tl, "review_meeting", date(2026, 3, 10).isoformat()).status == t.DONE


def test_a_review_not_held_within_twelve_months_is_overdue():
    tl = t.build(plan_case(), date(2026, 4, 9))
    meeting = step(tl, "review_meeting")
    assert (meeting.status, meeting.days) == (t.OVERDUE, 30)


def test_meeting_notice_due_two_weeks_before_and_decision_four_weeks_after():
    review = Review(due=date(2026, 3, 10), meeting=date(2026, 3, 2), notice_sent=date(2026, 2, 20))
    tl = t.build(plan_case(reviews=(review,)), date(2026, 4, 1))
    notice = step(tl, "review_notice")
    assert notice.due == date(2026, 2, 16) and (notice.status, notice.days) == (t.DONE_LATE, 4)
    decision = step(tl, "review_decision")
    assert decision.due == date(2026, 3, 30) and (decision.status, decision.days) == (t.OVERDUE, 2)


def test_amended_plan_due_eight_weeks_from_proposals_capped_at_twelve_weeks_from_meeting():
    on_time_proposals = Review(
        due=date(2026, 3, 10),
        meeting=date(2026, 3, 2),
        decision="amend",
        decision_date=date(2026, 3, 20),
        proposed_amendments=date(2026, 3, 20),
    )
    tl = t.build(plan_case(reviews=(on_time_proposals,)), date(2026, 4, 1))
    assert step(tl, "amended_plan").due == date(2026, 5, 15)  # 8 weeks from the proposals
    assert step(tl, "amendment_comments").due == date(2026, 4, 4)  # 15 days to comment

    late_proposals = Review(
        due=date(2026, 3, 10),
        meeting=date(2026, 3, 2),
        decision="amend",
        decision_date=date(2026, 4, 20),
        proposed_amendments=date(2026, 4, 20),
    )
    tl = t.build(plan_case(reviews=(late_proposals,)), date(2026, 5, 1))
    assert step(tl, "amended_plan").due == date(2026, 5, 25)  # 12 weeks from the meeting
    assert step(tl, "review_decision").status == t.DONE_LATE


@pytest.mark.parametrize(
    ("kind", "deadline"), [("school", date(2027, 2, 15)), ("post_16", date(2027, 3, 31))]
)
def test_phase_transfer_deadlines(kind, deadline):
    review = Review(due=date(2026, 3, 10), phase_transfer=kind, transfer_year=2027)
    tl = t.build(plan_case(reviews=(review,)), date(2026, 3, 1))
    assert step(tl, "phase_transfer").due == deadline
    done = Review(
        due=date(2026, 3, 10),
        meeting=date(2026, 3, 1),
        decision="amend",
        decision_date=date(2026, 3, 20),
        final_amended=deadline + timedelta(days=1),
        phase_transfer=kind,
        transfer_year=2027,
    )
    late = step(t.build(plan_case(reviews=(done,)), deadline + timedelta(days=30)), "phase_transfer")
    assert (late.status, late.days) == (t.DONE_LATE, 1)


def test_a_council_may_review_sooner_than_twelve_months_but_not_later():
    sooner = Review(due=date(2025, 9, 10))
    assert step(t.build(plan_case(reviews=(sooner,)), date(2025, 8, 1)), "review_meeting").due == date(
        2025, 9, 10
    )
    later = Review(due=date(2026, 6, 1))
    assert step(t.build(plan_case(reviews=(later,)), date(2025, 8, 1)), "review_meeting").due == date(
        2026, 3, 10
    )


def test_a_ceased_plan_has_nothing_pending_and_keeps_its_history():
    case = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        draft_issued=date(2026, 5, 1),
        final_issued=date(2026, 6, 5),
        ceased=date(2026, 9, 1),
    )
    tl = t.build(case, date(2027, 9, 1))
    assert tl.stage == t.CEASED and tl.upcoming == [] and tl.next_annual_review is None
    assert step(tl, "final_plan").status == t.DONE_LATE
    assert step(tl, "ceased").done_on == date(2026, 9, 1)


def test_next_step_is_the_pending_step_due_first():
    case = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        advice=(Advice("health", requested=date(2026, 2, 10)),),
    )
    tl = t.build(case, date(2026, 3, 1))
    assert tl.next_step.kind == "advice" and tl.next_step.due == date(2026, 3, 24)


@pytest.mark.parametrize(
    ("fields", "stage"),
    [
        ({}, t.REQUESTED),
        ({"decision_to_assess": "yes"}, t.ASSESSING),
        ({"decision_to_assess": "no"}, t.NOT_ASSESSING),
        ({"decision_to_assess": "yes", "no_plan_notice": REQUEST}, t.NO_PLAN),
        ({"decision_to_assess": "yes", "draft_issued": REQUEST}, t.DRAFT),
        ({"draft_issued": REQUEST, "final_issued": REQUEST}, t.PLAN),
        ({"final_issued": REQUEST, "ceased": REQUEST}, t.CEASED),
    ],
)
def test_stage_for(fields, stage):
    assert t.stage_for(**fields) == stage


# --- Disagreements (reg 33) ---------------------------------------------------------------------


def test_two_months_to_appeal_a_refusal_to_assess_and_it_is_never_the_next_step():
    case = Case(request_date=REQUEST, decision_to_assess="no", decision_date=date(2026, 2, 10))
    tl = t.build(case, date(2026, 3, 1))
    window = step(tl, "appeal_window")
    assert window.due == date(2026, 4, 10) and (window.status, window.days) == (t.OPEN, 40)
    assert window.optional and window.owner == "family"
    assert tl.next_step is None
    assert step(t.build(case, date(2026, 4, 11)), "appeal_window").status == t.CLOSED


def test_appeal_windows_after_a_final_plan_a_no_plan_notice_and_a_cease_decision():
    final = plan_case()
    assert step(t.build(final, date(2025, 4, 1)), "appeal_window").due == date(2025, 5, 10)
    no_plan = Case(
        request_date=REQUEST,
        decision_to_assess="yes",
        decision_date=date(2026, 2, 9),
        no_plan_notice=date(2026, 4, 20),
    )
    assert step(t.build(no_plan, date(2026, 5, 1)), "appeal_window").status == t.OPEN
    ceased = Case(request_date=REQUEST, final_issued=date(2026, 5, 20), ceased=date(2027, 6, 30))
    tl = t.build(ceased, date(2027, 7, 1))
    assert [s.kind for s in tl.upcoming] == ["appeal_window"]
    assert tl.upcoming[0].label.endswith("the decision to stop the plan")
