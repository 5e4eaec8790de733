"""Case documents. Files live on the "private" storage, outside MEDIA_ROOT, and are only ever
streamed by the download view after an access check."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class NoPublicURL(ValueError):
    # Templates (e.g. Django's file input widget in the admin) render an empty link instead of failing.
    silent_variable_failure = True


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up when first used and again after STORAGES changes (tests
    give each test its own folder). Django evaluates a FileField's storage once, at import."""

    def _setup(self):
        self._wrapped = storages["private"]

    def url(self, name):
        # FileSystemStorage would fall back to MEDIA_URL; a case document must never have a public URL.
        raise NoPublicURL("Case documents have no URL: link to the portal's document download view.")


_private_storage = PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


def private_storage():
    # A callable, so the migration records the callable rather than a storage location.
    return _private_storage


def document_path(instance, filename):
    """Store under a random name: nothing about the child leaks into the file system."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"case-documents/{instance.id.hex[:2]}/{instance.id.hex}{suffix}"


class Document(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", "EHC plan"
        ADVICE = "advice", "Advice or report"
        DECISION_LETTER = "decision_letter", "Decision letter"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey("portal.EHCPlan", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(max_length=200)
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=200)
    # The name the family sees when they download it.
    original_filename = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.original_filename:
            self.original_filename = PurePosixPath(self.file.name).name[:200]
        super().save(*args, **kwargs)

    @property
    def download_filename(self):
        return self.original_filename or f"{self.title}{PurePosixPath(self.file.name).suffix}"
