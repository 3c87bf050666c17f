"""
Caching that cannot outlive a change: one content version, and a full-page cache for anonymous
visitors.

Every cached thing (the navigation, whole pages, what plugins keep with `remember()`) is stored
under a key that carries the *content version* and the code's *release*. The content version
comes from the ledger of visible changes in the database (portal/ledger.py): any change a
visitor could see writes a row, in the same transaction, and the version is the latest row's
id (with the next scheduled expiry). A process re-reads it at least once a second
(PORTAL_CONTENT_VERSION_MAX_AGE), so every entry made before a change is unreachable in every
process within that bound, whether or not the cache server was reachable when the change was
made. The release (PORTAL_RELEASE, or a digest of the portal's code) keeps a new deploy from
reading objects pickled by older code.

The cache is an optimisation, never a dependency: if the cache server is down, every page is
served from the database (django-redis ignores the errors; see portal/settings/base.py).
"""

from __future__ import annotations

import hashlib
import logging
import re
from contextvars import ContextVar
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_max_age

logger = logging.getLogger(__name__)

# Entries keyed by an old version are unreachable and simply expire.
PAGE_TIMEOUT = 60 * 60
DAY = 60 * 60 * 24
SAFE_KEY = re.compile(r"[\w.:,=&/-]*", re.ASCII)
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}


@once
def release() -> str:
    """The code's release: PORTAL_RELEASE if the deployment sets it (a commit id), otherwise a
    digest of the portal's own code, templates and static files (a cached page names its
    scripts and styles by their content's hash) and of the versions of Django and Wagtail,
    read once per process."""
    configured = getattr(settings, "PORTAL_RELEASE", "")
    if configured:
        return SAFE_KEY.fullmatch(configured) and configured[:40] or _digest(configured.encode())
    import django
    import wagtail

    digest = hashlib.sha256(f"{django.__version__}:{wagtail.__version__}".encode())
    base = Path(settings.BASE_DIR)
    for app in ("portal", "security", *settings.PORTAL_PLUGINS):
        for path in sorted((base / app).rglob("*")):
            if (path.suffix in CODE_SUFFIXES or "static" in path.parts) and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def versioned_key(name: str, *parts) -> str:
    """`name`, the content version and `parts` as one cache key."""
    tail = ":".join(str(part) for part in parts)
    if len(tail) > 120 or not SAFE_KEY.fullmatch(tail):  # long, or a visitor's own words
        tail = hashlib.sha256(tail.encode()).hexdigest()[:32]
    return f"{name}:{content_version()}:{tail}"


# Values are stored as (value,), so that None is kept too and a miss is told from it.
_MISSING = object()


def recall(name: str, *parts, default=None):
    """What `remember()` or `keep()` stored under `name` and `parts`, or `default`."""
    stored = cache.get(versioned_key(name, *parts))
    if type(stored) is tuple and len(stored) == 1:
        return stored[0]
    return default


def keep(name: str, *parts, value, timeout: int = DAY):
    """Store `value` where `remember()` and `recall()` find it (a value built along with
    something else, such as the view restrictions read with the navigation)."""
    cache.set(versioned_key(name, *parts), (value,), timeout)


def remember(name: str, *parts, build, timeout: int = DAY):
    """`build()`, kept in the cache under the content version and release, so never stale.

    The key is `name`, the current content version and `parts` (whatever else the value depends
    on: a language, a site, a filter). A value of None is remembered too.
    """
    value = recall(name, *parts, default=_MISSING)
    if value is _MISSING:
        value = build()
        keep(name, *parts, value=value, timeout=timeout)
    return value


# During a request the content version is read once and then remembered
# (ContentVersionMiddleware): one look-up however many cached things the page uses.
_request_memo: ContextVar[dict | None] = ContextVar("portal_content_version", default=None)


def content_version() -> str:
    """'<release>.<ledger version>': the part every cache key carries."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    from .ledger import current_version

    version = f"{release()}.{current_version()}"
    if memo is not None:
        memo["version"] = version
    return version


def request_memo() -> dict | None:
    """This request's memo (ContentVersionMiddleware), for facts read once per request;
    None outside a request."""
    return _request_memo.get()


def forget_request_version():
    """After a change within a request, its later cache keys carry the new version."""
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("version", None)


class ContentVersionMiddleware:
    """Remembers the content version for the length of one request (see content_version())."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


# --- Full-page cache -------------------------------------------------------------------

UNCACHED_PREFIXES = ("/admin/", "/documents/", "/api/", "/_util/", "/media/", "/static/")
STORED_HEADERS_EXCLUDED = {"set-cookie", "x-portal-cache"}


class AnonymousPageCacheMiddleware:
    """
    Serves repeat requests of anonymous visitors from the cache.

    Placed before the session middleware: a hit costs no database query at all. Only requests
    without a session or messages cookie are cached (a signed-in editor, a visitor who passed
    a page password or has a message waiting always gets a fresh page), and only responses that
    are 200, set no cookie and used no CSRF token (so pages with forms are never cached).
    Previews live under /admin/ and are never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.request_is_cacheable(request):
            return self.get_response(request)
        key = self.key_for(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        timeout = self.timeout_for(request, response)
        if timeout:
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in STORED_HEADERS_EXCLUDED
            ]
            cache.set(key, (response.status_code, headers, response.content), timeout)
            response["X-Portal-Cache"] = "miss"
        return response

    @staticmethod
    def request_is_cacheable(request):
        if not getattr(settings, "PORTAL_PAGE_CACHE", True):
            return False
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(UNCACHED_PREFIXES):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return False
        return len(request.META.get("QUERY_STRING", "")) <= 500

    @staticmethod
    def key_for(request):
        host = request.get_host()
        return f"portal:page:{content_version()}:{request.method}:{host}:{request.get_full_path()}"

    @staticmethod
    def timeout_for(request, response):
        """How long the response may be kept: 0 for not at all.

        A page whose content changes with time (a call's status, a countdown) says how long it
        stays true with Cache-Control: max-age, and is kept no longer than that.
        """
        if response.status_code != 200 or response.streaming or response.cookies:
            return 0
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return 0
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return 0
        max_age = get_max_age(response)
        return PAGE_TIMEOUT if max_age is None else min(PAGE_TIMEOUT, max_age)
