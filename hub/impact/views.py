"""The impact dashboard, its downloads and the board's PDF.

Figures only: the performance and audit viewer and the service manager see counts,
shares and medians, never a name, a reference or a link into a case.
"""

import csv
import io
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hub.accounts.access import role_required
from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.impact import charts, exports, figures, history, services
from hub.impact.forms import DashboardFilterForm

FIGURES_ROLES = (Role.VIEWER, Role.SERVICE_MANAGER)


def _filters(request: HttpRequest) -> tuple[DashboardFilterForm, figures.Filters | None]:
    """The filters asked for, or the last twelve months; None (and the form's errors) when they are wrong."""
    today = timezone.localdate()
    starts, ends = figures.default_period(today)
    data = request.GET.copy()
    if not any(key.startswith(("starts", "ends")) for key in data):
        for name, day in (("starts", starts), ("ends", ends)):
            for part, number in (("day", day.day), ("month", day.month), ("year", day.year)):
                data[f"{name}_{part}"] = str(number)
    form = DashboardFilterForm(data, today=today)
    if not form.is_valid():
        return form, None
    return form, figures.Filters(
        starts=form.cleaned_data["starts"],
        ends=form.cleaned_data["ends"],
        local_authority=form.cleaned_data["local_authority"],
        assessment_type=form.cleaned_data["assessment_type"],
        assessor=form.cleaned_data["assessor"],
    )


def _query(request: HttpRequest) -> str:
    return request.GET.urlencode()


@role_required(*FIGURES_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form, "query": _query(request)}
    if filters is None:
        return render(request, "impact/dashboard.html", context, status=400)
    result = figures.impact_figures(filters)
    access_record(request=request, action=AccessAction.SEARCH, object_type="impact_figures")
    context.update(
        figures=result,
        sections=[
            {"section": s, "tables": [{"table": t, "chart": charts.bar_chart(t)} for t in s.tables]}
            for s in result.sections
        ],
    )
    return render(request, "impact/dashboard.html", context)


def _download(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _stamp(filters: figures.Filters) -> str:
    return f"{filters.starts:%Y-%m-%d}-to-{filters.ends:%Y-%m-%d}"


@role_required(*FIGURES_ROLES)
def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """One table (or, for Excel, every table: key "all") for the filters on the page."""
    form, filters = _filters(request)
    if filters is None:
        return render(request, "impact/dashboard.html", {"form": form, "query": _query(request)}, status=400)
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    result = figures.impact_figures(filters)
    tables = result.tables() if key == "all" else [t for t in result.tables() if t.key == key]
    if not tables or (fmt == "csv" and key == "all"):
        raise Http404("No such table")
    access_record(request=request, action=AccessAction.EXPORT, object_type="impact_figures", object_id=key)
    name = f"impact-{key.replace('_', '-')}-{_stamp(filters)}"
    if fmt == "csv":
        return _download(exports.table_csv(result, tables[0]), name=f"{name}.csv", content_type="text/csv")
    return _download(exports.tables_xlsx(result, tables), name=f"{name}.xlsx", content_type=exports.XLSX)


@role_required(*FIGURES_ROLES)
def summary_pdf(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    if filters is None:
        return render(request, "impact/dashboard.html", {"form": form, "query": _query(request)}, status=400)
    result = figures.impact_figures(filters)
    access_record(request=request, action=AccessAction.EXPORT, object_type="impact_figures", object_id="summary")
    pdf = exports.summary_pdf(result, hub_name=settings.HUB_NAME)
    return _download(pdf, name=f"impact-summary-{_stamp(filters)}.pdf", content_type="application/pdf")


@role_required(*FIGURES_ROLES)
def history_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The spreadsheet `manage.py import_history` reads: its columns and two example rows."""
    rows = services.template_rows()
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return _download(buffer.getvalue().encode(), name="hub-history-template.csv", content_type="text/csv")
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "History"
    for row in rows:
        sheet.append(row)
    notes = workbook.create_sheet("Columns")
    notes.append(["Column", "Required", "What goes in it"])
    for name, required, description in history.COLUMNS:
        notes.append([name, "yes" if required else "no", description])
    output = io.BytesIO()
    workbook.save(output)
    return _download(output.getvalue(), name="hub-history-template.xlsx", content_type=exports.XLSX)
