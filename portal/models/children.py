"""Children and the settings (schools, colleges, nurseries) they attend."""

import uuid

from django.conf import settings
from django.db import models


class Setting(models.Model):
    """A school, college or early-years setting named in plans."""

    class Phase(models.TextChoices):
        EARLY_YEARS = "early_years", "Early years"
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        POST_16 = "post_16", "Post-16"
        SPECIAL = "special", "Special school"
        ALTERNATIVE = "alternative", "Alternative provision"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    # Unique reference number from Get Information about Schools, when the setting has one.
    urn = models.CharField("URN", max_length=20, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.PRIMARY)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["urn"], condition=~models.Q(urn=""), name="setting_urn_unique"),
        ]

    def __str__(self):
        return self.name


class Child(models.Model):
    """A child or young person (0-25) known to the SEND team.

    ``public_id`` is the only identifier that ever appears in a URL or leaves the service."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    setting = models.ForeignKey(
        Setting, null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # Parents, carers and the young person themselves; see ParentLink.
    parents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="portal.ParentLink",
        through_fields=("child", "user"),
        related_name="children",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        # Given to whoever answers subject access requests (not to caseworkers by default).
        permissions = [("export_family_data", "Can export everything held about a family")]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day):
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years
