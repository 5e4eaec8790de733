"""Writing the audit log.

Views record reads explicitly (``record_views``). Changes to case records are recorded by signal
handlers in ``portal.signals`` whoever makes them (Wagtail admin, staff views, the shell), with the
acting user taken from ``AuditActorMiddleware`` through a context variable."""

import contextvars
from contextlib import contextmanager

from allauth.account.adapter import get_adapter as get_account_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connection

from .db import prepared_cursor
from .models import AuditEntry

_actor = contextvars.ContextVar("audit_actor", default=None)
_ip = contextvars.ContextVar("audit_ip", default=None)
_muted = contextvars.ContextVar("audit_muted", default=False)


def current_actor():
    return _actor.get()


@contextmanager
def acting_as(user, ip_address=None):
    """Changes made inside are attributed to ``user`` (used by the middleware and by commands)."""
    actor_token = _actor.set(user)
    ip_token = _ip.set(ip_address)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _ip.reset(ip_token)


@contextmanager
def muted():
    """Bulk loaders (demo data) that would otherwise write thousands of entries."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted():
    return _muted.get()


def client_ip(request):
    """The client's address as allauth's rate limits see it: the direct peer, or behind
    ``TRUSTED_PROXY_COUNT`` proxies the address the outermost of them saw (never a hop the client
    could have written itself)."""
    try:
        return get_account_adapter().get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No address at all, or fewer forwarded hops than proxies: record none rather than a guess.
        return None


def _entry(actor, action, child=None, obj=None, summary="", changes=None, channel="web", ip_address=None):
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        actor=actor,
        actor_email=actor.email if actor else "",
        channel=channel,
        action=action,
        child=child,
        child_public_id=child.public_id if child is not None else None,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(getattr(obj, "public_id", None) or obj.pk) if obj is not None else "",
        summary=summary[:300],
        changes=changes or {},
        ip_address=ip_address if ip_address is not None else _ip.get(),
    )


def record(actor, action, child=None, obj=None, summary="", changes=None, channel="web", request=None):
    """Write one entry now (unless muted)."""
    if is_muted():
        return None
    entry = _entry(
        actor,
        action,
        child=child,
        obj=obj,
        summary=summary,
        changes=changes,
        channel=channel,
        ip_address=client_ip(request) if request is not None else None,
    )
    entry.save()
    return entry


def record_views(actor, children, summary, channel="web", request=None):
    """One "viewed" entry per child, written in a single query."""
    if is_muted() or not children:
        return []
    ip_address = client_ip(request) if request is not None else None
    entries = [
        _entry(
            actor, AuditEntry.Action.VIEW, child=c, summary=summary, channel=channel, ip_address=ip_address
        )
        for c in children
    ]
    _insert(entries)
    return entries


def _insert(entries):
    """One INSERT for ``entries``, each value prepared by its field as the ORM would.

    Every signed-in page view writes here, and ``bulk_create`` spent half a millisecond of Python on
    a one-row insert: more than serving the rest of a cached plan page. Entries get no primary key
    back; nothing reads one."""
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    row = f"({', '.join(['%s'] * len(fields))})"
    sql = (
        f"INSERT INTO {qn(AuditEntry._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(entries))}"
    )
    params = [f.get_db_prep_save(f.pre_save(entry, True), connection) for entry in entries for f in fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
