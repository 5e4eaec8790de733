"""Creating complaints: the one function behind the web form and the chatbot API.

The complaint is stored (with its reference and stage 1 due date) before anything is sent; the
acknowledgement email follows. The same idempotency key always returns the same complaint, so a
double click, a browser retry or the bot retrying after a timeout never creates a second one.

Keys belong to whoever submitted them (``scope``: the account, or for a signed-out person their
browser session or the chat conversation): the same key from someone else is a different complaint,
never a view of the first one. The same key with different answers is refused (``AlreadySent``), so
edits made after a complaint was stored are never silently dropped."""

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from . import access, audit, timeline
from .models import AuditEntry, Complaint, SafeguardingFlag
from .notifications import format_date, notify, site_url
from .references import next_reference
from .safeguarding import flags, screening

REFERENCE_PREFIX = "CMP"
# Limits shared by the web form and the API, so both refuse the same input.
MAX_TEXT = 5000
MAX_NAME = 200
MAX_PHONE = 40
MAX_KEY = 64


@dataclass
class Result:
    complaint: Complaint
    created: bool


class AlreadySent(Exception):
    """This submitter already sent a complaint with this key, with different answers."""

    def __init__(self, complaint):
        super().__init__(complaint.reference)
        self.complaint = complaint


# The answers that make two submissions "the same complaint".
SUBMITTED_FIELDS = (
    "category",
    "what_happened",
    "desired_outcome",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_preference",
)


def scope_for(user=None, session_key=None, conversation=None):
    """Whose key it is: the signed-in account, else the chat conversation or the browser session."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    if conversation:
        return f"conversation:{conversation}"
    return f"session:{session_key or ''}"


def scoped_key(scope, key):
    return hashlib.sha256(f"{scope}\n{key}".encode()).hexdigest()


def find_complaint(scope, key):
    """The complaint this submitter sent under ``key``, or None (used when a reply was lost)."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY:
        return None
    return Complaint.objects.filter(idempotency_key=scoped_key(scope, key)).first()


def submission_digest(cleaned):
    answers = {name: cleaned.get(name) or "" for name in SUBMITTED_FIELDS}
    answers["child"] = str(cleaned["child"].pk) if cleaned.get("child") is not None else ""
    return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()


def _replay(key, digest):
    """The complaint already stored under ``key``: returned when the answers match, else refused."""
    existing = Complaint.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.submission_digest and existing.submission_digest != digest:
        raise AlreadySent(existing)
    return Result(existing, created=False)


def clean_submission(data, user=None):
    """Check a submission from any channel. Returns ``(cleaned, errors)``; ``errors`` maps field names
    to plain-English messages. Signed-in users' contact details come from their account when omitted."""
    errors = {}
    cleaned = {}

    def text(name, label, limit, required=True):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            errors[name] = f"{label[0].upper()}{label[1:]} must be text"
            cleaned[name] = ""
            return
        value = (value or "").strip()
        if required and not value:
            errors[name] = f"Enter {label}"
        elif len(value) > limit:
            errors[name] = f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer"
        cleaned[name] = value

    key = data.get("idempotency_key")
    key = key.strip() if isinstance(key, str) else ""
    if not key:
        errors["idempotency_key"] = "Missing idempotency key"
    elif len(key) > MAX_KEY:
        errors["idempotency_key"] = f"Idempotency key must be {MAX_KEY} characters or fewer"
    cleaned["idempotency_key"] = key

    category = data.get("category")
    category = category.strip() if isinstance(category, str) else ""
    if category not in Complaint.Category.values:
        errors["category"] = "Select what your complaint is about"
    cleaned["category"] = category

    text("what_happened", "what happened", MAX_TEXT)
    text("desired_outcome", "what you would like to happen", MAX_TEXT)

    signed_in = user is not None and user.is_authenticated
    if signed_in:
        data = {
            **data,
            "contact_name": data.get("contact_name") or user.get_full_name() or user.email,
            "contact_email": data.get("contact_email") or user.email,
            "contact_phone": data.get("contact_phone") or user.phone,
        }
    text("contact_name", "your name", MAX_NAME)
    text("contact_email", "your email address", 254, required=False)
    text("contact_phone", "your phone number", MAX_PHONE, required=False)
    if cleaned["contact_email"] and "contact_email" not in errors:
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError:
            errors["contact_email"] = "Enter an email address in the correct format, like name@example.com"
    if cleaned["contact_phone"] and "contact_phone" not in errors:
        digits = [c for c in cleaned["contact_phone"] if c.isdigit()]
        if len(digits) < 10 or any(c not in "0123456789 +()-" for c in cleaned["contact_phone"]):
            errors["contact_phone"] = "Enter a phone number, like 01632 960 001 or 07700 900 982"

    preference = data.get("contact_preference") or Complaint.ContactPreference.EMAIL
    if not isinstance(preference, str) or preference not in Complaint.ContactPreference.values:
        errors["contact_preference"] = "Select how you would like us to contact you"
    elif preference == Complaint.ContactPreference.EMAIL and not cleaned["contact_email"]:
        errors.setdefault("contact_email", "Enter your email address so we can reply by email")
    elif preference == Complaint.ContactPreference.PHONE and not cleaned["contact_phone"]:
        errors.setdefault("contact_phone", "Enter your phone number so we can call you")
    cleaned["contact_preference"] = preference

    child_id = data.get("child_id") or None
    cleaned["child"] = None
    if child_id is not None and not isinstance(child_id, str):
        errors["child_id"] = "Select a child linked to your account, or none"
    elif child_id:
        try:
            cleaned["child"] = access.get_child_for(user, child_id)
        except Http404:
            # Same message whether the child does not exist or is someone else's.
            errors["child_id"] = "Select a child linked to your account, or none"
    return cleaned, errors


def create_complaint(
    cleaned, user=None, channel=Complaint.Channel.WEB, received_at=None, send_acknowledgement=True, scope=None
):
    """Store a complaint from ``clean_submission``'s output, or return the one this submitter already
    sent with the same key and answers; ``AlreadySent`` when the answers differ."""
    key = scoped_key(scope or scope_for(user), cleaned["idempotency_key"])
    digest = submission_digest(cleaned)
    if (replayed := _replay(key, digest)) is not None:
        return replayed

    received_at = received_at or timezone.now()
    received_on = timezone.localdate(received_at)
    submitted_by = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            complaint = Complaint.objects.create(
                reference=next_reference(REFERENCE_PREFIX, received_on.year),
                idempotency_key=key,
                submission_digest=digest,
                channel=channel,
                category=cleaned["category"],
                what_happened=cleaned["what_happened"],
                desired_outcome=cleaned["desired_outcome"],
                contact_name=cleaned["contact_name"],
                contact_email=cleaned["contact_email"],
                contact_phone=cleaned["contact_phone"],
                contact_preference=cleaned["contact_preference"],
                child=cleaned.get("child"),
                submitted_by=submitted_by,
                received_at=received_at,
                stage1_due=timeline.complaint_stage1_due(received_on),
            )
            # A complaint that also reports harm keeps its words and is flagged for safeguarding.
            words = f"{complaint.what_happened}\n\n{complaint.desired_outcome}"
            if (concern := screening.screen(words)) is not None:
                flags.raise_flag(
                    concern,
                    words,
                    SafeguardingFlag.Source.COMPLAINT,
                    user=submitted_by,
                    complaint=complaint,
                    reference=complaint.reference,
                )
    except IntegrityError:
        # The same key arrived twice at once: the other request stored it first.
        if (replayed := _replay(key, digest)) is None:
            raise
        return replayed

    if complaint.child is not None:
        audit.record(
            submitted_by,
            AuditEntry.Action.REQUEST,
            child=complaint.child,
            obj=complaint,
            summary=f"Complaint {complaint.reference} raised",
            channel="bot" if channel == Complaint.Channel.CHATBOT else "web",
        )
    if send_acknowledgement and complaint.contact_email:
        notify(
            complaint.contact_email,
            "complaint_received",
            {
                "name": complaint.contact_name,
                "reference": complaint.reference,
                "due_date": format_date(complaint.stage1_due),
                "category": complaint.get_category_display(),
                "status_url": site_url(status_path(complaint)),
            },
        )
    return Result(complaint, created=True)


def status_path(complaint):
    return reverse("portal:complaint_detail", args=[complaint.public_id])


def extend(complaint, reason, by=None):
    """Stage 1 extension: 10 more working days from the original due date, with a reason."""
    if not reason.strip():
        raise ValidationError("Give a reason for the extension")
    complaint.extended_due = timeline.complaint_extended_due(complaint.stage1_due)
    complaint.extension_reason = reason.strip()
    complaint.save(update_fields=["extended_due", "extension_reason", "updated_at"])
    return complaint


def close(complaint, outcome, by=None, closed_at=None):
    complaint.status = Complaint.Status.CLOSED
    complaint.outcome = outcome.strip()
    complaint.closed_at = closed_at or timezone.now()
    complaint.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    return complaint
