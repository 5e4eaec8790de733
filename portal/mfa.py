"""Who must use a second factor, and whether this session has used one.

MFA is required for every account that can reach the admin at all, not only ``is_staff`` ones:
Wagtail grants admin access through permissions and groups, which its user forms set without
touching ``is_staff``. A session counts as verified once allauth reports, through its public
signals, that an authenticator was used (the code step of sign-in, or re-authentication) or that a
new one was set up (which needs a code from the app). The user's id is stored with the mark, so a
mark can never carry over to another account in the same browser."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_used
from allauth.mfa.utils import encrypt
from django.dispatch import receiver

VERIFIED_SESSION_KEY = "portal_mfa_verified"


def must_use_mfa(user):
    """Any account that could open an admin page: staff, superusers, and anyone given a group or a
    permission (every group here grants admin access or casework)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.is_superuser or user.groups.exists() or user.user_permissions.exists()


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def add_authenticator_app(user, secret):
    """An authenticator app for ``user`` with a known secret, stored as allauth stores one (for the
    demo caseworker and the tests; staff set up their own through allauth's pages)."""
    authenticator, _ = Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}}
    )
    return authenticator


def mark_verified(session, user):
    session[VERIFIED_SESSION_KEY] = {"user": str(user.pk), "at": int(time.time())}


def session_is_verified(request):
    mark = request.session.get(VERIFIED_SESSION_KEY) or {}
    return mark.get("user") == str(request.user.pk)


@receiver(authenticator_used, dispatch_uid="portal-mfa-used")
@receiver(authenticator_added, dispatch_uid="portal-mfa-added")
def remember_second_factor(sender, request=None, user=None, **kwargs):
    if request is not None and user is not None:
        mark_verified(request.session, user)
