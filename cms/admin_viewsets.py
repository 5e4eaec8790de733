"""What communications staff see in the Wagtail admin under "Local Offer": FAQ answers, committees,
page feedback from families, and guides whose review is due."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, LiveStatusTagColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Committee, FAQAnswer, GuidePage, PageFeedback, UnansweredQuestion
from config.permission_policies import ServiceKeptPermissionPolicy
from config.spreadsheets import SafeExportIndexView

# --- FAQ answers and committees (snippets) ------------------------------------------------------


class FAQAnswerViewSet(SnippetViewSet):
    model = FAQAnswer
    icon = "help"
    menu_label = "Knowledge base"
    list_display = ["question", "key", Column("guide", label="Guide page"), LiveStatusTagColumn()]
    list_filter = {"live": ["exact"]}
    search_fields = ["question", "answer", "key"]
    ordering = ["question"]


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    menu_label = "Committees"
    list_display = ["name", "slug"]
    search_fields = ["name"]


# --- What the assistant could not answer --------------------------------------------------------


register_permission_policy(UnansweredQuestion, ServiceKeptPermissionPolicy(UnansweredQuestion))


class UnansweredQuestionViewSet(ModelViewSet):
    """Questions the assistant could not answer with confidence, most asked first: each is a
    knowledge base entry waiting to be written (or an example to add to an existing one)."""

    model = UnansweredQuestion
    icon = "help"
    menu_label = "Unanswered questions"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        Column("text", label="Question"),
        Column("count", label="Times asked", sort_key="count"),
        Column("closest", label="Closest entry"),
        DateColumn("first_asked", label="First asked"),
        DateColumn("last_asked", label="Last asked", sort_key="last_asked"),
    ]
    list_export = ["text", "count", "first_asked", "last_asked", "closest", "closest_score"]
    index_view_class = SafeExportIndexView
    export_filename = "unanswered-questions"
    search_fields = ["text"]
    search_backend_name = None
    ordering = ["-count", "-last_asked"]
    form_fields = ["text"]


# --- Page feedback ------------------------------------------------------------------------------


class PageFeedbackFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label="Page",
        queryset=lambda request: Page.objects.filter(
            pk__in=PageFeedback.objects.values_list("page_id", flat=True)
        ).order_by("title"),
    )
    useful = django_filters.BooleanFilter(
        label="Useful",
        widget=forms.RadioSelect(choices=[("", "All"), ("true", "Yes"), ("false", "No")]),
    )
    created = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    has_comment = django_filters.BooleanFilter(
        label="Has a comment",
        method="filter_has_comment",
        widget=forms.RadioSelect(choices=[("", "All"), ("true", "Yes"), ("false", "No")]),
    )

    class Meta:
        model = PageFeedback
        fields = ["page", "useful", "created"]

    def filter_has_comment(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(comment="") if value else queryset.filter(comment="")


class PageFeedbackViewSet(ModelViewSet):
    model = PageFeedback
    icon = "comment"
    menu_label = "Page feedback"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        Column("page_title", label="Page"),
        BooleanColumn("useful", label="Useful"),
        Column("comment", label="Comment"),
        DateColumn("created", label="Received"),
    ]
    # The listing's CSV / XLSX download feeds the yearly "you said, we did" report.
    list_export = ["created", "page_title", "page_url", "useful", "comment"]
    index_view_class = SafeExportIndexView
    export_headings = {
        "created": "Received",
        "page_title": "Page",
        "page_url": "Address",
        "useful": "Useful",
        "comment": "Comment",
    }
    export_filename = "page-feedback"
    filterset_class = PageFeedbackFilterSet
    search_fields = ["comment", "page_title"]
    search_backend_name = None  # plain database filtering; feedback is not in the site search index
    ordering = ["-created"]
    form_fields = ["useful", "comment"]


# --- Guide reviews ------------------------------------------------------------------------------


class CalendarDateColumn(Column):
    """A date as a date ("3 Mar 2026"), not Wagtail's "7 hours ago", which suits timestamps only."""

    cell_template_name = "cms/admin/date_cell.html"


class ReviewDueColumn(CalendarDateColumn):
    """The review due date, with "overdue" or "due soon" so editors see what to check first."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.review_status
        return context


class GuideReviewIndexView(PageListingViewSet.index_view_class):
    # Soonest review first: what needs checking is at the top.
    default_ordering = "review_due"


class GuideReviewViewSet(PageListingViewSet):
    model = GuidePage
    icon = "calendar-alt"
    menu_label = "Guide reviews"
    index_view_class = GuideReviewIndexView
    columns = [
        *PageListingViewSet.columns[:2],  # bulk actions, title
        CalendarDateColumn("last_reviewed", label="Last reviewed", sort_key="last_reviewed"),
        ReviewDueColumn("review_due", label="Review due", sort_key="review_due"),
        *[column for column in PageListingViewSet.columns if column.name == "status"],
    ]


class LocalOfferViewSetGroup(ViewSetGroup):
    menu_label = "Local Offer"
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = [
        FAQAnswerViewSet,
        CommitteeViewSet,
        UnansweredQuestionViewSet("unanswered_questions"),
        PageFeedbackViewSet("page_feedback"),
        GuideReviewViewSet("guide_reviews"),
    ]
