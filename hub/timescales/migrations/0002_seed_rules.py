"""The hub's timescales and the statutory ones, from the source documents."""

from django.db import migrations

from hub.timescales.seeds import seed


def forwards(apps, schema_editor):
    seed(
        apps.get_model("timescales", "TimescaleRule"),
        apps.get_model("timescales", "TimescaleRuleVersion"),
        apps.get_model("timescales", "ReminderPoint"),
    )


class Migration(migrations.Migration):
    dependencies = [("timescales", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
