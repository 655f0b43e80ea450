"""One name for one thing: an assessment's clock is a Clock (it was AssessmentTimescale),
reached as `assessment.clock`, and its pauses, extensions, events and reminders point at
it as `clock`. A timescale is the length a rule sets ("8 weeks"); the clock runs against it.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("timescales", "0004_rules_as_the_sources_state_them"),
    ]

    operations = [
        migrations.RenameModel("AssessmentTimescale", "Clock"),
        migrations.AlterField(
            model_name="clock",
            name="assessment",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="clock", to="assessments.assessment"
            ),
        ),
        migrations.RenameField("clockpause", "timescale", "clock"),
        migrations.RenameField("timescaleextension", "timescale", "clock"),
        migrations.RenameField("timescaleevent", "timescale", "clock"),
        migrations.RenameField("remindersent", "timescale", "clock"),
    ]
