"""Background work for the data pack, run by the database task worker."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from hub.datapack import pack, selectors
from hub.datapack.models import PackExport

REGION = "All chosen authorities"


@task()
def pack_export_make(*, export_id: int) -> str:
    """Lay out one pack's PDF (WeasyPrint takes about half a minute for the whole country) and keep it."""
    export = PackExport.objects.get(pk=export_id)
    if export.made_at is not None:
        return "already made"
    authorities = list(export.authorities.order_by("name"))
    built = pack.build_pack(
        selectors.pack_figures(authorities), region=REGION, made_on=timezone.localdate(export.requested_at)
    )
    name = f"data-pack-placed-with-parents-{timezone.localdate(export.requested_at):%Y-%m-%d}-{export.pk}.pdf"
    export.file.save(name, ContentFile(pack.render_pdf(built)), save=False)
    export.made_at = timezone.now()
    export.save(update_fields=["file", "made_at"])
    return name
