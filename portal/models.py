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
    """For a page of which each language version has exactly one (the calls page, ...); plugins
    register such pages by name (portal.registry.section_pages, find_section_page)."""


class Change(models.Model):
    """One change that a visitor could see: the ledger of visible changes (portal/ledger.py).

    Written in the same transaction as the change itself. Its latest id is the content version
    that every cache key carries (portal/cache.py); the API's change feed, webhooks and
    residents' alerts read it in id order, so a cursor on `id` never skips a row. `at` is when
    the change took effect: for a scheduled expiry, the expiry moment itself.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        PUBLISHED = "published", _("published")
        CHANGED = "changed", _("changed")
        MOVED = "moved", _("moved")
        UNPUBLISHED = "unpublished", _("unpublished")
        EXPIRED = "expired", _("expired")
        DELETED = "deleted", _("deleted")
        REINDEXED = "reindexed", _("search index rebuilt")

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind of change"), max_length=20, choices=Kind.choices)
    # Empty only for changes of the whole site (a rebuilt search index).
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    translation_key = models.UUIDField(_("translation key"), null=True, blank=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("visible change")
        verbose_name_plural = _("visible changes")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["at", "id"], name="portal_change_at_id"),
            models.Index(fields=["content_type", "object_id"], name="portal_change_object"),
        ]
        constraints = [
            # An expiry is recorded once, whichever process notices it first.
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "at"],
                condition=models.Q(kind="expired"),
                name="portal_change_one_row_per_scheduled_moment",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.kind} {self.content_type_id}:{self.object_id} at {self.at}"


class ChangeReader(models.Model):
    """How far one reader of the ledger of visible changes has read (residents' alerts, the
    answers to idea authors): the id of the last row it has handled. See
    portal.changes.read_changes."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    last_change_id = models.BigIntegerField(_("last change read"), default=0)

    class Meta:
        verbose_name = _("reader of visible changes")
        verbose_name_plural = _("readers of visible changes")

    def __str__(self):
        return f"{self.name} @ {self.last_change_id}"

    def changes_what_visitors_see(self) -> bool:
        """Nothing any visitor sees (portal/ledger.py)."""
        return False
