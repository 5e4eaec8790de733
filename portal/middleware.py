"""Request middleware for the portal: session lifetimes, MFA for the staff areas, and who is acting for
the audit log."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from . import audit, mfa, session_lifetime

# Staff areas; overridable with STAFF_MFA_PATH_PREFIXES.
DEFAULT_STAFF_PREFIXES = ("/admin/", "/django-admin/", "/staff/")
# Staff without an authenticator may still sign out.
EXEMPT_PREFIXES = ("/admin/logout/",)


class StaffMFARequiredMiddleware:
    """Staff areas need a second factor from every account that can reach them (``portal.mfa``). One
    with no authenticator app is sent to set one up; one whose session has not used its app (a
    session that began before the account was given staff access, say) is asked for a code.
    Parents are unaffected (MFA is offered to them, not required)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "STAFF_MFA_PATH_PREFIXES", DEFAULT_STAFF_PREFIXES))

    def __call__(self, request):
        path = request.path
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and path.startswith(self.prefixes)
            and not path.startswith(EXEMPT_PREFIXES)
            and mfa.must_use_mfa(user)
        ):
            if not mfa.has_totp(user):
                messages.warning(
                    request,
                    "Staff must set up an authenticator app before using the staff pages. "
                    "Scan the code below with your app, then enter the code it shows.",
                )
                return redirect(reverse("mfa_activate_totp"))
            if not mfa.session_is_verified(request):
                return redirect(
                    f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
                )
        return self.get_response(request)


SIGNED_OUT = {
    "idle": "You were signed out because you had not done anything for a while.",
    "lifetime": "You were signed out because you had been signed in for many hours.",
}


class SessionLifetimeMiddleware:
    """Signs out a session that has been idle, or alive, for longer than ``portal.session_lifetime``
    allows, and sends the person to sign in again (coming back to the page they asked for)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            reason = session_lifetime.ended(request)
            if reason is not None:
                logout(request)
                messages.info(request, f"{SIGNED_OUT[reason]} Sign in again to continue.")
                login = reverse("account_login")
                if request.method == "GET":
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
                return redirect(login)
        return self.get_response(request)


class AuditActorMiddleware:
    """Attribute changes made during this request to the signed-in user in the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # request.user stays lazy: nothing is loaded unless an audit entry is written.
        with audit.acting_as(getattr(request, "user", None), audit.client_ip(request)):
            return self.get_response(request)
