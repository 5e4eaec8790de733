import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories.cms import (
    GuideIndexPageFactory,
    GuidePageFactory,
    HomePageFactory,
    MinutesIndexPageFactory,
)


@pytest.fixture
def home(db):
    return HomePageFactory()


@pytest.fixture
def guidance(home):
    return GuideIndexPageFactory(parent=home)


@pytest.fixture
def guide(guidance):
    return GuidePageFactory(parent=guidance, title="Annual reviews", slug="annual-reviews")


@pytest.fixture
def minutes_index(home):
    return MinutesIndexPageFactory(parent=home)


def _member_of(group_name, email):
    # The groups come from the editorial workflow data migration, as in every environment.
    user = get_user_model().objects.create_user(email=email, password="a-long-test-password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _member_of("Editors", "editor@example.test")


@pytest.fixture
def moderator(db):
    return _member_of("Moderators", "moderator@example.test")


@pytest.fixture
def bot_headers(settings):
    return {"HTTP_AUTHORIZATION": f"Bearer {settings.BOT_SERVICE_TOKEN}"}
