from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # One way in: Wagtail's own sign-in form has none of allauth's rate limits, email verification
    # or MFA step, so its address sends staff to allauth's (``next`` kept).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include("portal.urls")),
    path("", include("chatbot.urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
