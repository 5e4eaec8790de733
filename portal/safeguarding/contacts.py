"""The council's safeguarding numbers for a reply, read so that a reply can always be given."""

import logging

from django.db import DatabaseError
from wagtail.models import Site

from cms.models import SiteSettings
from portal.models import SafetyContacts

from .replies import Contacts, build

logger = logging.getLogger(__name__)


def current():
    """The published contacts, or None when none is published or the database cannot be read."""
    try:
        record = SafetyContacts.current()
        if record is None:
            logger.error("No safety contacts are published: replies give the national numbers only")
            return None
        site = Site.objects.filter(is_default_site=True).first()
        council = SiteSettings.for_site(site).council_name if site else "the council"
        return Contacts.from_record(record, council)
    except DatabaseError:
        logger.exception("Safety contacts could not be read: replies give the national numbers only")
        return None


def reply_for(concern):
    """The whole reply for ``concern``, with the council's numbers when they can be read."""
    return build(concern, current())
