"""Local development: `make run`. Debug on, emails to the console, demo content allowed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
RASA_JWT_SECRET = env("RASA_JWT_SECRET", default="dev-only-rasa-jwt-secret-change-me-0123456789")
BOT_SERVICE_TOKEN = env("BOT_SERVICE_TOKEN", default="dev-only-bot-service-token-change-me")
DEMO_CONTENT_ALLOWED = True
DEMO_PASSWORD = env("DEMO_PASSWORD", default="send-demo-2026")

# Serve static files straight from static/ and the apps while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
