"""What the chatbot keeps: conversations for staff review (deleted after CHAT_RETENTION_DAYS) and
the callback requests that hand a family over to a person."""

import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .working_days import add_working_days


def new_conversation_id():
    """Opaque and random: it names the conversation to Rasa, so it must never carry an email or row id."""
    return uuid.uuid4().hex


class Conversation(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=new_conversation_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chat_conversations",
        help_text="The signed-in family member, if any.",
    )
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_activity_at"]

    def __str__(self):
        who = self.user.email if self.user_id else "signed-out visitor"
        return f"Chat with {who}, {timezone.localtime(self.started_at):%d %b %Y %H:%M}"


class Message(models.Model):
    class Sender(models.TextChoices):
        USER = "user", "Family"
        BOT = "bot", "Assistant"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=8, choices=Sender.choices)
    text = models.TextField(blank=True)
    # What the family was offered with a bot message: [{"title", "payload"}] and [{"title", "url"}].
    buttons = models.JSONField(default=list, blank=True)
    links = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_sender_display()}: {self.text[:60]}"


class CallbackRequest(models.Model):
    """A family asked the assistant for a person. Caseworkers call or email them back."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    # Working days within which the SEND team promises to be in touch.
    CONTACT_WITHIN_WORKING_DAYS = 2

    reference = models.CharField(max_length=20, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=100, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="callback_requests",
    )
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="callback_requests"
    )
    conversation_public_id = models.CharField(max_length=64, blank=True, editable=False)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    reason = models.TextField()
    # A copy, so the request keeps its context after the conversation itself is purged.
    transcript = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    staff_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expect_contact_by = models.DateField(editable=False)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "callback request"

    def __str__(self):
        return f"{self.reference} {self.contact_name}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.DONE and self.done_at is None:
            self.done_at = timezone.now()
        elif self.status != self.Status.DONE:
            self.done_at = None
            self.done_by = None
        if self.expect_contact_by is None:
            self.expect_contact_by = add_working_days(
                timezone.localdate(self.created_at), self.CONTACT_WITHIN_WORKING_DAYS
            )
        if self.reference:
            return super().save(*args, **kwargs)
        # References count up within each year: CB-2026-000001, CB-2026-000002, ...
        # Two requests racing for the same number: the unique constraint refuses one, which retries.
        year = timezone.localdate(self.created_at).year
        prefix = f"CB-{year}-"
        for _attempt in range(5):
            last = (
                CallbackRequest.objects.filter(reference__startswith=prefix)
                .order_by("-reference")
                .values_list("reference", flat=True)
                .first()
            )
            self.reference = f"{prefix}{int(last.removeprefix(prefix)) + 1 if last else 1:06d}"
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.reference = ""
                if CallbackRequest.objects.filter(idempotency_key=self.idempotency_key).exists():
                    raise
        raise IntegrityError("could not allocate a callback reference")

    @property
    def is_overdue(self):
        return self.status != self.Status.DONE and timezone.localdate() > self.expect_contact_by
