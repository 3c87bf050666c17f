"""
Public ideas in site search (engagement/search.py): found in the language they were written in,
by what the idea wall shows of them, linked to their own page, and the index follows
moderation after the commit, so a failing index never costs an idea.
"""

import logging
import re
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from modelsearch.conf import get_app_config

from engagement.models import Idea, IdeaStatus
from engagement.wagtail_hooks import PublishIdeasBulkAction, ReviewIdeasBulkAction
from search.query import run_search

from .factories.engagement import IdeaFactory
from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the index update) as the real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def indexed_ids():
    IndexEntry = get_app_config().get_model("IndexEntry")
    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Idea))
    return {int(pk) for pk in entries.values_list("object_id", flat=True)}


def idea_hits(query, language="lt"):
    return [hit for hit in run_search(query, language).results if hit.type == "idea"]


def publish(committed, **fields):
    return committed(
        IdeaFactory.create,
        status=IdeaStatus.PUBLISHED,
        **{"title": "Šakočių kepimo dirbtuvės", "description": "Mokykime vaikus kepti.", **fields},
    )


def test_a_published_idea_is_found_and_links_to_its_own_page(client, committed):
    idea = publish(committed, location="Prie Nemuno")
    hits = idea_hits("dirbtuvės")
    assert [hit.object.pk for hit in hits] == [idea.pk]
    hit = hits[0]
    assert hit.type_label == "Gyventojo idėja"
    assert hit.url == f"/idejos/{idea.pk}/"
    assert hit.date == idea.published_at
    assert "<mark>dirbtuvės</mark>" in hit.title_html
    # The description and the place are searched too.
    assert [h.object.pk for h in idea_hits("vaikus")] == [idea.pk]
    assert idea.pk in [h.object.pk for h in idea_hits("Nemuno")]

    page = client.get(hit.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<h1 id="idea-{idea.pk}-title" lang="lt">Šakočių kepimo dirbtuvės</h1>' in html
    assert "Mokykime vaikus kepti." in html
    # Breadcrumbs lead back to the wall; the language switcher keeps the idea.
    assert '<li><a href="/idejos/">Idėjos</a></li>' in html
    assert '<span aria-current="page">Šakočių kepimo dirbtuvės</span>' in html
    assert f'href="/en/ideas/{idea.pk}/"' in html


def test_the_search_page_lists_ideas_as_a_type(client, committed, home_lt):
    idea = publish(committed)
    ContentPageFactory(parent=home_lt, slug="dirbtuves", title="Dirbtuvės vaikams")
    html = client.get("/search/?q=dirbtuvės").content.decode()
    assert f'<a href="/idejos/{idea.pk}/">' in html
    assert re.search(r'href="[^"]*type=idea[^"]*"[^>]*>Gyventojų idėjos', html)
    filtered = client.get("/search/?q=dirbtuvės&type=idea").content.decode()
    assert f'<a href="/idejos/{idea.pk}/">' in filtered
    assert 'href="/dirbtuves/"' not in filtered


@pytest.mark.parametrize(
    "status", [IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW], ids=["new", "under-review"]
)
def test_ideas_waiting_for_moderation_are_never_indexed_or_shown(client, committed, status):
    idea = committed(IdeaFactory.create, status=status, title="Slaptažodžių dirbtuvės")
    assert idea.pk not in indexed_ids()
    assert idea_hits("Slaptažodžių") == []
    assert client.get(f"/idejos/{idea.pk}/").status_code == 404


def test_moderation_moves_an_idea_in_and_out_of_the_index(committed):
    idea = publish(committed)
    assert idea.pk in indexed_ids()

    idea.status = IdeaStatus.UNDER_REVIEW
    committed(idea.save)
    assert idea.pk not in indexed_ids()
    assert idea_hits("dirbtuvės") == []

    idea.status = IdeaStatus.PUBLISHED
    committed(idea.save)
    assert [h.object.pk for h in idea_hits("dirbtuvės")] == [idea.pk]

    pk = idea.pk
    committed(idea.delete)
    assert pk not in indexed_ids()


def test_a_declined_idea_is_found_by_its_reason_never_by_its_hidden_text(committed):
    idea = committed(
        IdeaFactory.create,
        status=IdeaStatus.DECLINED,
        title="Automobilių stovėjimo aikštelė",
        description="Išpjaukime parko medžius.",
        public_reason="Parko medžiai saugomi savivaldybės sprendimu.",
    )
    hits = idea_hits("savivaldybės")
    assert [hit.object.pk for hit in hits] == [idea.pk]
    assert "Išpjaukime" not in hits[0].snippet
    assert idea_hits("Išpjaukime") == []


def test_ideas_are_found_in_the_language_they_were_written_in(committed):
    english = publish(committed, title="Bicycle workshop", description="Tools.", language="en")
    lithuanian = publish(committed)
    assert [h.object.pk for h in idea_hits("workshop", "en")] == [english.pk]
    assert idea_hits("workshop", "lt") == []
    assert [h.object.pk for h in idea_hits("dirbtuvės", "lt")] == [lithuanian.pk]
    assert idea_hits("dirbtuvės", "en") == []


def test_bulk_moderation_updates_the_index(committed):
    ideas = [
        committed(IdeaFactory.create, title=f"Šakočių dirbtuvės {n}", status=IdeaStatus.NEW)
        for n in range(3)
    ]
    committed(PublishIdeasBulkAction.execute_action, ideas)
    assert {idea.pk for idea in ideas} <= indexed_ids()
    assert len(idea_hits("dirbtuvės")) == 3

    committed(ReviewIdeasBulkAction.execute_action, ideas[:2])
    assert [h.object.pk for h in idea_hits("dirbtuvės")] == [ideas[2].pk]


def test_update_index_holds_public_ideas_only():
    hidden = IdeaFactory(status=IdeaStatus.NEW, title="Nauja idėja")
    shown = IdeaFactory(status=IdeaStatus.PUBLISHED, title="Paskelbta idėja")
    call_command("update_index", stdout=StringIO())
    ids = indexed_ids()
    assert shown.pk in ids and hidden.pk not in ids
    assert ids == set(Idea.objects.public().values_list("pk", flat=True))


def test_a_failing_index_never_costs_the_moderated_idea(committed, monkeypatch, caplog):
    from modelsearch import index

    def broken(instance):
        raise RuntimeError("search index unavailable")

    monkeypatch.setattr(index, "insert_or_update_object", broken)
    idea = committed(IdeaFactory.create, status=IdeaStatus.NEW, title="Tvirta idėja")
    idea.status = IdeaStatus.PUBLISHED
    with caplog.at_level(logging.ERROR):
        committed(idea.save)  # does not raise
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.PUBLISHED
    assert idea.pk not in indexed_ids()
    # update_index repairs it once the index works again.
    monkeypatch.undo()
    call_command("update_index", stdout=StringIO())
    assert [h.object.pk for h in idea_hits("Tvirta")] == [idea.pk]


def test_a_resident_submitting_an_idea_adds_nothing_to_the_index(client, committed):
    from .test_engagement_ideas import idea_data

    before = indexed_ids()
    response = committed(client.post, "/idejos/", idea_data(title="Mano nauja idėja"))
    assert response.status_code == 302
    assert Idea.objects.filter(title="Mano nauja idėja").exists()
    assert indexed_ids() == before


def test_an_ideas_own_page_costs_few_queries(client, committed, django_assert_max_num_queries):
    idea = publish(committed)
    client.get(f"/idejos/{idea.pk}/")  # warm the navigation cache
    # As many as the ideas page itself, within the budget of 12 for any public page.
    with django_assert_max_num_queries(10):
        assert client.get(f"/idejos/{idea.pk}/").status_code == 200
    assert client.get(f"/en/ideas/{idea.pk}/").status_code == 200
    assert client.get("/idejos/999999/").status_code == 404


def test_any_form_of_a_word_finds_the_idea(committed):
    # "iniciatyva" (nominative) finds "iniciatyvų" (genitive plural): PostgreSQL's Lithuanian
    # stemmer does it in production, the stem prefixes of search/backends/sqlite.py here.
    idea = publish(committed, title="Daugiau jaunimo iniciatyvų", description="Jaunimui.")
    assert [h.object.pk for h in idea_hits("iniciatyva")] == [idea.pk]
    assert [h.object.pk for h in idea_hits("jaunimas")] == [idea.pk]


def test_labels_are_in_the_language_searched_whatever_language_is_active(committed):
    from django.utils import translation

    publish(committed, location="Prie Nemuno")
    answers = {}
    for active in ("lt", "en"):
        with translation.override(active):
            outcome = run_search("dirbtuvės", "lt")
        answers[active] = (
            [hit.type_label for hit in outcome.results],
            [item.label for item in outcome.types],
        )
    assert answers["en"] == answers["lt"]
    assert "Gyventojo idėja" in answers["en"][0]


def test_modified_since_finds_only_what_changed_visibly_since(client, committed, home_lt):
    """A client catching up searches what changed since its last visit: pages and every
    source, through the backend's own filters (a source's model filters on its id)."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start - timedelta(days=2)):
        old_idea = publish(committed, title="Senos kepimo dirbtuvės")
        old_page = committed(ContentPageFactory, parent=home_lt, title="Kepimo dirbtuvių istorija")
    new_idea = publish(committed, title="Naujos kepimo dirbtuvės")
    new_page = committed(ContentPageFactory, parent=home_lt, title="Kepimo dirbtuvių tvarka")

    def found(**params):
        answer = client.get("/api/v1/search", {"q": "kepimo", **params})
        assert answer.status_code == 200, answer.content
        return answer.json()

    everything = found()
    titles = {hit["title"] for hit in everything["results"]}
    assert {old_idea.title, old_page.title, new_idea.title, new_page.title} <= titles
    since = (start - timedelta(hours=1)).isoformat()
    recent = found(modified_since=since)
    assert {hit["title"] for hit in recent["results"]} == {new_idea.title, new_page.title}
    assert recent["count"] == 2
    assert recent["promoted"] == [] and recent["suggestions"] == []
    # An idea changed again later is found again.
    old_idea.public_reason = ""
    committed(old_idea.save)
    assert old_idea.title in {hit["title"] for hit in found(modified_since=since)["results"]}
    assert found(modified_since="2099-01-01T00:00:00+02:00")["count"] == 0
