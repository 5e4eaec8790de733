"""The EHC needs assessment and, once issued, the EHC plan: one record carries the whole case.

A child may have more than one over the years (a refused request, then a new one); the newest is the
current case."""

import uuid

from django.conf import settings
from django.db import models

from portal import timeline


class EHCPlan(models.Model):
    class Source(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        SCHOOL = "school", "School or setting"
        YOUNG_PERSON = "young_person", "Young person"
        OTHER = "other", "Other"

    class Decision(models.TextChoices):
        YES = "yes", "Yes, assess"
        NO = "no", "No, do not assess"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("portal.Child", on_delete=models.CASCADE, related_name="plans")
    reference = models.CharField(max_length=30, unique=True, help_text="For example EHC-000123")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        limit_choices_to={"is_staff": True},
    )

    # The 20-week process (reg 5, 8, 10, 13).
    request_date = models.DateField()
    request_source = models.CharField(max_length=20, choices=Source.choices, default=Source.PARENT)
    decision_to_assess = models.CharField(max_length=3, choices=Decision.choices, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    no_plan_notice_date = models.DateField(
        null=True, blank=True, help_text="Notice that the council will not issue a plan after assessing"
    )
    draft_issued_date = models.DateField(null=True, blank=True)
    final_issued_date = models.DateField(null=True, blank=True)
    ceased_date = models.DateField(null=True, blank=True)
    cease_reason = models.CharField(max_length=200, blank=True)

    # Kept in step with the dates above on every save (and by bulk writers through
    # ``stage_from_fields``) so staff lists can filter on it without computing timelines.
    stage = models.CharField(
        max_length=20, choices=list(timeline.STAGE_LABELS.items()), default=timeline.REQUESTED, db_index=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-request_date", "-id"]
        verbose_name = "EHC assessment / plan"
        verbose_name_plural = "EHC assessments / plans"
        indexes = [models.Index(fields=["child", "-request_date"])]

    def __str__(self):
        return f"{self.reference} ({self.child})"

    def save(self, *args, **kwargs):
        self.stage = self.stage_from_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "stage" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "stage"]
        super().save(*args, **kwargs)

    def stage_from_fields(self):
        return timeline.stage_for(
            decision_to_assess=self.decision_to_assess or None,
            no_plan_notice=self.no_plan_notice_date,
            draft_issued=self.draft_issued_date,
            final_issued=self.final_issued_date,
            ceased=self.ceased_date,
        )

    @property
    def stage_label(self):
        return timeline.STAGE_LABELS[self.stage]
