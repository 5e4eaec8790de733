from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Local Offer"

    def ready(self):
        from cms.page_cache import connect_signals

        connect_signals()
