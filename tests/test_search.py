"""Site search at /search/ and /en/search/: results, odd queries, languages, visibility."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from search.query import run_search

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def result_links(html):
    """The addresses of the results (promoted ones included), in order."""
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html)


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def sakotis_page(home_lt):
    return ContentPageFactory(
        parent=home_lt,
        slug="sakociu-svente",
        title="Šakočių šventė",
        intro="Kviečiame gyventojų iniciatyvų autorius į šakočių šventę prie Nemuno.",
    )


def test_empty_search_page_shows_the_form_and_suggestions(client):
    html = get(client, "/search/")
    assert 'type="search" name="q" value=""' in html
    assert "search-result__title" not in html
    # The section pages are suggested even before a search.
    assert 'href="/strategija/"' in html


def test_finds_a_page_and_marks_the_words(client, sakotis_page):
    html = get(client, "/search/?q=%C5%A1vent%C4%97")  # "šventė"
    assert result_links(html)[0] == "/sakociu-svente/"
    assert "<mark>šventė</mark>" in html  # in the title
    assert "į šakočių <mark>šventę</mark> prie" in html  # another form, in the snippet
    assert re.search(r"\d+ rezultat\w* pagal užklausą „šventė“", html)
    assert '<span class="badge">Puslapis</span>' in html


def test_snippet_text_is_escaped_before_words_are_marked(client, home_lt):
    ContentPageFactory(
        parent=home_lt,
        slug="zenklai",
        title="Ženklai",
        intro='Tekste yra <b>paryškinimas</b> & "kabutės" bei <script>alert(1)</script>.',
    )
    html = get(client, "/search/?q=paryškinimas")
    assert "&lt;b&gt;<mark>paryškinimas</mark>&lt;/b&gt; &amp; &quot;kabutės&quot;" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!…—,.;:",
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "iniciatyva%00kvietimai",
        "NEAR(a b) AND OR NOT * ^",
        "a" * 10_000,
        "žodis " * 2_000,
        "%C0%AF%FF%FE",
        "\u200b\u202e\ufeff",
    ],
)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_odd_queries_give_a_normal_page(client, prefix, query):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    # Whatever was typed comes back escaped and cut to the field's length.
    value = re.search(r'name="q" value="([^"]*)"', html).group(1)
    assert len(value) <= 200 * 6  # escaped entities are longer than their characters


def test_odd_query_in_the_address_itself(client):
    for raw in [
        "q=%00",
        "q=%FF%FE",
        "q=a&page=abc",
        "q=a&page=-3",
        "q=a&page=99999999999",
        "q[]=x",
    ]:
        response = client.get("/search/?" + raw)
        assert response.status_code == 200, raw


def test_html_in_the_query_is_shown_escaped(client):
    html = get(client, "/search/?q=%3Cb%3Einiciatyva%3C%2Fb%3E")
    assert 'value="&lt;b&gt;iniciatyva&lt;/b&gt;"' in html
    assert "„&lt;b&gt;iniciatyva&lt;/b&gt;“" in html


def test_lithuanian_and_english_searches_stay_in_their_language(client):
    lt_links = result_links(get(client, "/search/?q=VVG"))
    en_links = result_links(get(client, "/en/search/?q=LAG"))
    assert lt_links and en_links
    assert not any(link.startswith("/en/") for link in lt_links)
    assert all(link.startswith("/en/") for link in en_links)
    # A word of the other language finds only pages of the visitor's language (an English
    # page may name a Lithuanian organisation, "… bendruomenė", and is rightly found).
    assert all(
        link.startswith("/en/") for link in result_links(get(client, "/en/search/?q=bendruomenė"))
    )
    assert not any(
        link.startswith("/en/") for link in result_links(get(client, "/search/?q=community"))
    )


def test_english_results_are_labelled_in_english(client):
    html = get(client, "/en/search/?q=community")
    assert '<span class="badge">Page</span>' in html
    assert "results for “community”" in html


def test_unpublished_pages_and_drafts_are_never_found(client, sakotis_page):
    assert "/sakociu-svente/" in result_links(get(client, "/search/?q=šventė"))
    # A draft with a new word is not public until it is published.
    sakotis_page.intro = "Juodraštyje paminėtas varškėtis."
    sakotis_page.save_revision()
    assert "/sakociu-svente/" not in result_links(get(client, "/search/?q=varškėtis"))
    sakotis_page.get_latest_revision().publish()
    assert "/sakociu-svente/" in result_links(get(client, "/search/?q=varškėtis"))
    Page.objects.get(pk=sakotis_page.pk).specific.unpublish()
    assert "/sakociu-svente/" not in result_links(get(client, "/search/?q=varškėtis"))


def test_pages_under_a_view_restriction_are_never_found(client, sakotis_page):
    child = ContentPageFactory(
        parent=sakotis_page, slug="vidus", title="Vidinė šventė", intro="Tik nariams."
    )
    PageViewRestriction.objects.create(
        page=sakotis_page, restriction_type=PageViewRestriction.PASSWORD, password="slaptas"
    )
    links = result_links(get(client, "/search/?q=šventė"))
    assert "/sakociu-svente/" not in links and "/sakociu-svente/vidus/" not in links
    found = [hit.object.pk for hit in run_search("šventė", "lt", limit=100).results]
    assert sakotis_page.pk not in found and child.pk not in found


def test_index_follows_publishing_and_deleting(client, home_lt):
    page = ContentPageFactory(parent=home_lt, slug="nauja", title="Kibinų dirbtuvės")
    assert "/nauja/" in result_links(get(client, "/search/?q=kibinai"))
    page.title = "Cepelinų dirbtuvės"
    page.save_revision().publish()
    assert "/nauja/" in result_links(get(client, "/search/?q=cepelinai"))
    assert "/nauja/" not in result_links(get(client, "/search/?q=kibinai"))
    page.delete()
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry").objects
    assert not entries.filter(object_id=str(page.pk)).exists()
    assert "/nauja/" not in result_links(get(client, "/search/?q=cepelinai"))


def test_update_index_rebuilds_the_index(client, sakotis_page):
    from modelsearch.conf import get_app_config

    get_app_config().get_model("IndexEntry").objects.all().delete()
    assert "/sakociu-svente/" not in result_links(get(client, "/search/?q=šventė"))
    call_command("update_index", verbosity=0, stdout=StringIO())
    assert "/sakociu-svente/" in result_links(get(client, "/search/?q=šventė"))


def test_results_are_paginated(client, home_lt):
    for n in range(23):
        ContentPageFactory(parent=home_lt, slug=f"riestainis-{n}", title=f"Riestainių kepimas {n}")
    html = get(client, "/search/?q=riestainiai")
    assert "23 rezultatai pagal užklausą" in html
    assert len(result_links(html)) == 10
    assert '<ol class="search-results" start="1">' in html
    assert 'href="?q=riestainiai&amp;page=2" rel="next"' in html
    third = get(client, "/search/?q=riestainiai&page=3")
    assert len(result_links(third)) == 3
    assert '<ol class="search-results" start="21">' in third
    assert 'rel="next"' not in third
    all_links = set()
    for number in (1, 2, 3):
        all_links |= set(result_links(get(client, f"/search/?q=riestainiai&page={number}")))
    assert len(all_links) == 23  # no result twice, none lost between pages
    beyond = get(client, "/search/?q=riestainiai&page=7")
    assert result_links(beyond) == []
    assert "Daugiau rezultatų nėra." in beyond


def test_words_that_are_not_all_present_still_find_something(client, sakotis_page):
    html = get(client, "/search/?q=šakočių+šventė+xyzzy")
    assert result_links(html)[0] == "/sakociu-svente/"
    assert "Nė vienas rezultatas neturi visų šių žodžių" in html


def test_nothing_found_suggests_the_section_pages(client):
    html = get(client, "/search/?q=xyzzyplugh")
    assert "0 rezultatų pagal užklausą „xyzzyplugh“" in html
    suggestions = html.split('id="search-suggestions-heading"')[1]
    for path in ("/strategija/", "/dokumentai/", "/kvietimai/", "/iniciatyvos/", "/idejos/"):
        assert f'href="{path}"' in suggestions
    english = get(client, "/en/search/?q=xyzzyplugh").split('id="search-suggestions-heading"')[1]
    assert 'href="/en/strategy/"' in english
    assert 'href="/strategija/"' not in english


# Promoted results ------------------------------------------------------------------------


def promote(query_string, page=None, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, sort_order=fields.pop("sort_order", 0), **fields
    )


def test_promoted_results_come_first_and_only_once(client, page_at):
    documents = page_at("/dokumentai/")
    promote("vvg", documents, description="Visi VVG dokumentai vienoje vietoje.")
    html = get(client, "/search/?q=VVG")
    links = result_links(html)
    assert links[0] == "/dokumentai/"
    assert links.count("/dokumentai/") == 1
    promoted, results = html.split('class="search-promoted"')[1].split('<ol class="search-results"')
    assert 'href="/dokumentai/"' in promoted and "search-result--promoted" in promoted
    assert 'href="/dokumentai/"' not in results
    assert "Rekomenduojama" in html
    assert "Visi <mark>VVG</mark> dokumentai vienoje vietoje." in html


def test_promotion_of_a_lithuanian_page_shows_its_translation_in_english(client, page_at):
    promote("documents", page_at("/dokumentai/"))
    assert result_links(get(client, "/en/search/?q=Documents"))[0] == "/en/documents/"


def test_promotions_never_show_unpublished_or_restricted_pages(client, sakotis_page, page_at):
    promote("vvg", sakotis_page, sort_order=0)
    promote("vvg", page_at("/apie/"), sort_order=1)
    sakotis_page.unpublish()
    PageViewRestriction.objects.create(
        page=page_at("/apie/"), restriction_type=PageViewRestriction.LOGIN
    )
    links = result_links(get(client, "/search/?q=vvg"))
    assert "/sakociu-svente/" not in links
    assert not any(link.startswith("/apie/") for link in links)


def test_external_link_promotion(client):
    promote(
        "europos fondai",
        external_link_url="https://example.org/fondai",
        external_link_text="ES fondų investicijos",
    )
    html = get(client, "/search/?q=Europos+fondai")
    assert result_links(html)[0] == "https://example.org/fondai"
    assert "Išorinė nuoroda" in html


def test_editors_screens_work_with_the_search_backend(client):
    from django.contrib.auth import get_user_model

    client.get("/search/?q=strategija")
    editor = get_user_model().objects.create_superuser("redaktore", "r@example.org", "slaptas")
    client.force_login(editor)
    # The admin searches every language at once.
    assert "Strategija" in get(client, "/admin/pages/search/?q=strategija")
    assert "Strategy" in get(client, "/admin/pages/search/?q=strategy")
    get(client, "/admin/choose-page/search/?q=strat")
    get(client, "/admin/searchpicks/add/")
    report = get(client, "/admin/searchpicks/reports/search-terms/")
    assert "strategija" in report


def test_suggestions_follow_publishing(client, page_at):
    suggestions = get(client, "/search/?q=xyzzy").split('id="search-suggestions-heading"')[1]
    assert 'href="/kvietimai/"' in suggestions
    page_at("/kvietimai/").unpublish()
    suggestions = get(client, "/search/?q=xyzzy").split('id="search-suggestions-heading"')[1]
    assert 'href="/kvietimai/"' not in suggestions


def test_an_answer_is_remembered_until_content_changes(
    client, sakotis_page, home_lt, django_assert_max_num_queries
):
    from wagtail.contrib.search_promotions.models import Query as SearchQuery

    first = get(client, "/search/?q=šventė")
    with django_assert_max_num_queries(2):  # the statistics counter, nothing else
        again = get(client, "/search/?q=šventė")
    assert result_links(again) == result_links(first)
    # Still counted once per search, answered from memory or not.
    assert SearchQuery.objects.get(query_string="šventė").hits == 2
    # Something new that matches is found at once.
    ContentPageFactory(parent=home_lt, slug="nauja-svente", title="Nauja šventė")
    assert "/nauja-svente/" in result_links(get(client, "/search/?q=šventė"))
    # And an unpublished page is gone at once.
    sakotis_page.unpublish()
    assert "/sakociu-svente/" not in result_links(get(client, "/search/?q=šventė"))


def test_a_remembered_answer_ends_when_a_page_goes_live(client, home_lt):
    import time_machine
    from django.utils import timezone

    soon = timezone.now() + timezone.timedelta(minutes=5)
    page = ContentPageFactory(parent=home_lt, slug="vakaras", title="Riestainių vakaras")
    page.go_live_at = soon
    page.save()
    assert "/vakaras/" not in result_links(get(client, "/search/?q=riestainių"))
    with time_machine.travel(soon + timezone.timedelta(seconds=2), tick=False):
        assert "/vakaras/" in result_links(get(client, "/search/?q=riestainių"))


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the weighted bm25() of search/backends/sqlite.py; PostgreSQL ranks with modelsearch's "
    "ts_rank",
)
def test_a_page_titled_with_the_word_comes_before_pages_that_mention_it(home_lt):
    for n in range(3):
        ContentPageFactory(
            parent=home_lt,
            slug=f"mini-{n}",
            title=f"Naujienos {n}",
            intro="Prie Nemuno kepami riestainiai ir kiti kepiniai.",
        )
    titled = ContentPageFactory(
        parent=home_lt,
        slug="riestainiai",
        title="Riestainiai: ilgas puslapio pavadinimas apie miesto tradicijas ir jų istoriją",
        intro="Apie kepinius.",
    )
    results = run_search("riestainiai", "lt").results
    assert results[0].object.pk == titled.pk
