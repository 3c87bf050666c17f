"""
Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment here,
in one place, with a safe development default (see README, "Configuration").
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# The portal's own apps. `portal` is the core; the others are plugins that register themselves
# with the core (portal/registry.py). Dependencies between plugins go one way only:
# strategy <- calls <- initiatives, and engagement -> strategy. A leaf plugin (initiatives,
# engagement) can be removed from this list and the portal still works.
PORTAL_PLUGINS = [
    "home",
    "strategy",
    "calls",
    "initiatives",
    "engagement",
    "search",
]

INSTALLED_APPS = [
    "portal",
    "security",  # headers, admin sign-in, upload checks, backups (docs/security.md)
    "outbox",  # outgoing mail: stored, queued, retried, listed for staff (docs/outbox.md)
    "webhooks",  # signed POSTs of visible changes to registered endpoints (docs/api.md)
    *PORTAL_PLUGINS,
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
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
    "django_filters",
    "rest_framework",  # Wagtail's API v2
    "ninja",  # serves the API docs page's Swagger UI from its own static files, not a CDN
    "corsheaders",
    "django_tasks_db",  # the task queue, kept in the portal's database (TASKS below)
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # two-factor recovery codes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # One read of the content version per request, however many cached things use it.
    "portal.cache.ContentVersionMiddleware",
    "portal.api_http.ApiMiddleware",
    # Browsers revalidate pages with an ETag and get 304 when nothing changed.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session: a cached page for an anonymous visitor costs no database query.
    "portal.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside any full-page cache: a cached page keeps the policy (and nonce) it was made with.
    "security.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.TwoFactorMiddleware",
    # Wrong passwords of private pages and collections are limited per client (after CSRF).
    "security.passwords.PagePasswordLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "portal.urls"
# A form refused for a missing or expired CSRF token gets a page in the visitor's language.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Database: PostgreSQL when DATABASE_URL is set, the embedded SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caching (portal/cache.py): every cached thing carries the content version, which a process
# re-reads from the ledger of visible changes at least this often (seconds): the longest a
# change made by another process can take to show. And the code's release, so that a deploy
# never reads what older code stored (the deployment's commit id, or a digest of the code).
PORTAL_CONTENT_VERSION_MAX_AGE = float(os.environ.get("PORTAL_CONTENT_VERSION_MAX_AGE", "1"))
PORTAL_RELEASE = os.environ.get("PORTAL_RELEASE", "")

# Cache: Redis when REDIS_URL is set, this process's memory otherwise.
# django-redis rather than Django's built-in Redis backend for one reason: IGNORE_EXCEPTIONS.
# The cache is an optimisation; if Redis goes away, every page (and Wagtail's own cached
# lookups) is still served from the database, and the failure is logged.
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis, logging an outage once and its end once (portal/cache_backend.py).
            "BACKEND": "portal.cache_backend.OutageLoggingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Lithuanian is primary and served without a prefix at /, English at /en/.
LANGUAGE_CODE = "lt"
LANGUAGES = [
    ("lt", "Lietuvių"),
    ("en", "English"),
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Vilnius"

# Wagtail's and wagtail-localize's admin strings that their own Lithuanian catalogues leave in
# English or word ungrammatically: Django reads LOCALE_PATHS before any app's catalogue. The
# catalogue sits one folder down so that `makemessages` in portal/ never writes into it.
LOCALE_PATHS = [PROJECT_DIR / "locale_overrides" / "locale"]

WAGTAIL_I18N_ENABLED = True
# How the admin names each content language ("Kalba: anglų"), in the editor's language; the
# public language switcher names each language in itself (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [
    ("lt", pgettext_lazy("language name in the admin", "Lithuanian")),
    ("en", pgettext_lazy("language name in the admin", "English")),
]
# "Translate" (wagtail-localize) makes the other language's page as a draft, even when the
# source is live: it starts with the source's words, so it must not reach the English site
# until an editor has translated it and publishes it in that language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Page addresses in plain ASCII (ą→a, č→c, …), as shared links and the demo's pages have them:
# "kulturos", never "kult%C5%ABros".
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Editors are Lithuanian staff: the admin speaks Lithuanian unless a user chooses English.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files and media
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 form fields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds the worker waits for the mail server at each step (connect, each reply) before it
# gives up and schedules a retry. Requests never wait for mail.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "5"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Druskininkų miesto VVG <info@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = _("Druskininkai city LAG")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search, each language stemmed by its own PostgreSQL text search
# configuration (search/backends/; docs/search.md). Daily search counts are kept 90 days.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "LANGUAGE_CONFIGS": {"lt": "lithuanian", "en": "english"},
    }
}
WAGTAILSEARCH_HITS_MAX_AGE = 90
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "jpeg", "webp": "webp"}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Raster formats only: Wagtail checks that the content matches the extension. No SVG (scripts).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# The upload form also checks each document's content against its extension (security/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.DocumentForm"
# Documents always pass through Wagtail's view, which applies collection privacy, even when the
# files live in object storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Pages and documents restricted to signed-in users or a password ask for them in the site's own
# layout and language (Wagtail's /_util/ views, portal/urls.py).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "portal/login.html"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "portal/password_required.html"  # noqa: S105 - a template
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = WAGTAIL_PASSWORD_REQUIRED_TEMPLATE
# Wagtail's API v2 pages as long as the portal's own (portal.api.MAX_LIMIT).
WAGTAILAPI_LIMIT_MAX = 100
# API clients get ready HTML with internal links expanded to real URLs, not database HTML.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# The API (/api/, portal/api_http.py): how long answers may be reused, how many requests a
# client may make, which other sites' browser code may read it.
PORTAL_API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
PORTAL_API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/min") or None
# Proxies (CDN, load balancer) whose X-Forwarded-For entry names the client; 0: the peer itself.
NINJA_NUM_PROXIES = int(os.environ.get("API_NUM_PROXIES", "0"))
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Language"]
CORS_PREFLIGHT_MAX_AGE = 60 * 60 * 24

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_warning": {"()": "security.logging.OneLineWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Every background task logs its start and end at INFO; only problems matter.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Wagtail logs every page created, edited and published at INFO; the admin's own
        # history keeps that record, so the console shows only problems unless asked.
        "wagtail": {
            "handlers": ["console"],
            "level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        # django-axes: lockouts (warnings), not its start-up banner or each failed attempt.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # A request body that is too large is the client's doing: one line at WARNING, not a
        # traceback at ERROR (security/logging.py).
        **{
            f"django.security.{refusal}": {"filters": ["one_line_warning"]}
            for refusal in ("RequestDataTooBig", "TooManyFieldsSent", "TooManyFilesSent")
        },
    },
}

# Background tasks (django-tasks): e-mails, search and reference index updates. They wait in a
# queue in the portal's own database (django-tasks-db) and `manage.py db_worker` runs them, so no
# request ever waits for a mail server; `make run` starts a worker beside the development server.
# The immediate backend (tests) runs a task inside the request; `check --deploy` refuses it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Outgoing mail (outbox/, docs/outbox.md): every message is stored, then delivered by the worker.
# After a connection error, a timeout or a temporary refusal it is tried again after each of
# these delays (seconds): 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h, i.e. 8 attempts over about
# 22 hours; then it is marked failed and staff see it in the admin ("Outgoing messages").
OUTBOX_RETRY_DELAYS = [
    int(seconds) for seconds in env_list("OUTBOX_RETRY_DELAYS", "60,300,900,3600,10800,21600,43200")
]
# Sent and failed messages are deleted after this many days (purge_personal_data).
OUTBOX_RETENTION_DAYS = int(os.environ.get("OUTBOX_RETENTION_DAYS", "90"))

# Webhooks (webhooks/, docs/api.md): each visible change POSTed to the endpoints administrators
# register, by the worker. Retried after a network error, a timeout, a 429 or a 5xx after each
# of these delays (seconds), like e-mail; each attempt waits at most WEBHOOKS_TIMEOUT seconds
# to connect and as long for each read.
WEBHOOKS_RETRY_DELAYS = [
    int(seconds)
    for seconds in env_list("WEBHOOKS_RETRY_DELAYS", "60,300,900,3600,10800,21600,43200")
]
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
# Endpoints on loopback or private addresses: allowed in development, refused in production
# unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true (portal/settings/production.py).
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", True)
# After "Rotate secret", the previous secret still signs beside the new one for this long.
WEBHOOKS_PREVIOUS_SECRET_SECONDS = int(os.environ.get("WEBHOOKS_PREVIOUS_SECRET_SECONDS", "86400"))
# Delivered and failed deliveries are removed by `send_webhooks` after this many days.
WEBHOOKS_DELIVERY_RETENTION_DAYS = int(os.environ.get("WEBHOOKS_DELIVERY_RETENTION_DAYS", "30"))

# Residents' ideas (engagement plugin; every setting and its default: engagement/conf.py).
ENGAGEMENT_NOTIFY_EMAILS = env_list("ENGAGEMENT_NOTIFY_EMAILS")
ENGAGEMENT_CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# Hardening: docs/security.md explains each part.

# Response headers on every environment (production adds HSTS and secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Where images come from when media are not served by this host (the CDN in front of the bucket).
MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")
if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    MEDIA_ORIGINS.append(f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}")
# Video players the embed block may show.
EMBED_ORIGINS = env_list(
    "EMBED_ORIGINS",
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)

# Map tiles (the initiatives' map): a tile URL template, empty for no map. The policy below lets
# images come from its host. The OpenStreetMap Foundation's tiles suit light use only; a busy
# site should use its own or a commercial tile service (docs/initiatives.md).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# Its origin for the policy; a "{s}" subdomain placeholder becomes the wildcard "*".
MAP_TILE_ORIGINS = (
    [urlsplit(MAP_TILE_URL)._replace(path="", query="").geturl().replace("{s}", "*")]
    if MAP_TILE_URL
    else []
)

# Content-Security-Policy (django-csp). Public pages, the API and documents: no inline script
# except with the per-response nonce (`nonce="{{ request.csp_nonce }}"`), nothing from
# elsewhere but media and video players, and never inside another site's frame.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS, *MAP_TILE_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": EMBED_ORIGINS or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": env_list("CSP_REPORT_URI") or None,
    }
}
# Thumbnails of embedded videos that the admin shows (the oEmbed providers' image hosts).
EMBED_THUMBNAIL_ORIGINS = env_list(
    "EMBED_THUMBNAIL_ORIGINS", "https://i.ytimg.com,https://i.vimeocdn.com"
)
# Wagtail's admin (security.middleware picks it under /admin/). docs/security.md says why each
# source is there. In short: Wagtail and wagtail-localize write inline <script> elements with
# per-request data and no nonce, and style="" attributes, so 'unsafe-inline' stays for
# elements; inline event handlers (onclick=...), which the admin never uses and injected
# markup would, are refused by script-src-attr; images come from here, the media host and the
# video thumbnail hosts only (no Gravatar, below).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "script-src-attr": [NONE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS, *EMBED_THUMBNAIL_ORIGINS],
        "media-src": [SELF, "blob:", *MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_ORIGINS],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": env_list("CSP_REPORT_URI") or None,
    }
}
# Editors' avatars are uploaded to the portal, never fetched from Gravatar (which would tell a
# third party, by a hash of their e-mail address, who opens the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Admin sign-in: django-axes locks a user name from an address after repeated failures (in the
# database, so every worker sees it); a correct password afterwards resets the count.
AUTHENTICATION_BACKENDS = [
    "security.auth.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "security.auth.client_ip"
# Successful sign-ins are not logged with address and browser (Wagtail logs editors' actions).
AXES_DISABLE_ACCESS_LOG = True
# Number of reverse proxies (CDN, load balancer) that append to X-Forwarded-For; 0 trusts none.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Two-factor authentication (TOTP, django-otp): each editor may turn it on in their account;
# REQUIRE_TWO_FACTOR=true makes it compulsory for everyone who can use the admin (the default
# in production, portal/settings/production.py).
WAGTAILADMIN_USER_LOGIN_FORM = "security.forms.AdminLoginForm"
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR")
OTP_TOTP_ISSUER = "Druskininkų miesto VVG"

# Shared passwords of private pages and collections: after VIEW_PASSWORD_FAILURE_LIMIT wrong
# ones within VIEW_PASSWORD_COOLOFF, a client waits (per page or collection; security/passwords).
VIEW_PASSWORD_FAILURE_LIMIT = int(os.environ.get("VIEW_PASSWORD_FAILURE_LIMIT", "10"))
VIEW_PASSWORD_COOLOFF = timedelta(
    minutes=int(os.environ.get("VIEW_PASSWORD_COOLOFF_MINUTES", "15"))
)

# Backups (`make backup`, `make restore`): archives of the database and media, outside git.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
