"""Local development: `make run`. Debug on, emails to the console, demo content allowed."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

# The development values shared with the Rasa processes (what the environment sets wins).
env.read_env(BASE_DIR / "config" / "development.env")

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY")
RASA_JWT_SECRET = env("RASA_JWT_SECRET")
BOT_SERVICE_TOKEN = env("BOT_SERVICE_TOKEN")
DEMO_CONTENT_ALLOWED = True
CHAT_ALLOWED_ORIGINS = [*CHAT_ALLOWED_ORIGINS, "http://localhost:8000"]  # noqa: F405
DEMO_PASSWORD = env("DEMO_PASSWORD", default="send-demo-2026")

# Serve static files straight from static/ and the apps while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
