"""The initiatives' pages, CSV and API cost the same number of queries for 3 initiatives as for
100, and every page stays within the site's budget of 12."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from initiatives.models import (
    IndicatorContribution,
    InitiativeImage,
    InitiativeMeasure,
    InitiativePage,
    ProgressUpdate,
)
from strategy.models import Indicator

from .factories.calls import make_measure
from .factories.initiatives import InitiativePageFactory, initiative_index
from .queries import COLD_BUDGET, cold_queries

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 12
LISTINGS = [
    "/iniciatyvos/",
    "/iniciatyvos/?status=in_progress&measure=5.1&year=2025",
    "/en/initiatives/",
    "/iniciatyvos/?page=2",
    "/iniciatyvos/suvestine/",
    "/en/initiatives/summary/",
    "/",
    "/en/",
    "/strategija/",
    "/idejos/",
    "/iniciatyvos/csv/",
    "/en/initiatives/csv/?measure=5.1",
    "/iniciatyvos/markers/",
    "/iniciatyvos/markers/?status=in_progress",
    "/api/v1/initiatives",
    "/api/v1/initiatives?locale=en&limit=100&status=in_progress",
]
PAGES = LISTINGS[:10]


count_queries = cold_queries


@pytest.fixture
def measures():
    for page in InitiativePage.objects.all():
        page.delete()
    measure_lt = make_measure("5.1")
    return measure_lt, make_measure("5.1", "en", "Measure 5.1", source=measure_lt)


def add_initiatives(count, start, measure_lt, measure_en):
    """Initiatives in both languages, each with a measure, updates, a photo and a contribution."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Foto", file=get_test_image_file())
    indicators = {
        language: Indicator.objects.filter(locale__language_code=language).first()
        for language in ("lt", "en")
    }
    for n in range(start, start + count):
        for language, measure, prefix in (("lt", measure_lt, "i"), ("en", measure_en, "e")):
            index = initiative_index(language)
            page = InitiativePageFactory(
                parent=index,
                locale=index.locale,
                slug=f"{prefix}-{n}",
                title=f"Iniciatyva {n}",
                latitude=Decimal("54.01"),
                longitude=Decimal("23.97"),
                starts_on=date(2025, 1, 1) + timedelta(days=n),
            )
            page.measure_links = [InitiativeMeasure(measure=measure)]
            page.progress_updates = [
                ProgressUpdate(date=date(2025, 6, 1), progress=20, text="Pirma"),
                ProgressUpdate(date=date(2025, 7, 1), progress=50, text="Antra"),
            ]
            page.gallery_images = [InitiativeImage(image=image)]
            page.contributions = [
                IndicatorContribution(indicator=indicators[language], amount=Decimal("1"))
            ]
            page.save()


def test_listings_csv_and_api_do_not_grow_with_the_number_of_initiatives(client, measures):
    add_initiatives(3, 0, *measures)
    few = {path: count_queries(client, path) for path in LISTINGS}
    add_initiatives(97, 3, *measures)
    many = {path: count_queries(client, path) for path in LISTINGS}
    assert many == few
    # ... and they did list them all.
    assert client.get("/api/v1/initiatives?limit=100").json()["count"] == 100
    assert client.get("/iniciatyvos/csv/").content.decode().count("\r\n") == 101
    html = client.get("/iniciatyvos/").content.decode()
    assert "100 iniciatyvų" in html
    assert len(client.get("/iniciatyvos/markers/").json()) == 100


@pytest.mark.parametrize("path", PAGES)
def test_pages_stay_within_the_page_budget(client, measures, path):
    add_initiatives(15, 0, *measures)
    assert count_queries(client, path) <= PAGE_QUERY_BUDGET


@pytest.mark.parametrize(
    "path", ["/iniciatyvos/kartu-pokalbiai/", "/en/initiatives/exercise-groups-in-the-parks/"]
)
def test_initiative_page_stays_within_the_page_budget(client, path):
    assert count_queries(client, path) <= COLD_BUDGET


def test_initiative_page_queries_do_not_grow_with_its_updates_and_photos(client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    page = InitiativePage.objects.get(slug="kartu-pokalbiai")
    few = count_queries(client, page.url)
    images = [
        get_image_model().objects.create(title=f"Foto {n}", file=get_test_image_file())
        for n in range(6)
    ]
    for n in range(20):
        page.progress_updates.add(
            ProgressUpdate(
                date=date(2025, 1, 1) + timedelta(days=n),
                text=f"Naujiena {n}",
                photos=[("photo", {"image": images[n % 6], "alt_text": "", "decorative": False})],
            )
        )
    page.gallery_images = [InitiativeImage(image=image) for image in images]
    page.save_revision().publish()
    # The first view makes each photo's renditions (stored in the database for good, not
    # cached); from then on, every cold view costs what it cost before.
    client.get(page.url)
    assert count_queries(client, page.url) == few
    html = client.get(page.url).content.decode()
    assert html.count("Naujiena ") == 20
