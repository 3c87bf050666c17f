"""Security headers: the strict policy on public pages and the API, Wagtail's needs in the admin."""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.http import HttpResponse, HttpResponseServerError
from django.template import Context, Template
from django.template.loader import render_to_string
from wagtail_factories import DocumentFactory

from security.middleware import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/en/", "/apie/", "/en/about/city-community/", "/strategija/", "/en/ideas/"]


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {words[0]: words[1:] for words in directives if words}


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def assert_strict_policy(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/search/?q=miestas", "/nera-tokio/"])
def test_public_pages_send_the_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_strict_policy(response)
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/search/?q=miestas"])
def test_public_pages_need_nothing_the_policy_forbids(client, path):
    """No inline script or style without the nonce, no style attributes, no foreign sources."""
    html = client.get(path).content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)  # inline event handlers
    assert not re.search(r'(?:src|href)="(?:https?:)?//(?!testserver)', html.split("</head>")[1])


def test_api_responses_send_the_strict_policy(client):
    response = client.get("/api/v1/locales")
    assert response.status_code == 200
    assert_strict_policy(response)
    assert_common_headers(response)
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert_strict_policy(missing)


def test_api_docs_load_their_scripts_from_this_site(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html
    assert re.search(r'<script src="/static/ninja/', html)
    assert_strict_policy(response)


def test_nonce_reaches_templates_and_the_header(rf):
    template = Template(
        '<script type="application/ld+json" nonce="{{ request.csp_nonce }}">{}</script>'
    )
    middleware = ContentSecurityPolicyMiddleware(
        lambda request: HttpResponse(template.render(Context({"request": request})))
    )
    response = middleware(rf.get("/"))
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert len(nonce) >= 16
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    # Another response gets another nonce.
    again = middleware(rf.get("/"))
    assert f"'nonce-{nonce}'" not in policy(again)["script-src"]


def test_pages_without_a_nonce_send_none(client):
    assert not any(value.startswith("'nonce-") for value in policy(client.get("/"))["script-src"])


def test_server_error_page_styles_are_allowed_by_hash(rf):
    html = render_to_string("500.html")
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponseServerError(html))
    response = middleware(rf.get("/"))
    assert f"'sha256-{digest}'" in policy(response)["style-src"]
    assert "'unsafe-inline'" not in policy(response)["style-src"]


def test_documents_keep_wagtails_own_stricter_policy(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ataskaita.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def admin_policy_checks(response):
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "blob:" in csp["img-src"]
    assert "data:" in csp["img-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert not any(value.startswith("'nonce-") for value in csp["script-src"])
    assert_common_headers(response)


def test_admin_login_page_gets_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    admin_policy_checks(response)


def test_editor_signs_in_and_opens_the_page_editor(client, page_at):
    get_user_model().objects.create_superuser("redaktore", "", "Slaptas-zodis-2024")
    response = client.post(
        "/admin/login/", {"username": "redaktore", "password": "Slaptas-zodis-2024"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    page = page_at("/apie/")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="page-edit-form"' in html
    assert "Apie VVG" in html
    admin_policy_checks(response)


def test_page_previews_are_shown_under_the_admin_policy(page_at, rf):
    """Wagtail renders previews on a dummy request for the public URL, framed by the admin."""
    page = page_at("/apie/")
    request = rf.get(f"/admin/pages/{page.pk}/edit/preview/")
    request.user = get_user_model().objects.create_superuser("perziura", "", "x")
    response = page.make_preview_request(request)
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]


PRODUCTION_SETTINGS = """
import json
from django.conf import settings
names = [
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE", "SECURE_PROXY_SSL_HEADER",
]
print(json.dumps({name: getattr(settings, name) for name in names} | {
    "upgrade": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"],
}))
"""


@pytest.fixture(scope="module")
def production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "production-settings-test-" + "x" * 40,
        "ALLOWED_HOSTS": "vvg.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # read, never connected to
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{PRODUCTION_SETTINGS}"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_force_https_and_safe_cookies(production_settings):
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["upgrade"] is True
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert production_settings[f"{cookie}_COOKIE_SECURE"] is True
        assert production_settings[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert production_settings[f"{cookie}_COOKIE_SAMESITE"] == "Lax"


def test_production_headers_and_cookies_on_the_wire(client, settings, production_settings):
    for name, value in production_settings.items():
        if name.isupper():
            setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    get_user_model().objects.create_superuser("saugi", "", "Slaptas-zodis-2024")
    for path in ("/", "/api/v1/locales", "/admin/login/"):
        response = client.get(path, secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
    response = client.get("/", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    response = client.post(
        "/admin/login/", {"username": "saugi", "password": "Slaptas-zodis-2024"}, secure=True
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
