"""
A limit on guessing the shared passwords of private pages and document collections.

Wagtail asks for such a password on its own views (`authenticate_with_password` of pages and
of documents); PagePasswordLimitMiddleware counts each wrong password per client and per
restriction, and once a client has VIEW_PASSWORD_FAILURE_LIMIT failures within
VIEW_PASSWORD_COOLOFF, answers that restriction's password form with HTTP 429 and a page in
the visitor's language until the oldest of them is that old. The right password clears the
count. Another client, or another page, is not affected.
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .auth import client_ip
from .models import PasswordFailure

# Wagtail's URL names, with the URL argument that names the restriction.
PASSWORD_VIEWS = {
    "wagtailcore_authenticate_with_password": ("page", "page_view_restriction_id"),
    "wagtaildocs_authenticate_with_password": ("collection", "restriction_id"),
}


def failure_limit() -> int:
    return getattr(settings, "VIEW_PASSWORD_FAILURE_LIMIT", 10)


def cooloff() -> timedelta:
    return getattr(settings, "VIEW_PASSWORD_COOLOFF", timedelta(minutes=15))


def client_digest(request) -> str:
    return salted_hmac("security.view-password", client_ip(request)).hexdigest()


def seconds_to_wait(restriction: str, client: str) -> int:
    """0 while the client may try a password for this restriction, else how long to wait."""
    since = timezone.now() - cooloff()
    failures = list(
        PasswordFailure.objects.filter(restriction=restriction, client=client, failed_at__gte=since)
        .order_by("-failed_at")
        .values_list("failed_at", flat=True)[: failure_limit()]
    )
    if len(failures) < failure_limit():
        return 0
    # The oldest of the last `limit` failures stops counting at this moment.
    free_at = failures[-1] + cooloff()
    return max(1, math.ceil((free_at - timezone.now()).total_seconds()))


def record_failure(restriction: str, client: str) -> None:
    PasswordFailure.objects.filter(failed_at__lt=timezone.now() - cooloff()).delete()
    PasswordFailure.objects.create(restriction=restriction, client=client)


def clear_failures(restriction: str, client: str) -> None:
    PasswordFailure.objects.filter(restriction=restriction, client=client).delete()


def locked_response(request, seconds: int):
    response = TemplateResponse(
        request,
        "security/password_locked.html",
        {"minutes": max(1, math.ceil(seconds / 60)), "page_title": "429"},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


class PagePasswordLimitMiddleware:
    """Applies the limit to Wagtail's password views (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        attempt = getattr(request, "view_password_attempt", None)
        if attempt is not None:
            if response.status_code == 200:  # the form again: the password was wrong
                record_failure(*attempt)
            elif 300 <= response.status_code < 400:  # let in
                clear_failures(*attempt)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        view = PASSWORD_VIEWS.get(request.resolver_match.url_name)
        if view is None:
            return None
        kind, argument = view
        attempt = (f"{kind}:{view_kwargs.get(argument)}", client_digest(request))
        seconds = seconds_to_wait(*attempt)
        if seconds:
            return locked_response(request, seconds)
        request.view_password_attempt = attempt
        return None
