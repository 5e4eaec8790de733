"""Raising a safeguarding flag: stored for the staff queue, and announced to the duty inbox.

The announcement holds a link only, never the family's words: an email can be forwarded, read on a
shared screen or kept for years in a mailbox the retention schedule does not reach."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.models import SafeguardingFlag
from portal.notifications import notify, site_url

logger = logging.getLogger(__name__)

MAX_TEXT = 20000


def raise_flag(concern, text, source, *, user=None, conversation_public_id="", complaint=None, reference=""):
    """Store a flag for ``concern`` in ``text`` and email the duty address a link to it."""
    flag = SafeguardingFlag.objects.create(
        source=source,
        categories=list(concern.categories),
        immediate=concern.immediate,
        text=(text or "")[:MAX_TEXT],
        user=user if user is not None and user.is_authenticated else None,
        conversation_public_id=conversation_public_id or "",
        complaint=complaint,
        source_reference=reference or "",
    )
    logger.warning(
        "Safeguarding flag %s raised from %s (%s)", flag.public_id, source, ", ".join(concern.categories)
    )
    transaction.on_commit(lambda: announce(flag))
    return flag


def announce(flag):
    url = site_url(reverse("portal_staff:safeguarding_flag", args=[flag.public_id]))
    notify(
        settings.SAFEGUARDING_DUTY_EMAIL,
        "safeguarding_flag",
        {
            "flag_url": url,
            "source": flag.get_source_display(),
            "raised_at": timezone.localtime(flag.created_at).strftime("%-d %B %Y at %H:%M"),
            "urgency": "The family's words say the danger may be now. " if flag.immediate else "",
        },
    )


def purge_flags_before(cutoff):
    """Delete flags raised before ``cutoff`` (the safeguarding retention); return how many went."""
    deleted, _ = SafeguardingFlag.objects.filter(created_at__lt=cutoff).delete()
    return deleted
