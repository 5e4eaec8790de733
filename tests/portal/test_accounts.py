"""Accounts through allauth: sign-in, verification, rate limits, MFA for staff."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from portal import mfa
from portal.models import User
from tests.factories.portal import CaseworkerFactory, UserFactory, totp_code

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def sign_in(client, email, password=None):
    return client.post(
        reverse("account_login"), {"login": email, "password": password or settings.DEMO_PASSWORD}
    )


def test_sign_in_page_is_govuk_styled(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="govuk-input' in html and 'autocomplete="current-password"' in html
    assert "Forgotten your password?" in html


def test_a_verified_parent_signs_in_and_lands_on_the_portal(client):
    user = UserFactory()
    response = sign_in(client, user.email)
    assert response.status_code == 302 and response["Location"] == "/portal/"


def test_a_wrong_password_shows_an_error_summary(client):
    user = UserFactory()
    response = sign_in(client, user.email, "not-the-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "_auth_user_id" not in client.session


def test_signing_up_needs_email_verification_before_signing_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.parent@example.org",
            "password1": "a-long-Pass-phrase-9",
            "password2": "a-long-Pass-phrase-9",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1 and "new.parent@example.org" in mail.outbox[0].to
    assert not EmailAddress.objects.get(email="new.parent@example.org").verified
    # Signing in before confirming sends the person back to confirm.
    response = sign_in(client, "new.parent@example.org", "a-long-Pass-phrase-9")
    assert "_auth_user_id" not in client.session

    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body).group(1)
    page = client.get(link).content.decode()
    assert "Confirm that new.parent@example.org is your email address" in page
    client.post(link)
    assert EmailAddress.objects.get(email="new.parent@example.org").verified
    response = sign_in(client, "new.parent@example.org", "a-long-Pass-phrase-9")
    assert response["Location"] == "/portal/"


def test_password_reset_sends_a_link(client):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.usefixtures("portal_wiring")
def test_repeated_failed_sign_ins_are_refused_for_a_while(client):
    user = UserFactory()
    for _ in range(5):
        sign_in(client, user.email, "wrong")
    # Even the right password is refused now, with a clear message.
    response = sign_in(client, user.email)
    html = response.content.decode()
    assert "Too many failed attempts. Try again in 5 minutes." in html
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("account_logout"))
    assert client.get(reverse("portal:home")).status_code == 302


@pytest.mark.usefixtures("portal_wiring")
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    caseworker = CaseworkerFactory()
    client.force_login(caseworker)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # Parents' pages are not affected.
    assert client.get(reverse("portal:home")).status_code == 200


@pytest.fixture
def staff_with_app(db):
    caseworker = CaseworkerFactory()
    caseworker.user_permissions.add(Permission.objects.get(codename="access_admin"))
    mfa.add_authenticator_app(caseworker, SECRET)
    return caseworker


@pytest.mark.usefixtures("portal_wiring")
def test_staff_who_signed_in_with_their_code_reach_the_admin(client, staff_with_app):
    response = sign_in(client, staff_with_app.email)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("portal_wiring")
def test_a_password_only_session_is_asked_for_a_code_before_the_admin(client, staff_with_app):
    # As if signed in through a form without the MFA stage (e.g. Wagtail's own login page).
    client.force_login(staff_with_app)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fadmin%2Fpages%2F"
    response = client.post(response["Location"], {"code": totp_code(SECRET), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("portal_wiring")
def test_a_parent_cannot_reach_the_staff_pages(client):
    parent = UserFactory()
    client.force_login(parent)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert not User.objects.get(pk=parent.pk).is_staff


@pytest.mark.usefixtures("portal_wiring")
def test_staff_are_asked_for_their_code_when_signing_in(client):
    caseworker = CaseworkerFactory()
    Authenticator.objects.create(
        user=caseworker, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    response = sign_in(client, caseworker.email)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter your security code" in html


def test_mfa_set_up_page_renders_a_qr_code_without_inline_scripts(client):
    parent = UserFactory()
    sign_in(client, parent.email)
    # allauth asks for the password again before security settings change.
    first = client.get(reverse("mfa_activate_totp"))
    assert first.status_code == 302 and first["Location"].startswith(reverse("account_reauthenticate"))
    assert "Confirm it is you" in client.get(first["Location"]).content.decode()
    client.post(reverse("account_reauthenticate"), {"password": settings.DEMO_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.usefixtures("portal_wiring")
def test_the_sign_in_with_mfa_test_helper_passes_the_middleware(client, staff_with_app):
    from tests.factories.portal import sign_in_with_mfa

    sign_in_with_mfa(client, staff_with_app)
    assert client.get("/admin/").status_code == 200


def test_an_empty_sign_up_says_what_each_field_needs(client):
    response = client.post(reverse("account_signup"), {"email": "", "password1": "", "password2": ""})
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("Enter your email address", "Enter a password", "Enter the password again"):
        assert message in html
    assert "This field is required." not in html
