import pytest

from portal.staff.permissions import ensure_caseworkers_group

from .factories import StaffFactory, UserFactory


@pytest.fixture
def caseworker(db):
    user = StaffFactory(email="caseworker@example.org", first_name="Casey", last_name="Worker")
    user.groups.add(ensure_caseworkers_group())
    return user


@pytest.fixture
def staff_client(client, caseworker):
    client.force_login(caseworker)
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
