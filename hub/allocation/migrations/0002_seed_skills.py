from django.db import migrations

# The hub's training offer (the practice guide); an administrator adds others.
SKILLS = [
    ("parentassess", "ParentAssess"),
    ("corambaaf_kinship", "CoramBAAF kinship"),
    ("lucy_faithfull", "Lucy Faithfull protective carers"),
    ("theraplay", "Theraplay"),
    ("family_time_observation", "Family time observation"),
]


def seed(apps, schema_editor):
    Skill = apps.get_model("allocation", "Skill")
    for code, name in SKILLS:
        Skill.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("allocation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
