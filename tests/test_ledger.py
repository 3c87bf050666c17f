"""The ledger of visible changes (portal/ledger.py): one row for each change a visitor could
see, written with the change, none for what only editors see."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from portal.cache import content_version
from portal.models import Change

from .factories.calls import CallPageFactory, call_index
from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

Kind = Change.Kind


def rows_for(obj):
    content_type = (
        obj.content_type_id
        if hasattr(obj, "content_type_id")
        else ContentType.objects.get_for_model(obj).pk
    )
    return list(
        Change.objects.filter(content_type_id=content_type, object_id=str(obj.pk)).values_list(
            "kind", flat=True
        )
    )


def test_a_page_published_changed_moved_unpublished_and_deleted_leaves_one_row_each(home_lt):
    section = ContentPageFactory(parent=home_lt, slug="skyrius", title="Skyrius")
    page = ContentPageFactory(parent=home_lt, slug="puslapis", title="Puslapis", live=False)
    assert rows_for(page) == []  # a draft is nobody's business but the editors'
    page.save_revision().publish()
    assert rows_for(page) == [Kind.PUBLISHED]
    page.title = "Puslapis, pataisytas"
    page.save_revision().publish()
    assert rows_for(page) == [Kind.PUBLISHED, Kind.CHANGED]
    page.move(section, pos="last-child")
    assert rows_for(page) == [Kind.PUBLISHED, Kind.CHANGED, Kind.MOVED]
    page.refresh_from_db()
    page.unpublish()
    assert rows_for(page)[-1] == Kind.UNPUBLISHED
    page.save_revision().publish()
    section.refresh_from_db()
    section.delete()  # with the page below it
    assert rows_for(page)[-1] == Kind.DELETED
    assert rows_for(section)[-1] == Kind.DELETED


def test_moving_a_page_records_every_live_page_below_it(home_lt):
    section = ContentPageFactory(parent=home_lt, slug="skyrius", title="Skyrius")
    child = ContentPageFactory(parent=section, slug="vaikas", title="Vaikas")
    target = ContentPageFactory(parent=home_lt, slug="kitur", title="Kitur")
    section.move(target, pos="last-child")
    assert rows_for(section)[-1] == Kind.MOVED
    assert rows_for(child)[-1] == Kind.MOVED


def test_saving_a_draft_or_a_revision_records_nothing_and_keeps_every_cache(page_at):
    about = page_at("/apie/")
    before, version = Change.objects.count(), content_version()
    about.title = "Juodraštis"
    about.save_revision()  # "Save draft" in the admin
    about.get_latest_revision().save()
    assert Change.objects.count() == before
    assert content_version() == version


def test_a_previewed_draft_records_nothing(admin_client, page_at):
    about = page_at("/apie/")
    before = Change.objects.count()
    response = admin_client.post(
        f"/admin/pages/{about.pk}/edit/preview/",
        {"title": "Peržiūra", "slug": about.slug, "intro": "", "body-count": "0"},
    )
    assert response.status_code == 200
    assert admin_client.get(f"/admin/pages/{about.pk}/edit/preview/").status_code == 200
    assert Change.objects.count() == before


def test_a_page_and_its_inline_rows_saved_together_make_one_row(lt):
    from wagtail.documents.models import Document

    from calls.models import CallDocument

    document = Document.objects.create(title="Sąlygos")
    call = CallPageFactory(parent=call_index(), live=False)
    call.documents.add(CallDocument(document=document, title="Sąlygos", locale=lt))
    with transaction.atomic():
        call.save_revision().publish()
    assert rows_for(call) == [Kind.PUBLISHED]
    # An inline row saved on its own is recorded for its page.
    CallDocument.objects.filter(page=call).update(title="Pataisytos sąlygos")
    row = CallDocument.objects.get(page=call)
    row.save()
    assert rows_for(call) == [Kind.PUBLISHED, Kind.CHANGED]


def test_snippets_record_creation_change_and_deletion(lt):
    from strategy.models import Priority

    priority = Priority.objects.create(code="9", title="Bandomasis tikslas", locale=lt)
    priority.title = "Pataisytas tikslas"
    priority.save()
    pk = priority.pk
    priority.delete()
    priority.pk = pk
    assert rows_for(priority) == [Kind.CREATED, Kind.CHANGED, Kind.DELETED]
    row = Change.objects.filter(object_id=str(pk)).last()
    assert row.translation_key == priority.translation_key and row.locale_id == lt.pk


def test_a_rolled_back_change_leaves_no_row(home_lt):
    before = Change.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        ContentPageFactory(parent=home_lt, slug="atsauktas", title="Atšauktas")
        assert Change.objects.count() == before + 1  # written with the change ...
        raise RuntimeError
    assert Change.objects.count() == before  # ... and gone with it


def test_rows_are_in_id_order_and_the_cursor_never_goes_back(home_lt):
    first = Change.objects.order_by("-id").first()
    for n in range(3):
        ContentPageFactory(parent=home_lt, slug=f"eile-{n}", title=f"Eilė {n}")
    after = list(Change.objects.filter(id__gt=first.id).values_list("id", "at"))
    ids = [row_id for row_id, _ in after]
    assert ids == sorted(ids) and len(ids) == 3
    assert [at for _, at in after] == sorted(at for _, at in after)


def test_an_expiry_is_recorded_at_its_moment_once_and_publish_scheduled_still_runs():
    moment = timezone.now() + timedelta(hours=1)
    call = CallPageFactory(parent=call_index(), expire_at=moment)
    with time_machine.travel(moment - timedelta(seconds=1)):
        before = content_version()
        assert Kind.EXPIRED not in rows_for(call)
    with time_machine.travel(moment + timedelta(seconds=1)):
        # The first reader after the moment records it: the version changes at once.
        assert content_version() != before
        expired = Change.objects.get(kind=Kind.EXPIRED, object_id=str(call.pk))
        assert expired.at == moment
        content_version()
        call_command("publish_scheduled", verbosity=0)
        call.refresh_from_db()
        assert not call.live and call.expired
        # publish_scheduled found the row there: still one.
        assert rows_for(call).count(Kind.EXPIRED) == 1
        assert Kind.UNPUBLISHED not in rows_for(call)


def test_an_expiry_noticed_first_by_publish_scheduled_is_recorded_at_its_moment():
    moment = timezone.now() + timedelta(hours=1)
    call = CallPageFactory(parent=call_index(), expire_at=moment)
    with time_machine.travel(moment + timedelta(minutes=5)):
        call_command("publish_scheduled", verbosity=0)
    expired = Change.objects.get(kind=Kind.EXPIRED, object_id=str(call.pk))
    assert expired.at == moment


def test_a_moderated_idea_is_recorded_and_a_waiting_one_is_not():
    from engagement.models import IdeaStatus

    from .factories.engagement import IdeaFactory

    idea = IdeaFactory(status=IdeaStatus.NEW)
    assert rows_for(idea) == []
    idea.status = IdeaStatus.PUBLISHED
    idea.save()
    assert rows_for(idea) == [Kind.CHANGED]


def test_a_reader_starts_now_handles_each_later_row_once_and_keeps_its_place_on_failure(home_lt):
    from portal.changes import read_changes

    ContentPageFactory(parent=home_lt, slug="pries", title="Prieš")  # before the reader existed
    seen = []
    assert read_changes("test", seen.extend) == 0
    pages = [ContentPageFactory(parent=home_lt, slug=f"p{n}", title=f"P{n}") for n in range(5)]
    assert read_changes("test", seen.extend, batch=2) == 5
    assert [row.object_id for row in seen] == [str(page.pk) for page in pages]
    assert read_changes("test", seen.extend) == 0  # nothing twice

    def failing(rows):
        raise RuntimeError("mail server gone")

    ContentPageFactory(parent=home_lt, slug="po", title="Po")
    with pytest.raises(RuntimeError):
        read_changes("test", failing)
    assert read_changes("test", seen.extend) == 1  # the failed row is handled next time
    assert seen[-1].object_id == str(Change.objects.latest("id").object_id)
