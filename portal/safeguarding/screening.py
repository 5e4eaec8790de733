"""The one check every family's words go through: the rules, then the classifier for wording the
rules do not know. Never raises: a reader that fails leaves the other one's answer standing."""

import logging

from . import classifier, detector

logger = logging.getLogger(__name__)


def screen(text):
    """The concern ``text`` holds, or None."""
    concern = detector.detect(text)
    if concern is not None or not isinstance(text, str) or not text.strip():
        return concern
    try:
        flagged = classifier.is_concern(text[:20000])
    except Exception:  # the rules have answered already; a broken model must not stop the chat
        logger.exception("The safety classifier failed; the rules' answer stands")
        return None
    return detector.likely_concern(text) if flagged else None
