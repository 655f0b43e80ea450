"""Starting retention periods for the children in need, case-file audit and data pack records.

Created only where missing: a period the data protection officer has already set is kept.
"""

from django.db import migrations

POLICIES = [
    (
        "cin-child",
        "An authority's children in need record of a child, once every referral is closed",
        25 * 365 + 6,
        "the child's date of birth",
        "Children's social care records kept to the child's 25th birthday; the authority is the controller, "
        "to be confirmed by its data protection officer against its own schedule",
    ),
    (
        "caseaudit-programme",
        "A regional case-file audit programme, with its selections, audits and grades",
        6 * 365 + 2,
        "the programme's deadline",
        "Quality assurance evidence kept for six years after the audit, to be confirmed by the data protection officer",
    ),
    (
        "ssda903-return",
        "An authority's SSDA903 return imported for the regional data pack",
        5 * 365 + 1,
        "the moment it was imported",
        "Needed only for the data pack's comparison with recent years: UK GDPR Article 5(1)(e), storage "
        "limitation; the authority keeps its own return",
    ),
]


def seed(apps, schema_editor):
    RetentionPolicy = apps.get_model("privacy", "RetentionPolicy")
    for kind, description, days, counted_from, basis in POLICIES:
        RetentionPolicy.objects.get_or_create(
            record_kind=kind,
            defaults={"description": description, "retain_for_days": days, "counted_from": counted_from, "basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_seed_retention_policies")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
