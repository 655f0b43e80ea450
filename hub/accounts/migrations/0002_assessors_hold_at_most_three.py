"""No assessor holds more than three assessments at a time ("a maximum of three per
social worker", the hub's practice guide). Any profile raised above three in the admin
comes back to three first, so the database can refuse more from now on."""

from django.db import migrations, models


def cap_at_three(apps, schema_editor):
    apps.get_model("accounts", "AssessorProfile").objects.filter(max_concurrent_assessments__gt=3).update(
        max_concurrent_assessments=3
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="assessorprofile",
            name="max_concurrent_assessments",
            field=models.PositiveSmallIntegerField(
                default=3,
                help_text="Up to the hub's maximum (HUB_MAX_ASSESSMENTS_PER_ASSESSOR, never more than 3); "
                "lower for someone part-time or new",
                verbose_name="Most assessments at a time",
            ),
        ),
        migrations.RunPython(cap_at_three, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="assessorprofile",
            constraint=models.CheckConstraint(
                condition=models.Q(("max_concurrent_assessments__lte", 3)),
                name="assessor_profile_at_most_three_at_a_time",
            ),
        ),
    ]
