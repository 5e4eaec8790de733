"""Finding pages: the one search used by the site search page and by the chatbot's guide search."""

import hashlib
import re

from django.core.cache import cache
from django.db import connection
from wagtail.models import Page

from cms.highlight import matches_every_term
from cms.page_cache import generation

# Ranking every matching page is the expensive part of a search (full-text ranking over long page
# bodies); the ranked ids are kept until the next publish. Families rarely look past a few pages.
RANKED_RESULTS_LIMIT = 500
RANKED_RESULTS_SECONDS = 600


def search_terms(query):
    """The words of a query, without punctuation. SQLite's full-text engine treats characters such
    as quotes and brackets as syntax (a stray one is an error), and no page is found by them anyway."""
    return " ".join(re.findall(r"\w+", query))


def search_pages(query, queryset=None):
    """Live public pages matching ``query``, best first, as a sliceable sequence of (non-specific)
    pages. Empty when the query has no words.

    Wagtail's database backend uses PostgreSQL full-text search in production, where a match in the
    title weighs more than one in the body. SQLite's ranking (the embedded default) weighs every
    column alike, so a meeting that mentions "annual review" ten times outranks the guide called
    "Annual reviews"; there, pages whose title has every word of the query are moved to the top."""
    queryset = Page.objects.live().public() if queryset is None else queryset
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    results = queryset.search(terms)
    if connection.vendor == "sqlite":
        results = sorted(results, key=lambda page: not matches_every_term(page.title, terms))
    return results


def ranked_page_ids(query):
    """Ids of the live public pages matching ``query``, best first, at most RANKED_RESULTS_LIMIT,
    cached per query until a page or snippet changes."""
    terms = search_terms(query).lower()
    if not terms:
        return []
    key = f"search-ids:{generation()}:{hashlib.sha256(terms.encode()).hexdigest()}"
    ids = cache.get(key)
    if ids is None:
        ids = [page.pk for page in search_pages(terms)[:RANKED_RESULTS_LIMIT]]
        cache.set(key, ids, RANKED_RESULTS_SECONDS)
    return ids


def pages_by_id(ids):
    """The specific pages with these ids, in the same order."""
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def specific_pages(pages):
    """The specific (GuidePage, MeetingMinutesPage...) version of each page, in the same order, in
    one query per page type."""
    return pages_by_id([page.pk for page in pages])
