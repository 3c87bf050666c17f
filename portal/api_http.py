"""
HTTP behaviour shared by everything under /api/: the portal's /api/v1/, Wagtail's /api/v2/ and
whatever router a plugin registers, without the endpoint doing anything.

- Read-only: GET, HEAD and OPTIONS; any other method gets 405 in the shared error shape.
- Per-client throttling through the cache (django-ninja's rate throttle, keyed by the client's
  address; NINJA_NUM_PROXIES says how many proxies' X-Forwarded-For entries to trust): over
  PORTAL_API_THROTTLE_RATE a client gets 429 with Retry-After.
- Validators from content: the ETag is a hash of the response body, so a published change is a
  new ETag at once and no client is told "not modified" about content that changed.
  Last-Modified is the moment this address first answered with that body (kept in the cache;
  losing it only moves the date later, which costs a full answer, never a stale one).
  If-None-Match and If-Modified-Since get 304 (Django's RFC 9110 evaluation).
- Cache-Control: successful answers and 404s may be reused by anyone for
  PORTAL_API_CACHE_MAX_AGE seconds; other errors are not stored. A 304 carries the caching
  headers of the 200 it stands for (Cache-Control, ETag, Last-Modified, Vary).
- Vary: only what the answer depends on (`set_vary`): Accept-Language on errors only (content
  follows ?locale=), and django-cors-headers' Origin.
- A request with a NUL character in its path or query gets 400: no database takes one.

CORS is django-cors-headers' (CORS_URLS_REGEX limits it to /api/); it sits outside this
middleware, so 304, 405 and 429 answers carry its headers too.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from ninja.throttling import AnonRateThrottle

from .api import json_error, request_language
from .navigation import site_for_request

API_PREFIX = "/api/"
# Endpoints that describe the API and read no content.
CONTENT_FREE_ENDPOINTS = ("/openapi.json", "/docs")
READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS)
# How long the cache remembers when an address first gave a body (a day; then it starts again).
FIRST_SEEN_TIMEOUT = 60 * 60 * 24


class ClientThrottle(AnonRateThrottle):
    """One bucket per client address for all of /api/, whoever is signed in."""

    cache_format = "portal:api:throttle:%(ident)s"

    def get_cache_key(self, request):
        return self.cache_format % {"ident": self.get_ident(request)}


def retry_after(request) -> int | None:
    """Seconds the client must wait, or None if this request is within its rate."""
    rate = getattr(settings, "PORTAL_API_THROTTLE_RATE", None)
    if not rate:
        return None
    throttle = ClientThrottle(rate)
    if throttle.allow_request(request):
        return None
    wait = throttle.wait()
    return max(1, math.ceil(wait if wait is not None else throttle.duration))


def first_seen(request, etag: str) -> int:
    """When this address first answered with this ETag (seconds), strictly after any earlier."""
    key = "portal:api:seen:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
    record = cache.get(key)
    if record and record[0] == etag:
        return record[1]
    now = int(time.time())
    # A new body is always later than the previous one, even within the same second, so
    # If-Modified-Since with the previous date never matches it.
    seen = max(now, record[1] + 1) if record else now
    cache.set(key, (etag, seen), FIRST_SEEN_TIMEOUT)
    return seen


def has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        response = self.respond(request)
        return self.finish(request, response)

    def respond(self, request):
        method = request.method
        if method not in READ_METHODS:
            response = json_error(request, 405)
            response["Allow"] = ALLOW
            return response
        if method == "OPTIONS":  # CORS preflights never reach here (django-cors-headers)
            response = HttpResponse(status=204)
            response["Allow"] = ALLOW
            return response
        if has_nul(request):
            return json_error(request, 400)
        wait = retry_after(request)
        if wait is not None:
            response = json_error(request, 429)
            response["Retry-After"] = str(wait)
            return response
        # The site is known without a query of its own (portal/navigation.py), for every URL
        # an answer builds; the API's description reads no content and needs none.
        if not request.path.endswith(CONTENT_FREE_ENDPOINTS):
            site_for_request(request)
        if method != "HEAD":
            return self.get_response(request)
        # Every view answers HEAD like GET; the body is dropped at the end.
        request.method = "GET"
        try:
            return self.get_response(request)
        finally:
            request.method = "HEAD"

    def finish(self, request, response):
        if response.streaming:
            return response
        self.set_vary(response)
        self.set_content_language(request, response)
        if not response.has_header("Cache-Control"):
            status = response.status_code
            # A 304 keeps the caching of the 200 it stands for (RFC 9111 section 4.3.4).
            if 200 <= status < 300 or status in (304, 404):
                max_age = int(getattr(settings, "PORTAL_API_CACHE_MAX_AGE", 0))
                patch_cache_control(response, public=True, max_age=max_age)
            else:
                patch_cache_control(response, no_store=True)
        if request.method in ("GET", "HEAD") and response.status_code == 304:
            # Django's ConditionalGetMiddleware (inside this one) answered from the ETag alone.
            if response.has_header("ETag") and not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(first_seen(request, response["ETag"]))
        elif request.method in ("GET", "HEAD"):
            if not response.has_header("ETag"):
                set_response_etag(response)
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(first_seen(request, response["ETag"]))
            response = get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=parse_http_date_safe(response["Last-Modified"]),
                response=response,
            )
        if request.method == "HEAD" and response.content:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    @staticmethod
    def set_vary(response):
        """Vary on what the answer depends on. Content is in the language of ?locale= (part of
        the URL), whatever the browser prefers: Accept-Language, which Django's
        LocaleMiddleware adds to every answer, is kept only on errors, whose message is in the
        browser's language. `Origin` (django-cors-headers) stays: the CORS headers depend on it.
        """
        if response.status_code >= 400:
            patch_vary_headers(response, ["Accept-Language"])
            return
        if not response.has_header("Vary"):
            return
        kept = [
            name.strip()
            for name in response["Vary"].split(",")
            if name.strip() and name.strip().lower() != "accept-language"
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]

    @staticmethod
    def set_content_language(request, response):
        """Errors speak the request's language; content is in the language of ?locale=."""
        requested = request.GET.get("locale")
        if response.status_code >= 400:
            response["Content-Language"] = request_language(request)
        elif requested in dict(settings.LANGUAGES):
            response["Content-Language"] = requested
        elif response.has_header("Content-Language"):
            # Without ?locale= a page by id is in its own language, not the browser's.
            del response["Content-Language"]
