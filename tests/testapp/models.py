from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")

    api_fields = [APIField("label"), APIField("field_type"), APIField("required")]


class FormPage(AbstractEmailForm):
    """An editor-built form as a site would have one: staff addresses in to/from_address."""

    intro = models.TextField(blank=True)
    thank_you_text = models.TextField(blank=True)

    api_fields = [APIField("intro"), APIField("thank_you_text"), APIField("form_fields")]
    parent_page_types = ["home.HomePage"]
