"""An initiative's progress and status rules, and what editors may save."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from initiatives.models import InitiativeIndexPage, InitiativePage, ProgressUpdate, grant_rate
from initiatives.progress import InitiativeStatus, initiative_progress, latest_reported

from .factories.calls import CallPageFactory, call_index
from .factories.initiatives import InitiativePageFactory, initiative_index, update

D = date(2025, 5, 1)


# initiative_progress(): the one rule ------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reported", "shown"),
    [
        (InitiativeStatus.PLANNED, None, 0),
        (InitiativeStatus.PLANNED, 10, 10),
        (InitiativeStatus.IN_PROGRESS, None, None),
        (InitiativeStatus.IN_PROGRESS, 0, 0),
        (InitiativeStatus.IN_PROGRESS, 1, 1),
        (InitiativeStatus.IN_PROGRESS, 99, 99),
        (InitiativeStatus.IN_PROGRESS, 100, 100),
        (InitiativeStatus.IN_PROGRESS, 101, 100),
        (InitiativeStatus.IN_PROGRESS, -1, 0),
        (InitiativeStatus.COMPLETED, None, 100),
        (InitiativeStatus.COMPLETED, 40, 100),
        (InitiativeStatus.CANCELLED, None, None),
        (InitiativeStatus.CANCELLED, 35, 35),
    ],
)
def test_progress_at_its_boundaries(status, reported, shown):
    assert initiative_progress(status, reported) == shown


def test_the_latest_update_that_gives_a_figure_sets_the_progress():
    assert latest_reported([]) is None
    assert latest_reported([update(D)]) is None
    updates = [update(D, 30), update(D + timedelta(days=1), 50), update(D + timedelta(days=2))]
    # The newest update gives no figure: the latest figure given still counts.
    assert latest_reported(updates) == 50
    # Order in the list does not matter; the date does, even when the figure goes down.
    assert latest_reported(reversed([*updates, update(D + timedelta(days=3), 20)])) == 20


def test_on_the_same_day_the_update_lower_in_the_editors_list_wins():
    first, second = update(D, 40, sort_order=0), update(D, 60, sort_order=1)
    assert latest_reported([second, first]) == 60
    same = [update(D, 70, sort_order=2, pk=1), update(D, 80, sort_order=2, pk=2)]
    assert latest_reported(same) == 80


@pytest.mark.django_db
def test_listing_annotation_and_page_agree_on_the_latest_update():
    from initiatives.listing import for_listing

    page = InitiativePageFactory(parent=initiative_index())
    page.progress_updates = [
        ProgressUpdate(date=D, progress=30, text="a"),
        ProgressUpdate(date=D, progress=60, text="b"),
        ProgressUpdate(date=D + timedelta(days=1), text="c"),
        ProgressUpdate(date=D - timedelta(days=1), progress=90, text="d"),
    ]
    page.save()
    fresh = InitiativePage.objects.get(pk=page.pk)
    annotated = for_listing(InitiativePage.objects.filter(pk=page.pk)).get()
    assert fresh.progress == annotated.progress == 60
    assert annotated.last_update_on == D + timedelta(days=1)


def test_grant_rate_and_co_funding():
    page = InitiativePage(total_value=Decimal("8421.05"), grant=Decimal("8000.00"))
    assert page.co_funding == Decimal("421.05")
    assert page.co_funding_rate == Decimal("95.00")
    assert grant_rate(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert grant_rate(Decimal("2"), Decimal("3")) == Decimal("66.67")
    assert grant_rate(Decimal("1"), Decimal("0")) is None


# What editors may save --------------------------------------------------------------------


def errors_of(page):
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return raised.value.message_dict


@pytest.mark.django_db
def test_validation_errors_are_next_to_their_fields(lt):
    index = initiative_index()
    base = {
        "title": "Bandymas",
        "slug": "bandymas",
        "locale": lt,
        "beneficiary": "Bendruomenė",
        "total_value": Decimal("100"),
        "grant": Decimal("100"),
        "starts_on": D,
        "ends_on": D,
        "path": index.path + "9999",
        "depth": index.depth + 1,
    }
    InitiativePage(**base).full_clean()  # the grant may be the whole value; one-day period
    assert "grant" in errors_of(InitiativePage(**{**base, "grant": Decimal("100.01")}))
    assert "ends_on" in errors_of(InitiativePage(**{**base, "ends_on": D - timedelta(days=1)}))
    assert "longitude" in errors_of(InitiativePage(**base, latitude=Decimal("54.01")))
    assert "latitude" in errors_of(InitiativePage(**base, longitude=Decimal("23.97")))
    assert "latitude" in errors_of(
        InitiativePage(**base, latitude=Decimal("90.5"), longitude=Decimal("23"))
    )
    assert "longitude" in errors_of(
        InitiativePage(**base, latitude=Decimal("54"), longitude=Decimal("-180.1"))
    )
    for slug in ("csv", "suvestine", "summary"):
        assert "slug" in errors_of(InitiativePage(**{**base, "slug": slug}))
    english_call = CallPageFactory(parent=call_index("en"), locale=call_index("en").locale)
    assert "call" in errors_of(InitiativePage(**base, call=english_call))


@pytest.mark.django_db
def test_progress_updates_are_not_in_the_future_and_stay_within_100():
    today = timezone.localdate()
    ProgressUpdate(date=today, text="Šiandien", progress=100).clean_fields(exclude=["page"])
    ProgressUpdate(date=today, text="Šiandien").clean()
    with pytest.raises(ValidationError):
        ProgressUpdate(date=today + timedelta(days=1), text="Rytoj").clean()
    with pytest.raises(ValidationError):
        ProgressUpdate(date=today, text="Per daug", progress=101).clean_fields(exclude=["page"])
    assert ProgressUpdate(text="x").date == today  # staff need not type the date


class TestPageRules(WagtailPageTestCase):
    def test_where_initiatives_live(self):
        self.assertAllowedParentPageTypes(InitiativePage, {InitiativeIndexPage})
        self.assertAllowedSubpageTypes(InitiativePage, set())
        self.assertAllowedParentPageTypes(InitiativeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(InitiativeIndexPage, {InitiativePage})

    def test_initiatives_render_and_edit_in_the_admin(self):
        from engagement.models import Idea

        page = InitiativePage.objects.get(slug="kartu-pokalbiai")
        self.assertPageIsRenderable(page)
        self.assertPageIsEditable(page, post_data=initiative_form_data(page))
        self.assertPageIsPreviewable(page, post_data=initiative_form_data(page))
        # Editors pick the idea from the public ideas by its title.
        self.client.force_login(self.create_superuser("redaktore"))
        html = self.client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        idea = Idea.objects.get(title="Kaimynų šventė kiekviename mikrorajone")
        assert f'<option value="{idea.pk}" selected>#{idea.pk} {idea.title}</option>' in html
        assert f'value="{timezone.localdate().isoformat()}"' in html  # a new update's date


def initiative_form_data(page, updates=()):
    """What the page editor posts for an initiative: its fields, no rows but new updates."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        "title": page.title,
        "slug": page.slug,
        "beneficiary": page.beneficiary,
        "beneficiary_kind": page.beneficiary_kind,
        "intro": page.intro,
        "status": page.status,
        "project_number": page.project_number,
        "call": page.call_id or "",
        "total_value": str(page.total_value),
        "grant": str(page.grant),
        "starts_on": page.starts_on.isoformat(),
        "ends_on": page.ends_on.isoformat(),
        "body": streamfield([]),
        "address": page.address,
        "latitude": str(page.latitude or ""),
        "longitude": str(page.longitude or ""),
        "measure_links": inline_formset([]),
        "progress_updates": inline_formset(list(updates)),
        "contributions": inline_formset([]),
        "gallery_images": inline_formset([]),
        "documents": inline_formset([]),
        "idea_links": inline_formset([]),
    }
    return nested_form_data(data)


@pytest.mark.django_db
def test_staff_post_a_progress_update_in_one_form(client, django_user_model):
    from wagtail.test.utils.form_data import streamfield

    page = InitiativePageFactory(parent=initiative_index(), status="in_progress")
    client.force_login(django_user_model.objects.create_superuser("vvg", "vvg@example.org", "x"))
    today = timezone.localdate().isoformat()
    data = initiative_form_data(
        page,
        updates=[
            {
                "date": today,
                "text": "Baigėme pirmąjį etapą.",
                "progress": "70",
                "photos": streamfield([]),
            }
        ],
    )
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(page.url).content.decode()
    assert "Baigėme pirmąjį etapą." in html and "Pažanga: 70 %" in html
