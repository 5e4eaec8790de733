"""Who may use the staff side: the Caseworkers group and the checks every staff view makes.

Every staff view needs an active ``is_staff`` account (so the MFA requirement in
``portal.middleware`` applies) holding the Django permission the view names. Superusers pass."""

from functools import wraps

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from portal import audit

CASEWORKERS_GROUP = "Caseworkers"

# (app label, codename) pairs the Caseworkers group holds.
CASE_MODELS = (
    "child",
    "ehcplan",
    "advicerequest",
    "clockexception",
    "annualreview",
    "outcome",
    "outcomeprogress",
    "document",
    "parentlink",
    "linkcode",
    "setting",
)
CASEWORKER_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    *(
        ("portal", f"{action}_{model}")
        for model in CASE_MODELS
        for action in ("view", "add", "change", "delete")
    ),
    ("portal", "view_earlyreviewrequest"),
    ("portal", "change_earlyreviewrequest"),
    ("portal", "view_complaint"),
    ("portal", "change_complaint"),
    ("portal", "view_auditentry"),
    ("portal", "view_safeguardingflag"),
    ("portal", "review_safeguardingflag"),
)

# What each part of the staff side needs.
VIEW_CASES = "portal.view_ehcplan"
CHANGE_CASES = "portal.change_ehcplan"
ADD_CASES = "portal.add_ehcplan"
VIEW_COMPLAINTS = "portal.view_complaint"
CHANGE_COMPLAINTS = "portal.change_complaint"
VIEW_EARLY_REVIEWS = "portal.view_earlyreviewrequest"
CHANGE_EARLY_REVIEWS = "portal.change_earlyreviewrequest"
VIEW_AUDIT = "portal.view_auditentry"
VIEW_SAFEGUARDING = "portal.view_safeguardingflag"
REVIEW_SAFEGUARDING = "portal.review_safeguardingflag"
EXPORT_FAMILY_DATA = "portal.export_family_data"


def ensure_caseworkers_group():
    """Create the Caseworkers group, or bring its permissions up to date; returns it.

    Safe to call again (after migrations, from demo data, from tests)."""
    group, _ = Group.objects.get_or_create(name=CASEWORKERS_GROUP)
    wanted = Permission.objects.none()
    for app_label, codename in CASEWORKER_PERMISSIONS:
        wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*wanted)
    return group


def may(user, permission):
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(permission)
    )


def staff_view(permission):
    """Decorate a staff view: refuse (403) users without ``permission``; attribute any change made
    inside to the signed-in user in the audit log, even where the audit middleware is not installed."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not may(request.user, permission):
                raise PermissionDenied
            with audit.acting_as(request.user, audit.client_ip(request)):
                return view(request, *args, **kwargs)

        return wrapped

    return decorator
