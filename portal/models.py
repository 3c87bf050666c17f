"""Site-wide settings and the abstract page that plugins build their pages on."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import BaseStreamBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, footer links and social media, edited under Settings in the admin."""

    # The address is written in each language ("Druskininkai, Lietuva" / "Druskininkai,
    # Lithuania"); `address` gives the one of the language being shown, so the footer, built
    # per language, needs to know nothing more. E-mail, phone and links are the same in both.
    address_lt = models.CharField(_("address in Lithuanian"), max_length=255, blank=True)
    address_en = models.CharField(
        _("address in English"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to show the Lithuanian address on the English site too."),
    )
    email = models.EmailField(_("public e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("address_lt"),
                FieldPanel("address_en"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [PageChooserPanel("accessibility_page"), PageChooserPanel("privacy_page")],
            heading=_("Footer links"),
            help_text=_("Choose the Lithuanian page; visitors see the page in their language."),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def address(self):
        """The address in the language being shown."""
        if translation.get_language() == "en" and self.address_en:
            return self.address_en
        return self.address_lt

    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


class IntroBodyPage(Page):
    """A page with a short plain-text introduction and a body built from the shared blocks."""

    def get_view_restrictions(self):
        # Wagtail looks up the page's and its ancestors' restrictions (two queries) on every
        # view. The cached paths of restricted pages and their aliases answer "none" without a
        # query for every page outside them; any other page gets Wagtail's own answer.
        from .navigation import view_restricted_paths

        paths = view_restricted_paths()
        if self.alias_of_id is None and not any(self.path.startswith(p) for p in paths):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1000,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        abstract = True

    @property
    def listing_summary(self):
        return self.search_description or self.intro


class SectionPageMixin:
    """For a page of which each language version has exactly one (the calls page, ...)."""

    @classmethod
    def find_for_locale(cls, locale):
        from .navigation import private_pages_q

        locale_id = getattr(locale, "pk", locale)
        pages = cls.objects.live().filter(locale_id=locale_id).exclude(private_pages_q())
        return pages.defer_streamfields().first()
