"""Every accepted referral is filed with its family, so no page has to do it on a look.

Accepting a referral has filed it with its family since the triage service did
so; referrals accepted before then had their family made the first time someone
opened a workspace, which made a GET write. This files those once, by the same
rule as the service (a child matching by name and date of birth joins the
family of that child's referral; otherwise a new family).
"""

from django.db import migrations


def _key(name, born):
    return " ".join(name.split()).casefold(), born


def file_with_family(apps, schema_editor):
    Referral = apps.get_model("referrals", "Referral")
    Child = apps.get_model("referrals", "Child")
    Family = apps.get_model("workspace", "Family")
    FamilyReferral = apps.get_model("workspace", "FamilyReferral")
    family_by_child: dict = {}
    for link in FamilyReferral.objects.all():
        for child in Child.objects.filter(referral_id=link.referral_id, date_of_birth__isnull=False):
            family_by_child.setdefault(_key(child.full_name, child.date_of_birth), link.family_id)
    unfiled = Referral.objects.filter(status="accepted", family_link__isnull=True).order_by("id")
    for referral in unfiled:
        keys = [
            _key(child.full_name, child.date_of_birth)
            for child in Child.objects.filter(referral_id=referral.pk, date_of_birth__isnull=False)
        ]
        family_id = next((family_by_child[key] for key in keys if key in family_by_child), None)
        how = "matched"
        if family_id is None:
            family_id = Family.objects.create().pk
            how = "new"
        FamilyReferral.objects.create(family_id=family_id, referral_id=referral.pk, how=how)
        for key in keys:
            family_by_child.setdefault(key, family_id)


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0001_initial"),
        ("referrals", "0001_initial"),
    ]

    operations = [migrations.RunPython(file_with_family, migrations.RunPython.noop)]
