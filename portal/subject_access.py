"""Everything the service holds about one family, in one file (a subject access request, UK GDPR
article 15): the child's record and every case record under it, the accounts linked to the child and
what each of them sent us (complaints, early review requests, callback requests, conversations with
the assistant, safeguarding flags), and the audit trail of who looked at or changed the record.

Records are written by Django's own JSON serializer, so every field of every model is included as
it is stored (a field added later is exported without a change here). Document files are listed,
not attached: the caseworker sends them from the case page."""

import json

from django.core import serializers
from django.utils import timezone

from chatbot.models import CallbackRequest, Conversation, Message

from .models import (
    AdviceRequest,
    AnnualReview,
    AuditEntry,
    ClockException,
    Complaint,
    Document,
    EarlyReviewRequest,
    EHCPlan,
    Outcome,
    OutcomeProgress,
    ParentLink,
    SafeguardingFlag,
    User,
)

# Account fields that are the service's secrets, never the person's data.
SECRET_FIELDS = ("password",)


def _records(queryset):
    rows = json.loads(serializers.serialize("json", queryset))
    for row in rows:
        for name in SECRET_FIELDS:
            row["fields"].pop(name, None)
    return rows


def export_for(child):
    """A dict of sections, each a list of records, for ``child`` and the accounts linked to it."""
    plans = EHCPlan.objects.filter(child=child)
    users = User.objects.filter(child_links__child=child).distinct()
    conversations = Conversation.objects.filter(user__in=users)
    complaints = Complaint.objects.filter(child=child) | Complaint.objects.filter(submitted_by__in=users)
    return {
        "exported_at": timezone.now().isoformat(),
        "child": _records([child]),
        "linked_accounts": _records(users),
        "links": _records(ParentLink.objects.filter(child=child)),
        "plans": _records(plans),
        "advice_requests": _records(AdviceRequest.objects.filter(plan__in=plans)),
        "clock_exceptions": _records(ClockException.objects.filter(plan__in=plans)),
        "annual_reviews": _records(AnnualReview.objects.filter(plan__in=plans)),
        "early_review_requests": _records(EarlyReviewRequest.objects.filter(plan__in=plans)),
        "outcomes": _records(Outcome.objects.filter(plan__in=plans)),
        "outcome_progress": _records(OutcomeProgress.objects.filter(outcome__plan__in=plans)),
        "documents": _records(Document.objects.filter(plan__in=plans)),
        "complaints": _records(complaints.distinct()),
        "callback_requests": _records(CallbackRequest.objects.filter(user__in=users)),
        "conversations": _records(conversations),
        "messages": _records(Message.objects.filter(conversation__in=conversations)),
        "safeguarding_flags": _records(SafeguardingFlag.objects.filter(user__in=users)),
        "audit_trail": _records(AuditEntry.objects.filter(child=child)),
    }
