"""Anonymous visitors get cached pages; publishing shows the change at once; nothing personal is cached."""

import pytest
from django.core.cache import cache

from cms.models import GuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guide():
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    return GuidePage.objects.live().get(slug="requesting-an-assessment")


def test_second_anonymous_visit_is_served_from_the_cache(client, page_cache, guide):
    first = client.get(guide.url)
    second = client.get(guide.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Security headers survive the cache.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_a_change_is_seen_at_once(client, page_cache, guide):
    assert b"Newly added sentence" not in client.get(guide.url).content
    guide.summary = "Newly added sentence about asking for an assessment."
    guide.save_revision().publish()
    response = client.get(guide.url)
    assert b"Newly added sentence" in response.content


def test_signed_in_visitors_are_never_served_a_cached_page(client, page_cache, guide, django_user_model):
    client.get(guide.url)
    user = django_user_model.objects.create_user(email="someone@example.org", password="x")
    client.force_login(user)
    response = client.get(guide.url)
    assert "X-Page-Cache" not in response


def test_personal_and_input_pages_are_not_cached(client, page_cache, guide):
    client.get("/search/?q=tribunal")
    assert "X-Page-Cache" not in client.get("/search/?q=tribunal")
    assert "X-Page-Cache" not in client.get("/complaints/new/")


def test_search_finds_a_newly_published_page_although_results_are_cached(client, guide):
    assert "There are no results for" in client.get("/search/?q=zebrafish").content.decode()
    guide.summary = "A note about zebrafish therapy."
    guide.save_revision().publish()
    body = client.get("/search/?q=zebrafish").content.decode()
    assert "1 result for" in body
    assert guide.title in body
