"""Complaints (stage 1: answer within 10 working days, extendable by 10 with a reason)."""

import uuid

from django.conf import settings
from django.db import models


class Complaint(models.Model):
    class Category(models.TextChoices):
        DELAY = "delay", "Delay"
        COMMUNICATION = "communication", "Communication"
        PLAN_CONTENT = "plan_content", "What the plan says"
        PROVISION = "provision", "Support in the plan not being delivered"
        OTHER = "other", "Something else"

    class ContactPreference(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Channel(models.TextChoices):
        WEB = "web", "Web form"
        CHATBOT = "chatbot", "Chat assistant"
        STAFF = "staff", "Recorded by staff"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True, editable=False)
    # A retried or double-clicked submission carries the same key and gets the same complaint back.
    # A digest of the submitter's scope and their key (portal.complaints.scoped_key), and of the
    # answers sent, so a resend is recognised and a different complaint under the same key refused.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    submission_digest = models.CharField(max_length=64, blank=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)

    category = models.CharField(max_length=20, choices=Category.choices)
    what_happened = models.TextField()
    desired_outcome = models.TextField()
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    child = models.ForeignKey(
        "portal.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
        limit_choices_to={"is_staff": True},
    )
    received_at = models.DateTimeField()
    stage1_due = models.DateField(db_index=True)
    extended_due = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return self.reference

    @property
    def due_date(self):
        """The date the stage 1 answer is due now, after any extension."""
        return self.extended_due or self.stage1_due
