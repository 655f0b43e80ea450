"""The report pages: drafting, the checks and submitting, versions, QA, filing and after.

Thin: who is asking is checked first (the allocated assessor and the service
manager; a referrer only for their authority's filed reports; anyone else gets
the same 404 as for a report that does not exist, logged), then a form, a
service and a page.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.reports import forms, rules, selectors, services
from hub.reports.models import ExportKind, QARound, Report, ReportState, ReportVersion
from hub.reports.statement import statement_for
from hub.workspace.selectors import workspaces_visible_to

QA_PAGE_SIZE = 25


def _refused(request: HttpRequest, pk: object) -> Http404:
    access_record(request=request, action=AccessAction.REFUSED, object_type="report", object_id=pk)
    return Http404("No such report")


def _report(request: HttpRequest, pk: int) -> Report:
    """The assessment's report (started on first opening) for its assessor or the manager; 404 otherwise."""
    user = current_user(request)
    assessment = visible_or_404(request, workspaces_visible_to(user), pk=pk, object_type="report")
    try:
        return services.report_start(assessment=assessment, actor=user)
    except services.ReportError as problem:
        raise Http404(str(problem)) from None


def _is_manager(request: HttpRequest) -> bool:
    return current_user(request).role == Role.SERVICE_MANAGER


def _can_edit(request: HttpRequest, report: Report) -> bool:
    return report.is_editable and report.assessment.assessor_id == current_user(request).pk


PAGE_TITLES = {
    "draft": "Report",
    "versions": "Versions and QA rounds",
    "qa": "Quality assurance",
    "file": "File with the court",
    "after": "Filed: documents and outcome",
}


def _context(request: HttpRequest, report: Report, tab: str, **extra: Any) -> dict[str, Any]:
    assessment = report.assessment
    return {
        "page_title": PAGE_TITLES[tab],
        "report": report,
        "assessment": assessment,
        "referral": assessment.referral,
        "tab": tab,
        "is_manager": _is_manager(request),
        "is_assessor": assessment.assessor_id == current_user(request).pk,
        "can_edit": _can_edit(request, report),
        **extra,
    }


def _check_links(report: Report, results: list[rules.CheckResult]) -> list[dict[str, Any]]:
    draft = reverse("reports:draft", args=[report.assessment_id])
    rows = []
    for result in results:
        problems = []
        for problem in result.problems:
            if problem.target == rules.Target.QUESTION:
                href = f"{draft}#id_{forms.answer_field(problem.where)}"
            elif problem.target == rules.Target.WORKSPACE_SOURCES:
                href = reverse("workspace:sources", args=[report.assessment_id])
            else:
                href = f"{draft}#id_{forms.section_field(problem.where)}" if problem.where else draft
            problems.append({"message": problem.message, "href": href})
        rows.append({"check": result.check.value, "title": result.title, "passed": result.passed, "problems": problems})
    return rows


def _draft_items(
    report: Report, version: ReportVersion, form: forms.DraftForm, comments: dict[str, str]
) -> list[dict[str, Any]]:
    """The page in the template's order: the court's questions where the template puts them."""
    items: list[dict[str, Any]] = []
    for section in report.sections:
        if section["kind"] == rules.Kind.QUESTIONS:
            items.append(
                {
                    "heading": section["heading"],
                    "guidance": section["guidance"],
                    "questions": [
                        {"field": form[forms.answer_field(q.key)], "comment": comments.get(q.key, "")}
                        for q in form.questions
                    ],
                }
            )
            continue
        items.append(
            {
                "key": section["key"],
                "kind": section["kind"],
                "field": form[forms.section_field(section["key"])],
                "provenance": selectors.section_provenance(version, section["key"]),
                "comment": comments.get(section["key"], ""),
                "separate": section["kind"] in (rules.Kind.ANALYSIS, rules.Kind.RECOMMENDATION),
                "refreshable": bool(section.get("prefill")),
            }
        )
    return items


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    version = selectors.latest_version(report)
    questions = selectors.court_questions(report)
    initial = {forms.answer_field(q.key): version.answers.get(q.key, "") for q in questions}
    initial |= {forms.section_field(k): v for k, v in version.texts.items()}
    data = request.POST if request.method == "POST" else None
    form = forms.DraftForm(data, initial=initial, sections=report.sections, questions=questions)
    status = 200
    if request.method == "POST":
        if not _can_edit(request, report):
            messages.error(request, "This report cannot be changed now")
            return redirect("reports:draft", pk)
        if form.is_valid():
            try:
                saved = services.report_save(
                    report=report, actor=current_user(request), texts=form.texts(), answers=form.answers()
                )
            except services.ReportError as problem:
                form.add_error(None, str(problem))
                status = 400
            else:
                refresh = request.POST.get("refresh", "")
                if refresh:
                    try:
                        saved = services.report_section_refresh(report=report, actor=current_user(request), key=refresh)
                    except services.ReportError as problem:
                        messages.error(request, str(problem))
                        return redirect("reports:draft", pk)
                    messages.success(request, f"Saved as version {saved.number}: {saved.note.lower()}")
                    return redirect(reverse("reports:draft", args=[pk]) + f"#id_{forms.section_field(refresh)}")
                messages.success(request, f"Saved as version {saved.number}")
                return redirect("reports:draft", pk)
    last = selectors.last_decided_round(report)
    comments = last.comments if last and report.state == ReportState.RETURNED else {}
    context = _context(
        request,
        report,
        "draft",
        version=version,
        form=form,
        items=_draft_items(report, version, form, comments),
        returned_round=last if report.state == ReportState.RETURNED else None,
        checks=_check_links(report, selectors.report_check_results(report, version)),
        rounds=list(selectors.rounds_of(report)),
        exports=list(selectors.exports_of(report)[:6]),
    )
    return render(request, "reports/draft.html", context, status=status)


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not _can_edit(request, report):
        raise _refused(request, pk)
    version = selectors.latest_version(report)
    results = selectors.report_check_results(report, version)
    failed = rules.failed_checks(results)
    form = forms.SubmitForm(request.POST or None, failed=failed)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(report=report, actor=current_user(request), reasons=form.reasons())
        except services.ChecksUnexplained as refused:
            for result in refused.failed:
                form.add_error(
                    f"reason_{result.check.value}",
                    f"Fix this check, or say why you are submitting without it: {result.title.lower()}",
                )
            status = 400
        except services.ReportError as problem:
            form.add_error(None, str(problem))
            status = 400
        else:
            messages.success(request, "Sent to the service manager for quality assurance")
            return redirect("reports:draft", pk)
    context = _context(
        request,
        report,
        "draft",
        page_title="Check and send to quality assurance",
        version=version,
        form=form,
        checks=_check_links(report, results),
    )
    return render(request, "reports/submit.html", context, status=status)


@login_required
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    all_versions = list(selectors.versions_of(report))
    numbers = [v.number for v in all_versions]
    compare = None
    form = forms.CompareForm(request.GET if "older" in request.GET else None, numbers=numbers)
    if form.is_bound and form.is_valid():
        by_number = {v.number: v for v in all_versions}
        older, newer = sorted([form.cleaned_data["older"], form.cleaned_data["newer"]])
        compare = {
            "older": by_number[older],
            "newer": by_number[newer],
            "sections": selectors.compare_versions(report, by_number[older], by_number[newer]),
        }
    elif not form.is_bound and len(numbers) > 1:
        form = forms.CompareForm(initial={"older": numbers[1], "newer": numbers[0]}, numbers=numbers)
    context = _context(
        request,
        report,
        "versions",
        versions=all_versions,
        form=form,
        compare=compare,
        rounds=list(selectors.rounds_of(report)),
    )
    return render(request, "reports/versions.html", context, status=400 if form.is_bound and form.errors else 200)


def _qa_rows(report: Report, version: ReportVersion) -> list[dict[str, Any]]:
    rows = [
        {"key": q.key, "heading": f"Question {q.number}: {q.text}", "text": version.answers.get(q.key, "")}
        for q in selectors.court_questions(report)
    ]
    rows += [
        {
            "key": s["key"],
            "heading": s["heading"],
            "text": version.texts.get(s["key"], ""),
            "separate": s["kind"] in (rules.Kind.ANALYSIS, rules.Kind.RECOMMENDATION),
            "provenance": selectors.section_provenance(version, s["key"]),
        }
        for s in report.sections
        if s["kind"] != rules.Kind.QUESTIONS
    ]
    return rows


@role_required(Role.SERVICE_MANAGER, hidden_as="report")
def qa(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    current: QARound | None = selectors.open_round(report)
    if report.state != ReportState.IN_QA or current is None:
        messages.error(request, "This report is not waiting for quality assurance")
        return redirect("reports:draft", pk)
    rows = _qa_rows(report, current.version)
    form = forms.QAForm(request.POST or None, rows=[(r["key"], r["heading"]) for r in rows])
    status = 200
    if request.method == "POST" and form.is_valid():
        decide = services.qa_approve if request.POST.get("decision") == "approve" else services.qa_return
        try:
            decide(
                report=report,
                actor=current_user(request),
                checklist=form.checklist(),
                comments=form.comments(),
                summary=form.cleaned_data["summary"],
            )
        except services.ReportError as problem:
            form.add_error(None, str(problem))
            status = 400
        else:
            approved = request.POST.get("decision") == "approve"
            messages.success(request, "Approved for filing" if approved else "Returned to the assessor for amendment")
            return redirect("reports:qa-queue")
    for row in rows:
        row["comment_field"] = form[f"comment_{row['key']}"]
    context = _context(
        request,
        report,
        "qa",
        form=form,
        qa_round=current,
        rows=rows,
        features=[form[f"feature_{code}"] for code, _ in selectors.QA_CHECKLIST],
        rounds=list(selectors.rounds_of(report)),
    )
    return render(request, "reports/qa.html", context, status=status)


@role_required(Role.SERVICE_MANAGER)
def qa_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.qa_queue_order().values_list("pk", flat=True), QA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = selectors.qa_queue_rows(list(page.object_list))
    access_record(request=request, action=AccessAction.SEARCH, object_type="report", object_id="qa-queue")
    return render(request, "reports/qa_queue.html", {"page": page, "rows": rows})


@login_required
def file_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = forms.FileForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.report_file(
                report=report,
                actor=current_user(request),
                filed_on=form.cleaned_data["filed_on"],
                shared_with=form.cleaned_data["shared_with"],
            )
        except services.ReportError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, "Filed: the assessment is complete and its clock has ended")
            return redirect("reports:after", pk)
    if request.method == "POST":
        status = 400
    return render(request, "reports/file.html", _context(request, report, "file", form=form), status=status)


@login_required
def after(request: HttpRequest, pk: int) -> HttpResponse:
    """After filing: the documents, the outcome and, for the manager, an addendum."""
    report = _report(request, pk)
    if report.state != ReportState.FILED:
        return redirect("reports:file", pk)
    initial: dict[str, Any] = {}
    if report.outcome_recorded_at:
        initial = {
            "recommendation": report.recommendation,
            "la_changed_plan": {True: "yes", False: "no"}.get(report.la_changed_plan, "unknown"),  # type: ignore[arg-type]
            "court_decision": report.court_decision,
            "court_decided_on": report.court_decided_on,
        }
    outcome_form = forms.OutcomeForm(request.POST if "recommendation" in request.POST else None, initial=initial)
    addendum_form = forms.AddendumForm(request.POST if "questions" in request.POST else None)
    status = 200
    if outcome_form.is_bound:
        if outcome_form.is_valid():
            try:
                services.outcome_record(
                    report=report,
                    actor=current_user(request),
                    recommendation=outcome_form.cleaned_data["recommendation"],
                    la_changed_plan=outcome_form.plan_changed(),
                    court_decision=outcome_form.cleaned_data["court_decision"],
                    court_decided_on=outcome_form.cleaned_data["court_decided_on"],
                )
            except services.ReportError as problem:
                outcome_form.add_error(None, str(problem))
            else:
                messages.success(request, "Outcome recorded")
                return redirect("reports:after", pk)
        status = 400
    if addendum_form.is_bound:
        if addendum_form.is_valid():
            try:
                new = services.addendum_request(
                    report=report, actor=current_user(request), questions=addendum_form.question_list()
                )
            except services.ReportError as problem:
                addendum_form.add_error(None, str(problem))
            else:
                messages.success(request, f"Addendum opened: {new.get_assessment_type_display()}, awaiting allocation")
                return redirect("reports:after", pk)
        status = 400
    context = _context(
        request,
        report,
        "after",
        outcome_form=outcome_form,
        addendum_form=addendum_form,
        exports=list(selectors.exports_of(report)),
        addenda=list(report.addenda.select_related("assessment")),
        error_form=outcome_form if outcome_form.errors else addendum_form,
    )
    return render(request, "reports/after.html", context, status=status)


@require_POST
@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    kind = request.POST.get("kind", "")
    if kind not in (ExportKind.DOCX, ExportKind.PDF):
        messages.error(request, "Choose Word or PDF")
    else:
        services.export_request(report=report, actor=current_user(request), kind=kind)
        messages.success(request, f"{ExportKind(kind).label} is being made: it appears below when ready")
    return redirect("reports:draft", pk)


def _export_for(request: HttpRequest, pk: int, export_id: int) -> tuple[Report, Any]:
    user = current_user(request)
    if user.role == Role.REFERRER:
        report = selectors.filed_reports_for_referrer(user).filter(assessment_id=pk).first()
        export = (
            report.exports.filter(
                pk=export_id, version=report.approved_version, kind__in=[ExportKind.DOCX, ExportKind.PDF]
            )
            .exclude(file="")
            .first()
            if report
            else None
        )
        if report is None or export is None:
            raise _refused(request, pk)
        return report, export
    report = _report(request, pk)
    export = report.exports.filter(pk=export_id).exclude(file="").first()
    if export is None:
        raise Http404("No such document")
    return report, export


@login_required
def export_download(request: HttpRequest, pk: int, export_id: int) -> FileResponse:
    report, export = _export_for(request, pk, export_id)
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="report", object_id=report.assessment_id)
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=(export.file.name or "report").rsplit("/", 1)[-1]
    )


@role_required(Role.REFERRER)
def filed_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.filed_reports_for_referrer(current_user(request)).order_by("-filed_on", "-id")
    page = Paginator(reports, QA_PAGE_SIZE).get_page(request.GET.get("page"))
    access_record(request=request, action=AccessAction.SEARCH, object_type="report", object_id="filed")
    return render(request, "reports/filed_list.html", {"page": page})


@login_required
def filed(request: HttpRequest, pk: int) -> HttpResponse:
    """The filed report as the court has it: for the referring authority, the assessor and the manager."""
    user = current_user(request)
    if user.role == Role.REFERRER:
        report = selectors.filed_reports_for_referrer(user).filter(assessment_id=pk).first()
        if report is None:
            raise _refused(request, pk)
        access_record(request=request, action=AccessAction.VIEW, object_type="report", object_id=pk)
    else:
        report = _report(request, pk)
        if report.state != ReportState.FILED:
            raise Http404("Not filed yet")
    assert report.approved_version is not None
    statement = statement_for(report, report.approved_version)
    exports = report.exports.filter(
        version=report.approved_version, kind__in=[ExportKind.DOCX, ExportKind.PDF]
    ).exclude(file="")
    return render(
        request,
        "reports/filed.html",
        {"report": report, "referral": report.assessment.referral, "statement": statement, "exports": exports},
    )
