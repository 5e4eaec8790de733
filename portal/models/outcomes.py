"""Outcomes in section E of the plan, with progress recorded over time on a five-point scale."""

import uuid

from django.conf import settings
from django.db import models


class Outcome(models.Model):
    class Area(models.TextChoices):
        COMMUNICATION = "communication", "Communication and interaction"
        COGNITION = "cognition", "Cognition and learning"
        SEMH = "semh", "Social, emotional and mental health"
        SENSORY = "sensory", "Sensory and physical"
        ADULTHOOD = "adulthood", "Preparing for adulthood"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("portal.EHCPlan", on_delete=models.CASCADE, related_name="outcomes")
    area = models.CharField(max_length=20, choices=Area.choices)
    description = models.TextField()
    target_date = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.description[:60]


class OutcomeProgress(models.Model):
    class Rating(models.IntegerChoices):
        NOT_STARTED = 1, "Not started"
        EMERGING = 2, "Emerging"
        DEVELOPING = 3, "Developing"
        SECURE = 4, "Nearly achieved"
        ACHIEVED = 5, "Achieved"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="progress")
    recorded_on = models.DateField()
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["recorded_on", "id"]
        verbose_name_plural = "outcome progress"

    def __str__(self):
        return f"{self.get_rating_display()} on {self.recorded_on}"
