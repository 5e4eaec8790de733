"""Safeguarding: the council's own numbers that every safety reply gives, and the flags staff review.

The national numbers (999, NHS 111, Samaritans, ...) are fixed in ``portal.safeguarding.replies``
so no edit can blank them out; the council's children's social care front door, its out-of-hours
service and its LADO are the council's own, kept here by communications staff under the same
moderation as pages. A flag is raised whenever a family's words (chat, complaint, callback or page
feedback) hold a crisis or safeguarding concern, and stays until staff mark it reviewed."""

import re
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin


def validate_uk_phone(value):
    """A UK number a family can dial: 10 or 11 digits starting 0, or +44; spaces allowed."""
    compact = re.sub(r"[\s()-]", "", value or "")
    if compact.startswith("+44"):
        compact = "0" + compact[3:]
    if not re.fullmatch(r"0\d{9,10}", compact):
        raise ValidationError("Enter a UK phone number, like 01632 960 001 or 0800 123 4567")


class SafetyContacts(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The council's safeguarding numbers, one published record (the latest published is used)."""

    social_care_name = models.CharField(
        "front door name",
        max_length=120,
        default="Children's social care front door",
        help_text="What families call it, for example 'Northmere Children's Advice and Duty Service'.",
    )
    social_care_phone = models.CharField(
        "front door phone",
        max_length=40,
        validators=[validate_uk_phone],
        help_text="Where anyone worried about a child's safety calls in office hours.",
    )
    social_care_hours = models.CharField(
        "front door hours", max_length=120, default="Monday to Friday, 9am to 5pm"
    )
    out_of_hours_phone = models.CharField(
        "out-of-hours phone",
        max_length=40,
        validators=[validate_uk_phone],
        help_text="The emergency duty team, for evenings, weekends and bank holidays.",
    )
    lado_phone = models.CharField(
        "LADO phone",
        max_length=40,
        validators=[validate_uk_phone],
        help_text="The Local Authority Designated Officer: concerns about anyone who works with children.",
    )
    lado_email = models.EmailField("LADO email", blank=True)
    report_url = models.URLField(
        "online reporting page",
        blank=True,
        help_text="Optional: the council's page for reporting a concern about a child online.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="safetycontacts")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="safetycontacts",
        for_concrete_model=False,
    )

    panels = [
        HelpPanel(
            content="<p>The assistant and the help pages give these numbers to families who may be in "
            "danger. Check each one by phoning it before you submit a change. The national numbers "
            "(999, NHS 111, Samaritans, Shout, NSPCC, Childline, the National Domestic Abuse Helpline) "
            "are built in and cannot be changed here.</p>"
        ),
        MultiFieldPanel(
            [
                FieldPanel("social_care_name"),
                FieldPanel("social_care_phone"),
                FieldPanel("social_care_hours"),
                FieldPanel("out_of_hours_phone"),
                FieldPanel("report_url"),
            ],
            "Children's social care",
        ),
        MultiFieldPanel([FieldPanel("lado_phone"), FieldPanel("lado_email")], "LADO"),
    ]

    class Meta:
        verbose_name = "safety contacts"
        verbose_name_plural = "safety contacts"

    def __str__(self):
        return f"Safety contacts ({self.social_care_name})"

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def current(cls):
        """The published record the replies use (the most recently published), or None."""
        return cls.objects.filter(live=True).order_by("-last_published_at", "-pk").first()


class SafeguardingFlag(models.Model):
    """A family's words held a crisis or safeguarding concern. Staff review every one."""

    class Source(models.TextChoices):
        CHAT = "chat", "Chat assistant"
        COMPLAINT = "complaint", "Complaint"
        CALLBACK = "callback", "Callback request"
        FEEDBACK = "feedback", "Page feedback"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    source = models.CharField(max_length=12, choices=Source.choices)
    # Kinds of concern, most urgent first (portal.safeguarding.detector.CATEGORIES).
    categories = models.JSONField(default=list)
    immediate = models.BooleanField(default=False, help_text="The words said the danger is now.")
    # What was written, for the reviewer. Kept with the flag under SAFEGUARDING_RETENTION_DAYS.
    text = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conversation_public_id = models.CharField(max_length=64, blank=True, db_index=True)
    complaint = models.ForeignKey(
        "portal.Complaint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_flags",
    )
    # The callback request's or feedback's own reference, where the flag came from one.
    source_reference = models.CharField(max_length=64, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "safeguarding flag"
        permissions = [("review_safeguardingflag", "Can review safeguarding flags")]

    def __str__(self):
        return f"{self.get_source_display()} flag, {timezone.localtime(self.created_at):%d %b %Y %H:%M}"

    @property
    def reviewed(self):
        return self.reviewed_at is not None
