import pytest
from django.core.cache import cache

from tests.factories.portal import FinalPlanFactory, family


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits live in the cache; one test's failed sign-ins must not block the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def parent_and_plan(db):
    """A signed-out parent linked to a child whose plan is final."""
    plan = FinalPlanFactory()
    user, child = family(child=plan.child)
    return user, child, plan
