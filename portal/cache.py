"""
Caching that is never stale: one content version, and a full-page cache for anonymous visitors.

Every cached thing (the navigation, whole pages) is stored under a key that contains the
current *content version*. Anything that can change what a visitor sees (publishing,
unpublishing, moving or deleting a page, saving or deleting a snippet, document, image or the
site settings, publishing or moderating an idea) sets a new version, so every old entry is
unreachable at once, in
every process sharing the cache (Redis in production). Entries then simply expire.

The cache is an optimisation, never a dependency: if the cache server is down, every cache
operation here logs a warning and the request is served from the database.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import re
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_max_age

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
# Versions live "for ever"; entries keyed by an old version are unreachable and expire.
PAGE_TIMEOUT = 60 * 60


class _LocalEntries:
    """A small in-process copy of entries whose key contains the content version.

    Such an entry never changes under its key (a change means a new version, hence a new key),
    so a process may keep it: a page then reads the navigation, the section pages and the view
    restrictions without a round trip to Redis. Values are kept pickled, so every reader gets a
    copy of its own, exactly as from Redis. Bounded, least recently used first out.
    """

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            data = self.entries.get(key)
            if data is None:
                return None
            self.entries.move_to_end(key)
        return pickle.loads(data)  # noqa: S301 - our own pickles of our own values  # nosec B301

    def set(self, key, value):
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.entries[key] = data
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


local_entries = _LocalEntries()


def cache_get(key, default=None, *, versioned=False):
    """Read from the cache, never failing. `versioned`: the key contains content_version()."""
    if versioned and (value := local_entries.get(key)) is not None:
        return value
    try:
        value = cache.get(key, default)
    except Exception:  # the cache server may be down: serve without it
        logger.warning("cache unavailable on get(%s)", key, exc_info=True)
        return default
    if versioned and value is not None and value is not default:
        local_entries.set(key, value)
    return value


def cache_set(key, value, timeout=None, *, versioned=False):
    if versioned:
        local_entries.set(key, value)
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("cache unavailable on set(%s)", key, exc_info=True)


DAY = 60 * 60 * 24
SAFE_KEY = re.compile(r"[\w.:,=&/-]*", re.ASCII)


def remember(name: str, *parts, build, timeout: int = DAY, local: bool = True):
    """`build()`, kept in the cache under the content version, so never stale.

    The key is `name`, the current content version and `parts` (whatever else the value depends
    on: a language, a site, a filter). `local`: also keep an in-process copy (leave it off for
    large or numerous values). A value of None is remembered too.
    """
    tail = ":".join(str(part) for part in parts)
    if len(tail) > 120 or not SAFE_KEY.fullmatch(tail):  # long, or a visitor's own words
        tail = hashlib.sha256(tail.encode()).hexdigest()[:32]
    key = f"{name}:{content_version()}:{tail}"
    stored = cache_get(key, versioned=local)
    # Stored as (value,), so that None is remembered too; anything else under the key was left
    # by an earlier release of the portal and is built anew.
    if type(stored) is tuple and len(stored) == 1:
        return stored[0]
    value = build()
    cache_set(key, (value,), timeout, versioned=local)
    return value


# During a request the content version is read from the cache once and then remembered
# (ContentVersionMiddleware): one round trip instead of one per cached thing on the page.
_request_memo: ContextVar[dict | None] = ContextVar("portal_content_version", default=None)


def content_version():
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = cache_get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache_set(VERSION_KEY, version, None)
    if memo is not None:
        memo["version"] = version
    return version


def _set_version():
    version = time.time_ns()
    cache_set(VERSION_KEY, version, None)
    memo = _request_memo.get()
    if memo is not None:
        memo["version"] = version


def bump_content_version(**kwargs):
    """Signal receiver: anything that changes what visitors see."""
    _set_version()
    # Inside a transaction, another request may still read the old content and cache it under
    # the version just set: set one more once the change is committed and visible.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_set_version)


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
        stored = cache_get(key)
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
            cache_set(key, (response.status_code, headers, response.content), timeout)
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
