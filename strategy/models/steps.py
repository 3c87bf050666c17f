"""The steps taken to prepare the strategy: meetings, consultations, the survey, proposals, ..."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin


class StepKind(models.TextChoices):
    RESIDENT_MEETING = "resident_meeting", _("Meeting with residents")
    INSTITUTIONS = "institutions", _("Consultation with local institutions")
    ORGANISATIONS = "organisations", _("Talks with organisations")
    OTHER_LAGS = "other_lags", _("Learning from other LAGs")
    SURVEY = "survey", _("Survey")
    PROPOSALS = "proposals", _("Project proposals")
    PUBLICITY = "publicity", _("Publicity")
    OTHER = "other", _("Other")


# Kinds of step where people met: their counts are meeting participants.
MEETING_KINDS = frozenset(
    {StepKind.RESIDENT_MEETING, StepKind.INSTITUTIONS, StepKind.ORGANISATIONS, StepKind.OTHER_LAGS}
)

COUNT_LABELS = {
    StepKind.SURVEY: _("Respondents"),
    StepKind.PROPOSALS: _("Proposals received"),
    StepKind.PUBLICITY: _("People reached"),
}


class PreparationStep(TranslatableMixin, Orderable):
    """One step of preparing the strategy, kept on the strategy page in the editors' order."""

    page = ParentalKey("strategy.StrategyPage", on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("The day, or the first day of a period.")
    )
    ended_on = models.DateField(
        _("end of the period"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a single day."),
    )
    participant_count = models.PositiveIntegerField(
        _("count"),
        null=True,
        blank=True,
        help_text=_(
            "Participants, survey respondents or proposals received, where a count applies. "
            "The key figures are computed from these counts."
        ),
    )
    meeting_count = models.PositiveIntegerField(
        _("number of meetings"),
        null=True,
        blank=True,
        help_text=_("How many meetings or events this step comprised, if known."),
    )
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        verbose_name=_("documents"),
        blank=True,
        help_text=_("Minutes, a survey summary or other documents of this step."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
        FieldRowPanel([FieldPanel("participant_count"), FieldPanel("meeting_count")]),
        FieldPanel("documents"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("preparation step")
        verbose_name_plural = _("preparation steps")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The period cannot end before it starts.")})
        if self.ended_on and not self.started_on:
            raise ValidationError({"started_on": _("Give the first day of the period too.")})

    @property
    def is_period(self) -> bool:
        return bool(self.started_on and self.ended_on and self.ended_on != self.started_on)

    @property
    def count_label(self):
        if self.kind in MEETING_KINDS:
            return _("Participants")
        return COUNT_LABELS.get(self.kind, _("Count"))

    def document_ids(self) -> list[int]:
        return [
            block["value"]
            for block in self.documents.raw_data
            if block.get("type") == "document" and block.get("value")
        ]


def attach_step_documents(steps) -> list[PreparationStep]:
    """
    Give each step its `document_list`, fetching every step's documents in one query (none when
    no step has documents) instead of one query per step's StreamField.
    """
    steps = list(steps)
    wanted = {pk for step in steps for pk in step.document_ids()}
    documents = get_document_model().objects.in_bulk(wanted) if wanted else {}
    for step in steps:
        step.document_list = [documents[pk] for pk in step.document_ids() if pk in documents]
    return steps
