"""One way to tell people things: ``notify(user_or_email, template_key, context)``.

Two backends behind it: GOV.UK Notify (notifications-python-client) when
``settings.GOVUK_NOTIFY_API_KEY`` is set, with one Notify template per key
(``settings.GOVUK_NOTIFY_TEMPLATE_IDS``, whose templates use the same placeholder names as the
context), and Django's email backend otherwise, rendering ``templates/portal/email/<key>.txt``
(first line is the subject). Tests use Django's locmem email backend.

A failed notification is logged, never raised: the record it announces has already been saved."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# The notifications the service sends, and what each context must hold.
TEMPLATES = {
    "complaint_received": ("name", "reference", "due_date", "category", "status_url"),
    "stage_changed": ("name", "child_name", "stage", "plan_url"),
    "document_added": ("name", "child_name", "document_title", "plan_url"),
    "review_date_set": ("name", "child_name", "meeting_date", "plan_url"),
    "early_review_requested": ("name", "child_name", "reference", "reason", "requested_by"),
    "early_review_answered": ("name", "child_name", "decision", "response", "plan_url"),
    "safeguarding_flag": ("flag_url", "source", "raised_at", "urgency"),
}


def _address(user_or_email):
    if isinstance(user_or_email, str):
        return user_or_email, ""
    return user_or_email.email, user_or_email.get_full_name()


def _check(template_key, context):
    if template_key not in TEMPLATES:
        raise ValueError(f"Unknown notification template {template_key!r}")
    missing = [name for name in TEMPLATES[template_key] if name not in context]
    if missing:
        raise ValueError(f"Notification {template_key!r} is missing {', '.join(missing)}")


class EmailBackend:
    """Django's email backend (console in development, SMTP in production, locmem in tests)."""

    def send(self, email, template_key, context):
        text = render_to_string(f"portal/email/{template_key}.txt", context)
        subject, _, body = text.strip().partition("\n")
        send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [email])


class NotifyBackend:
    """GOV.UK Notify. ``client`` is anything with ``send_email_notification`` (tests pass a fake)."""

    def __init__(self, client=None, template_ids=None):
        if client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            client = NotificationsAPIClient(settings.GOVUK_NOTIFY_API_KEY)
        self.client = client
        self.template_ids = (
            template_ids if template_ids is not None else getattr(settings, "GOVUK_NOTIFY_TEMPLATE_IDS", {})
        )

    def send(self, email, template_key, context):
        template_id = self.template_ids.get(template_key)
        if not template_id:
            raise ImproperlyConfigured(f"GOVUK_NOTIFY_TEMPLATE_IDS has no template for {template_key!r}")
        # Notify personalisation values are text; send exactly the documented placeholders.
        personalisation = {
            name: "" if context[name] is None else str(context[name]) for name in TEMPLATES[template_key]
        }
        self.client.send_email_notification(
            email_address=email,
            template_id=template_id,
            personalisation=personalisation,
            reference=str(context.get("reference", "")) or None,
        )


def get_backend():
    return NotifyBackend() if settings.GOVUK_NOTIFY_API_KEY else EmailBackend()


def notify(user_or_email, template_key, context, backend=None):
    """Send notification ``template_key`` to a user or an address; True when it was handed over."""
    email, full_name = _address(user_or_email)
    context = {"name": full_name or "", **context}
    _check(template_key, context)
    if not email:
        logger.warning("Notification %s not sent: no email address", template_key)
        return False
    try:
        (backend or get_backend()).send(email, template_key, context)
    except Exception:
        logger.exception("Notification %s to a user could not be sent", template_key)
        return False
    return True


def site_url(path):
    """Absolute link for messages (the site's public base URL, shared with Wagtail)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def format_date(day):
    return f"{day.day} {day:%B %Y}" if day else ""
