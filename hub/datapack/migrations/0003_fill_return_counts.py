"""Count the pack's figures for the returns imported before they were stored with each return.

The same counting as the import (`figures.authority_year` over the return's children,
streamed in child order), on the historical models. Reversing leaves nothing to undo:
the column goes with 0002.
"""

from django.db import migrations

from hub.datapack import figures

CHUNK = 5_000


def fill_counts(apps, schema_editor):
    Return = apps.get_model("datapack", "Return")
    ReturnChild = apps.get_model("datapack", "ReturnChild")
    Episode = apps.get_model("datapack", "Episode")
    for ssda_return in Return.objects.iterator():
        births = dict(ReturnChild.objects.filter(ssda903_return=ssda_return).values_list("child", "dob"))
        rows = (
            Episode.objects.filter(ssda903_return=ssda_return)
            .order_by("child", "decom")
            .values_list("child", "decom", "dec", "rne", "ls", "place", "rec")
            .iterator(chunk_size=CHUNK)
        )
        tally = figures.authority_year(figures.children(births, rows), authority="", code="", year=ssda_return.year)
        ssda_return.counts = tally.counts()
        ssda_return.save(update_fields=["counts"])


class Migration(migrations.Migration):
    dependencies = [
        ("datapack", "0002_return_counts"),
    ]

    operations = [
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]
