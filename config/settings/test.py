"""The pytest suite. Uses whatever DATABASE_URL / REDIS_URL says, so CI runs it on both SQLite and
PostgreSQL + Redis."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-use-0123456789"
RASA_JWT_SECRET = env("RASA_JWT_SECRET", default="test-only-rasa-jwt-secret-0123456789abcdef")
BOT_SERVICE_TOKEN = env("BOT_SERVICE_TOKEN", default="test-only-bot-service-token")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
GOVUK_NOTIFY_API_KEY = ""
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Every test's chat comes from one address within the same minutes: the per-address limit has its
# own tests (tests/chatbot/test_consumer.py).
CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE = 100_000
# Hosts without a scheme match any scheme and port: the test servers listen on free ports.
CHAT_ALLOWED_ORIGINS = ["testserver", "127.0.0.1", "localhost"]
DEMO_CONTENT_ALLOWED = True
DEMO_PASSWORD = "send-demo-2026"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
HEALTHZ_CHECK_CHATBOT = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The cache outlives each test's database rollback; the page cache has its own tests.
PAGE_CACHE_SECONDS = 0
