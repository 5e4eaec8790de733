"""What happens during a needs assessment: advice asked of professionals and clock exceptions."""

from django.db import models


class AdviceRequest(models.Model):
    """Advice asked of a professional; due 6 weeks after being asked (reg 8)."""

    class Kind(models.TextChoices):
        EDUCATION = "education", "Education"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        EP = "ep", "Educational psychologist"
        OTHER = "other", "Other"

    plan = models.ForeignKey("portal.EHCPlan", on_delete=models.CASCADE, related_name="advice")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    requested_date = models.DateField()
    received_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["requested_date", "kind"]
        verbose_name = "advice request"

    def __str__(self):
        return f"{self.get_kind_display()} advice for {self.plan.reference}"


class ClockException(models.Model):
    """A reason in reg 10(4) / 13(3) that pauses the assessment clock. Recorded and shown, never used to
    hide a deadline that was already missed."""

    class Reason(models.TextChoices):
        SCHOOL_HOLIDAY = "school_holiday", "School holiday of 4 weeks or more"
        PERSONAL = "personal", "Exceptional personal circumstances of the child or parent"
        ABSENT = "absent", "Child or parent away from the area for 4 weeks or more"

    plan = models.ForeignKey("portal.EHCPlan", on_delete=models.CASCADE, related_name="exceptions")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while it continues")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = "clock exception"

    def __str__(self):
        return f"{self.get_reason_display()} from {self.start_date}"
