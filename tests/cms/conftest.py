import pytest

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
