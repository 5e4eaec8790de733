"""Validation of what the action server sends when a family asks for a person."""

import json

from django import forms
from django.core.exceptions import ValidationError

TRANSCRIPT_MAX_LINES = 500


class CallbackRequestForm(forms.Form):
    idempotency_key = forms.CharField(max_length=100)
    conversation_id = forms.CharField(max_length=64)
    reason = forms.CharField(max_length=2000)
    contact_name = forms.CharField(max_length=200, required=False)
    contact_email = forms.EmailField(required=False)
    contact_phone = forms.RegexField(
        regex=r"^\+?[0-9 ()-]{7,20}$",
        required=False,
        error_messages={"invalid": "Enter a telephone number, like 01632 960 001 or +44 7700 900 982."},
    )
    transcript = forms.JSONField(required=False)

    def __init__(self, data, user=None):
        data = dict(data)
        # A signed-in family member's own details fill any the bot did not ask for.
        if user is not None:
            if not data.get("contact_name"):
                data["contact_name"] = user.get_full_name() or user.email
            if not data.get("contact_email"):
                data["contact_email"] = user.email
        # The form's JSONField reads JSON text; the API hands over the already-decoded value.
        if "transcript" in data and not isinstance(data["transcript"], str):
            data["transcript"] = json.dumps(data["transcript"])
        super().__init__(data)

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Say what the family needs help with.")
        return reason

    def clean_contact_name(self):
        name = self.cleaned_data["contact_name"].strip()
        if not name:
            raise ValidationError("Enter the name of the person to contact.")
        return name

    def clean_transcript(self):
        transcript = self.cleaned_data.get("transcript") or []
        if not isinstance(transcript, list) or len(transcript) > TRANSCRIPT_MAX_LINES:
            raise ValidationError(
                f"The transcript must be a list of at most {TRANSCRIPT_MAX_LINES} messages."
            )
        lines = []
        for number, line in enumerate(transcript, start=1):
            if (
                not isinstance(line, dict)
                or line.get("sender") not in ("user", "bot")
                or not isinstance(line.get("text", ""), str)
            ):
                raise ValidationError(
                    f'Message {number} of the transcript needs a "sender" of "user" or "bot" and a "text".'
                )
            lines.append(
                {"sender": line["sender"], "text": line.get("text", ""), "at": str(line.get("at", ""))}
            )
        return lines

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("contact_email") or cleaned.get("contact_phone")):
            self.add_error(
                "contact_email", "Give an email address or a telephone number so we can get in touch."
            )
        return cleaned

    def error_dict(self):
        return {field: " ".join(str(text) for text in messages) for field, messages in self.errors.items()}
