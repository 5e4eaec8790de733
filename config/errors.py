"""Error responses: JSON for the internal bot API (its callers read JSON, never an HTML page), the
site's own pages for everyone else (Django's default views, which render 404.html and 500.html)."""

from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/internal/bot/"


def not_found(request, exception):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": "server_error"}, status=500)
    return defaults.server_error(request)
