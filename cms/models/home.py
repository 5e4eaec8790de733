"""The Local Offer's home page: where families start."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .content import ContentPage, plain_text

LATEST_MINUTES_COUNT = 3


class HomePage(ContentPage):
    search_result_type = "Home page"
    intro = RichTextField(
        features=["bold", "italic", "link"],
        help_text="A short welcome: who the site is for and what they can do here.",
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_guides", label="Featured guidance", max_num=6),
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("intro")]

    template = "cms/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.GuideIndexPage", "cms.GuidePage", "cms.StepByStepPage", "cms.MinutesIndexPage"]

    class Meta:
        verbose_name = "home page"

    def featured(self):
        """The featured guides that families can actually open (live and public)."""
        # Plain iteration (not .filter) so that previews of unsaved edits work too.
        links = self.featured_guides.all().select_related("page")
        return [link.page for link in links if link.page and link.page.live]

    def latest_minutes(self):
        from .minutes import MeetingMinutesPage

        return (
            MeetingMinutesPage.objects.descendant_of(self)
            .live()
            .public()
            .filter(status=MeetingMinutesPage.Status.APPROVED)
            .select_related("committee")
            .order_by("-meeting_date", "-pk")[:LATEST_MINUTES_COUNT]
        )

    def sections(self):
        """The first live public child of each section type, as plain pages (a title and a URL are
        all the home page shows of them), in one query."""
        from .guide import GuideIndexPage
        from .minutes import MinutesIndexPage
        from .step_by_step import StepByStepPage

        found = {}
        children = self.get_children().live().public().type(StepByStepPage, GuideIndexPage, MinutesIndexPage)
        for child in children.order_by("path"):
            found.setdefault(child.content_type_id, child)
        content_types = ContentType.objects.get_for_models(StepByStepPage, GuideIndexPage, MinutesIndexPage)
        return {
            "journey": found.get(content_types[StepByStepPage].pk),
            "guide_index": found.get(content_types[GuideIndexPage].pk),
            "minutes_index": found.get(content_types[MinutesIndexPage].pk),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_guides"] = self.featured()
        context["latest_minutes"] = self.latest_minutes()
        context.update(self.sections())
        return context

    def get_search_text(self):
        return plain_text(self.intro)


class HomePageFeaturedGuide(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_guides")
    page = models.ForeignKey("cms.GuidePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "featured guide"
