"""The hub's starting retention periods. The data protection officer can change them as data."""

from django.db import migrations

POLICIES = [
    (
        "referral-draft",
        "A referral started but never submitted",
        365,
        "the last change to the draft",
        "Not needed once abandoned: UK GDPR Article 5(1)(e), storage limitation",
    ),
    (
        "referral-declined",
        "A referral the hub declined",
        6 * 365 + 2,
        "the date the hub declined it",
        "Limitation period for a claim about the decision (Limitation Act 1980 s.2)",
    ),
    (
        "referral-accepted",
        "A referral the hub accepted, with its assessments",
        25 * 365 + 6,
        "the date the hub accepted it",
        "Records of court-directed assessments of children: kept to the youngest child's adulthood and beyond, "
        "to be confirmed by the data protection officer against the local authorities' schedules",
    ),
    (
        "access-log",
        "An entry in the log of who saw a child's records",
        7 * 365 + 2,
        "the moment of access",
        "Evidence of access for complaints and audits (ASVS V16)",
    ),
]


def seed(apps, schema_editor):
    RetentionPolicy = apps.get_model("privacy", "RetentionPolicy")
    for kind, description, days, counted_from, basis in POLICIES:
        RetentionPolicy.objects.update_or_create(
            record_kind=kind,
            defaults={"description": description, "retain_for_days": days, "counted_from": counted_from, "basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
