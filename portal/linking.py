"""Linking a family member to a child's record with a caseworker's single-use code.

A code works once, for 30 days, and only together with the child's date of birth. Five wrong dates
of birth lock the code. Separately, five failed tries of any kind in an hour stop that user trying
at all for the hour, so guessing codes gets nowhere."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditEntry, LinkAttempt, LinkCode, ParentLink
from .models.links import MAX_CODE_ATTEMPTS, hash_code, normalise_code

USER_ATTEMPT_WINDOW = timedelta(hours=1)
MAX_USER_FAILURES = 5

# What the family is told. Each says what to do next.
TOO_MANY_TRIES = (
    "You have entered the wrong details too many times. "
    "Wait an hour and try again, or contact your caseworker."
)
NOT_FOUND = "Check the link code. It is 12 letters and numbers, like ABCD-EFGH-JK34."
LOCKED = "This link code has been locked after 5 wrong tries. Ask your caseworker for a new code."
USED = "This link code has already been used. Ask your caseworker for a new code."
EXPIRED = "This link code has expired. Codes last 30 days. Ask your caseworker for a new code."
WRONG_DOB = "The date of birth does not match our records for this link code."


@dataclass
class LinkResult:
    link: ParentLink | None = None
    error: str = ""
    field: str = "code"  # the form field the error belongs to
    already_linked: bool = False

    @property
    def ok(self):
        return self.link is not None


def recent_failures(user, now):
    return LinkAttempt.objects.filter(user=user, succeeded=False, at__gte=now - USER_ATTEMPT_WINDOW).count()


def redeem(user, raw_code, date_of_birth, now=None, request=None):
    """Try to link ``user`` to the child the code was issued for."""
    now = now or timezone.now()
    if recent_failures(user, now) >= MAX_USER_FAILURES:
        return LinkResult(error=TOO_MANY_TRIES)

    with transaction.atomic():
        code = (
            LinkCode.objects.select_for_update()
            .select_related("child")
            .filter(code_hash=hash_code(raw_code))
            .first()
            if normalise_code(raw_code)
            else None
        )
        result = _check(code, date_of_birth, now)
        if not result.ok and result.error:
            LinkAttempt.objects.create(user=user, at=now, succeeded=False)
            if code is not None:
                audit.record(
                    user,
                    AuditEntry.Action.LINK_FAILED,
                    child=code.child,
                    obj=code,
                    summary=f"Failed link attempt: {result.error}",
                    request=request,
                )
            return result

        code.used_at = now
        code.used_by = user
        code.save(update_fields=["used_at", "used_by"])
        link, created = ParentLink.objects.get_or_create(
            user=user,
            child=code.child,
            defaults={"relationship": code.relationship, "link_code": code, "created_by": code.created_by},
        )
        LinkAttempt.objects.create(user=user, at=now, succeeded=True)
        return LinkResult(link=link, already_linked=not created)


def _check(code, date_of_birth, now):
    if code is None:
        return LinkResult(error=NOT_FOUND)
    if code.locked_at:
        return LinkResult(error=LOCKED)
    if code.used_at:
        return LinkResult(error=USED)
    if code.expires_at <= now:
        return LinkResult(error=EXPIRED)
    if code.child.date_of_birth != date_of_birth:
        code.failed_attempts += 1
        fields = ["failed_attempts"]
        if code.failed_attempts >= MAX_CODE_ATTEMPTS:
            code.locked_at = now
            fields.append("locked_at")
        code.save(update_fields=fields)
        if code.locked_at:
            return LinkResult(error=LOCKED, field="date_of_birth")
        left = MAX_CODE_ATTEMPTS - code.failed_attempts
        tries = "try" if left == 1 else "tries"
        return LinkResult(error=f"{WRONG_DOB} You have {left} more {tries}.", field="date_of_birth")
    return LinkResult()


def unlink(link, by=None):
    """A caseworker removes a family member's access (the audit log records it through signals)."""
    link.delete()
