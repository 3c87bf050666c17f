"""The change feed (/api/v1/changes) and `modified_since` on the lists: every change of a public
item in ledger order, tombstones for what is not public any more, a cursor that never skips."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal.api import api_datetime
from portal.models import Change

from .factories.calls import CallPageFactory, call_index
from .factories.home import ContentPageFactory
from .queries import COLD_BUDGET, cold_queries

pytestmark = pytest.mark.django_db

FEED = "/api/v1/changes"


def latest_id():
    return Change.objects.order_by("-id").values_list("id", flat=True).first() or 0


def read_all(client, after, **params):
    """Follow `next` until `results` is empty, as a client catching up does."""
    seen = []
    url = f"{FEED}?after={after}" + "".join(f"&{k}={v}" for k, v in params.items())
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        if not body["results"]:
            assert f"after={seen[-1]['id'] if seen else after}" in body["next"]
            return seen
        seen.extend(body["results"])
        url = body["next"]


def of(items, object_id):
    return [item for item in items if item["object_id"] == str(object_id)]


def test_a_page_published_changed_moved_unpublished_and_deleted(client, home_lt):
    start = latest_id()
    section = ContentPageFactory(parent=home_lt, slug="skyrius", title="Skyrius")
    page = ContentPageFactory(parent=home_lt, slug="naujiena", title="Slapta antraštė", live=False)
    page.save_revision()  # a draft: nobody's business but the editors'
    assert of(read_all(client, start), page.pk) == []

    page.save_revision().publish()
    (published,) = of(read_all(client, start), page.pk)
    assert published["kind"] == "published" and not published["tombstone"]
    assert published["type"] == "page" and published["locale"] == "lt"
    assert published["translation_key"] == str(page.translation_key)
    assert published["url"] == "http://testserver/naujiena/"
    assert published["api_url"] == f"http://testserver/api/v1/pages/{page.pk}"
    assert client.get(published["api_url"]).status_code == 200

    page.title = "Kita antraštė"
    page.save_revision().publish()
    page.move(section, pos="last-child")
    items = of(read_all(client, start), page.pk)
    assert [item["kind"] for item in items] == ["published", "changed", "moved"]
    assert {item["url"] for item in items} == {"http://testserver/skyrius/naujiena/"}

    page.refresh_from_db()
    page.unpublish()
    items = of(read_all(client, start), page.pk)
    # Not public now: every row of the page is a tombstone, with no address and no content.
    assert [item["kind"] for item in items] == ["hidden", "hidden", "hidden", "unpublished"]
    assert all(item["tombstone"] and item["url"] is None for item in items)
    assert all(item["api_url"] is None for item in items)

    page.save_revision().publish()
    section.refresh_from_db()
    section.delete()  # with the page below it
    response = client.get(f"{FEED}?after={start}&limit=100")
    assert "antraštė" not in response.content.decode()  # no title, ever
    items = of(response.json()["results"], page.pk)
    assert items[-2:][0]["kind"] == "hidden" and items[-1]["kind"] == "deleted"
    assert of(response.json()["results"], section.pk)[-1]["kind"] == "deleted"


def test_an_expired_call_is_a_tombstone_from_its_moment(client):
    start = latest_id()
    moment = timezone.now() + timedelta(hours=1)
    call = CallPageFactory(parent=call_index(), expire_at=moment)
    (published,) = of(read_all(client, start), call.pk)
    assert published["type"] == "call"
    assert published["api_url"] == f"http://testserver/api/v1/calls/{call.pk}"
    with time_machine.travel(moment + timedelta(seconds=1)):
        # No publish_scheduled has run: the feed's reader records the expiry itself.
        items = of(read_all(client, start), call.pk)
    assert [(item["kind"], item["tombstone"]) for item in items] == [
        ("hidden", True),
        ("expired", True),
    ]
    expired = items[-1]
    assert expired["at"] == api_datetime(moment)  # the expiry moment, as every answer gives it
    assert expired["url"] is None and expired["api_url"] is None


def test_a_page_under_a_view_restriction_is_a_tombstone_and_the_site_changed(
    client, home_lt, django_capture_on_commit_callbacks
):
    start = latest_id()
    page = ContentPageFactory(parent=home_lt, slug="vidinis", title="Vidinis puslapis")
    child = ContentPageFactory(parent=page, slug="apacioje", title="Apačioje")
    assert of(read_all(client, start), page.pk)[0]["url"]
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="slaptas",
    )
    items = read_all(client, start)
    assert [item["kind"] for item in of(items, page.pk)] == ["hidden"]
    assert [item["kind"] for item in of(items, child.pk)] == ["hidden"]
    assert all(item["url"] is None for item in of(items, page.pk) + of(items, child.pk))
    # The restriction itself: a change of the whole site, naming nothing.
    site = items[-1]
    assert site["type"] == "site" and site["kind"] == "created" and not site["tombstone"]
    assert (site["object_id"], site["translation_key"], site["url"]) == (None, None, None)
    # Lifted: the pages are public again, and the site is still there.
    PageViewRestriction.objects.filter(page=page).delete()
    items = read_all(client, start)
    assert of(items, page.pk)[0]["url"] == "http://testserver/vidinis/"
    site = items[-1]
    assert (site["type"], site["kind"], site["tombstone"]) == ("site", "deleted", False)


def test_an_idea_taken_off_the_wall_is_a_tombstone(client):
    from engagement.models import IdeaStatus

    from .factories.engagement import IdeaFactory

    start = latest_id()
    idea = IdeaFactory(status=IdeaStatus.NEW, title="Suoliukai prie ežero")
    assert of(read_all(client, start), idea.pk) == []  # waiting for moderation: not a change
    idea.status = IdeaStatus.PUBLISHED
    idea.save()
    (shown,) = of(read_all(client, start), idea.pk)
    assert shown["type"] == "idea" and shown["kind"] == "changed"
    assert shown["url"] == f"http://testserver/idejos/{idea.pk}/"
    assert shown["api_url"] == f"http://testserver/api/v1/ideas/{idea.pk}"
    idea.status = IdeaStatus.UNDER_REVIEW
    idea.save()
    response = client.get(f"{FEED}?after={start}")
    assert "Suoliukai" not in response.content.decode()
    items = of(response.json()["results"], idea.pk)
    assert [(item["kind"], item["tombstone"], item["url"]) for item in items] == [
        ("hidden", True, None),
        ("hidden", True, None),
    ]


def test_rows_no_client_needs_are_left_out(client):
    from portal.ledger import record_site_change

    start = latest_id()
    record_site_change()  # the search index was rebuilt
    assert read_all(client, start) == []


def test_the_cursor_pages_through_every_change_exactly_once(client, home_lt):
    start = latest_id()
    pages = [ContentPageFactory(parent=home_lt, slug=f"p-{n}", title=f"P {n}") for n in range(7)]
    pages[2].unpublish()
    pages[4].title = "P 4, pataisytas"
    pages[4].save_revision().publish()
    expected = list(Change.objects.filter(id__gt=start).values_list("id", flat=True))
    seen = [item["id"] for item in read_all(client, start, limit=3)]
    assert seen == expected  # in ledger order, none skipped, none repeated
    # A client that kept the last id gets nothing again, then only what is new.
    assert read_all(client, seen[-1]) == []
    ContentPageFactory(parent=home_lt, slug="velesnis", title="Vėlesnis")
    assert [item["kind"] for item in read_all(client, seen[-1])] == ["published"]


def test_the_feed_costs_the_same_queries_for_5_and_for_100_changes(client, home_lt):
    start = latest_id()
    for n in range(60):
        page = ContentPageFactory(parent=home_lt, slug=f"q-{n}", title=f"Q {n}")
        if n % 3 == 0:
            page.unpublish()  # tombstones among them
    few = cold_queries(client, f"{FEED}?after={start}&limit=5")
    many = cold_queries(client, f"{FEED}?after={start}&limit=100")
    print(f"feed cold queries: limit=5 {few}, limit=100 {many}")  # noqa: T201 - the figure
    assert few == many <= COLD_BUDGET, (few, many)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("after=-1", "after"),
        ("after=x", "after"),
        ("after=9223372036854775808", "after"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("locale=fr", "locale"),
    ],
)
def test_bad_input_is_a_400_in_the_shared_shape(client, query, name):
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid_request")
    assert [detail["loc"][-1] for detail in body["details"]] == [name]


def test_the_locale_filter_keeps_that_language_and_items_of_none(client, home_lt):
    from engagement.models import IdeaStatus

    from .factories.engagement import IdeaFactory

    start = latest_id()
    ContentPageFactory(parent=home_lt, slug="lietuviskai", title="Lietuviškai")
    IdeaFactory(status=IdeaStatus.PUBLISHED)
    assert {item["type"] for item in read_all(client, start, locale="lt")} == {"page", "idea"}
    assert [item["type"] for item in read_all(client, start, locale="en")] == ["idea"]


# modified_since ------------------------------------------------------------------------------

CONTENT_LISTS = [
    "/api/v1/pages",
    "/api/v1/calls",
    "/api/v1/initiatives",
    "/api/v1/ideas",
    "/api/v1/strategy/measures",
    "/api/v1/strategy/steps",
    "/api/v1/strategy/legal-documents",
]


def rfc3339(moment):
    return moment.isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize("url", CONTENT_LISTS)
def test_modified_since_keeps_what_changed_at_or_after_it(client, url):
    everything = client.get(f"{url}?limit=100").json()
    assert everything["count"] >= 2
    long_ago = client.get(f"{url}?limit=100&modified_since=2000-01-01T00:00:00Z").json()
    assert long_ago["results"] == everything["results"]
    later = rfc3339(timezone.now() + timedelta(minutes=1))
    assert client.get(f"{url}?modified_since={later}").json()["count"] == 0
    assert "modified_since" in client.get("/api/v1/openapi.json").content.decode()


def test_modified_since_lists_exactly_the_pages_and_calls_changed(client, page_at):
    moment = timezone.now()
    about = page_at("/apie/")
    with time_machine.travel(moment + timedelta(seconds=5)):
        about.title = "Apie mus"
        about.save_revision().publish()
    since = rfc3339(moment + timedelta(seconds=5))
    pages = client.get(f"/api/v1/pages?modified_since={since}").json()
    assert [item["id"] for item in pages["results"]] == [about.pk]
    # At the second itself: "at or after".
    assert client.get(f"/api/v1/pages?modified_since={since}").json()["count"] == 1
    just_after = rfc3339(moment + timedelta(seconds=6))
    assert client.get(f"/api/v1/pages?modified_since={just_after}").json()["count"] == 0

    before = timezone.now()
    call = CallPageFactory(parent=call_index())
    calls = client.get(f"/api/v1/calls?modified_since={rfc3339(before)}").json()
    assert [item["id"] for item in calls["results"]] == [call.pk]
    calls = client.get(f"/api/v1/calls?modified_since={rfc3339(timezone.now())}").json()
    assert calls["count"] == 0


@pytest.mark.parametrize(
    "value",
    ["yesterday", "0.5", "2026-05-01", "2026-05-01T09:00:00", "9999-12-31T23:59:59-23:59"],
)
def test_modified_since_must_be_a_date_time_with_its_offset(client, value):
    response = client.get("/api/v1/pages", {"modified_since": value, "locale": "en"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_request"


def test_documents_and_images_in_restricted_collections_are_tombstones(client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, CollectionViewRestriction

    start = latest_id()
    public = Document(title="Viešas dokumentas")
    public.file.save("viesas.pdf", ContentFile(b"%PDF-1.4 viesas"), save=False)
    public.save()
    private = Collection.get_first_root_node().add_child(name="Vidiniai")
    inner = private.add_child(name="Dar giliau")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    secret = Document(title="Slaptas dokumentas", collection=inner)
    secret.file.save("slaptas.pdf", ContentFile(b"%PDF-1.4 slaptas"), save=False)
    secret.save()
    image = Image.objects.create(
        title="Slaptas vaizdas", file=get_test_image_file(), collection=private
    )
    response = client.get(f"{FEED}?after={start}&limit=100")
    assert "Slaptas" not in response.content.decode() and "slaptas" not in response.content.decode()
    items = {(item["type"], item["object_id"]): item for item in response.json()["results"]}
    shown = items["document", str(public.pk)]
    assert shown["url"] == f"http://testserver{public.url}" and not shown["tombstone"]
    assert shown["api_url"] == f"http://testserver/api/v2/documents/{public.pk}/"
    assert client.get(shown["api_url"]).status_code == 200
    for kind, item in (("document", secret), ("image", image)):
        tombstone = items[kind, str(item.pk)]
        assert (tombstone["kind"], tombstone["tombstone"], tombstone["url"]) == (
            "hidden",
            True,
            None,
        )
    # The collections and the restriction: changes of the whole site.
    assert {kind for kind, _ in items} == {"document", "image", "site"}


def test_a_legal_document_has_its_address_in_the_api_until_it_is_deleted(client):
    from .factories.strategy import LegalDocumentFactory

    start = latest_id()
    entry = LegalDocumentFactory(title="VVG įstatai")
    pk = entry.pk
    entry.delete()
    created, deleted = of(read_all(client, start), pk)
    assert created["type"] == "legal_document" and deleted["tombstone"] is True
    assert deleted["api_url"] is None and deleted["url"] is None
    # While it exists, the item names its own address in the API, which answers it.
    again = LegalDocumentFactory(title="Vidaus tvarkos taisyklės")
    (item,) = of(read_all(client, latest_id() - 1), again.pk)
    assert item["api_url"] == (
        f"http://testserver/api/v1/strategy/legal-documents/{again.pk}?locale=lt"
    )
    answer = client.get(item["api_url"])
    assert answer.status_code == 200 and answer.json()["title"] == "Vidaus tvarkos taisyklės"
