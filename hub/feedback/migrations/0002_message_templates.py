"""The messages feedback sends, worded for an administrator to change in the admin."""

from django.db import migrations

from hub.feedback.message_templates import TEMPLATES


def add(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for template in TEMPLATES:
        MessageTemplate.objects.update_or_create(key=template["key"], defaults=template)


def remove(apps, schema_editor):
    apps.get_model("notifications", "MessageTemplate").objects.filter(
        key__in=[template["key"] for template in TEMPLATES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("notifications", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
