"""Link codes: single use, 30 days, with the date of birth, locked after five wrong tries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import linking
from portal.models import AuditEntry, LinkCode, ParentLink
from portal.models.links import hash_code
from tests.factories.portal import CaseworkerFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

DOB = datetime.date(2016, 4, 12)


def post_link(client, code, dob=DOB):
    return client.post(
        reverse("portal:link_child"),
        {"code": code, "date_of_birth_0": dob.day, "date_of_birth_1": dob.month, "date_of_birth_2": dob.year},
    )


@pytest.fixture
def issued():
    child = ChildFactory(date_of_birth=DOB)
    link_code, plain = LinkCode.issue(child, created_by=CaseworkerFactory())
    return child, link_code, plain


def test_only_a_hash_of_the_code_is_stored(issued):
    _, link_code, plain = issued
    assert len(plain.replace("-", "")) == 12
    assert link_code.code_hash == hash_code(plain) and plain.replace("-", "") not in link_code.code_hash
    assert link_code.expires_at - link_code.created_at >= datetime.timedelta(days=29, hours=23)


def test_the_right_code_and_date_of_birth_link_the_child(client, issued):
    child, link_code, plain = issued
    parent = UserFactory()
    client.force_login(parent)
    # Typed in lower case with spaces, as people do.
    response = post_link(client, plain.lower().replace("-", " "))
    assert response.status_code == 302 and response["Location"] == reverse(
        "portal:child", args=[child.public_id]
    )
    assert ParentLink.objects.filter(user=parent, child=child).exists()
    link_code.refresh_from_db()
    assert link_code.used_by == parent and link_code.used_at is not None
    assert AuditEntry.objects.filter(child=child, action="link").exists()


def test_a_used_code_is_refused(client, issued):
    _, _, plain = issued
    client.force_login(UserFactory())
    post_link(client, plain)
    client.force_login(UserFactory())
    response = post_link(client, plain)
    assert "This link code has already been used" in response.content.decode()
    assert ParentLink.objects.count() == 1


def test_an_expired_code_is_refused(client, issued):
    _, link_code, plain = issued
    LinkCode.objects.filter(pk=link_code.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(UserFactory())
    response = post_link(client, plain)
    assert "This link code has expired" in response.content.decode()
    assert not ParentLink.objects.exists()


def test_five_wrong_dates_of_birth_lock_the_code(client, issued):
    child, link_code, plain = issued
    parent = UserFactory()
    client.force_login(parent)
    wrong = DOB + datetime.timedelta(days=1)
    html = post_link(client, plain, wrong).content.decode()
    assert "You have 4 more tries" in html and "govuk-error-summary" in html
    for _ in range(4):
        html = post_link(client, plain, wrong).content.decode()
    assert "locked after 5 wrong tries" in html
    link_code.refresh_from_db()
    assert link_code.locked_at is not None and link_code.failed_attempts == 5
    # The right date of birth no longer helps, for this person or anyone else.
    client.force_login(UserFactory())
    assert "locked after 5 wrong tries" in post_link(client, plain).content.decode()
    assert not ParentLink.objects.exists()
    assert AuditEntry.objects.filter(child=child, action="link_failed").count() == 6


def test_guessing_codes_stops_after_five_failures(client, issued):
    _, _, plain = issued
    client.force_login(UserFactory())
    for n in range(5):
        html = post_link(client, f"ZZZZ-ZZZZ-ZZ{n:02d}").content.decode()
        assert "Check the link code" in html
    # Even the real code is refused now: the person is stopped, not just the code.
    html = post_link(client, plain).content.decode()
    assert "too many times" in html
    assert not ParentLink.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"code": "", "date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""},
            "Enter the link code",
        ),
        (
            {"code": "ABCD", "date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2016"},
            "must be a real date",
        ),
        (
            {"code": "ABCD", "date_of_birth_0": "3", "date_of_birth_1": "", "date_of_birth_2": "2016"},
            "must include a month",
        ),
        (
            {"code": "ABCD", "date_of_birth_0": "3", "date_of_birth_1": "2", "date_of_birth_2": "2099"},
            "must be in the past",
        ),
    ],
)
def test_form_errors_are_shown_in_an_error_summary(client, data, message):
    client.force_login(UserFactory())
    response = client.post(reverse("portal:link_child"), data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "govuk-error-summary" in html


def test_redeem_is_atomic_and_returns_existing_link(issued):
    child, _, plain = issued
    parent = UserFactory()
    ParentLink.objects.create(user=parent, child=child)
    result = linking.redeem(parent, plain, DOB)
    assert result.ok and result.already_linked
    assert ParentLink.objects.filter(user=parent, child=child).count() == 1


def test_an_empty_date_of_birth_says_which_date_is_missing(client):
    from django.urls import reverse

    from tests.factories.portal import UserFactory

    client.force_login(UserFactory())
    response = client.post(reverse("portal:link_child"), {"code": "ABCD-EFGH-JK34"})
    html = response.content.decode()
    assert "Enter the date of birth of the child or young person" in html
    assert "This field is required." not in html
