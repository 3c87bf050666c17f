"""The admin's Content-Security-Policy: what it still allows and why (docs/security.md), and
what is narrowed."""

import re

import pytest
from django.contrib.auth import get_user_model

from .test_security_headers import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_page(client, page_at):
    user = get_user_model().objects.create_superuser("redaktore", "ona@vvg.example.org", "x")
    client.force_login(user)
    page = page_at("/apie/")
    return client.get(f"/admin/pages/{page.pk}/edit/")


def test_inline_event_handlers_are_refused_in_the_admin(editor_page):
    csp = policy(editor_page)
    assert csp["script-src-attr"] == ["'none'"]
    # Wagtail's own markup has none, so refusing them costs nothing.
    assert not re.search(r"\son[a-z]+=", editor_page.content.decode())


def test_admin_images_come_only_from_known_hosts(editor_page, settings):
    img = policy(editor_page)["img-src"]
    assert "https:" not in img and "*" not in img
    assert {"'self'", "data:", "blob:", "https://i.ytimg.com", "https://i.vimeocdn.com"} <= set(img)


def test_editors_avatars_are_not_fetched_from_gravatar(editor_page, client):
    for url in ("/admin/", "/admin/account/"):
        assert "gravatar" not in client.get(url).content.decode()


def test_why_unsafe_inline_stays(editor_page):
    """The page editor carries inline scripts with per-request data and no nonce (Wagtail's
    date and time pickers of scheduled publishing), which is why 'unsafe-inline' is still in
    script-src: a nonce in the policy would make browsers ignore 'unsafe-inline' and block
    them, and their content changes with every form, so hashes cannot list them."""
    html = editor_page.content.decode()
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert any('initDateTimeChooser("id_go_live_at"' in script for script in inline)
    csp = policy(editor_page)
    assert "'unsafe-inline'" in csp["script-src"]
    assert not [source for source in csp["script-src"] if source.startswith("'nonce-")]
