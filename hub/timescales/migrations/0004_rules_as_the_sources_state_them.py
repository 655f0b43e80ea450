"""Every seeded rule quotes its source, and only "checks permitting" timescales pause.

The good practice event gives full fostering "10 weeks (checks permitting)"; parenting
(8 weeks, addendums included) and viability (2 weeks) have no such clause, yet they
were seeded as pausable. Existing databases get a new, unpausable version of those
rules (a change is a new version: a clock already running keeps its own until the
service manager applies the new one on the clock's page); a new database is seeded
right by 0002.
"""

from django.db import migrations

from hub.timescales.seeds import bring_up_to_date


def forwards(apps, schema_editor):
    bring_up_to_date(
        apps.get_model("timescales", "TimescaleRule"),
        apps.get_model("timescales", "TimescaleRuleVersion"),
        note='Not paused: the sources give this timescale no "checks permitting"; the court extends it instead',
    )


class Migration(migrations.Migration):
    dependencies = [("timescales", "0003_court_extensions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
