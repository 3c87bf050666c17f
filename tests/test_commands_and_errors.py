import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_one_administrator_with_a_printed_password(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = re.search(r"password:\s+(\S+)", out.getvalue()).group(1)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)
    assert len(password) >= 16
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "password:" not in out.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_ensure_admin_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_admin", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    ("path", "lang", "text", "home"),
    [
        ("/nera-tokio/", "lt", "Puslapis nerastas", 'href="/"'),
        ("/en/no-such-page/", "en", "Page not found", 'href="/en/"'),
    ],
)
def test_not_found_page_speaks_the_visitors_language(client, path, lang, text, home):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert home in html


def test_server_error_page_needs_no_database_and_speaks_both_languages():
    html = render_to_string("500.html")
    assert "Atsiprašome" in html
    assert 'lang="en"' in html


def test_robots_and_sitemap(client):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/strategija/" in sitemap
    assert "/en/strategy/" in sitemap


@pytest.mark.parametrize(
    ("path", "text"),
    [("/idejos/", "Formos nepavyko išsiųsti"), ("/en/ideas/", "The form could not be sent")],
)
def test_a_form_sent_without_its_csrf_token_gets_a_clear_page_in_the_visitors_language(path, text):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, {"title": "Be žetono"})
    assert response.status_code == 403
    html = response.content.decode()
    assert text in html
    assert "Nothing was stored" in html or "Niekas neišsaugota" in html


def test_ensure_admin_names_the_address_the_site_is_served_at(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_admin", "--site-url", "http://127.0.0.1:8123", stdout=out)
    assert "Sign in at http://127.0.0.1:8123/admin/ with" in out.getvalue()
    out = io.StringIO()
    call_command("ensure_admin", "--site-url", "http://127.0.0.1:8123", stdout=out)
    assert "http://127.0.0.1:8123/admin/" in out.getvalue()


def test_make_run_serves_and_signs_in_on_the_port_asked_for():
    import subprocess

    from django.conf import settings

    plan = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "PORT=8123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "manage.py ensure_admin --site-url http://127.0.0.1:8123" in plan
    assert "manage.py runserver 127.0.0.1:8123" in plan
