from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from portal.models import IntroBodyPage
from portal.navigation import private_pages_q
from portal.registry import find_section_page, home_sections
from portal.schedule import visible


class HomePage(IntroBodyPage):
    """The front page of one language version of the site."""

    hero_kicker = models.CharField(_("hero kicker"), max_length=120, blank=True)
    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_lead = models.TextField(_("hero text"), max_length=600, blank=True)
    hero_cta_label = models.CharField(
        _("invitation button label"),
        max_length=80,
        blank=True,
        help_text=_("Shown as a button to the ideas page when that page exists."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_kicker"),
                FieldPanel("hero_title"),
                FieldPanel("hero_lead"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *IntroBodyPage.search_fields,
        index.SearchField("hero_title", boost=2),
        index.SearchField("hero_lead"),
    ]
    api_fields = [
        APIField("hero_kicker"),
        APIField("hero_title"),
        APIField("hero_lead"),
        APIField("hero_cta_label"),
        *IntroBodyPage.api_fields,
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ideas_page"] = find_section_page("ideas", self.locale_id)
        sections = []
        for _name, build_section in home_sections.items():
            section = build_section(request, self)
            if section is not None:
                sections.append(section)
        context["sections"] = sections
        ages = [section.max_age for section in sections if section.max_age is not None]
        request._portal_home_max_age = min(ages) if ages else None
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        max_age = getattr(request, "_portal_home_max_age", None)
        if max_age is not None:
            patch_cache_control(response, max_age=max_age)
        return response


class ContentPage(IntroBodyPage):
    """A general page: about the VVG, the community, the accessibility statement, privacy."""

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only content pages can be children, so one query fetches them with their own fields.
        # numchild counts drafts too: a page without any child needs no query at all.
        context["child_pages"] = (
            visible(ContentPage.objects.child_of(self)).exclude(private_pages_q())
            if self.numchild
            else []
        )
        return context
