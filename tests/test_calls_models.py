"""Call pages: where they live, how editors fill them in, validation, workflow, translation."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import TranslationSource

from calls.models import CallEvent, CallIndexPage, CallMeasure, CallPage
from calls.status import CALL_TIME_ZONE
from home.models import ContentPage, HomePage

from .factories.calls import CallPageFactory, call_index, make_measure

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment, CALL_TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def call_form_data(call, **changes):
    """What the page editor posts for a call (StreamFields and inlines spelled out)."""
    data = {
        "title": call.title,
        "slug": call.slug,
        "call_number": call.call_number,
        "selection_method": call.selection_method,
        "support_form": call.support_form,
        "intro": call.intro,
        "opens_at": local(call.opens_at),
        "closes_at": local(call.closes_at),
        "budget": str(call.budget),
        "max_grant": str(call.max_grant),
        "min_grant": str(call.min_grant or ""),
        "co_funding_rate": str(call.co_funding_rate),
        "own_contribution": call.own_contribution,
        "eligible_applicants": rich_text("<p>Nevyriausybinės organizacijos.</p>"),
        "eligible_partners": rich_text(""),
        "eligible_activities": rich_text(""),
        "target_groups": rich_text(""),
        "requirements": rich_text(""),
        "body": streamfield([]),
        "contacts": streamfield([]),
        "questions": streamfield([]),
        "criteria": streamfield([]),
        "funded_projects": streamfield([]),
        "reserve_projects": streamfield([]),
        "measure_links": inline_formset([]),
        "documents": inline_formset([]),
        "events": inline_formset([]),
        "proposals_received": "",
        "amount_requested": "",
        "results_published_at": "",
        "decision_document": "",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("administratore", "", "slaptazodis-123")
    client.force_login(user)
    return client


@pytest.fixture
def call():
    return CallPageFactory(parent=call_index("lt"), slug="redaguojamas")


class CallPageRulesTests(WagtailPageTestCase):
    def test_calls_live_under_the_calls_page_only(self):
        self.assertAllowedParentPageTypes(CallPage, {CallIndexPage})
        self.assertAllowedSubpageTypes(CallIndexPage, {CallPage})
        self.assertAllowedSubpageTypes(CallPage, set())
        self.assertCanCreateAt(CallIndexPage, CallPage)
        self.assertCanNotCreateAt(HomePage, CallPage)
        self.assertCanNotCreateAt(ContentPage, CallPage)

    def test_call_page_is_routable_renderable_editable_and_previewable(self):
        call = CallPageFactory(parent=call_index("lt"), slug="taisykles")
        self.login()
        self.assertPageIsRoutable(call)
        self.assertPageIsRoutable(call, "ics/")
        self.assertPageIsRenderable(call)
        self.assertPageIsEditable(call, post_data=call_form_data(call))
        self.assertPageIsPreviewable(call, post_data=call_form_data(call))
        index = call_index("lt")
        self.assertPageIsRoutable(index, "rss/")
        self.assertPageIsRoutable(index, "ics/")


def test_editor_sees_the_five_tabs_in_lithuanian(admin_client, call):
    html = admin_client.get(f"/admin/pages/{call.pk}/edit/").content.decode()
    for tab in ("Pagrindinė informacija", "Sąlygos", "Dokumentai", "D.U.K.", "Rezultatai"):
        assert f">{tab}<" in html or f">\n{tab}" in html or tab in html, tab
    for label in ("Kvietimo Nr.", "Teikiama nuo", "Teikiama iki", "Kvietimo finansavimo suma"):
        assert label.lower() in html.lower(), label
    assert 'id="id_go_live_at"' in html  # the publishing schedule


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"opens_at": "2026-05-10 09:00", "closes_at": "2026-05-01 16:00"},
            "closes_at",
            "Paraiškų teikimo pabaiga turi būti vėlesnė už pradžią.",
        ),
        (
            {"budget": "10000.00", "max_grant": "12000.00"},
            "max_grant",
            "Didžiausia suma projektui negali viršyti kvietimo finansavimo sumos.",
        ),
        (
            {"max_grant": "3000.00", "min_grant": "4000.00"},
            "min_grant",
            "Mažiausia suma projektui negali viršyti didžiausios sumos.",
        ),
        (
            {"co_funding_rate": "100.01"},
            "co_funding_rate",
            "Finansuojamoji dalis turi būti nuo 0 iki 100 procentų.",
        ),
        (
            {"co_funding_rate": "-1"},
            "co_funding_rate",
            "Finansuojamoji dalis turi būti nuo 0 iki 100 procentų.",
        ),
        (
            {
                "opens_at": "2026-05-01 09:00",
                "closes_at": "2026-06-01 16:00",
                "results_published_at": "2026-06-01 15:59",
            },
            "results_published_at",
            "Rezultatų negalima paskelbti anksčiau, nei baigiasi paraiškų teikimas "
            "(2026-06-01 16:00).",
        ),
        ({"slug": "rss"}, "slug", "„rss“ – kvietimų sklaidos kanalo adresas"),
        ({"slug": "ics"}, "slug", "„ics“ – kvietimų sklaidos kanalo adresas"),
    ],
)
def test_editor_sees_each_error_next_to_its_field(admin_client, call, changes, field, message):
    response = admin_client.post(f"/admin/pages/{call.pk}/edit/", call_form_data(call, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors.get(field, [])), form.errors
    # Only that field is at fault, and the page shows the message.
    assert set(form.errors) == {field}
    assert message.split("(")[0].strip() in response.content.decode()


def test_event_ending_before_it_starts_is_an_error_on_its_end(admin_client, call):
    events = inline_formset(
        [
            {
                "title": "Informacinis renginys",
                "starts_at": "2026-05-10 17:00",
                "ends_at": "2026-05-10 16:00",
                "place": "Kultūros centras",
                "url": "",
            }
        ]
    )
    response = admin_client.post(
        f"/admin/pages/{call.pk}/edit/", call_form_data(call, events=events)
    )
    assert response.status_code == 200
    event_form = response.context["form"].formsets["events"].forms[0]
    assert event_form.errors["ends_at"] == ["Renginio pabaiga turi būti vėlesnė už pradžią."]


def test_valid_edit_is_saved_with_money_as_two_place_decimals(admin_client, call):
    response = admin_client.post(
        f"/admin/pages/{call.pk}/edit/",
        call_form_data(call, budget="12345.6", max_grant="2000", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.budget == Decimal("12345.60")
    assert str(call.budget) == "12345.60"


def test_model_validation_also_guards_saves_in_code(call):
    call.closes_at = call.opens_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        call.save()
    assert "closes_at" in error.value.message_dict


def test_calls_go_through_the_moderation_workflow():
    workflow = call_index("lt").get_workflow()
    assert workflow is not None and workflow.active
    editor = get_user_model().objects.create_user("redaktore", password="slaptazodis-123")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = get_user_model().objects.create_user("moderatore", password="slaptazodis-123")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    call = CallPageFactory.build(slug="moderuojamas", live=False)
    call_index("lt").add_child(instance=call)
    call.save_revision(user=editor)
    assert not call.permissions_for_user(editor).can_publish()
    workflow.start(call, editor)
    call.refresh_from_db()
    assert call.workflow_in_progress and not call.live

    state = call.current_workflow_task_state
    state.task.specific.on_action(state, moderator, "approve")
    call.refresh_from_db()
    assert call.live


def test_a_call_can_be_scheduled_to_go_live(client):
    go_live = timezone.now() + timedelta(days=2)
    call = CallPageFactory.build(slug="suplanuotas", live=False)
    call_index("lt").add_child(instance=call)
    call.go_live_at = go_live
    call.save_revision().publish()
    call.refresh_from_db()
    assert not call.live
    assert client.get("/kvietimai/suplanuotas/").status_code == 404
    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
        call.refresh_from_db()
        assert call.live
        assert client.get("/kvietimai/suplanuotas/").status_code == 200


def test_english_translation_links_the_english_measure():
    measure_lt = make_measure("9.1", "lt", "Bendruomenės veikla")
    measure_en = make_measure("9.1", "en", "Community activities", source=measure_lt)
    call = CallPageFactory(
        parent=call_index("lt"), slug="verciamas", opens_at=timezone.now().replace(microsecond=0)
    )
    call.measure_links = [CallMeasure(measure=measure_lt)]
    call.events = [
        CallEvent(title="Susitikimas", starts_at=call.opens_at, place="Kultūros centras")
    ]
    call.save_revision().publish()

    source, _ = TranslationSource.get_or_create_from_instance(call)
    source.create_or_update_translation(Locale.objects.get(language_code="en"), fallback=True)
    english = call.get_translation(Locale.objects.get(language_code="en")).specific
    assert [link.measure for link in english.measure_links.all()] == [measure_en]
    event = english.events.get()
    assert event.locale.language_code == "en"
    assert event.translation_key == call.events.get().translation_key
    assert event.starts_at == call.opens_at


def test_english_demo_calls_link_english_measures_and_events():
    for call in CallPage.objects.filter(locale__language_code="en"):
        assert all(link.measure.locale_id == call.locale_id for link in call.measure_links.all())
        assert all(event.locale_id == call.locale_id for event in call.events.all())
    english_events = CallEvent.objects.filter(locale__language_code="en")
    assert {"Information event for applicants"} <= set(
        english_events.values_list("title", flat=True)
    )


def test_demo_calls_are_labelled_examples_with_an_open_one_and_published_results():
    calls = list(CallPage.objects.live().filter(locale__language_code="lt"))
    assert len(calls) == 3
    assert all(call.title.startswith("Pavyzdys: ") for call in calls)
    statuses = {call.status for call in calls}
    assert {"open", "upcoming", "results_published"} <= {str(s) for s in statuses}
    closed = next(call for call in calls if call.status == "results_published")
    assert len(closed.funded_projects) >= 3
    assert sum(p.value["amount"] for p in closed.funded_projects) <= closed.budget
    assert all(call.translation_key for call in calls)
    assert (
        Page.objects.filter(
            translation_key__in=[c.translation_key for c in calls], locale__language_code="en"
        ).count()
        == 3
    )
