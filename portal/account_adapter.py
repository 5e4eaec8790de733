"""allauth adapter: plain-English messages in the GOV.UK style, and account emails in the council's
name (site settings) rather than the server's address."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from cms.page_cache import site_settings_for


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # ACCOUNT_RATE_LIMITS["login_failed"] is 5 in 5 minutes.
        "too_many_login_attempts": "Too many failed attempts. Try again in 5 minutes.",
        "email_password_mismatch": "The email address or password is not right",
    }

    def send_mail(self, template_prefix, email, context):
        """allauth's own sending, with the council's name and the service's address for the
        templates in templates/account/email/ (allauth's defaults name the server: "Hello from
        127.0.0.1:8000!")."""
        request = allauth_context.request  # set by allauth's middleware for the request being served
        context = {
            "site_settings": site_settings_for(request) if request is not None else None,
            "service_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/",
            **context,
        }
        return super().send_mail(template_prefix, email, context)
