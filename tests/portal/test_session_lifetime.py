"""Sessions end (issue 10): after an idle time and after an absolute lifetime, both shorter for
staff than for parents; and a person can sign out everywhere else from their account page."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from portal import session_lifetime
from tests.factories.portal import UserFactory, family, sign_in_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.SESSION_IDLE_MINUTES = {"staff": 30, "parent": 120}
    settings.SESSION_LIFETIME_HOURS = {"staff": 10, "parent": 24}
    return settings


def age_session(client, started_ago=0, seen_ago=0):
    session = client.session
    record = session[session_lifetime.KEY]
    now = time.time()
    session[session_lifetime.KEY] = {**record, "started": now - started_ago, "seen": now - seen_ago}
    session.save()


@pytest.mark.usefixtures("limits")
@pytest.mark.parametrize(
    ("started_ago", "seen_ago", "signed_out", "because"),
    [
        (3600, 119 * 60, False, None),
        (3600, 121 * 60, True, "had not done anything for a while"),
        (23 * 3600, 60, False, None),
        (25 * 3600, 60, True, "signed in for many hours"),
    ],
)
def test_a_parent_is_signed_out_after_the_parent_limits(client, started_ago, seen_ago, signed_out, because):
    parent, _child = family()
    client.force_login(parent)
    age_session(client, started_ago, seen_ago)
    response = client.get("/portal/")
    if not signed_out:
        assert response.status_code == 200
        return
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fportal%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert because in page


@pytest.mark.usefixtures("limits")
def test_staff_limits_are_shorter(client):
    staff = UserFactory(is_staff=True)
    sign_in_with_mfa(client, staff)
    assert client.session[session_lifetime.KEY]["kind"] == "staff"
    age_session(client, started_ago=3600, seen_ago=31 * 60)
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))
    sign_in_with_mfa(client, staff)
    age_session(client, started_ago=11 * 3600, seen_ago=60)
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))


@pytest.mark.usefixtures("limits")
def test_using_the_site_keeps_a_session_alive(client):
    parent, _child = family()
    client.force_login(parent)
    age_session(client, started_ago=3600, seen_ago=100 * 60)
    assert client.get("/portal/").status_code == 200
    seen = client.session[session_lifetime.KEY]["seen"]
    assert time.time() - seen < 5


def test_the_session_cookie_does_not_outlive_the_longest_lifetime(settings):
    assert max(settings.SESSION_LIFETIME_HOURS.values()) * 3600 >= settings.SESSION_COOKIE_AGE


def test_a_parent_signs_out_everywhere_else_from_the_account_page(client):
    parent, _child = family()
    other = Client()
    for browser in (client, other):
        browser.post(reverse("account_login"), {"login": parent.email, "password": settings.DEMO_PASSWORD})
    home = client.get("/portal/").content.decode()
    assert reverse("usersessions_list") in home
    page = client.get(reverse("usersessions_list"))
    html = page.content.decode()
    assert page.status_code == 200 and "Where you are signed in" in html
    assert "Sign out everywhere else" in html and "This browser" in html
    response = client.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert client.get("/portal/").status_code == 200
    assert other.get("/portal/").status_code == 302
