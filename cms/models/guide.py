"""Guidance: plain-English pages about the EHCP process and the support around it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import GuideStreamBlock

from .content import ContentPage, plain_text

# How long a guide may go before someone checks it is still right (the law and local contacts change).
REVIEW_INTERVAL = datetime.timedelta(days=365)
# Guides whose review falls due within this many days are listed to editors as "due soon".
REVIEW_DUE_SOON_DAYS = 30


class GuideIndexPage(ContentPage):
    search_result_type = "Guidance"
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*ContentPage.content_panels, FieldPanel("intro")]
    search_fields = [*ContentPage.search_fields, index.SearchField("intro")]

    template = "cms/guide_index_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "guidance index page"

    def guides(self):
        return GuidePage.objects.child_of(self).live().public().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides()
        return context

    def get_search_text(self):
        return plain_text(self.intro) or super().get_search_text()


class GuidePage(ContentPage):
    search_result_type = "Guide"
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences shown in lists and search results. Plain English, no jargon.",
    )
    body = StreamField(GuideStreamBlock(), blank=True)
    last_reviewed = models.DateField(
        default=datetime.date.today,
        help_text="When someone last checked this page is still correct. Shown to families.",
    )
    review_due = models.DateField(
        blank=True,
        null=True,
        help_text="When the page must next be checked. If left blank: a year after the last review.",
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=(
                        "<p>Guides whose review is due are listed on the dashboard and under "
                        "<strong>Local Offer &gt; Guide reviews</strong>. After checking the page, "
                        "update both dates and publish it.</p>"
                    )
                ),
                FieldPanel("last_reviewed"),
                FieldPanel("review_due"),
            ],
            heading="Content review",
        ),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("review_due"),
    ]

    template = "cms/guide_page.html"
    # Guides live under the guidance index; the footer pages (contact, accessibility, cookies,
    # privacy) are guides directly under the home page.
    parent_page_types = ["cms.GuideIndexPage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "guide page"

    def clean(self):
        super().clean()
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError({"last_reviewed": "The last review date cannot be in the future."})
        if self.review_due and self.last_reviewed and self.review_due <= self.last_reviewed:
            raise ValidationError({"review_due": "The review due date must be after the last review date."})

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.review_due:
            self.review_due = self.last_reviewed + REVIEW_INTERVAL
        return super().save(*args, **kwargs)

    @property
    def review_status(self):
        """'overdue', 'due_soon' or 'ok', for editors (families only see the last review date)."""
        if not self.review_due:
            return "ok"
        days_left = (self.review_due - timezone.localdate()).days
        if days_left < 0:
            return "overdue"
        if days_left <= REVIEW_DUE_SOON_DAYS:
            return "due_soon"
        return "ok"

    def get_search_text(self):
        blocks_text = self.body.stream_block.get_searchable_content(self.body) if self.body else []
        return " ".join([self.summary, *blocks_text])

    def get_context(self, request, *args, **kwargs):
        from .faq import FAQAnswer

        context = super().get_context(request, *args, **kwargs)
        # Common questions that point at this guide, as edited for the chatbot.
        context["faqs"] = FAQAnswer.objects.filter(guide=self, live=True).order_by("question")
        return context
