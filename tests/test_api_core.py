import pytest

pytestmark = pytest.mark.django_db


def test_locales_lists_lithuanian_first_as_default(client):
    response = client.get("/api/v1/locales")
    assert response.status_code == 200
    assert response.json() == [
        {"code": "lt", "name": "Lietuvių", "is_default": True},
        {"code": "en", "name": "English", "is_default": False},
    ]


def test_openapi_document_is_version_3_1(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/locales" in schema["paths"]


@pytest.mark.parametrize(("locale", "message"), [("lt", "Nerasta."), ("en", "Not found.")])
def test_unknown_api_address_answers_404_json_in_the_request_language(client, locale, message):
    response = client.get(f"/api/v1/no-such-thing?locale={locale}")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "message": message,
        "details": None,
    }
