"""The audit log: every view of a child's record by anyone, and every change by staff."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded a document"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        LINK = "link", "Linked a user"
        UNLINK = "unlink", "Removed a user's link"
        ISSUE_CODE = "issue_code", "Issued a link code"
        LINK_FAILED = "link_failed", "Failed link attempt"
        REQUEST = "request", "Made a request"
        IMPORT = "import", "Imported"
        SECURITY = "security", "Security event"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the entry still says who it was after the account is deleted.
    actor_email = models.CharField(max_length=254, blank=True)
    # "bot" when the chatbot API read on a user's behalf.
    channel = models.CharField(max_length=10, default="web")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    child = models.ForeignKey(
        "portal.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    child_public_id = models.UUIDField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email or 'system'} {self.get_action_display()}"
