"""The public idea wall and the ideas API: what is public, what is never, and the query budget."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.models import Idea, IdeaOutcome, IdeaStatus

from .factories.engagement import IdeaFactory, ThemeFactory, translate_theme
from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "slaptas@example.org"
SECRET_NAME = "Slaptas Vardenis"
SECRET_NOTE = "Vidinė moderatorių pastaba"
SECRET_HASH = "f" * 64


@pytest.fixture(autouse=True)
def only_our_ideas():
    """Start from a wall without the demo's example ideas."""
    Idea.objects.all().delete()


def private_idea(**kwargs):
    defaults = {
        "email": SECRET_EMAIL,
        "name": SECRET_NAME,
        "show_name": False,
        "client_hash": SECRET_HASH,
        "moderator_note": SECRET_NOTE,
    }
    return IdeaFactory(**{**defaults, **kwargs})


def wall_titles(html):
    import re

    return re.findall(
        r'<h3 class="card__title" id="idea-\d+-title" lang="\w+"><a href="[^"]+">(.*?)</a></h3>',
        html,
    )


def test_the_wall_shows_public_ideas_only(client):
    IdeaFactory(title="Nauja", status=IdeaStatus.NEW)
    IdeaFactory(title="Svarstoma", status=IdeaStatus.UNDER_REVIEW)
    IdeaFactory(title="Paskelbta", status=IdeaStatus.PUBLISHED)
    IdeaFactory(
        title="Atmesta",
        description="Atmestos idėjos aprašymas",
        status=IdeaStatus.DECLINED,
        public_reason="Tai ne VVG kompetencija.",
    )
    html = client.get("/idejos/").content.decode()
    assert sorted(wall_titles(html)) == ["Atmesta", "Paskelbta"]
    assert "Tai ne VVG kompetencija." in html
    # A declined idea shows its title and the reason, not its text.
    assert "Atmestos idėjos aprašymas" not in html


def test_a_name_is_shown_only_where_the_resident_allowed_it(client):
    private_idea(title="Be vardo", status=IdeaStatus.PUBLISHED)
    IdeaFactory(title="Su vardu", name="Ona", show_name=True, status=IdeaStatus.PUBLISHED)
    html = client.get("/idejos/").content.decode()
    assert "<dd>Ona</dd>" in html
    assert SECRET_NAME not in html
    assert SECRET_EMAIL not in html
    assert SECRET_NOTE not in html


def test_the_wall_filters_by_theme_across_languages_and_by_status(client, lt, en):
    theme_lt = ThemeFactory(locale=lt, title="Žaluma")
    theme_en = translate_theme(theme_lt, title="Greenery")
    other = ThemeFactory(locale=lt, title="Renginiai")
    IdeaFactory(title="Medžiai", theme=theme_lt, status=IdeaStatus.PUBLISHED)
    IdeaFactory(title="Trees", theme=theme_en, language="en", status=IdeaStatus.PUBLISHED)
    IdeaFactory(title="Koncertas", theme=other, status=IdeaStatus.PUBLISHED)
    main = IdeaFactory(title="Parkas", theme=theme_lt, status=IdeaStatus.PUBLISHED)
    IdeaFactory(title="Parkas 2", theme=theme_lt, status=IdeaStatus.MERGED, merged_into=main)

    html = client.get(f"/idejos/?theme={theme_lt.pk}").content.decode()
    assert sorted(wall_titles(html)) == ["Medžiai", "Parkas", "Parkas 2", "Trees"]
    assert "Sujungta su idėja" in html
    html = client.get(f"/idejos/?theme={theme_lt.pk}&status=merged").content.decode()
    assert wall_titles(html) == ["Parkas 2"]
    # The English wall shows the same ideas under the English theme name.
    html = client.get(f"/en/ideas/?theme={theme_en.pk}").content.decode()
    assert sorted(wall_titles(html)) == ["Medžiai", "Parkas", "Parkas 2", "Trees"]
    assert "Greenery" in html
    # Nonsense filters are ignored, not an error.
    response = client.get("/idejos/?theme=abc&status=new&page=999")
    assert response.status_code == 200
    assert "Nauja" not in wall_titles(response.content.decode())


def test_the_wall_is_paginated(client, settings):
    settings.ENGAGEMENT_WALL_PAGE_SIZE = 3
    for n in range(7):
        IdeaFactory(title=f"Idėja {n}", status=IdeaStatus.PUBLISHED)
    html = client.get("/idejos/?page=3").content.decode()
    assert len(wall_titles(html)) == 1
    assert "3 puslapis iš 3" in html
    assert 'rel="prev"' in html


def test_the_cached_wall_follows_every_change(client):
    # The wall's ids and items are cached under the content version: a change shows at once.
    idea = IdeaFactory(title="Pirma", status=IdeaStatus.PUBLISHED)
    assert wall_titles(client.get("/idejos/").content.decode()) == ["Pirma"]
    IdeaFactory(title="Antra", status=IdeaStatus.PUBLISHED)
    assert sorted(wall_titles(client.get("/idejos/").content.decode())) == ["Antra", "Pirma"]
    idea.title = "Pirma, pataisyta"
    idea.save()
    html = client.get("/idejos/").content.decode()
    assert sorted(wall_titles(html)) == ["Antra", "Pirma, pataisyta"]
    idea.status = IdeaStatus.UNDER_REVIEW
    idea.save()
    assert wall_titles(client.get("/idejos/").content.decode()) == ["Antra"]
    assert wall_titles(client.get("/en/ideas/").content.decode()) == ["Antra"]


def test_what_grew_out_of_an_idea_is_shown_in_the_visitors_language(client, home_lt, en):
    initiative = ContentPageFactory(parent=home_lt, slug="suoliukai", title="Suoliukų iniciatyva")
    idea = IdeaFactory(title="Suoliukai", status=IdeaStatus.PUBLISHED)
    IdeaOutcome.objects.create(idea=idea, page=initiative)
    html = client.get("/idejos/").content.decode()
    assert "Kas išaugo iš šios idėjos:" in html
    assert '<a href="/suoliukai/">Suoliukų iniciatyva</a>' in html
    data = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert data["outcomes"] == [
        {"title": "Suoliukų iniciatyva", "url": "http://testserver/suoliukai/"}
    ]
    # Without an English translation the English wall still links the page.
    html = client.get("/en/ideas/").content.decode()
    assert "Suoliukų iniciatyva" in html


def test_another_plugin_can_add_what_grew_out_of_ideas(client):
    from engagement.outcomes import Outcome, idea_outcomes

    idea = IdeaFactory(title="Dviračiai", status=IdeaStatus.PUBLISHED)

    def provider(ideas, language, request):
        return {i.pk: [Outcome("Dviračių taisykla", "/iniciatyvos/dviraciai/")] for i in ideas}

    idea_outcomes.register("test", provider)
    try:
        html = client.get("/idejos/").content.decode()
        data = client.get(f"/api/v1/ideas/{idea.pk}").json()
    finally:
        idea_outcomes.unregister("test")
    assert "Dviračių taisykla" in html
    assert data["outcomes"] == [
        {"title": "Dviračių taisykla", "url": "http://testserver/iniciatyvos/dviraciai/"}
    ]


# API ----------------------------------------------------------------------------------------


def test_the_api_never_leaks_private_data_or_unpublished_ideas(client):
    public = private_idea(title="Viešoji", status=IdeaStatus.PUBLISHED)
    hidden = [
        private_idea(title="Nauja", status=IdeaStatus.NEW),
        private_idea(title="Svarstoma", status=IdeaStatus.UNDER_REVIEW),
    ]
    response = client.get("/api/v1/ideas")
    assert response.status_code == 200
    body = response.content.decode()
    data = response.json()
    assert [item["title"] for item in data["results"]] == ["Viešoji"]
    for secret in (SECRET_EMAIL, SECRET_NAME, SECRET_NOTE, SECRET_HASH, "Nauja", "Svarstoma"):
        assert secret not in body
    item = data["results"][0]
    assert item["author_name"] == ""
    assert set(item) == {
        "id",
        "title",
        "description",
        "location",
        "author_name",
        "theme",
        "status",
        "status_label",
        "public_reason",
        "merged_into",
        "outcomes",
        "language",
        "published_at",
    }
    assert client.get(f"/api/v1/ideas/{public.pk}").status_code == 200
    for idea in hidden:
        response = client.get(f"/api/v1/ideas/{idea.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_the_api_shows_a_name_only_with_consent_and_answers_in_the_locale(client, lt):
    theme = ThemeFactory(locale=lt, title="Žaluma")
    translate_theme(theme, title="Greenery")
    IdeaFactory(
        title="Medžiai", name="Ona", show_name=True, theme=theme, status=IdeaStatus.PUBLISHED
    )
    item = client.get("/api/v1/ideas?locale=lt").json()["results"][0]
    assert item["author_name"] == "Ona"
    assert item["theme"]["title"] == "Žaluma"
    assert item["status_label"] == "Paskelbta"
    item = client.get("/api/v1/ideas?locale=en").json()["results"][0]
    assert item["theme"]["title"] == "Greenery"
    assert item["status_label"] == "Published"


def test_the_api_filters_and_paginates(client, lt):
    theme = ThemeFactory(locale=lt)
    for n in range(5):
        IdeaFactory(title=f"Su tema {n}", theme=theme, status=IdeaStatus.PUBLISHED)
    IdeaFactory(title="Be temos", status=IdeaStatus.PUBLISHED)
    IdeaFactory(title="Atmesta", status=IdeaStatus.DECLINED, public_reason="Dėl priežasties.")
    data = client.get(f"/api/v1/ideas?theme={theme.pk}&limit=2").json()
    assert data["count"] == 5
    assert len(data["results"]) == 2
    assert "offset=2" in data["next"]
    data = client.get("/api/v1/ideas?status=declined").json()
    assert [item["public_reason"] for item in data["results"]] == ["Dėl priežasties."]
    response = client.get("/api/v1/ideas?status=new")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_the_api_documents_the_ideas_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/ideas" in schema["paths"]
    assert "/api/v1/ideas/{idea_id}" in schema["paths"]
    # The schemas the ideas endpoints answer with (and every schema they refer to).
    components = schema["components"]["schemas"]
    wanted = {
        ref.rsplit("/", 1)[-1]
        for path in ("/api/v1/ideas", "/api/v1/ideas/{idea_id}")
        for ref in re.findall(r'"\$ref": "([^"]+)"', json.dumps(schema["paths"][path]))
    }
    seen = set()
    while wanted - seen:
        name = (wanted - seen).pop()
        seen.add(name)
        wanted |= {
            ref.rsplit("/", 1)[-1]
            for ref in re.findall(r'"\$ref": "([^"]+)"', json.dumps(components[name]))
        }
    properties = json.dumps({name: components[name] for name in seen})
    assert "Idea" in properties
    assert "email" not in properties
    assert "client_hash" not in properties


# Query budget ------------------------------------------------------------------------------


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def make_public_ideas(count, theme, outcome_page):
    for n in range(count):
        idea = IdeaFactory(
            title=f"Viešoji {n}",
            theme=theme,
            status=IdeaStatus.MERGED if n % 3 == 0 else IdeaStatus.PUBLISHED,
            name="Ona",
            show_name=n % 2 == 0,
        )
        if n % 2:
            IdeaOutcome.objects.create(idea=idea, page=outcome_page)


@pytest.mark.parametrize(
    "path",
    ["/idejos/", "/en/ideas/", "/idejos/?status=published&theme={theme}", "/api/v1/ideas"],
)
def test_lists_of_ideas_do_not_grow_with_the_number_of_ideas(client, home_lt, lt, path):
    theme = ThemeFactory(locale=lt)
    translate_theme(theme)
    path = path.format(theme=theme.pk)
    outcome_page = ContentPageFactory(parent=home_lt, slug="rezultatas", title="Rezultatas")
    make_public_ideas(2, theme, outcome_page)
    few = count_queries(client, path)
    make_public_ideas(30, theme, outcome_page)
    many = count_queries(client, path)
    assert many == few
    if path.startswith("/api"):
        assert few <= 8
    else:
        assert few <= 12


@pytest.mark.parametrize("path", ["/idejos/", "/en/ideas/", "/idejos/aciu/"])
def test_idea_pages_stay_within_the_page_budget(client, django_assert_max_num_queries, path):
    client.get(path)
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200
