"""The search index holds what visitors see: never an editor's unpublished draft."""

import pytest

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_draft_words_are_not_found_until_published(client, home_lt):
    page = ContentPageFactory(parent=home_lt, slug="sodai", title="Bendruomenės sodai")
    page.save_revision().publish()
    page.title = "Bendruomenės sodai ir bitynai"
    page.intro = "Juodraštinis žodis: avilininkystė."
    page.save_revision()  # a draft: the page row and the index keep the published text

    html = client.get("/search/", {"q": "avilininkystė"}).content.decode()
    assert "/sodai/" not in html
    assert client.get("/api/v1/search", {"q": "avilininkystė"}).json()["count"] == 0
    assert "/sodai/" in client.get("/search/", {"q": "sodai"}).content.decode()

    page.get_latest_revision().publish()
    html = client.get("/search/", {"q": "avilininkystė"}).content.decode()
    assert "/sodai/" in html
