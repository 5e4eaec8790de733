import pytest

from portal.staff.permissions import ensure_caseworkers_group
from tests.factories.portal import sign_in_with_mfa

from .factories import StaffFactory, UserFactory


@pytest.fixture
def caseworker(db):
    user = StaffFactory(email="caseworker@example.org", first_name="Casey", last_name="Worker")
    user.groups.add(ensure_caseworkers_group())
    return user


@pytest.fixture
def staff_client(client, caseworker):
    """Signed in as a caseworker who gave an authenticator code (staff pages need one)."""
    sign_in_with_mfa(client, caseworker)
    return client


@pytest.fixture
def parent(db):
    return UserFactory(email="parent@example.org")


@pytest.fixture
def editor(db):
    """Communications staff: in the Wagtail admin, but not a caseworker."""
    from django.contrib.auth.models import Permission

    user = StaffFactory(email="editor@example.org")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
