from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The council's identity and contact details, edited by communications staff."""

    council_name = models.CharField(max_length=120, default="Northmere Council")
    service_name = models.CharField(max_length=120, default="SEND Local Offer")
    phase = models.CharField(
        max_length=20, default="Beta", help_text="Shown in the phase banner, for example Alpha or Beta."
    )
    contact_email = models.EmailField(default="send@northmere.example.org")
    contact_phone = models.CharField(max_length=40, default="01234 567890")
    contact_hours = models.CharField(max_length=120, default="Monday to Friday, 9am to 5pm")

    panels = [
        MultiFieldPanel(
            [FieldPanel("council_name"), FieldPanel("service_name"), FieldPanel("phase")], "Identity"
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_hours")], "Contact"
        ),
    ]

    class Meta:
        verbose_name = "site settings"
