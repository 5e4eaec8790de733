"""Signal handlers: the audit trail of changes to case records, and family notifications.

``pre_save`` remembers the stored values so ``post_save`` can record what changed. Notifications go
out only after the transaction commits, so a rolled-back edit never emails anyone."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import audit, case_updates
from .models import (
    AdviceRequest,
    AnnualReview,
    AuditEntry,
    Child,
    ClockException,
    Complaint,
    Document,
    EarlyReviewRequest,
    EHCPlan,
    LinkCode,
    Outcome,
    OutcomeProgress,
    ParentLink,
)

AUDITED = (
    Child,
    EHCPlan,
    AdviceRequest,
    ClockException,
    AnnualReview,
    EarlyReviewRequest,
    Outcome,
    OutcomeProgress,
    Document,
    ParentLink,
    LinkCode,
    Complaint,
)
# Never copied into the audit log.
SECRET_FIELDS = {"code_hash", "file"}


def child_of(instance):
    """The child a record belongs to, whatever kind of record it is."""
    if isinstance(instance, Child):
        return instance
    if isinstance(instance, OutcomeProgress):
        return instance.outcome.plan.child
    if isinstance(instance, EHCPlan | ParentLink | LinkCode | Complaint):
        return instance.child
    plan = getattr(instance, "plan", None)
    return plan.child if plan is not None else None


def _values(instance):
    values = {}
    for f in instance._meta.concrete_fields:
        if f.name in SECRET_FIELDS or f.name in ("updated_at", "created_at"):
            continue
        value = getattr(instance, f.attname)
        values[f.name] = value if isinstance(value, int | bool | type(None)) else str(value)
    return values


@receiver(pre_save)
def remember_stored_values(sender, instance, raw=False, **kwargs):
    if raw or sender not in AUDITED or instance._state.adding:
        return
    stored = sender._default_manager.filter(pk=instance.pk).first()
    instance._stored_values = _values(stored) if stored is not None else None


@receiver(post_save)
def audit_change(sender, instance, created, raw=False, **kwargs):
    if raw or sender not in AUDITED or audit.is_muted():
        return
    after = _values(instance)
    if created:
        action, changes = AuditEntry.Action.CREATE, {}
    else:
        before = getattr(instance, "_stored_values", None) or {}
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if not changes:
            return
        action = AuditEntry.Action.CHANGE
    if sender is ParentLink and created:
        action = AuditEntry.Action.LINK
    elif sender is LinkCode and created:
        action = AuditEntry.Action.ISSUE_CODE
    audit.record(
        audit.current_actor(),
        action,
        child=child_of(instance),
        obj=instance,
        summary=f"{sender._meta.verbose_name.capitalize()}: {instance}",
        changes=changes,
    )


@receiver(post_delete)
def audit_delete(sender, instance, **kwargs):
    if sender not in AUDITED or audit.is_muted():
        return
    try:
        child = child_of(instance)
    except Child.DoesNotExist:  # deleted along with its child
        child = None
    audit.record(
        audit.current_actor(),
        AuditEntry.Action.UNLINK if sender is ParentLink else AuditEntry.Action.DELETE,
        child=child if child is not None and child.pk else None,
        obj=instance,
        summary=f"{sender._meta.verbose_name.capitalize()}: {instance}",
    )


@receiver(post_save, sender=EHCPlan)
def plan_stage_changed(sender, instance, created, raw=False, **kwargs):
    if raw or case_updates.is_muted():
        return
    before = getattr(instance, "_stored_values", None) or {}
    old_stage = None if created else before.get("stage")
    if created or old_stage != instance.stage:
        transaction.on_commit(lambda: case_updates.announce_stage_change(instance, old_stage))


@receiver(post_save, sender=Document)
def document_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw and not case_updates.is_muted():
        transaction.on_commit(lambda: case_updates.announce_document(instance))


@receiver(post_save, sender=AnnualReview)
def review_date_set(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.meeting_date or case_updates.is_muted():
        return
    before = getattr(instance, "_stored_values", None) or {}
    if created or before.get("meeting_date") != str(instance.meeting_date):
        transaction.on_commit(lambda: case_updates.announce_review_date(instance))


@receiver(post_save, sender=EarlyReviewRequest)
def early_review_answered(sender, instance, created, raw=False, **kwargs):
    if raw or created or case_updates.is_muted():
        return
    before = getattr(instance, "_stored_values", None) or {}
    if before.get("status") != instance.status or before.get("response") != instance.response:
        transaction.on_commit(lambda: case_updates.announce_early_review_answer(instance))
