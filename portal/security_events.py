"""Security events in the audit log (issue 10): failed sign-ins, authenticator apps set up, removed
or reset, and every change to who may do what (groups, permissions, staff and superuser status,
accounts switched off). Written from Django's and allauth's public signals, so a change made
anywhere (the Wagtail user forms, the shell, a data migration) is recorded."""

from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from . import audit
from .models import AuditEntry

SECURITY = AuditEntry.Action.SECURITY
User = get_user_model()
# Account flags that change what a user may reach.
POWERS = ("is_active", "is_staff", "is_superuser")
KINDS = {"totp": "Authenticator app", "recovery_codes": "Recovery codes", "webauthn": "Security key"}


@receiver(user_login_failed, dispatch_uid="portal-security-login-failed")
def failed_sign_in(sender, credentials=None, request=None, **kwargs):
    # Django has already replaced the password in ``credentials``; only the address typed is kept.
    typed = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    audit.record(None, SECURITY, summary=f"Failed sign-in for {typed[:200]}".strip(), request=request)


def _authenticator_event(what):
    def handler(sender, request=None, user=None, authenticator=None, **kwargs):
        kind = KINDS.get(getattr(authenticator, "type", None), "Authenticator")
        audit.record(user, SECURITY, obj=user, summary=f"{kind} {what}", request=request)

    return handler


for signal, what, uid in (
    (authenticator_added, "set up", "added"),
    (authenticator_removed, "removed", "removed"),
    (authenticator_reset, "reset", "reset"),
):
    signal.connect(_authenticator_event(what), dispatch_uid=f"portal-security-mfa-{uid}", weak=False)


def _names(model, pks):
    return ", ".join(sorted(str(name) for name in model.objects.filter(pk__in=pks or ()))) or "everything"


def _membership_changed(label):
    def handler(sender, instance, action, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
        target = instance if not isinstance(instance, model) else None
        summary = f"{label} {verb}: {_names(model, pk_set)}" if action != "post_clear" else f"{label} cleared"
        who = getattr(target, "email", None) or getattr(target, "name", "")
        audit.record(audit.current_actor(), SECURITY, obj=target, summary=f"{summary} ({who})"[:300])

    return handler


for label, through, uid in (
    ("Groups", User.groups.through, "groups"),
    ("Permissions", User.user_permissions.through, "user-permissions"),
    ("Group permissions", Group.permissions.through, "group-permissions"),
):
    m2m_changed.connect(
        _membership_changed(label), sender=through, weak=False, dispatch_uid=f"portal-security-{uid}"
    )


@receiver(pre_save, sender=User, dispatch_uid="portal-security-account-flags")
def account_flags_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(POWERS)):
        return  # new accounts, fixtures, and saves such as the last sign-in time
    before = User.objects.filter(pk=instance.pk).values(*POWERS).first()
    if before is None:
        return
    changes = {
        flag: [before[flag], getattr(instance, flag)]
        for flag in POWERS
        if before[flag] != getattr(instance, flag)
    }
    if changes:
        summary = f"Account changed ({instance.email})"
        audit.record(audit.current_actor(), SECURITY, obj=instance, summary=summary, changes=changes)
