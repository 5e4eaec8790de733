from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_staff_groups(sender, **kwargs):
    # Every environment gets the Caseworkers group (not only those given demo data), kept in step
    # with CASEWORKER_PERMISSIONS whenever migrations run.
    from . import audit
    from .staff.permissions import ensure_caseworkers_group

    # Code bringing the group up to date on deploy, not a person changing powers: not a security event.
    with audit.muted():
        ensure_caseworkers_group()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Parent portal"

    def ready(self):
        # Connects the audit, security-event, notification, second-factor and session-lifetime handlers.
        from . import mfa, security_events, session_lifetime, signals  # noqa: F401

        # After this app's own post_migrate work, so its permissions exist by then.
        post_migrate.connect(_ensure_staff_groups, sender=self, dispatch_uid="portal-staff-groups")
