"""One way in (issue 10): every sign-in goes through allauth, with its rate limits, verified email and
second factor; MFA is asked of every account that can reach the admin, whatever ``is_staff`` says."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from portal import mfa
from portal.models import User
from portal.staff.permissions import ensure_caseworkers_group
from tests.factories.portal import UserFactory, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_wiring")]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_wagtails_sign_in_address_sends_staff_to_allauth_and_keeps_where_they_were_going(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


def test_a_password_posted_to_wagtails_sign_in_address_signs_nobody_in(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(3):
        response = client.post("/admin/login/", {"username": staff.email, "password": settings.DEMO_PASSWORD})
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_an_unverified_account_gets_in_nowhere(client):
    parent = UserFactory()
    EmailAddress.objects.filter(user=parent).update(verified=False)
    client.post("/admin/login/", {"username": parent.email, "password": settings.DEMO_PASSWORD})
    client.post(reverse("account_login"), {"login": parent.email, "password": settings.DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session
    for path in ("/portal/", "/portal/link/", "/complaints/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_wagtails_password_reset_is_off(client):
    staff = UserFactory(is_staff=True)
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.post("/admin/password_reset/", {"email": staff.email}).status_code in (302, 404)
    assert mail.outbox == []


def caseworker_without_is_staff():
    user = UserFactory(is_staff=False)
    user.groups.add(ensure_caseworkers_group())
    return user


def superuser_without_is_staff():
    return UserFactory(is_staff=False, is_superuser=True)


def editor_by_permission():
    user = UserFactory(is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def member_of_any_group():
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


ADMIN_CAPABLE = [
    caseworker_without_is_staff,
    superuser_without_is_staff,
    editor_by_permission,
    member_of_any_group,
]
STAFF_PAGES = [
    "/admin/",
    "/admin/portal_audit/",
    "/admin/users/",
    "/admin/chatbot/callbacks/",
    "/staff/cases/",
]


@pytest.mark.parametrize("make_user", ADMIN_CAPABLE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_every_account_that_can_reach_the_admin_is_sent_to_set_up_an_app_first(client, make_user, path):
    user = make_user()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("make_user", ADMIN_CAPABLE, ids=lambda f: f.__name__)
def test_with_an_app_a_password_only_session_is_asked_for_a_code(client, make_user):
    user = make_user()
    mfa.add_authenticator_app(user, SECRET)
    client.force_login(user)
    response = client.get("/admin/portal_audit/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_superuser_without_is_staff_signs_in_with_the_code_and_reaches_the_audit_log(client):
    user = superuser_without_is_staff()
    mfa.add_authenticator_app(user, SECRET)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": settings.DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert client.get("/admin/portal_audit/").status_code == 200


def test_a_code_mark_never_carries_over_to_another_account(client):
    first, second = superuser_without_is_staff(), superuser_without_is_staff()
    for user in (first, second):
        mfa.add_authenticator_app(user, SECRET)
    client.force_login(first)
    session = client.session
    mfa.mark_verified(session, first)
    session.save()
    assert client.get("/admin/").status_code == 200
    client.force_login(second)
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_reauthenticate"))


def test_parents_are_not_asked_for_a_second_factor(client):
    parent = UserFactory()
    client.force_login(parent)
    assert not mfa.must_use_mfa(User.objects.get(pk=parent.pk))
    assert client.get("/portal/").status_code == 200


# --- Rate limits behind a proxy ------------------------------------------------------------------


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    from django.core.cache import cache

    cache.clear()
    return settings


def sign_in_from(client, address, email, password):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="10.0.0.1",  # the proxy, the same for everyone
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.usefixtures("behind_one_proxy")
def test_one_attacker_behind_the_proxy_does_not_lock_out_other_families(client):
    victim, family = UserFactory(), UserFactory()
    for number in range(12):
        sign_in_from(client, "203.0.113.9", f"guess{number}@example.org", "wrong")
    response = sign_in_from(client, "198.51.100.20", family.email, settings.DEMO_PASSWORD)
    assert response.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    # ...while the attacker's own address is refused, even for another account.
    response = sign_in_from(client, "203.0.113.9", victim.email, settings.DEMO_PASSWORD)
    assert "Too many failed attempts" in response.content.decode()


@pytest.mark.usefixtures("behind_one_proxy")
def test_one_account_cannot_be_guessed_at_from_many_addresses(client):
    parent = UserFactory()
    for number in range(5):
        sign_in_from(client, f"203.0.113.{number + 1}", parent.email, "wrong")
    response = sign_in_from(client, "198.51.100.20", parent.email, settings.DEMO_PASSWORD)
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("behind_one_proxy")
def test_the_audit_log_records_the_client_not_the_proxy(client):
    from portal.models import AuditEntry
    from tests.factories.portal import family

    parent, child = family()
    client.force_login(parent)
    client.get(
        f"/portal/children/{child.public_id}/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    entry = AuditEntry.objects.filter(child=child).latest("at")
    assert entry.ip_address == "198.51.100.7"
