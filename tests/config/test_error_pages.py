"""The site's own 404 and 500 pages (issues 10 and 11): GOV.UK-styled, a way back, and the 500 page
renders with the database and the cache out of reach."""

import pytest
from django.test import RequestFactory

from config import errors


@pytest.mark.django_db
def test_an_unknown_address_gets_the_sites_page_not_found(client):
    response = client.get("/no-such-page-at-all/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and 'class="govuk-template"' in html
    assert 'href="/contact-us/"' in html and 'href="/"' in html


def test_the_500_page_renders_without_the_database_or_the_cache(monkeypatch):
    # No django_db mark: any database query here fails the test. The cache is made to fail too.
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "get_many", down)
    request = RequestFactory().get("/guidance/")
    response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert 'href="tel:999"' in html and "main.css" in html
