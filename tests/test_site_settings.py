"""Site settings in each language: the footer's address is written once per language."""

import pytest
from wagtail.models import Site

from portal.models import SiteSettings

pytestmark = pytest.mark.django_db


def footer(client, path):
    html = client.get(path).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_each_language_has_its_own_footer_address(client):
    assert "Druskininkai, Lietuva" in footer(client, "/")
    english = footer(client, "/en/")
    assert "Druskininkai, Lithuania" in english
    assert "Lietuva" not in english


def test_the_english_footer_falls_back_to_the_lithuanian_address(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.address_lt = "Vilniaus al. 1, Druskininkai"
    settings.address_en = ""
    settings.save()
    assert "Vilniaus al. 1, Druskininkai" in footer(client, "/en/")
    assert "Vilniaus al. 1, Druskininkai" in footer(client, "/")
