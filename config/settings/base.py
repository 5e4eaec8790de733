"""Settings shared by every environment. Everything that differs between machines comes from
environment variables (see .env.example); dev, test and production only change defaults."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Apps -----------------------------------------------------------------------------------------
DJANGO_APPS = [
    "daphne",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "channels",
]
LOCAL_APPS = [
    "portal",
    "cms",
    "chatbot",
]
INSTALLED_APPS = DJANGO_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Outermost: a cached public page is served without touching the database, and what is stored
    # carries every header the middleware below adds (security headers, Content-Security-Policy).
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.SessionLifetimeMiddleware",
    "portal.middleware.StaffMFARequiredMiddleware",
    "portal.middleware.AuditActorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Requests one worker process works on at once; the rest wait their turn (config/asgi_handler.py).
WEB_THREADS = env.int("WEB_THREADS", default=3)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.site_chrome",
            ],
        },
    },
]

# Data -----------------------------------------------------------------------------------------
# SQLite on a bare machine; PostgreSQL whenever DATABASE_URL says so.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT spent seconds compiling the dashboard's aggregate queries for no gain.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is what a council tries first (`make run`): with its defaults, concurrent writes fail
    # with "database is locked". The write-ahead log lets readers work during a write, IMMEDIATE
    # transactions take the write lock at the start (so no transaction fails half-way when it tries
    # to upgrade), and writers wait up to 20 seconds for each other instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # Sessions read from Redis, written through to the database so a restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages are cached whole for visitors who are not signed in (0 turns it off).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The parent's rendered /portal/ and plan pages, kept under a digest of their rows (portal.case_pages)
# so they are never stale; this only bounds how long an unvisited one takes up memory.
PORTAL_PAGE_SECONDS = env.int("PORTAL_PAGE_SECONDS", default=600)

# Wagtail's database backend picks PostgreSQL full-text search on PostgreSQL and FTS5 on SQLite.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/portal/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# How many reverse proxies in front of the site append to X-Forwarded-For (0: none, the peer is the
# client). allauth's rate limits and the audit log both take the client's address from it, so one
# proxy address never stands for every family.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Failed sign-ins are limited per client address and per account, so one attacker cannot lock out
# everyone, and one account cannot be guessed at from many addresses.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
}
ACCOUNT_ADAPTER = "portal.account_adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "portal.account_forms.SignupForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# "Where you are signed in" on the account page, and "sign out everywhere else" (allauth's own page).
# Sessions are recorded at sign-in; tracking each request's activity would cost a write a request.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_TOTP_ISSUER = env("COUNCIL_NAME", default="Northmere Council SEND")

# Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Case documents never sit under MEDIA_ROOT: they are served only through a view that checks access.
PRIVATE_MEDIA_ROOT = Path(env("DJANGO_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email and notifications ---------------------------------------------------------------------
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="send-team@northmere.example.org")
GOVUK_NOTIFY_API_KEY = env("GOVUK_NOTIFY_API_KEY", default="")
# Notify template id per message, e.g. "complaint_received=<uuid>,stage_changed=<uuid>".
GOVUK_NOTIFY_TEMPLATE_IDS = env.dict("GOVUK_NOTIFY_TEMPLATE_IDS", default={})

# Security headers ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Signed-in sessions end after this long without a request, and this long after signing in
# (portal/session_lifetime.py); staff means any account that can reach the staff pages.
SESSION_IDLE_MINUTES = {
    "staff": env.int("SESSION_IDLE_MINUTES_STAFF", default=30),
    "parent": env.int("SESSION_IDLE_MINUTES_PARENT", default=120),
}
SESSION_LIFETIME_HOURS = {
    "staff": env.int("SESSION_LIFETIME_HOURS_STAFF", default=10),
    "parent": env.int("SESSION_LIFETIME_HOURS_PARENT", default=24),
}
# The cookie never outlives the longest of them (Django's default is two weeks).
SESSION_COOKIE_AGE = max(SESSION_LIFETIME_HOURS.values()) * 3600
SESSION_COOKIE_SAMESITE = "Lax"
# No inline scripts anywhere on the public site; styles only from our own origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
# The Wagtail admin still carries inline scripts and styles of its own; it is staff-only.
CONTENT_SECURITY_POLICY_ADMIN = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"
)

# Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("COUNCIL_NAME", default="Northmere Council SEND")
# Staff sign in through allauth too, so its MFA stage guards the admin.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Passwords are reset and changed through allauth only (rate limited, and signs other sessions out).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Pages that may open the chat's WebSocket: whole origins (scheme, host and port), so a page on
# another port or over plain HTTP of the same host cannot talk to the assistant as the family.
CHAT_ALLOWED_ORIGINS = env.list(
    "CHAT_ALLOWED_ORIGINS", default=[WAGTAILADMIN_BASE_URL.rstrip("/"), *CSRF_TRUSTED_ORIGINS]
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party image service: Gravatar would be sent a hash of every staff email address (and the
# CSP blocks it anyway, leaving a broken image); Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Casework -----------------------------------------------------------------------------------
# The council's promise to a family who asks for an early review: an answer within this many working
# days (shown to the family with the date).
EARLY_REVIEW_REPLY_WORKING_DAYS = env.int("EARLY_REVIEW_REPLY_WORKING_DAYS", default=10)

# Chatbot ------------------------------------------------------------------------------------
RASA_URL = env("RASA_URL", default="http://127.0.0.1:5005")
RASA_ACTIONS_URL = env("RASA_ACTIONS_URL", default="http://127.0.0.1:5055")
# Shared with Rasa's custom input channel: Django signs, Rasa verifies.
RASA_JWT_SECRET = env("RASA_JWT_SECRET", default="")
# The action server presents this to /internal/bot/.
BOT_SERVICE_TOKEN = env("BOT_SERVICE_TOKEN", default="")
# How long the signed user token that rides with one chat message stays valid.
BOT_USER_TOKEN_MAX_AGE = env.int("BOT_USER_TOKEN_MAX_AGE", default=300)
CHATBOT_ENABLED = env.bool("CHATBOT_ENABLED", default=True)
CHAT_RETENTION_DAYS = env.int("CHAT_RETENTION_DAYS", default=90)
# Safeguarding: where a crisis or safeguarding flag is announced (a link only, never the words),
# and how long flagged words and their conversations are kept (the council's safeguarding
# retention, longer than the chat's own).
SAFEGUARDING_DUTY_EMAIL = env("SAFEGUARDING_DUTY_EMAIL", default="safeguarding@northmere.example.org")
SAFEGUARDING_RETENTION_DAYS = env.int("SAFEGUARDING_RETENTION_DAYS", default=6 * 365)
# A burst of this many chat messages, then one per refill interval; faster ones are refused.
CHAT_THROTTLE_BURST = env.int("CHAT_THROTTLE_BURST", default=8)
CHAT_THROTTLE_REFILL_SECONDS = env.float("CHAT_THROTTLE_REFILL_SECONDS", default=1.5)
# Across all connections from one address (a reconnect does not reset it); generous, since a
# school or a council office may put many families behind one address.
CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE = env.int("CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE", default=120)
# /healthz also reports Rasa and its action server wherever they are meant to run.
HEALTHZ_CHECK_CHATBOT = env.bool("HEALTHZ_CHECK_CHATBOT", default=CHATBOT_ENABLED)

# Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact_secret_paths": {"()": "config.log_filters.RedactSecretPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Wagtail's background tasks run inline and log every step; only their problems matter here.
    # httpx logs every chat message's request to Rasa.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        # Access logs and request errors name the path: password-reset keys are taken out of it.
        "uvicorn.access": {"handlers": ["console"], "filters": ["redact_secret_paths"], "propagate": False},
        "django.request": {"filters": ["redact_secret_paths"]},
        "django.server": {"handlers": ["console"], "filters": ["redact_secret_paths"], "propagate": False},
    },
}
