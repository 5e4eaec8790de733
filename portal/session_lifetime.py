"""How long a signed-in session lasts: an idle timeout and an absolute lifetime, both shorter for
anyone who can reach the staff pages than for parents (settings ``SESSION_IDLE_MINUTES`` and
``SESSION_LIFETIME_HOURS``, each ``{"staff": ..., "parent": ...}``).

Django's own expiry is one sliding age for everyone, so the start and the last request are kept in
the session. The last-seen time is rewritten at most once a minute, so an active user costs one
session write a minute rather than one a request."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import mfa

KEY = "portal_session_lifetime"
TOUCH_EVERY_SECONDS = 60


def limits(kind):
    """(idle seconds, absolute seconds) for "staff" or "parent"."""
    return settings.SESSION_IDLE_MINUTES[kind] * 60, settings.SESSION_LIFETIME_HOURS[kind] * 3600


def start(session, user, now=None):
    now = time.time() if now is None else now
    session[KEY] = {"started": now, "seen": now, "kind": "staff" if mfa.must_use_mfa(user) else "parent"}


@receiver(user_logged_in, dispatch_uid="portal-session-lifetime")
def start_on_sign_in(sender, request=None, user=None, **kwargs):
    if request is not None and user is not None:
        start(request.session, user)


def ended(request, now=None):
    """Why this signed-in session has ended ("idle" or "lifetime"), or None after noting the request.

    A session that began before these limits existed is timed from now."""
    now = time.time() if now is None else now
    record = request.session.get(KEY)
    if record is None:
        start(request.session, request.user, now)
        return None
    idle, lifetime = limits(record["kind"])
    if now - record["started"] > lifetime:
        return "lifetime"
    if now - record["seen"] > idle:
        return "idle"
    if now - record["seen"] > TOUCH_EVERY_SECONDS:
        request.session[KEY] = {**record, "seen": now}
    return None
