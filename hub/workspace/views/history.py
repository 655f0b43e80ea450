"""The history of changes to the workspace's records."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hub.workspace import selectors
from hub.workspace.views.common import page_context, workspace_of


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    context = page_context(request, assessment, None)
    context["section_title"] = "History of changes"
    page = Paginator(selectors.versions_for(assessment, context["family"]), 50).get_page(request.GET.get("page"))
    context["page"] = page
    return render(request, "workspace/history.html", context)


@login_required
def history_record(request: HttpRequest, pk: int, record_type: str, record_id: int) -> HttpResponse:
    """Every version of one record, and what changed between any two of them."""
    assessment = workspace_of(request, pk)
    context = page_context(request, assessment, None)
    family = context["family"]
    versions = [
        v
        for v in selectors.versions_of_record(record_type, record_id)
        if v.assessment_id == assessment.pk or (family is not None and v.family_id == family.pk)
    ]
    if not versions:
        raise Http404("No such record")
    numbers = [v.number for v in versions]

    def pick(name: str, default: int) -> int:
        try:
            value = int(request.GET.get(name, default))
        except ValueError:
            return default
        return value if value in numbers else default

    newer_number = pick("to", numbers[-1])
    older_number = pick("from", numbers[-2] if len(numbers) > 1 else numbers[-1])
    by_number = {v.number: v for v in versions}
    older, newer = by_number[older_number], by_number[newer_number]
    context.update(
        section_title="History of changes",
        versions=versions,
        older=older,
        newer=newer,
        differences=[
            (
                name,
                json.dumps(before) if isinstance(before, dict | list) else before,
                json.dumps(after) if isinstance(after, dict | list) else after,
            )
            for name, before, after in selectors.version_differences(older.data, newer.data)
        ],
        record_type=record_type,
        record_id=record_id,
    )
    return render(request, "workspace/history_record.html", context)
