"""Annual reviews of a plan (CFA s.44, reg 18-22) and early reviews asked for by families."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.timeline import add_working_days


class AnnualReview(models.Model):
    class Decision(models.TextChoices):
        KEEP = "keep", "Keep the plan as it is"
        AMEND = "amend", "Amend the plan"
        CEASE = "cease", "Stop the plan"

    class PhaseTransfer(models.TextChoices):
        # reg 18: amended by 15 February of the year of transfer; 31 March for secondary to post-16.
        SCHOOL = "school", "Moving school phase (deadline 15 February)"
        POST_16 = "post_16", "Moving from secondary school to post-16 (deadline 31 March)"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("portal.EHCPlan", on_delete=models.CASCADE, related_name="reviews")
    due_date = models.DateField(help_text="When the review must be held by")
    meeting_date = models.DateField(null=True, blank=True)
    notice_sent_date = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    proposed_amendments_date = models.DateField(null=True, blank=True)
    final_amended_plan_date = models.DateField(null=True, blank=True)
    phase_transfer = models.CharField(max_length=10, choices=PhaseTransfer.choices, blank=True)
    transfer_year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "due_date"], name="annualreview_plan_due_unique"),
        ]
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self):
        return f"Annual review of {self.plan.reference} due {self.due_date:%d %B %Y}"


class EarlyReviewRequest(models.Model):
    """A family asks for a review before the annual one because needs have changed."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the caseworker"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("portal.EHCPlan", on_delete=models.CASCADE, related_name="early_review_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="early_review_requests"
    )
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    response = models.TextField(blank=True, help_text="Shown to the family")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One request waiting per plan: a second, a double click or two parents at once, would
            # only sit in the caseworker's queue twice.
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(status="open"), name="one_open_early_review_per_plan"
            )
        ]

    def __str__(self):
        return f"Early review request for {self.plan.reference}"

    @property
    def reply_by(self):
        """The date by which the council has said it will answer (``EARLY_REVIEW_REPLY_WORKING_DAYS``)."""
        return add_working_days(timezone.localdate(self.created_at), settings.EARLY_REVIEW_REPLY_WORKING_DAYS)
