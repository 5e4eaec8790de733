"""The one check every family's words go through.

A strong rule is enough on its own. A weak rule (a sign that is often innocent) needs the
classifier to lean the same way; with no rule at all, the classifier must be sure. Never raises: a
reader that fails leaves the other one's answer standing, and a weak sign then counts, since a
needless safety reply costs far less than a missed one."""

import logging

from . import classifier, detector

logger = logging.getLogger(__name__)


def screen(text):
    """The concern ``text`` holds, or None."""
    concern = detector.detect(text)
    if (concern is not None and not concern.weak) or not isinstance(text, str) or not text.strip():
        return concern
    try:
        probability = classifier.probability(text[:20000])
    except Exception:  # the rules have answered already; a broken model must not stop the chat
        logger.exception("The safety classifier failed; the rules' answer stands")
        return concern
    if concern is not None:
        return concern if probability >= classifier.WEAK_SIGN_THRESHOLD else None
    return detector.likely_concern(text) if probability >= classifier.THRESHOLD else None
