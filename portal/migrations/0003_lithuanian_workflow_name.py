"""Wagtail names its default workflow and task "Moderators approval" in English; the admin shows
that name to editors in "Pateikti tvirtinti (…)". Give them the Lithuanian name."""

from django.db import migrations

ENGLISH = "Moderators approval"
LITHUANIAN = "Moderatorių patvirtinimas"


def rename(apps, old, new):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def to_lithuanian(apps, schema_editor):
    rename(apps, ENGLISH, LITHUANIAN)


def to_english(apps, schema_editor):
    rename(apps, LITHUANIAN, ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_ledger_of_visible_changes"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_lithuanian, to_english)]
