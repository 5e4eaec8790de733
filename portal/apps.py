from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_staff_groups(sender, **kwargs):
    # Every environment gets the Caseworkers group (not only those given demo data), kept in step
    # with CASEWORKER_PERMISSIONS whenever migrations run.
    from .staff.permissions import ensure_caseworkers_group

    ensure_caseworkers_group()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Parent portal"

    def ready(self):
        # Connects the audit, notification and second-factor handlers.
        from . import mfa, signals  # noqa: F401

        # After this app's own post_migrate work, so its permissions exist by then.
        post_migrate.connect(_ensure_staff_groups, sender=self, dispatch_uid="portal-staff-groups")
