from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Parent portal"

    def ready(self):
        from . import signals  # noqa: F401  (connects the audit and notification handlers)
