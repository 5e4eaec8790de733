"""The EHCP journey as GOV.UK step-by-step navigation: each step with its statutory deadline."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BODY_FEATURES, LinkBlock

from .content import ContentPage, ReindexAfterChildrenMixin, plain_text


class StepByStepPage(ReindexAfterChildrenMixin, ContentPage):
    search_result_type = "Step by step"
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("intro"),
        InlinePanel("steps", label="Steps", min_num=1),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "steps",
            [index.SearchField("title"), index.SearchField("deadline"), index.SearchField("body")],
        ),
    ]

    template = "cms/step_by_step_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "step-by-step page"

    def steps_with_links(self):
        """Each step with its links as ``(title, url)`` pairs, the linked pages fetched in one query
        for the whole journey (reading each step's links block would cost a query per step).
        Links to pages that are not live are left out."""
        steps = list(self.steps.all())
        page_ids = {item["value"].get("page") for step in steps for item in step.links.raw_data} - {None}
        pages = Page.objects.live().in_bulk(page_ids)
        result = []
        # By position, not by step id: in a preview, new steps have no id yet.
        for step in steps:
            links = []
            for item in step.links.raw_data:
                value = item["value"]
                page = pages.get(value.get("page"))
                url = page.url if page else value.get("url")
                if url:
                    links.append((value.get("title", ""), url))
            result.append((step, links))
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["steps"] = self.steps_with_links()
        return context

    def get_search_text(self):
        parts = [plain_text(self.intro)]
        for step in self.steps.all():
            parts += [step.title, step.deadline, plain_text(step.body)]
        return " ".join(p for p in parts if p)


class StepByStepStep(Orderable):
    page = ParentalKey(StepByStepPage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=120)
    deadline = models.CharField(
        max_length=200,
        blank=True,
        help_text="The statutory time limit, as families should read it, for example "
        "'Within 6 weeks of the request'. It must agree with the law (SEND Regulations 2014).",
    )
    legal_basis = models.CharField(
        max_length=80, blank=True, help_text="Where the time limit comes from, for example 'regulation 5(3)'."
    )
    body = RichTextField(features=BODY_FEATURES)
    links = StreamField([("link", LinkBlock())], blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("deadline"),
        FieldPanel("legal_basis"),
        FieldPanel("body"),
        FieldPanel("links"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "step"

    def __str__(self):
        return self.title
