"""Whole-page cache of the Local Offer's public pages for visitors who are not signed in.

A content page is the same for every such visitor, so it is kept in the cache (Redis in
production) and served without touching the database. Publishing, unpublishing, moving or
deleting a page, or changing a snippet or the site settings, starts a new cache generation, so
nobody sees an out-of-date page for longer than a publish takes. Anyone with a session (signed
in, or mid-chat) or a pending message always gets a freshly rendered page."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache:generation"
# Pages that are personal, take input, or must always be live are never cached.
UNCACHED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/portal/",
    "/complaints/",
    "/internal/",
    "/healthz",
    "/documents/",
    "/search/",
    "/feedback/",
    "/ws/",
    "/static/",
    "/media/",
)
# What a public page shows: the Local Offer's own models (pages, snippets, settings), documents
# linked from pages, and the sites. Feedback from families changes no page.
WATCHED_APPS = {"cms", "wagtaildocs"}
WATCHED_MODELS = {"wagtailcore.page", "wagtailcore.site"}
IGNORED_MODELS = {"cms.pagefeedback"}


def generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation(**kwargs):
    """Makes every cached page stale at once."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _model_changed(sender, **kwargs):
    meta = sender._meta
    if meta.label_lower in IGNORED_MODELS:
        return
    if meta.app_label in WATCHED_APPS or meta.label_lower in WATCHED_MODELS:
        new_generation()


def connect_signals():
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(new_generation, dispatch_uid=f"page-cache-{name}")
    post_save.connect(_model_changed, dispatch_uid="page-cache-save")
    post_delete.connect(_model_changed, dispatch_uid="page-cache-delete")


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        key = f"page-cache:{generation()}:{request.get_host()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(UNCACHED_PREFIXES):
            return False
        return not any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages"))

    @staticmethod
    def _cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
