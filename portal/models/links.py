"""Who may see which child: parent links, and the single-use codes that create them."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read out over the phone and typed from letters.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
CODE_LENGTH = 12
CODE_LIFETIME = timedelta(days=30)
MAX_CODE_ATTEMPTS = 5


class Relationship(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer or guardian"
    YOUNG_PERSON = "young_person", "The young person (their own record)"
    OTHER = "other", "Other person with parental responsibility"


class ParentLink(models.Model):
    """One user may see one child's record. Many parents per child and many children per parent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey("portal.Child", on_delete=models.CASCADE, related_name="parent_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices, default=Relationship.PARENT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_code = models.ForeignKey(
        "portal.LinkCode", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "child"], name="parentlink_user_child_unique")]

    def __str__(self):
        return f"{self.user} - {self.child} ({self.get_relationship_display()})"


def normalise_code(raw):
    """What the family typed, without spaces, dashes or case."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def hash_code(raw):
    return hashlib.sha256(normalise_code(raw).encode()).hexdigest()


def format_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class LinkCodeQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, locked_at__isnull=True, expires_at__gt=now)


class LinkCode(models.Model):
    """A single-use code a caseworker gives a family. Only its hash is stored; the code itself is shown
    once, when issued (``LinkCode.issue`` returns it)."""

    child = models.ForeignKey("portal.Child", on_delete=models.CASCADE, related_name="link_codes")
    relationship = models.CharField(max_length=20, choices=Relationship.choices, default=Relationship.PARENT)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The last characters, so staff can tell codes apart without the code being recoverable.
    hint = models.CharField(max_length=4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LinkCodeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Link code ...{self.hint} for {self.child}"

    @classmethod
    def issue(cls, child, created_by=None, relationship=Relationship.PARENT, now=None):
        """Create a code for ``child``; returns ``(link_code, plain_code)``. Only the hash is stored."""
        now = now or timezone.now()
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        link_code = cls.objects.create(
            child=child,
            relationship=relationship,
            code_hash=hash_code(code),
            hint=code[-4:],
            created_by=created_by,
            expires_at=now + CODE_LIFETIME,
        )
        return link_code, format_code(code)

    @property
    def status(self):
        if self.used_at:
            return "used"
        if self.locked_at:
            return "locked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"


class LinkAttempt(models.Model):
    """Every try at linking, so a user guessing codes is stopped whatever code they try."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {'linked' if self.succeeded else 'failed'} at {self.at:%Y-%m-%d %H:%M}"
