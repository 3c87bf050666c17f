"""Blocks of a call page: consultation contacts, questions and answers, criteria, results."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.blocks import ParagraphBlock


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role or topic"), max_length=160, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    hours = blocks.CharBlock(
        label=_("Consultation hours"),
        max_length=160,
        required=False,
        help_text=_("e.g. Mondays to Thursdays, 9:00–16:00"),
    )

    class Meta:
        icon = "user"
        label = _("Consultant")
        template = "calls/blocks/contact.html"
        preview_value = {
            "name": "Rūta Petrauskienė",
            "role": "VVG projektų vadovė",
            "email": "info@example.lt",
            "phone": "+370 600 00000",
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"), max_length=1000)
    answer = ParagraphBlock(label=_("Answer"))
    answered_on = blocks.DateBlock(label=_("Answered on"), required=False)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "calls/blocks/question.html"


class CriterionBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Criterion"), max_length=255)
    description = blocks.TextBlock(label=_("How it is scored"), max_length=1000, required=False)
    max_points = blocks.IntegerBlock(label=_("Maximum points"), min_value=0, max_value=1000)

    class Meta:
        icon = "list-ol"
        label = _("Evaluation criterion")


class ProjectResultBlock(blocks.StructBlock):
    applicant = blocks.CharBlock(label=_("Applicant"), max_length=255)
    project_title = blocks.CharBlock(label=_("Project title"), max_length=255)
    score = blocks.DecimalBlock(
        label=_("Score"), min_value=0, max_digits=6, decimal_places=2, required=False
    )
    amount = blocks.DecimalBlock(
        label=_("Amount, EUR"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Proposed for funding or, on the reserve list, requested."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Project")
