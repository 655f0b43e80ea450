"""The data pack's pages: thin, each checking who is asking before it reads anything."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hub.accounts.models import Organisation, Role, User
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.datapack import pack as documents
from hub.datapack import selectors, services
from hub.datapack.forms import PackForm, PopulationUploadForm, ReturnUploadForm
from hub.datapack.models import Episode

CHILDREN_PAGE_SIZE = 50
# A pack with more headline rows than this has its PDF laid out by the task worker:
# WeasyPrint takes about 30 ms a row (2 s for 60, half a minute for the country).
PDF_WHILE_YOU_WAIT_ROWS = 60
REGION = "All chosen authorities"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _refuse(request: HttpRequest, object_type: str) -> Http404:
    """The same 404 as a page that is not there, with the refusal logged."""
    access_record(request=request, action=AccessAction.REFUSED, object_type=object_type, object_id="")
    return Http404("No such page")


def _chosen(request: HttpRequest) -> tuple[PackForm, list[Organisation]]:
    available = selectors.authorities_with_returns()
    form = PackForm((request.POST if request.method == "POST" else request.GET) or None, authorities=available)
    chosen = list(form.cleaned_data["authorities"]) if form.is_valid() else []
    return form, chosen or list(available)


def _build(chosen: list[Organisation]) -> documents.Pack:
    return documents.build_pack(selectors.pack_figures(chosen), region=REGION, made_on=timezone.localdate())


def _codes(chosen: list[Organisation]) -> str:
    return ",".join(org.dfe_code for org in chosen)[:64]


def _collection_year_now() -> int:
    today = timezone.localdate()
    return today.year + (1 if today.month >= 4 else 0)


@login_required
def pack(request: HttpRequest) -> HttpResponse:
    """The figures for the chosen authorities, with their charts and downloads (aggregates only)."""
    user: User = request.user  # type: ignore[assignment]
    if not selectors.may_see_pack(user):
        raise _refuse(request, "data_pack")
    form, chosen = _chosen(request)
    built = _build(chosen)
    access_record(request=request, action=AccessAction.VIEW, object_type="data_pack", object_id=_codes(chosen))
    query = request.GET.urlencode()
    return render(
        request,
        "datapack/pack.html",
        {
            "form": form,
            "pack": built,
            "trend_chart": documents.svg_bar_chart(built.trend_chart()),
            "authority_chart": documents.svg_bar_chart(built.authority_chart(), width=560) if built.years else "",
            "breakdown_charts": [(b, documents.svg_bar_chart(built.breakdown_chart(b))) for b in built.breakdowns],
            "query": query,
            "suppression_note": documents.SUPPRESSION_NOTE,
            "definitions": documents.DEFINITIONS,
            "own_authority": selectors.authority_of(user),
            "may_upload_population": user.role == Role.SERVICE_MANAGER,
            "pdf_in_background": len(built.headline) > PDF_WHILE_YOU_WAIT_ROWS,
            "chosen_codes": [org.dfe_code for org in chosen] if form.is_bound else [],
        },
    )


@login_required
def pack_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The pack as a PDF or an Excel workbook, for the same authorities as the page."""
    user: User = request.user  # type: ignore[assignment]
    if fmt not in CONTENT_TYPES or not selectors.may_see_pack(user):
        raise _refuse(request, "data_pack")
    _form, chosen = _chosen(request)
    built = _build(chosen)
    body = documents.render_pdf(built) if fmt == "pdf" else documents.render_workbook(built)
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="data_pack", object_id=_codes(chosen))
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="data-pack-placed-with-parents-{stamp}.{fmt}"'
    return response


@login_required
@require_POST
def pack_export(request: HttpRequest) -> HttpResponse:
    """Ask the task worker for a large pack's PDF; the person is taken to where it appears when made."""
    user: User = request.user  # type: ignore[assignment]
    if not selectors.may_see_pack(user):
        raise _refuse(request, "data_pack")
    _form, chosen = _chosen(request)
    export = services.pack_export_request(by=user, authorities=chosen)
    access_record(request=request, action=AccessAction.CHANGE, object_type="data_pack_export", object_id=export.pk)
    return redirect("datapack:export", pk=export.pk)


@login_required
def pack_export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the person's own pack PDFs: being made, or ready to download."""
    user: User = request.user  # type: ignore[assignment]
    export = visible_or_404(request, selectors.pack_exports_of(user), pk=pk, object_type="data_pack_export")
    return render(
        request,
        "datapack/export.html",
        {"export": export, "authorities": list(export.authorities.order_by("name").values_list("name", flat=True))},
    )


@login_required
def pack_export_download(request: HttpRequest, pk: int) -> FileResponse:
    user: User = request.user  # type: ignore[assignment]
    export = selectors.pack_exports_of(user).filter(pk=pk).exclude(file="").first()
    if export is None:
        raise _refuse(request, "data_pack_export")
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="data_pack_export", object_id=export.pk)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=(export.file.name or "data-pack.pdf").rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES["pdf"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """An authority's people upload their SSDA903 files for a collection year; a bad row refuses the set whole."""
    user: User = request.user  # type: ignore[assignment]
    authority = selectors.authority_of(user)
    if authority is None:
        raise _refuse(request, "ssda903_return")
    form = ReturnUploadForm(request.POST or None, request.FILES or None, today_year=_collection_year_now())
    problems: list[services.Problem] = []
    if request.method == "POST" and form.is_valid():
        uploads = [services.Upload(name=f.name or "file", stream=f) for f in form.cleaned_data["csv_files"]]
        try:
            imported = services.return_import(
                authority=authority, year=form.cleaned_data["year"], uploads=uploads, by=user
            )
        except services.ReturnRefused as refused:
            problems = refused.problems
        else:
            access_record(
                request=request, action=AccessAction.CHANGE, object_type="ssda903_return", object_id=imported.pk
            )
            rows = imported.table_rows
            messages.success(
                request,
                f"{authority}'s return for the year ending 31 March {imported.year} was imported: "
                f"{rows.get('Header', 0):,} children and {rows.get('Episodes', 0):,} episodes",
            )
            return redirect("datapack:return", pk=imported.pk)
    extra_errors = (
        [
            {
                "message": f"The files were not imported: {len(problems)} problem{'s' if len(problems) != 1 else ''} "
                "(listed below). Nothing from them was saved.",
                "href": "#problems",
            }
        ]
        if problems
        else []
    )
    return render(
        request,
        "datapack/upload.html",
        {"form": form, "authority": authority, "problems": problems, "extra_errors": extra_errors},
    )


@login_required
def returns(request: HttpRequest) -> HttpResponse:
    """An authority's own returns (regional users see no child's row: the same 404 as a page that is not there)."""
    user: User = request.user  # type: ignore[assignment]
    authority = selectors.authority_of(user)
    if authority is None:
        raise _refuse(request, "ssda903_return")
    visible = selectors.returns_visible_to(user).order_by("-year")
    access_record(request=request, action=AccessAction.SEARCH, object_type="ssda903_return", object_id="list")
    return render(request, "datapack/returns.html", {"returns": visible, "authority": authority})


def _episodes_by_child(episodes: QuerySet[Episode]) -> dict[str, list[Episode]]:
    grouped: dict[str, list[Episode]] = {}
    for episode in episodes:
        grouped.setdefault(episode.child, []).append(episode)
    return grouped


@login_required
def return_children(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the authority's own returns, child by child with their episodes (access logged)."""
    user: User = request.user  # type: ignore[assignment]
    ssda_return = visible_or_404(request, selectors.returns_visible_to(user), pk=pk, object_type="ssda903_return")
    page = Paginator(ssda_return.children.order_by("child"), CHILDREN_PAGE_SIZE).get_page(request.GET.get("page"))
    on_page = [child.child for child in page.object_list]
    episodes = _episodes_by_child(ssda_return.episodes.filter(child__in=on_page).order_by("child", "decom"))
    rows = [(child, episodes.get(child.child, [])) for child in page.object_list]
    return render(
        request,
        "datapack/return.html",
        {
            "ssda_return": ssda_return,
            "page": page,
            "rows": rows,
            "year_end": datetime.date(ssda_return.year, 3, 31),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def population(request: HttpRequest) -> HttpResponse:
    """The hub's service manager supplies the authorities' populations aged 0 to 17, for the rates."""
    user: User = request.user  # type: ignore[assignment]
    if user.role != Role.SERVICE_MANAGER:
        raise _refuse(request, "population")
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    problems: list[services.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.populations_import(stream=upload, name=upload.name or "population file")
        except services.ReturnRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, f"{count} population figure{'s' if count != 1 else ''} saved")
            return redirect("datapack:pack")
    extra_errors = (
        [{"message": f"The file was not imported: {len(problems)} problem(s), listed below.", "href": "#problems"}]
        if problems
        else []
    )
    return render(
        request, "datapack/population.html", {"form": form, "problems": problems, "extra_errors": extra_errors}
    )
