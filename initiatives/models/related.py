"""
What an initiative page holds in rows of its own: the strategy measures it serves, its progress
updates, what it adds to the strategy's indicators, its photos and documents, and the residents'
ideas it grew out of.

Measures, updates, contributions, photos and documents are translatable child objects (as in
calls/models/related.py): wagtail-localize gives the English initiative the English measure and
indicator and lets translators retitle texts, while dates, figures and files stay in step.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..ideas import idea_widget


class InitiativeMeasure(TranslatableMixin, Orderable):
    """A strategy measure (uždavinys) that the initiative carries out."""

    page = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="measure_links"
    )
    measure = models.ForeignKey(
        "strategy.Measure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="initiative_links",
    )

    panels = [FieldPanel("measure")]
    translatable_fields = [TranslatableField("measure")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("strategy measure")
        verbose_name_plural = _("strategy measures")

    def __str__(self):
        return str(self.measure)


def today():
    return timezone.localdate()


class ProgressUpdate(TranslatableMixin, Orderable):
    """A dated entry of the initiative's timeline: what happened, photos, the new progress."""

    page = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="progress_updates"
    )
    date = models.DateField(_("date"), default=today)
    text = models.TextField(_("what happened"), max_length=2000)
    progress = models.PositiveSmallIntegerField(
        _("progress now, %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, _("Progress is between 0 and 100 per cent."))],
        help_text=_("Optional. The latest update that gives a figure sets the progress shown."),
    )
    photos = StreamField(
        [("photo", ImageBlock(label=_("Photo")))], verbose_name=_("photos"), blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("progress")]),
        FieldPanel("text"),
        FieldPanel("photos"),
    ]
    translatable_fields = [
        TranslatableField("text"),
        SynchronizedField("date"),
        SynchronizedField("progress"),
        SynchronizedField("photos", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"

    def clean(self):
        super().clean()
        if self.date and self.date > today():
            raise ValidationError(
                {"date": _("An update tells what has happened: not a future date.")}
            )

    @property
    def photo_ids(self) -> list[int]:
        """The chosen images' ids, read from the stored data without a query."""
        ids = []
        for block in self.photos.raw_data:
            value = block.get("value") or {}
            image_id = value.get("image") if isinstance(value, dict) else value
            if image_id:
                ids.append(image_id)
        return ids


class IndicatorContribution(TranslatableMixin, Orderable):
    """How much the initiative adds to one of the strategy's indicators."""

    page = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="contributions"
    )
    indicator = models.ForeignKey(
        "strategy.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="initiative_contributions",
    )
    amount = models.DecimalField(
        _("amount achieved"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, _("The amount cannot be negative."))],
        help_text=_("In the indicator's unit, e.g. 35 people. Added to the strategy page."),
    )

    panels = [FieldRowPanel([FieldPanel("indicator"), FieldPanel("amount")])]
    translatable_fields = [TranslatableField("indicator"), SynchronizedField("amount")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("indicator contribution")
        verbose_name_plural = _("indicator contributions")

    def __str__(self):
        return f"{self.indicator}: {self.amount}"


class InitiativeImage(TranslatableMixin, Orderable):
    """A photo of the initiative's gallery."""

    page = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    translatable_fields = [
        TranslatableField("caption"),
        SynchronizedField("image", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or str(self.image)

    @property
    def alt_text(self) -> str:
        return self.caption or getattr(self.image, "default_alt_text", "") or self.image.title


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Funding agreement")
    REPORT = "report", _("Report")
    PUBLICITY = "publicity", _("Publicity material")
    OTHER = "other", _("Other document")


class InitiativeDocument(TranslatableMixin, Orderable):
    """A document of the initiative: its agreement, a report, a leaflet."""

    page = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.REPORT
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the document's own title."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]), FieldPanel("document")]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("kind"),
        SynchronizedField("document", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("initiative document")
        verbose_name_plural = _("initiative documents")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title


class InitiativeIdea(Orderable):
    """
    A resident's idea (engagement plugin) that led to the initiative.

    The idea's number is a plain integer, not a foreign key, so that both plugins stay
    removable: initiatives migrate and run without engagement, and engagement without them.
    """

    page = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="idea_links"
    )
    idea_id = models.PositiveIntegerField(
        _("idea"), help_text=_("A public idea from the idea wall (Gyventojų idėjos).")
    )

    panels = [FieldPanel("idea_id", widget=idea_widget())]

    class Meta(Orderable.Meta):
        verbose_name = _("resident's idea")
        verbose_name_plural = _("residents' ideas")

    def __str__(self):
        return f"#{self.idea_id}"
