"""
What a call page holds in rows of its own: the strategy measures it carries out, its documents
and its information events. They are translatable child objects, so wagtail-localize gives the
English call the English measure (a translatable snippet) and lets translators retitle
documents and events, while dates, places' links and files stay in step with the original.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class CallMeasure(TranslatableMixin, Orderable):
    """A link from a call to a measure of the strategy that it funds."""

    page = ParentalKey("calls.CallPage", on_delete=models.CASCADE, related_name="measure_links")
    measure = models.ForeignKey(
        "strategy.Measure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="call_links",
    )

    panels = [FieldPanel("measure")]
    translatable_fields = [TranslatableField("measure")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("strategy measure")
        verbose_name_plural = _("strategy measures")

    def __str__(self):
        return str(self.measure)


class DocumentKind(models.TextChoices):
    CONDITIONS = "conditions", _("Call conditions")
    APPLICATION_FORM = "application_form", _("Application form")
    ANNEX = "annex", _("Annex")
    OTHER = "other", _("Other document")


class CallDocument(TranslatableMixin, Orderable):
    """A document of the call: its conditions, the application form, an annex."""

    page = ParentalKey("calls.CallPage", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.CONDITIONS
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
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title


class CallEvent(TranslatableMixin, Orderable):
    """An information event about the call: a seminar, a consultation day, a webinar."""

    page = ParentalKey("calls.CallPage", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Address and room, if it meets.")
    )
    url = models.URLField(
        _("link"), blank=True, help_text=_("Registration or the online meeting's address.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("url"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("place"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
        SynchronizedField("url"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("information event")
        verbose_name_plural = _("information events")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
