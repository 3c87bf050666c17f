"""
The register of legal acts and documents that govern the VVG.

Entries are translatable snippets, not rows inside the documents page: the register grows to
dozens of acts that editors find, filter and update one at a time (a new consolidated version,
a new internal rule) without opening and republishing the page; each entry is translated on
its own; and an entry keeps a stable identity (`translation_key`) that the API and other parts
of the portal can refer to. The documents page only presents the entries of its language.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .structure import locale_filter


class LegalDocumentKind(models.TextChoices):
    # In the order the register shows its groups, as on the client's page.
    LITHUANIAN = "lt_act", _("Lithuanian legal act")
    EU = "eu", _("EU regulation or document")
    VVG = "vvg", _("VVG document")


GROUP_HEADINGS = {
    LegalDocumentKind.LITHUANIAN: _("Lithuanian legal acts"),
    LegalDocumentKind.EU: _("European Union documents"),
    LegalDocumentKind.VVG: _("VVG documents"),
}


class LegalDocumentQuerySet(models.QuerySet):
    def for_locale(self, locale):
        """One language's register with its files, groups in the order the page shows them."""
        group_order = models.Case(
            *(
                models.When(kind=value, then=models.Value(position))
                for position, value in enumerate(LegalDocumentKind.values)
            ),
            default=models.Value(len(LegalDocumentKind.values)),
            output_field=models.IntegerField(),
        )
        return (
            self.filter(**locale_filter(locale))
            .select_related("document")
            .order_by(group_order, "sort_order", "-adopted_on", "title", "pk")
        )


class LegalDocument(TranslatableMixin, index.Indexed, models.Model):
    """A legal act or document in the register: what it is, who adopted it, where to read it."""

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=LegalDocumentKind.choices)
    issuer = models.CharField(
        _("issuer"),
        max_length=255,
        blank=True,
        help_text=_("Who adopted it, e.g. the European Parliament and the Council."),
    )
    number = models.CharField(_("number"), max_length=100, blank=True)
    adopted_on = models.DateField(_("adoption date"), null=True, blank=True)
    official_url = models.URLField(
        _("official link"),
        max_length=500,
        blank=True,
        help_text=_("e-TAR for Lithuanian legal acts, EUR-Lex for EU acts."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: an uploaded copy, e.g. a VVG document that is not published elsewhere."
        ),
    )
    consolidated_on = models.DateField(
        _("consolidated version checked on"),
        null=True,
        blank=True,
        help_text=_("The date of the consolidated version that was last checked."),
    )
    summary = models.TextField(
        _("plain-language summary"),
        blank=True,
        help_text=_("What the document means for the VVG and for residents, in a few sentences."),
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first within a group.")
    )

    objects = LegalDocumentQuerySet.as_manager()

    # An act's number is the same in every language; its link may differ (EUR-Lex has one
    # page per language), so translators may override it.
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("official_url", overridable=True),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("number"), FieldPanel("adopted_on")]),
            ],
            heading=_("Adoption"),
        ),
        MultiFieldPanel(
            [FieldPanel("official_url"), FieldPanel("consolidated_on"), FieldPanel("document")],
            heading=_("Where to read it"),
        ),
        FieldPanel("summary"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("number"),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("kind"),
        index.FilterField("id"),  # modified_since in search (search/query.py)
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["sort_order", "-adopted_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.official_url and not self.document_id:
            message = _("Give an official link, a file or both.")
            raise ValidationError({"official_url": message, "document": message})


# Twenty-five entries a page keep the register light on a phone (about 20 KB of HTML) with
# the whole of a small register on one page.
REGISTER_PAGE_SIZE = 25


class _CountedPaginator(Paginator):
    """A paginator told how many entries there are (the register's counts give it), so it
    asks no count query of its own."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


def legal_register(locale, kind=None, year=None, page_number=None, per_page=REGISTER_PAGE_SIZE):
    """
    One page of the register as the documents page shows it, in two queries whatever its
    size: the counts by kind and by year of adoption (one grouped query, which also gives the
    paginator its count) and the page's entries with their files.

    {"groups": [{kind, heading, documents}] of this page, "counts": {kind: n} in the chosen
    year, "years": [(year, n)] of the chosen kind, newest first, "total": n of every kind in the
    chosen year, "page": the Django paginator page}. `kind` and `year` narrow the entries.
    """
    tally = (
        LegalDocument.objects.filter(**locale_filter(locale))
        .annotate(year=ExtractYear("adopted_on"))
        .values("kind", "year")
        .annotate(entries=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(LegalDocumentKind.values, 0)
    years = {}
    for row in tally:
        if year is None or row["year"] == year:
            counts[row["kind"]] = counts.get(row["kind"], 0) + row["entries"]
        if row["year"] is not None and (kind is None or row["kind"] == kind):
            years[row["year"]] = years.get(row["year"], 0) + row["entries"]
    entries = LegalDocument.objects.for_locale(locale)
    if kind:
        entries = entries.filter(kind=kind)
    if year is not None:
        entries = entries.filter(adopted_on__year=year)
    chosen = sum(
        row["entries"]
        for row in tally
        if (kind is None or row["kind"] == kind) and (year is None or row["year"] == year)
    )
    page = _CountedPaginator(entries, per_page, chosen).get_page(page_number)
    groups = []
    for entry in page.object_list:  # in the groups' order (for_locale)
        if not groups or groups[-1]["kind"] != entry.kind:
            heading = GROUP_HEADINGS.get(entry.kind, entry.get_kind_display())
            groups.append({"kind": entry.kind, "heading": heading, "documents": []})
        groups[-1]["documents"].append(entry)
    return {
        "groups": groups,
        "counts": counts,
        "years": sorted(years.items(), reverse=True),
        "total": sum(counts.values()),
        "page": page,
    }
