"""Whole-page cache of the Local Offer's public pages for visitors who are not signed in.

A content page is the same for every such visitor, so it is kept in the cache (Redis in
production) and served without touching the database. Publishing, unpublishing, moving or
deleting a page, or changing a snippet or the site settings, starts a new cache generation, so
nobody sees an out-of-date page for longer than a publish takes. Anyone with a session (signed
in, or mid-chat) or a pending message always gets a freshly rendered page.

Two parts share one stored form of a page (status, headers, body): the outermost Django
middleware renders and stores pages, and serves them under WSGI and the test client; the ASGI
front (``PageCacheASGI``, wrapped round Django in ``config.asgi``) answers a cached page before
Django's request handling starts at all, which is what keeps a busy day's pages fast."""

import asyncio
import hashlib
import logging
import pickle
import uuid

import redis.asyncio
from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import search_hits
from config.per_loop import PerLoop

logger = logging.getLogger(__name__)

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


_site_settings = {}  # (generation, host) -> SiteSettings, in this process


def site_settings_for(request):
    """The council's site settings for the request's site. Every page shows them, and finding the
    site and its settings is two queries; they are kept in the process until the cache generation
    changes (any change to them starts a new one)."""
    from cms.models import SiteSettings

    key = (generation(), request.get_host())
    found = _site_settings.get(key)
    if found is None:
        found = SiteSettings.for_request(request)
        if len(_site_settings) > 100:  # stale generations, or many host names
            _site_settings.clear()
        _site_settings[key] = found
    return found


def new_generation(**kwargs):
    """Makes every cached page stale at once."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _model_changed(sender, **kwargs):
    meta = sender._meta
    if meta.label_lower in IGNORED_MODELS:
        return
    if meta.app_label in WATCHED_APPS or meta.label_lower in WATCHED_MODELS:
        new_generation()


def _deployed(**kwargs):
    """Every deploy runs ``migrate``: pages (and the portal's kept pages) rendered by the previous
    release's templates and rules must not outlive it."""
    try:
        new_generation()
    except Exception:  # a cache outage must not fail a migration
        logger.warning("Cache unreachable: pages kept before this deploy stay until they expire.")


def connect_signals():
    post_migrate.connect(_deployed, sender=apps.get_app_config("cms"), dispatch_uid="page-cache-deploy")
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(new_generation, dispatch_uid=f"page-cache-{name}")
    post_save.connect(_model_changed, dispatch_uid="page-cache-save")
    post_delete.connect(_model_changed, dispatch_uid="page-cache-delete")


# Cookies that make a visit personal: a session (signed in, or mid-chat) or a message to show.
PERSONAL_COOKIES = ("messages",)


def cacheable_request(method, path, cookies):
    """Whether a request may get (and give) a cached page: the one rule the middleware and the
    ASGI front both apply."""
    if method not in ("GET", "HEAD") or path.startswith(UNCACHED_PREFIXES):
        return False
    return not any(name in cookies for name in (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES))


def entry_key(scheme, host, path, query_string):
    """The cache key of one URL; hashed, so any path or query makes a valid key."""
    url = f"{scheme}://{host}{path}?{query_string}"
    return f"page-cache:{hashlib.sha256(url.encode()).hexdigest()}"


def cached_entry(key):
    """The stored page under ``key`` if it belongs to the current generation (one round trip)."""
    found = cache.get_many([GENERATION_KEY, key])
    entry = found.get(key)
    if entry is not None and entry["generation"] == found.get(GENERATION_KEY):
        return entry
    return None


class AnonymousPageCacheMiddleware:
    """Outermost middleware, so the stored headers are the whole response's (security headers and
    the Content-Security-Policy included) and the ASGI front can send them as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not cacheable_request(request.method, request.path, request.COOKIES):
            return self.get_response(request)
        query_string = request.META.get("QUERY_STRING", "")
        key = entry_key(request.scheme, request.get_host(), request.path, query_string)
        entry = cached_entry(key)
        if entry is not None:
            response = HttpResponse(entry["body"], status=entry["status"])
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            if entry.get("search_hit_query"):
                search_hits.count_now(entry["search_hit_query"])
            return response
        # Read before rendering: a publish while the page renders must make this copy stale.
        current = generation()
        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(response):
            entry = {
                "generation": current,
                "status": response.status_code,
                "headers": list(response.items()),
                "body": response.content,
                # A search page's query, counted each time the page is served (see cms.search_hits).
                "search_hit_query": getattr(response, "search_hit_query", None),
            }
            cache.set(key, entry, seconds)
            response["X-Page-Cache"] = "miss"
        return response

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


class PageCacheASGI:
    """Answers a cached public page straight from the cache, before Django builds a request, runs
    its middleware or takes its one synchronous thread; everything else goes on to ``app``."""

    def __init__(self, app):
        self.app = app
        self._redis = PerLoop(self._new_redis_client)
        self._rendering = {}  # key -> Event set when this process's render of that page is done

    async def __call__(self, scope, receive, send):
        key = self._key(scope) if scope["type"] == "http" and settings.PAGE_CACHE_SECONDS else None
        if key is None:
            return await self.app(scope, receive, send)
        entry = await self._cached_entry(key)
        if entry is None and key in self._rendering:
            # Everyone asking for a page that is being rendered (a popular page just after a publish)
            # waits for that one render instead of queueing renders of their own.
            await self._rendering[key].wait()
            entry = await self._cached_entry(key)
        if entry is not None:
            return await self._send_entry(entry, scope, send)
        rendered = self._rendering.setdefault(key, asyncio.Event())
        try:
            return await self.app(scope, receive, send)
        finally:
            if self._rendering.get(key) is rendered:
                del self._rendering[key]
            rendered.set()

    async def _send_entry(self, entry, scope, send):
        body = entry["body"]
        headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in entry["headers"]
            if name.lower() != "content-length"
        ]
        headers += [(b"content-length", str(len(body)).encode()), (b"x-page-cache", b"hit")]
        await send({"type": "http.response.start", "status": entry["status"], "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
        if entry.get("search_hit_query"):
            search_hits.count_in_loop(entry["search_hit_query"])

    async def _cached_entry(self, key):
        """``cached_entry`` without blocking the event loop: Django's Redis client is synchronous (and
        its async methods queue on Django's one shared thread), so Redis is read here with an asyncio
        client, the same keys and Django's pickled values. Any other cache is in-process memory."""
        backend = caches["default"]
        if not isinstance(backend, RedisCache):
            return cached_entry(key)
        current, entry = await self._redis.get().mget(
            backend.make_and_validate_key(GENERATION_KEY), backend.make_and_validate_key(key)
        )
        if current is None or entry is None:
            return None
        # The same trust as Django's own cache reads: only this site writes to its Redis.
        entry = pickle.loads(entry)  # noqa: S301
        return entry if entry["generation"] == pickle.loads(current) else None  # noqa: S301

    @staticmethod
    def _new_redis_client():
        # The server the cache setting names (one URL: REDIS_URL), which Django's writes go to too.
        return redis.asyncio.Redis.from_url(settings.CACHES["default"]["LOCATION"])

    @staticmethod
    def _key(scope):
        """The same key the middleware would use for this request, or None when it must go to Django."""
        path = scope["path"]
        if scope.get("root_path"):
            return None
        headers = {}
        for name, value in scope["headers"]:
            name = name.decode("latin-1")
            # Django joins repeated headers with commas; such a request is left to it.
            if name in headers:
                return None
            headers[name] = value.decode("latin-1")
        if not cacheable_request(scope["method"], path, parse_cookie(headers.get("cookie", ""))):
            return None
        host = headers.get("host")
        if settings.USE_X_FORWARDED_HOST and "x-forwarded-host" in headers:
            host = headers["x-forwarded-host"]
        if not host:
            return None
        scheme = scope.get("scheme", "http")
        if settings.SECURE_PROXY_SSL_HEADER:
            header, secure_value = settings.SECURE_PROXY_SSL_HEADER
            forwarded = headers.get(header.removeprefix("HTTP_").replace("_", "-").lower())
            if forwarded is not None:
                scheme = "https" if forwarded.split(",")[0].strip() == secure_value else "http"
        try:
            query_string = scope.get("query_string", b"").decode()
        except UnicodeDecodeError:
            return None
        return entry_key(scheme, host, path, query_string)
