"""Telling families when their child's case changes: a new stage, a new document, a review date,
the council's answer to their request for an early review.

Saving through the ORM (the Wagtail admin, staff views, the shell) triggers these through the
signal handlers in ``portal.signals``. Code that writes in bulk and so bypasses signals (the
spreadsheet import) calls them itself, after its transaction has committed:

    from portal import case_updates
    case_updates.announce_stage_change(plan, old_stage)   # plan.stage is the new stage
    case_updates.announce_review_date(review)              # review.meeting_date was set or changed
    case_updates.announce_document(document)
    case_updates.announce_early_review_answer(request)    # staff agreed or declined, with a reply

Each sends one notification to every user linked to the child."""

import contextvars
from contextlib import contextmanager

from django.urls import reverse

from .models import ParentLink
from .notifications import format_date, notify, site_url

_muted = contextvars.ContextVar("case_updates_muted", default=False)


@contextmanager
def muted():
    """No family emails for changes made inside (demo data, back-filled history)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted():
    return _muted.get()


def _recipients(child):
    return [
        link.user
        for link in ParentLink.objects.filter(child=child, user__is_active=True).select_related("user")
    ]


def _plan_url(child):
    return site_url(reverse("portal:child", args=[child.public_id]))


def _send(child, template_key, context):
    if is_muted():
        return 0
    sent = 0
    for user in _recipients(child):
        sent += notify(
            user, template_key, {"child_name": child.first_name, "plan_url": _plan_url(child), **context}
        )
    return sent


def announce_stage_change(plan, old_stage=None):
    if plan.stage == old_stage:
        return 0
    return _send(plan.child, "stage_changed", {"stage": plan.stage_label})


def announce_document(document):
    return _send(document.plan.child, "document_added", {"document_title": document.title})


def announce_review_date(review):
    if not review.meeting_date:
        return 0
    return _send(review.plan.child, "review_date_set", {"meeting_date": format_date(review.meeting_date)})


def announce_early_review_answer(early_review):
    decision = {"agreed": "agreed", "declined": "not agreed"}.get(early_review.status)
    if decision is None:
        return 0
    return _send(
        early_review.plan.child,
        "early_review_answered",
        {"decision": decision, "response": early_review.response},
    )
