"""What the plugins contribute to site search: legal acts, and names for their page types."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("locale", "query", "group_url"),
    [
        ("lt", "reglamentas", "/dokumentai/#group-eu"),
        ("en", "regulation", "/en/documents/#group-eu"),
    ],
)
def test_legal_acts_are_found_in_their_language(client, locale, query, group_url):
    body = client.get("/api/v1/search", {"q": query, "locale": locale}).json()
    acts = [hit for hit in body["results"] if hit["type"] == "legal-act"]
    assert len(acts) >= 3  # the three EU regulations of the demo register
    assert all(hit["url"].endswith(group_url) for hit in acts)
    assert any("2021/1060" in hit["title"] for hit in acts)


def test_search_page_filters_by_the_plugins_types(client):
    html = client.get("/search/", {"q": "reglamentas", "type": "legal-act"}).content.decode()
    assert "2021/1060" in html
    body = client.get("/api/v1/search", {"q": "kvietimas", "locale": "lt"}).json()
    keys = {item["key"] for item in body["types"]}
    assert {"call", "initiative", "strategy", "legal-act"} <= keys


def test_the_api_filters_by_known_types_and_refuses_others(client):
    body = client.get("/api/v1/search", {"q": "reglamentas", "type": "legal-act"}).json()
    assert body["results"] and {hit["type"] for hit in body["results"]} == {"legal-act"}
    both = client.get("/api/v1/search", {"q": "reglamentas", "type": "legal-act,page"})
    assert both.status_code == 200
    refused = client.get("/api/v1/search", {"q": "reglamentas", "type": "legal-act,nope"})
    assert refused.status_code == 400
    error = refused.json()
    assert error["code"] == "invalid_request"
    assert error["details"][0]["loc"] == ["query", "type"]
    assert "legal-act" in error["details"][0]["msg"]
    assert error["details"][0]["msg"].startswith("Galimos reikšmės: ")
