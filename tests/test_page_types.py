"""Page-type rules and rendering, using Wagtail's own page test assertions."""

import pytest
from modelcluster.models import get_all_child_relations
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from calls.models import CallIndexPage
from engagement.models import IdeaPage
from home.models import ContentPage, HomePage
from initiatives.models import InitiativeIndexPage
from strategy.models import DocumentsPage, StrategyPage

from .factories.calls import CallIndexPageFactory
from .factories.engagement import IdeaPageFactory
from .factories.home import ContentPageFactory, HomePageFactory
from .factories.initiatives import InitiativeIndexPageFactory
from .factories.strategy import DocumentsPageFactory, StrategyPageFactory

SECTION_TYPES = [StrategyPage, DocumentsPage, CallIndexPage, InitiativeIndexPage, IdeaPage]


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_content_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_section_pages_live_directly_under_home(self):
        for model in SECTION_TYPES:
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertCanNotCreateAt(ContentPage, model)

    def test_section_pages_are_one_per_home(self):
        home = HomePage.objects.get(locale__language_code="lt")
        for model in SECTION_TYPES:
            assert not model.can_create_at(home), model

    def test_every_page_type_is_routable_renderable_and_editable(self):
        home = HomePage.objects.get(locale__language_code="lt")
        pages = [home, ContentPage.objects.filter(locale=home.locale).first()]
        pages += [model.objects.filter(locale=home.locale).first() for model in SECTION_TYPES]
        self.login()
        for page in pages:
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertPageIsEditable(page, post_data=edit_form_data(page))
            self.assertPageIsPreviewable(page, post_data=edit_form_data(page))


def edit_form_data(page):
    """What the page editor posts (StreamFields are built by JavaScript, so spell them out)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([("paragraph", rich_text("<p>Redaguotas tekstas.</p>"))]),
    }
    # Inline panels (a strategy page's steps, ...) post a formset, here an empty one.
    for relation in get_all_child_relations(page):
        data[relation.get_accessor_name()] = inline_formset([])
    if isinstance(page, HomePage):
        data.update(
            hero_kicker=page.hero_kicker,
            hero_title=page.hero_title,
            hero_lead=page.hero_lead,
            hero_cta_label=page.hero_cta_label,
        )
    return nested_form_data(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [
        ContentPageFactory,
        StrategyPageFactory,
        DocumentsPageFactory,
        CallIndexPageFactory,
        InitiativeIndexPageFactory,
        IdeaPageFactory,
    ],
)
def test_factories_build_pages_that_render(client, home_lt, factory):
    page = factory(parent=home_lt, slug="bandomasis")
    assert page.live
    response = client.get("/bandomasis/")
    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.django_db
def test_home_page_factory_builds_a_renderable_home():
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="kita-pradzia")
    assert HomePage.objects.filter(pk=home.pk, live=True).exists()
    assert home.hero_title in home.serve(_anonymous_request()).rendered_content


def _anonymous_request():
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lt", "en"])
def test_every_live_page_renders_in_its_language(client, language):
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code=language)
    assert pages.count() >= 11
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, page.url
        assert html.count("<h1") == 1, page.url
