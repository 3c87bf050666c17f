"""
Middleware for the portal's response headers and the admin's second sign-in factor.

ContentSecurityPolicyMiddleware sends django-csp's policy (settings.CONTENT_SECURITY_POLICY) on
public pages, the API and documents, and the looser ADMIN_CONTENT_SECURITY_POLICY under the
admin, whose scripts and styles are partly inline. TwoFactorMiddleware makes sure that an editor
who has turned on two-factor authentication used it for the current session.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

from .two_factor import has_two_factor


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(admin_prefix())


@cache
def error_page_style_hashes() -> tuple[str, ...]:
    """
    CSP hashes of the inline styles of 500.html, which is rendered without a request (so without
    a nonce) and must not depend on any other file while the site is failing.
    """
    html = render_to_string("500.html")
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in re.findall(r"<style>(.*?)</style>", html, re.S)
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        # Wagtail renders previews through the whole middleware stack on a dummy request for
        # the page's public URL; the result is shown inside the admin, under its policy.
        in_admin = is_admin_path(request.path_info) or getattr(request, "is_dummy", False)
        if parts.config is None and in_admin:
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif response.status_code >= 500:
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), *error_page_style_hashes()]
            parts.update = update
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # Wagtail's document download sets the encoding that mimetypes guessed, None for every
        # file that is not .gz/.bz2, which Django sends as a literal "Content-Encoding: None".
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class TwoFactorMiddleware(MiddlewareMixin):
    """
    Under the admin, for a signed-in user who has not confirmed this session with a code:

    - if the user has two-factor authentication turned on (say they turned it on in another
      browser after signing in here), the session ends and they sign in again, with a code;
    - if settings.REQUIRE_TWO_FACTOR is on and the user has not set it up, every admin page
      leads to the setup page until they do.

    Sits after django_otp's OTPMiddleware, which tells whether the session was verified.
    """

    # Admin views a user who must still set up two-factor authentication may reach.
    SETUP_VIEWS = {
        "security_two_factor",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_path(request.path_info):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_two_factor(user):
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if (
            settings.REQUIRE_TWO_FACTOR
            and user.has_perm("wagtailadmin.access_admin")
            and request.resolver_match.url_name not in self.SETUP_VIEWS
        ):
            return redirect("security_two_factor")
        return None
