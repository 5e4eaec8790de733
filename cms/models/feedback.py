"""Answers to "Was this page useful?": the raw material of the yearly "you said, we did" report
that the Local Offer must publish (SEND Regulations 2014, reg 56)."""

from django.db import models

COMMENT_MAX_LENGTH = 1200


class PageFeedback(models.Model):
    # The page may later be deleted or renamed; the feedback still counts for the year's report,
    # so the title and address it had are kept with it.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_title = models.CharField(max_length=255)
    page_url = models.CharField(max_length=500)
    useful = models.BooleanField("Was the page useful?")
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self):
        return f"{'Useful' if self.useful else 'Not useful'}: {self.page_title} ({self.created:%d %b %Y})"
