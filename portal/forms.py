"""Forms for the parent pages. Error messages follow the GOV.UK Design System's wording patterns."""

import datetime
import secrets

from django import forms

from . import complaints
from .models import Complaint


class GovukDateField(forms.MultiValueField):
    """Day, month and year in three boxes (the GOV.UK date input pattern)."""

    def __init__(self, *, label_text, **kwargs):
        self.label_text = label_text
        fields = (
            forms.CharField(required=False, max_length=2),
            forms.CharField(required=False, max_length=2),
            forms.CharField(required=False, max_length=4),
        )
        # MultiValueField refuses three empty boxes itself, before compress(): with its own generic
        # "This field is required." unless told what to say.
        kwargs.setdefault("error_messages", {"required": f"Enter {label_text}"})
        super().__init__(fields=fields, require_all_fields=False, widget=DateWidget(), **kwargs)

    def compress(self, data_list):
        day, month, year = (data_list + ["", "", ""])[:3] if data_list else ("", "", "")
        if not any([day, month, year]):
            if self.required:
                raise forms.ValidationError(f"Enter {self.label_text}", code="required")
            return None
        missing = [name for name, value in (("day", day), ("month", month), ("year", year)) if not value]
        if missing:
            raise forms.ValidationError(
                f"{self.label_text.capitalize()} must include a {' and '.join(missing)}"
            )
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError(f"{self.label_text.capitalize()} must be a real date") from error
        if len(year) != 4:
            raise forms.ValidationError(f"Year must include 4 numbers, like {datetime.date.today().year}")
        return value


class DateWidget(forms.MultiWidget):
    def __init__(self):
        super().__init__(widgets=[forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else ["", "", ""]


class LinkChildForm(forms.Form):
    code = forms.CharField(
        label="Link code",
        max_length=30,
        error_messages={"required": "Enter the link code from your caseworker"},
    )
    date_of_birth = GovukDateField(label_text="the date of birth of the child or young person")

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > datetime.date.today():
            raise forms.ValidationError("Date of birth must be in the past")
        return value


class EarlyReviewForm(forms.Form):
    MAX_REASON = 2000
    reason = forms.CharField(
        label="Why do you want an early review?",
        widget=forms.Textarea,
        max_length=MAX_REASON,
        error_messages={
            "required": "Enter why you want an early review",
            "max_length": f"Reason must be {MAX_REASON} characters or fewer",
        },
    )


class ComplaintForm(forms.Form):
    """The web complaint form. The rules live in ``portal.complaints.clean_submission`` so the chatbot
    API and this form accept and refuse exactly the same things."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)
    category = forms.ChoiceField(
        label="What is your complaint about?",
        choices=Complaint.Category.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    child_id = forms.ChoiceField(label="Which child is it about?", required=False)
    what_happened = forms.CharField(label="What happened?", widget=forms.Textarea, required=False)
    desired_outcome = forms.CharField(
        label="What would you like us to do to put things right?", widget=forms.Textarea, required=False
    )
    contact_name = forms.CharField(label="Your full name", required=False)
    contact_email = forms.CharField(label="Email address", required=False)
    contact_phone = forms.CharField(label="Phone number", required=False)
    contact_preference = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=Complaint.ContactPreference.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=Complaint.ContactPreference.EMAIL,
    )

    # The order the error summary lists problems in: the order of the page.
    FIELD_ORDER = [
        "category",
        "child_id",
        "what_happened",
        "desired_outcome",
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_preference",
    ]

    def __init__(self, *args, user=None, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Used when the posted form lost its key (a hand-made request): the next attempt gets a new one.
        self.fresh_key = new_idempotency_key()
        self.fields["child_id"].choices = [("", "Not about a particular child")] + [
            (str(c.public_id), c.full_name) for c in children
        ]
        if not children:
            del self.fields["child_id"]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", self.fresh_key)
            if user is not None and user.is_authenticated:
                self.initial.setdefault("contact_name", user.get_full_name())
                self.initial.setdefault("contact_email", user.email)
                self.initial.setdefault("contact_phone", user.phone)

    def clean(self):
        data = {name: self.data.get(name, "") for name in [*self.FIELD_ORDER, "idempotency_key"]}
        cleaned, errors = complaints.clean_submission(data, user=self.user)
        for name in self.FIELD_ORDER:
            if name in errors:
                self.add_error(name if name in self.fields else None, errors[name])
        if "idempotency_key" in errors:
            self.add_error(None, "Something went wrong with the form. Please submit it again.")
        self.submission = cleaned
        return self.cleaned_data


def new_idempotency_key():
    return secrets.token_hex(16)
