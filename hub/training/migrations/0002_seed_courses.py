"""The courses the hub's sources name; administrators add others."""

from django.db import migrations

from hub.training.seeds import seed


def forwards(apps, schema_editor):
    seed(apps.get_model("training", "Course"))


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
