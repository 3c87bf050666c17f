"""
Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), S3-compatible media storage and
several gunicorn workers behind a CDN. Every secret comes from the environment.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# The cache must be shared by all workers: cached pages and navigation are invalidated by a
# content version that every worker has to see (portal/cache.py), and rate limits count
# across workers.
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured("Set REDIS_URL in the environment (e.g. redis://127.0.0.1:6379/0).")

# A CDN in front of the site may keep anonymous pages for PORTAL_CDN_MAX_AGE seconds when
# Wagtail's frontend-cache invalidation purges it on publish (FRONTEND_CACHE_PURGE_URL for a
# generic HTTP purge endpoint such as Varnish, or CLOUDFRONT_DISTRIBUTION_ID).
PORTAL_CDN_MAX_AGE = int(os.environ.get("PORTAL_CDN_MAX_AGE", "0"))
if os.environ.get("FRONTEND_CACHE_PURGE_URL") or os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        WAGTAILFRONTENDCACHE = {
            "cdn": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
            }
        }
    else:
        WAGTAILFRONTENDCACHE = {
            "cdn": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
            }
        }

# Static files: compressed and fingerprinted, served by whitenoise (and cached by the CDN).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible object storage when a bucket is configured.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN")  # the CDN's host name
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False

# Webhook endpoints on loopback, private or link-local addresses would let an administrator's
# mistake (or a stolen account) reach the portal's own network: refused unless allowed.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)

# Every account that can use the admin signs in with a second factor (OWASP ASVS 6.3.3): one
# without it is led to set it up at its first sign-in (docs/security.md).
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", True)

# HTTPS everywhere; the CDN / load balancer terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Browsers fetch anything still addressed over http:// over https:// instead.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
