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


PORTAL_MIDDLEWARE = ["portal.middleware.StaffMFARequiredMiddleware", "portal.middleware.AuditActorMiddleware"]


@pytest.fixture
def portal_wiring(settings):
    """The settings lines the portal asks the lead to add (see the report); applied here so these tests
    exercise the same wiring whether or not config/settings/base.py has them yet."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        *(m for m in PORTAL_MIDDLEWARE if m not in settings.MIDDLEWARE),
    ]
    settings.ACCOUNT_ADAPTER = "portal.account_adapter.AccountAdapter"
    settings.WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
    return settings
