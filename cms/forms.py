"""Forms families fill in on the public site. Error messages follow the GOV.UK Design System's
wording: say what went wrong and how to fix it."""

from django import forms
from django.db.models.functions import ExtractYear
from wagtail.models import Page

from cms.models.feedback import COMMENT_MAX_LENGTH
from cms.models.minutes import Committee

SEARCH_QUERY_MAX_LENGTH = 200


class MinutesFilterForm(forms.Form):
    committee = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Select a committee from the list"}
    )
    year = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a year from the list"},
    )

    def __init__(self, *args, meetings, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        # Offer only committees and years that have published minutes, so no choice leads nowhere.
        committee_ids = meetings.values_list("committee_id", flat=True)
        committees = Committee.objects.filter(pk__in=committee_ids).order_by("name")
        self.fields["committee"].choices = [("", "All committees")] + [(c.slug, c.name) for c in committees]
        years = (
            meetings.order_by()
            .annotate(year=ExtractYear("meeting_date"))
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = [("", "All years")] + [
            (str(y), str(y)) for y in sorted(set(years), reverse=True)
        ]

    # Both work on the fields that passed validation (cleaned_data holds only those).
    def has_filters(self):
        return bool(self.cleaned_data.get("committee") or self.cleaned_data.get("year"))

    def filter(self, meetings):
        if committee := self.cleaned_data.get("committee"):
            meetings = meetings.filter(committee__slug=committee)
        if year := self.cleaned_data.get("year"):
            meetings = meetings.filter(meeting_date__year=year)
        return meetings


class PageFeedbackForm(forms.Form):
    page = forms.IntegerField(widget=forms.HiddenInput)
    useful = forms.TypedChoiceField(
        label="Was this page useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if this page was useful",
            "invalid_choice": "Select yes if this page was useful",
        },
    )
    comment = forms.CharField(
        label="What were you looking for, or how could we improve this page? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        # No maxlength attribute: a browser would cut the text off silently. The server says so instead.
        error_messages={},
    )

    def __init__(self, *args, **kwargs):
        # These ids are what the error summary links to (see components/page_feedback.html).
        kwargs.setdefault("auto_id", "feedback-%s")
        super().__init__(*args, **kwargs)

    def clean_page(self):
        page = Page.objects.live().public().filter(pk=self.cleaned_data["page"]).specific().first()
        if page is None:
            raise forms.ValidationError("We could not find the page you are giving feedback on")
        return page

    def clean_comment(self):
        comment = self.cleaned_data.get("comment", "").strip()
        if len(comment) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer (it has {len(comment):,})"
            )
        return comment


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the Local Offer",
        required=False,
        error_messages={},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "search-%s")
        super().__init__(*args, **kwargs)

    def clean_q(self):
        query = " ".join(self.cleaned_data.get("q", "").split())
        if len(query) > SEARCH_QUERY_MAX_LENGTH:
            raise forms.ValidationError(f"Search for {SEARCH_QUERY_MAX_LENGTH} characters or fewer")
        return query
