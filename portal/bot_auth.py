"""Who may call /internal/bot/ and on whose behalf, and how its views read and refuse requests.

The action server proves it is the action server with the service token (``Authorization: Bearer``).
It names the family member only by passing on the short-lived user token that the web app signed
for that chat message (``X-User-Token``); an id chosen by the caller is never trusted."""

import hmac
import json
from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import JsonResponse

# Every error from /internal/bot/ is JSON: {"error": code} or {"errors": {field: message}}.
NOT_A_JSON_OBJECT = {"errors": {"body": "The request body must be a JSON object"}}
USER_TOKEN_SALT = "chatbot.user-token"
USER_TOKEN_HEADER = "HTTP_X_USER_TOKEN"


def issue_user_token(user):
    """A signed token naming ``user``, valid for ``BOT_USER_TOKEN_MAX_AGE`` seconds."""
    return signing.dumps({"uid": str(user.pk)}, salt=USER_TOKEN_SALT, compress=True)


def user_from_token(token):
    """The active user a token names, or None when it is missing, forged or expired."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=USER_TOKEN_SALT, max_age=settings.BOT_USER_TOKEN_MAX_AGE)
    except signing.BadSignature:  # also covers SignatureExpired
        return None
    return get_user_model().objects.filter(pk=payload.get("uid"), is_active=True).first()


def _service_token_ok(request):
    expected = settings.BOT_SERVICE_TOKEN
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, given = header.partition(" ")
    return (
        bool(expected)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.encode(), expected.encode())
    )


def require_service_token(view):
    """Refuse any caller that is not the action server; set ``request.bot_user`` (or None).

    A user token that is given but forged or stale is refused on every endpoint: quietly treating
    the call as a signed-out one would file a family's request with nobody's name on it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _service_token_ok(request):
            return JsonResponse({"error": "invalid_service_token"}, status=401)
        token = request.META.get(USER_TOKEN_HEADER)
        request.bot_user = user_from_token(token)
        if token and request.bot_user is None:
            return JsonResponse({"error": "invalid_user_token"}, status=401)
        return view(request, *args, **kwargs)

    wrapped.csrf_exempt = True
    return wrapped


def allow(*methods):
    """Answer other methods with a JSON 405 rather than Django's empty response."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                response = JsonResponse({"error": "method_not_allowed"}, status=405)
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        wrapped.csrf_exempt = True
        return wrapped

    return decorator


def json_object(request):
    """The request body as a JSON object, or None when it is anything else: not JSON, not UTF-8,
    not an object, or nested too deeply for the parser (RecursionError, which is not a ValueError)."""
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
