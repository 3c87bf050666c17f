"""Admin sign-in: django-axes' lockout and the client address it counts failures by."""

from __future__ import annotations

from axes.backends import AxesBackend
from django.conf import settings
from django.shortcuts import render


class LoginAttemptBackend(AxesBackend):
    """
    django-axes' check, for sign-ins that come over HTTP. It only refuses; the ModelBackend after
    it signs users in. (AxesBackend rather than AxesStandaloneBackend, as tools such as Wagtail's
    test helpers expect the first backend to load users too.)

    `authenticate()` without a request (the test client's `login()`, the shell) cannot be
    reached from outside, so it is neither refused nor counted; every sign-in form of the site
    passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """
    The visitor's address. Each of the TRUSTED_PROXY_COUNT reverse proxies in front of the site
    appends the address it received the request from to X-Forwarded-For, so the client is that
    many entries from the right; anything further left was sent by the client and is not
    trusted. With no trusted proxy, the address of the connection.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form while sign-in is locked (HTTP 429)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "security/lockout.html", {"minutes": minutes}, status=429)
