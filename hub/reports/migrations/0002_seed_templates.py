"""The report templates the hub starts with (administrators edit them afterwards)."""

from django.db import migrations

from hub.reports.seeds import seed


def forwards(apps, schema_editor):
    seed(apps.get_model("reports", "ReportTemplate"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
