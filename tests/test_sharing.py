"""What search engines and shared links see: the sitemap on the public host with each page's
translations, hreflang with x-default, Open Graph titles and images, the 404, the favicon."""

import re
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def meta(html, prop):
    found = re.search(rf'<meta property="{prop}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_the_sitemap_is_on_the_host_it_was_asked_for_with_every_translation(client):
    response = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap)
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    assert len(entries) >= 20
    assert all(location.startswith("http://127.0.0.1/") for location in entries)
    assert entries["http://127.0.0.1/strategija/"] == {
        "lt": "http://127.0.0.1/strategija/",
        "en": "http://127.0.0.1/en/strategy/",
        "x-default": "http://127.0.0.1/strategija/",
    }
    assert entries["http://127.0.0.1/en/strategy/"] == entries["http://127.0.0.1/strategija/"]


def test_pages_name_an_x_default_version(client):
    html = client.get("/en/strategy/").content.decode()
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/strategija/">' in html
    )


@pytest.mark.parametrize("path", ["/", "/en/", "/strategija/", "/kvietimai/"])
def test_every_page_has_an_open_graph_image(client, path):
    image = meta(client.get(path).content.decode(), "og:image")
    assert image == "http://testserver/static/portal/img/share.png"


def test_the_home_pages_open_graph_title_is_its_question(client):
    assert meta(client.get("/").content.decode(), "og:title") == "Kokio miesto norite Jūs?"
    assert meta(client.get("/en/").content.decode(), "og:title") == "What kind of city do you want?"


def test_the_404_page_has_a_title_and_no_canonical_address(client):
    for path, title in [("/nera-tokio/", "Puslapis nerastas"), ("/en/nope/", "Page not found")]:
        response = client.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert meta(html, "og:title") == title
        assert 'rel="canonical"' not in html
        assert meta(html, "og:url") is None


def test_favicon_ico_is_served(client):
    from django.conf import settings

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/portal/img/favicon.ico"
    icon = settings.BASE_DIR / "portal" / "static" / "portal" / "img" / "favicon.ico"
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_a_restricted_page_and_those_below_it_leave_the_sitemap_until_the_restriction_goes(
    client,
):
    from wagtail.models import Page, PageViewRestriction

    def locations():
        root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own sitemap)
        return {url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")}

    about = Page.objects.get(url_path="/pradzia/apie/")
    below = f"http://testserver{about.get_children().live().first().url}"
    before = locations()  # and the sitemap is cached
    assert {"http://testserver/apie/", below} <= before
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    shown = locations()
    assert not any(location.startswith("http://testserver/apie/") for location in shown)
    assert "http://testserver/en/about/" in shown  # its translation has no restriction
    restriction.delete()
    assert locations() == before
