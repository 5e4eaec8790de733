"""From case records to the timeline engine's plain facts, and the summaries parents and the bot see.

Everything here reads related objects through ``.all()`` so that the callers' prefetches are used and
the number of queries does not depend on the number of events, reviews or documents."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from . import timeline
from .models import AdviceRequest


def today():
    return timezone.localdate()


def case_facts(plan):
    """The plain facts of ``plan`` for ``timeline.build``."""
    advice_labels = dict(AdviceRequest.Kind.choices)
    return timeline.Case(
        request_date=plan.request_date,
        decision_to_assess=plan.decision_to_assess or None,
        decision_date=plan.decision_date,
        advice=tuple(
            timeline.Advice(
                kind=a.kind,
                requested=a.requested_date,
                received=a.received_date,
                label=advice_labels.get(a.kind, a.kind),
            )
            for a in plan.advice.all()
        ),
        pauses=tuple(
            timeline.Pause(reason=e.reason, start=e.start_date, end=e.end_date, label=e.get_reason_display())
            for e in plan.exceptions.all()
        ),
        no_plan_notice=plan.no_plan_notice_date,
        draft_issued=plan.draft_issued_date,
        final_issued=plan.final_issued_date,
        ceased=plan.ceased_date,
        reviews=tuple(
            timeline.Review(
                due=r.due_date,
                meeting=r.meeting_date,
                notice_sent=r.notice_sent_date,
                decision=r.decision or None,
                decision_date=r.decision_date,
                proposed_amendments=r.proposed_amendments_date,
                final_amended=r.final_amended_plan_date,
                phase_transfer=r.phase_transfer or None,
                transfer_year=r.transfer_year,
                ref=str(r.public_id),
            )
            for r in plan.reviews.all()
        ),
    )


def plan_timeline(plan, on=None):
    return timeline.build(case_facts(plan), on or today())


def current_plan(child):
    """The child's newest case (plans are prefetched newest first), or None."""
    plans = list(child.plans.all())
    return max(plans, key=lambda p: (p.request_date, p.pk)) if plans else None


@dataclass
class ChildSummary:
    """What a card on /portal/ and the chatbot's plan answer show for one child."""

    child: object
    plan: object
    timeline: object

    @property
    def url(self):
        return reverse("portal:child", args=[self.child.public_id])

    @property
    def caseworker(self):
        return self.plan.caseworker if self.plan else None

    @property
    def stage_label(self):
        if not self.plan:
            return "No assessment or plan on record"
        return self.timeline.stage_label

    @property
    def summary(self):
        """One plain-English sentence for the chatbot and screen readers."""
        if not self.plan:
            return f"We have no assessment or plan on record for {self.child.first_name}."
        text = f"{self.child.first_name}'s case ({self.plan.reference}) is at this stage: {self.stage_label}."
        step = self.timeline.next_step
        if step:
            when = step.due.strftime("%-d %B %Y")
            if step.status == timeline.OVERDUE:
                text += f" Next: {step.label}, which was due by {when} and is {step.days} days overdue."
            else:
                text += f" Next: {step.label}, due by {when}."
        return text


def summarise(child, on=None):
    plan = current_plan(child)
    return ChildSummary(child=child, plan=plan, timeline=plan_timeline(plan, on) if plan else None)


def summaries_for(children, on=None):
    on = on or today()
    return [summarise(child, on) for child in children]
