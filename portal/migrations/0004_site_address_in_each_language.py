"""The footer's address in each language: the existing address becomes the Lithuanian one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_lithuanian_workflow_name"),
    ]

    operations = [
        migrations.RenameField(model_name="sitesettings", old_name="address", new_name="address_lt"),
        migrations.AlterField(
            model_name="sitesettings",
            name="address_lt",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="address in Lithuanian"
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="address_en",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to show the Lithuanian address on the English site too.",
                max_length=255,
                verbose_name="address in English",
            ),
        ),
    ]
