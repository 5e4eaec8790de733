"""The Local Offer's home page: where families start."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .content import ContentPage, plain_text

LATEST_MINUTES_COUNT = 3


class HomePage(ContentPage):
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
        return [link.page for link in self.featured_guides.all() if link.page and link.page.live]

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

    def get_context(self, request, *args, **kwargs):
        from .guide import GuideIndexPage
        from .minutes import MinutesIndexPage
        from .step_by_step import StepByStepPage

        context = super().get_context(request, *args, **kwargs)
        context["featured_guides"] = self.featured()
        context["latest_minutes"] = self.latest_minutes()
        context["journey"] = StepByStepPage.objects.child_of(self).live().public().first()
        context["guide_index"] = GuideIndexPage.objects.child_of(self).live().public().first()
        context["minutes_index"] = MinutesIndexPage.objects.child_of(self).live().public().first()
        return context

    def get_search_text(self):
        return plain_text(self.intro)


class HomePageFeaturedGuide(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_guides")
    page = models.ForeignKey("cms.GuidePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "featured guide"
