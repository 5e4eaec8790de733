from django.conf import settings
from django.utils.functional import SimpleLazyObject

from cms.page_cache import site_settings_for

# (title, url): the service navigation shown on every page, in this order.
SERVICE_NAVIGATION = [
    ("Home", "/"),
    ("Guidance", "/guidance/"),
    ("EHCP journey", "/ehcp-journey/"),
    ("Minutes", "/minutes/"),
    ("Your child's plan", "/portal/"),
    ("Make a complaint", "/complaints/new/"),
]


def site_chrome(request):
    """What every page's header, navigation and chat widget need to know."""
    path = request.path
    navigation = [
        {"title": title, "url": url, "active": path == url if url == "/" else path.startswith(url)}
        for title, url in SERVICE_NAVIGATION
    ]
    return {
        "CHATBOT_ENABLED": settings.CHATBOT_ENABLED,
        "service_navigation": navigation,
        "site_settings": SimpleLazyObject(lambda: site_settings_for(request)),
    }
