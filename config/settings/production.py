"""Production: every secret from the environment, HTTPS only, compressed manifest static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

# What the committed development, test and example values contain (config/development.env,
# config/settings/test.py, .env.example); no random secret does.
WEAK_SECRET_MARKERS = ("dev-only", "test-only", "change-me", "insecure", "example")


def strong_secret(name, min_length):
    """A secret from the environment, refused when it is short or a committed placeholder."""
    value = env(name, default="")
    if len(value) < min_length or any(marker in value.lower() for marker in WEAK_SECRET_MARKERS):
        raise ImproperlyConfigured(
            f"{name} must be a random string of at least {min_length} characters, not a development "
            "or example value: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    return value


DEBUG = False
SECRET_KEY = strong_secret("DJANGO_SECRET_KEY", 50)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
RASA_JWT_SECRET = strong_secret("RASA_JWT_SECRET", 32)
BOT_SERVICE_TOKEN = strong_secret("BOT_SERVICE_TOKEN", 32)
# A real duty inbox: a flag announced to the example address would reach nobody.
SAFEGUARDING_DUTY_EMAIL = env("SAFEGUARDING_DUTY_EMAIL")
DEMO_CONTENT_ALLOWED = False

# Under ASGI every request may run on a different thread, so persistent per-thread connections
# pile up until PostgreSQL refuses more; a small connection pool per process is used instead.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
        "min_size": env.int("DJANGO_DB_POOL_MIN", default=2),
        "max_size": env.int("DJANGO_DB_POOL_MAX", default=10),
        "timeout": 10,
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
