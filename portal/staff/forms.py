"""Forms for the staff side. Dates use the browser's own date input (no JavaScript needed) and every
check says which field is wrong and how to put it right."""

from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal import timeline
from portal.imports.readers import SUFFIXES as IMPORT_SUFFIXES
from portal.models import (
    AdviceRequest,
    AnnualReview,
    Child,
    ClockException,
    Complaint,
    Document,
    EarlyReviewRequest,
    EHCPlan,
    Outcome,
    OutcomeProgress,
    Relationship,
    SafeguardingFlag,
    Setting,
)

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".xlsx", ".jpg", ".jpeg", ".png")
MAX_IMPORT_SIZE = 100 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("first_name", "last_name", "email")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.email})" if name else user.email


def _not_future(form, *names):
    today = timezone.localdate()
    for name in names:
        value = form.cleaned_data.get(name)
        if value and value > today:
            form.add_error(name, "This date is in the future: enter the date it happened")


def _not_before(form, later, earlier, message):
    a, b = form.cleaned_data.get(later), form.cleaned_data.get(earlier)
    if a and b and a < b:
        form.add_error(later, message)


# --- Finding cases ---------------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    OVERDUE_CHOICES = [
        ("", "Any"),
        ("any", "Anything overdue"),
        ("assessment", "Final plan past the 20-week deadline"),
        ("review", "Annual review overdue"),
    ]
    ORDER_CHOICES = [
        ("-request_date", "Newest request first"),
        ("request_date", "Oldest request first"),
        ("reference", "Reference"),
        ("child__last_name", "Child's last name"),
    ]
    UNASSIGNED = "none"

    q = forms.CharField(label="Reference or child's name", required=False, max_length=100)
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "Any stage"), *timeline.STAGE_LABELS.items()]
    )
    overdue = forms.ChoiceField(label="Overdue", required=False, choices=OVERDUE_CHOICES)
    caseworker = forms.ChoiceField(label="Caseworker", required=False)
    # Text, not a list: a council has hundreds of settings, and the name or URN is what staff know.
    setting = forms.CharField(label="Setting (name or URN)", required=False, max_length=200)
    order = forms.ChoiceField(label="Sort by", required=False, choices=ORDER_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [
            ("", "Anyone"),
            (self.UNASSIGNED, "No caseworker"),
            *((str(u.pk), u.get_full_name() or u.email) for u in staff_users()),
        ]


# --- The case itself -------------------------------------------------------------------------------


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = ["first_name", "last_name", "date_of_birth", "setting"]
        widgets = {"date_of_birth": DateInput()}

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "date_of_birth")
        return cleaned


class PlanForm(forms.ModelForm):
    caseworker = StaffChoiceField(queryset=staff_users(), required=False, empty_label="No caseworker")

    class Meta:
        model = EHCPlan
        fields = [
            "reference",
            "caseworker",
            "request_date",
            "request_source",
            "decision_to_assess",
            "decision_date",
            "no_plan_notice_date",
            "draft_issued_date",
            "final_issued_date",
            "ceased_date",
            "cease_reason",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "request_date",
                "decision_date",
                "no_plan_notice_date",
                "draft_issued_date",
                "final_issued_date",
                "ceased_date",
            )
        }
        labels = {
            "decision_to_assess": "Decision whether to assess",
            "no_plan_notice_date": "Notice that no plan will be issued",
            "draft_issued_date": "Draft plan issued",
            "final_issued_date": "Final plan issued",
            "ceased_date": "Plan ceased",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = staff_users()

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        _not_future(
            self,
            "request_date",
            "decision_date",
            "no_plan_notice_date",
            "draft_issued_date",
            "final_issued_date",
            "ceased_date",
        )
        for name in (
            "decision_date",
            "no_plan_notice_date",
            "draft_issued_date",
            "final_issued_date",
            "ceased_date",
        ):
            _not_before(self, name, "request_date", "This date is before the request was received")
        _not_before(
            self, "final_issued_date", "draft_issued_date", "The final plan cannot be issued before the draft"
        )
        if cleaned.get("decision_date") and not cleaned.get("decision_to_assess"):
            self.add_error("decision_to_assess", "Select the decision that was made on this date")
        if cleaned.get("decision_to_assess") == EHCPlan.Decision.NO:
            for name in ("no_plan_notice_date", "draft_issued_date", "final_issued_date"):
                if cleaned.get(name):
                    self.add_error(name, "The council decided not to assess, so there is no plan to issue")
        if cleaned.get("ceased_date") and not cleaned.get("cease_reason"):
            self.add_error("cease_reason", "Give the reason the plan ceased")
        return cleaned


class NewCaseForm(PlanForm):
    """A new case: the plan fields plus, unless the child is already known, the child's details."""

    first_name = forms.CharField(max_length=100, label="Child's first name")
    last_name = forms.CharField(max_length=100, label="Child's last name")
    date_of_birth = forms.DateField(widget=DateInput(), label="Child's date of birth")
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.order_by("name"), required=False, empty_label="None"
    )

    class Meta(PlanForm.Meta):
        fields = [
            "reference",
            "caseworker",
            "request_date",
            "request_source",
            "decision_to_assess",
            "decision_date",
        ]

    field_order = ["first_name", "last_name", "date_of_birth", "setting"]

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        if child is not None:
            for name in ("first_name", "last_name", "date_of_birth", "setting"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "date_of_birth")
        _not_before(
            self, "request_date", "date_of_birth", "The request date is before the child's date of birth"
        )
        return cleaned

    def save(self, commit=True):
        plan = super().save(commit=False)
        if self.child is None:
            self.child = Child.objects.create(
                first_name=self.cleaned_data["first_name"],
                last_name=self.cleaned_data["last_name"],
                date_of_birth=self.cleaned_data["date_of_birth"],
                setting=self.cleaned_data.get("setting"),
            )
        plan.child = self.child
        if commit:
            plan.save()
        return plan


# --- Parts of a case -------------------------------------------------------------------------------


class AdviceForm(forms.ModelForm):
    class Meta:
        model = AdviceRequest
        fields = ["kind", "requested_date", "received_date"]
        widgets = {"requested_date": DateInput(), "received_date": DateInput()}
        labels = {"kind": "Advice from", "requested_date": "Date asked", "received_date": "Date received"}

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "requested_date", "received_date")
        _not_before(
            self, "received_date", "requested_date", "Advice cannot be received before it was asked for"
        )
        return cleaned


class ClockExceptionForm(forms.ModelForm):
    class Meta:
        model = ClockException
        fields = ["reason", "start_date", "end_date", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        _not_before(self, "end_date", "start_date", "The end date must be on or after the start date")
        return cleaned


class AnnualReviewForm(forms.ModelForm):
    class Meta:
        model = AnnualReview
        fields = [
            "due_date",
            "meeting_date",
            "notice_sent_date",
            "decision",
            "decision_date",
            "proposed_amendments_date",
            "final_amended_plan_date",
            "phase_transfer",
            "transfer_year",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "due_date",
                "meeting_date",
                "notice_sent_date",
                "decision_date",
                "proposed_amendments_date",
                "final_amended_plan_date",
            )
        }
        labels = {
            "notice_sent_date": "Invitation and advice sent",
            "proposed_amendments_date": "Proposed amendments sent",
            "final_amended_plan_date": "Final amended plan issued",
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan or self.instance.plan

    def clean(self):
        cleaned = super().clean()
        _not_future(
            self, "notice_sent_date", "decision_date", "proposed_amendments_date", "final_amended_plan_date"
        )
        _not_before(self, "decision_date", "meeting_date", "The decision cannot come before the meeting")
        _not_before(
            self,
            "final_amended_plan_date",
            "proposed_amendments_date",
            "The amended plan cannot come before the proposals",
        )
        if cleaned.get("decision_date") and not cleaned.get("decision"):
            self.add_error("decision", "Select the decision made after the review")
        if cleaned.get("phase_transfer") and not cleaned.get("transfer_year"):
            self.add_error("transfer_year", "Enter the year of the move")
        due = cleaned.get("due_date")
        if due and self.plan is not None:
            clash = AnnualReview.objects.filter(plan=self.plan, due_date=due).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("due_date", "This plan already has a review due on this date")
        return cleaned


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["area", "description", "target_date", "position"]
        widgets = {"target_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"position": "Order on the page"}


class OutcomeProgressForm(forms.ModelForm):
    class Meta:
        model = OutcomeProgress
        fields = ["outcome", "recorded_on", "rating", "note"]
        widgets = {"recorded_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = Outcome.objects.filter(plan=plan)
        self.fields["outcome"].label_from_instance = lambda o: f"{o.get_area_display()}: {str(o)}"

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "recorded_on")
        return cleaned


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePosixPath(upload.name).suffix.lower()
        if suffix not in DOCUMENT_SUFFIXES:
            raise forms.ValidationError(
                "The file must be one of: " + ", ".join(s.lstrip(".").upper() for s in DOCUMENT_SUFFIXES)
            )
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {limit // (1024 * 1024)} MB")
        return upload


class IssueCodeForm(forms.Form):
    relationship = forms.ChoiceField(
        choices=Relationship.choices, initial=Relationship.PARENT, label="Who the code is for"
    )


# --- Requests from families ------------------------------------------------------------------------


class EarlyReviewResponseForm(forms.ModelForm):
    status = forms.ChoiceField(
        choices=[
            (EarlyReviewRequest.Status.AGREED, "Agree"),
            (EarlyReviewRequest.Status.DECLINED, "Decline"),
        ],
        widget=forms.RadioSelect,
        label="Your decision",
    )

    class Meta:
        model = EarlyReviewRequest
        fields = ["status", "response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 4})}
        labels = {"response": "Your reply to the family"}

    def clean_response(self):
        response = self.cleaned_data["response"].strip()
        if not response:
            raise forms.ValidationError("Write a reply: the family sees it on their plan page")
        return response


class ComplaintAssignForm(forms.Form):
    assigned_to = StaffChoiceField(
        queryset=staff_users(), label="Assign to", empty_label="Nobody", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_users()


class ComplaintExtendForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Reason for the extension",
        help_text="The stage 1 answer becomes due 10 working days after the original due date.",
        error_messages={"required": "Give a reason for the extension"},
    )


class ComplaintCloseForm(forms.Form):
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        label="Outcome",
        error_messages={"required": "Describe the outcome before closing the complaint"},
    )


class ComplaintFilterForm(forms.Form):
    STATUS_CHOICES = [("open", "Open"), ("closed", "Closed"), ("all", "All")]
    ASSIGNED_CHOICES = [("", "Anyone"), ("me", "Assigned to me"), ("none", "Nobody")]

    q = forms.CharField(label="Reference, name or email", required=False, max_length=100)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    assigned = forms.ChoiceField(choices=ASSIGNED_CHOICES, required=False, label="Assigned")
    category = forms.ChoiceField(choices=[("", "Any"), *Complaint.Category.choices], required=False)


# --- Import ----------------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV (.csv) or Excel (.xlsx) file with the columns listed below. Nothing changes "
        "until you have seen the dry run and chosen to apply it.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePosixPath(upload.name).suffix.lower() not in IMPORT_SUFFIXES:
            raise forms.ValidationError("Choose a CSV (.csv) or Excel (.xlsx) file")
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_IMPORT_SIZE // (1024 * 1024)} MB: "
                "split it, or use manage.py import_plans"
            )
        if upload.size == 0:
            raise forms.ValidationError("The file is empty")
        return upload


class SafeguardingReviewForm(forms.ModelForm):
    class Meta:
        model = SafeguardingFlag
        fields = ["review_notes"]
        widgets = {"review_notes": forms.Textarea(attrs={"rows": 4})}
        labels = {"review_notes": "What you did"}
        help_texts = {
            "review_notes": "For example: phoned the family, referred to the front door, passed to the LADO."
        }

    def clean_review_notes(self):
        notes = self.cleaned_data["review_notes"].strip()
        if not notes:
            raise forms.ValidationError("Say what you did about this concern before you mark it reviewed")
        return notes
