"""Published committee minutes, so families can see what was decided about SEND and when."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BODY_FEATURES, AgreedActionBlock

from .content import ContentPage, ReindexAfterChildrenMixin, plain_text

MINUTES_PER_PAGE = 10


class Committee(index.Indexed, models.Model):
    """A council committee or board whose SEND minutes appear on the Local Offer."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the minutes filter's web address; keep it short."
    )
    description = models.TextField(blank=True, help_text="What the committee does, in a sentence or two.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        return super().save(*args, **kwargs)


class MinutesIndexPage(ContentPage):
    search_result_type = "Committee meetings"
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*ContentPage.content_panels, FieldPanel("intro")]
    search_fields = [*ContentPage.search_fields, index.SearchField("intro")]

    template = "cms/minutes_index_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.MeetingMinutesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "minutes index page"

    def meetings(self):
        """Every published meeting under this index, newest first."""
        return (
            MeetingMinutesPage.objects.child_of(self)
            .live()
            .public()
            .select_related("committee")
            .order_by("-meeting_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from cms.forms import MinutesFilterForm

        context = super().get_context(request, *args, **kwargs)
        meetings = self.meetings()
        form = MinutesFilterForm(request.GET or None, meetings=meetings)
        filtered = False
        if form.is_bound:
            # A filter that is valid still applies when the other one is not (its error is shown).
            form.is_valid()
            filtered = form.has_filters()
            meetings = form.filter(meetings)
        paginator = Paginator(meetings, MINUTES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            {
                "filter_form": form,
                "filtered": filtered,
                "page_obj": page_obj,
                "meetings": page_obj.object_list,
                "elided_page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=1),
            }
        )
        return context

    def get_search_text(self):
        return plain_text(self.intro)


class MeetingMinutesPage(ReindexAfterChildrenMixin, ContentPage):
    search_result_type = "Committee meeting"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: not yet approved by the committee"
        APPROVED = "approved", "Approved"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    meeting_date = models.DateField()
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Minutes become approved when the committee agrees them at its next meeting.",
    )
    location = models.CharField(max_length=200, blank=True)
    attendees = models.TextField(
        blank=True, help_text="Who attended: members, officers and guests, one per line or comma separated."
    )
    summary = RichTextField(
        features=BODY_FEATURES, blank=True, help_text="What the meeting was about, in a few sentences."
    )

    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("committee"),
                FieldPanel("meeting_date"),
                FieldPanel("status"),
                FieldPanel("location"),
            ],
            heading="Meeting",
        ),
        FieldPanel("attendees"),
        FieldPanel("summary"),
        InlinePanel("agenda_items", label="Agenda items", min_num=1),
        InlinePanel("documents", label="Supporting documents"),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("attendees"),
        index.FilterField("meeting_date"),
        index.FilterField("status"),
        index.FilterField("committee"),
        index.RelatedFields("committee", [index.SearchField("name")]),
        # Families search for what was discussed, which is in the agenda items, not the page fields.
        index.RelatedFields(
            "agenda_items",
            [
                index.SearchField("title"),
                index.SearchField("minutes"),
                index.SearchField("decisions"),
                index.SearchField("actions"),
            ],
        ),
    ]

    template = "cms/meeting_minutes_page.html"
    parent_page_types = ["cms.MinutesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "meeting minutes page"

    def supporting_documents(self):
        return self.documents.all().select_related("document")

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def get_search_text(self):
        parts = [plain_text(self.summary)]
        for item in self.agenda_items.all():
            parts += [item.title, plain_text(item.minutes), plain_text(item.decisions)]
            parts += [action.value["action"] for action in item.actions]
        return " ".join(p for p in parts if p)


class AgendaItem(Orderable):
    page = ParentalKey(MeetingMinutesPage, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=200)
    minutes = RichTextField(features=BODY_FEATURES, help_text="What was presented and discussed.")
    decisions = RichTextField(
        features=BODY_FEATURES,
        blank=True,
        help_text="What the committee resolved or agreed, as recorded (for example 'RESOLVED that ...').",
    )
    actions = StreamField(
        [("action", AgreedActionBlock())],
        blank=True,
        help_text="Agreed actions, each with an owner and a due date where one was set.",
    )

    panels = [FieldPanel("title"), FieldPanel("minutes"), FieldPanel("decisions"), FieldPanel("actions")]

    class Meta(Orderable.Meta):
        verbose_name = "agenda item"

    def __str__(self):
        return self.title


class MeetingDocument(Orderable):
    page = ParentalKey(MeetingMinutesPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(
        max_length=200, blank=True, help_text="Link text, if different from the document's own title."
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "supporting document"

    @property
    def link_text(self):
        return self.title or self.document.title
