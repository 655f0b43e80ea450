"""Pages for the case-file audit.

Thin: each finds what the person may see (selectors.standing and the
*_visible_to selectors decide), validates a form, calls a service and renders.
Anything a person may not see answers the same 404 as something that is not
there, and the look is logged.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Organisation, Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.caseaudit import documents, forms, selectors, services
from hub.caseaudit.models import AuditCase, AuditKind, AuditProgramme, AuditStatus, CaseFileAudit
from hub.caseaudit.rules import DOMAINS, GRADES, Domain

DOWNLOADS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", documents.render_docx),
    "pdf": ("application/pdf", documents.render_pdf),
    "csv": ("text/csv; charset=utf-8", documents.render_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", documents.render_xlsx),
}


def _refuse(request: HttpRequest, object_type: str, pk: object) -> Http404:
    """The same answer as for something that does not exist, with the refusal logged."""
    access_record(request=request, action=AccessAction.REFUSED, object_type=object_type, object_id=pk)
    return Http404(f"No such {object_type.replace('_', ' ')}")


def _programme(request: HttpRequest, pk: int) -> AuditProgramme:
    return visible_or_404(
        request, selectors.programmes_visible_to(current_user(request)), pk=pk, object_type="audit_programme"
    )


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(
        request,
        "caseaudit/programmes.html",
        {"programmes": selectors.programmes_visible_to(user), "may_create": user.role == Role.VIEWER},
    )


@role_required(Role.VIEWER)
def programme_create(request: HttpRequest) -> HttpResponse:
    """A regional lead sets up a programme, and leads it."""
    form = forms.ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        programme = services.programme_create(
            name=data["name"],
            question=data["question"],
            period_audited=data["period_audited"],
            cases_per_authority=data["cases_per_authority"],
            deadline=data["deadline"],
            lead=current_user(request),
            authorities=data["authorities"],
        )
        messages.success(request, "The audit programme is set up: each authority can now select its cases")
        return redirect("caseaudit:programme", programme.pk)
    return render(
        request, "caseaudit/programme_form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    programme = _programme(request, pk)
    mine = selectors.standing(user, programme)
    cases = list(selectors.cases_visible_to(user, programme).prefetch_related("audits"))
    progress = selectors.programme_progress(programme)
    return render(
        request,
        "caseaudit/programme.html",
        {
            "programme": programme,
            "standing": mine,
            "cases": cases,
            "progress": progress,
            "selectable": [row["authority"] for row in progress if mine.may_select_for(row["authority"].pk)],  # type: ignore[attr-defined]
            "totals": {
                key: sum(int(row[key]) for row in progress)  # type: ignore[call-overload]
                for key in ("selected", "submitted", "moderated", "dip_sampled")
            },
        },
    )


@login_required
def cases_select(request: HttpRequest, pk: int, authority_pk: int) -> HttpResponse:
    """An authority lists its eligible cases; the hub selects the programme's number at random."""
    user = current_user(request)
    programme = _programme(request, pk)
    authority = programme.authorities.filter(pk=authority_pk).first()
    if authority is None or not selectors.standing(user, programme).may_select_for(authority.pk):
        raise _refuse(request, "audit_selection", authority_pk)
    form = forms.SelectionForm(request.POST or None, count=programme.cases_per_authority)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            selection = services.cases_select(
                programme=programme,
                authority=authority,
                references=form.cleaned_data["references"],
                actor=user,
                seed=form.cleaned_data["seed"],
            )
        except services.CaseAuditError as refused:
            extra_errors.append({"message": str(refused), "href": "#id_references"})
        else:
            messages.success(request, f"{len(selection.selected)} cases selected at random (seed {selection.seed})")
            return redirect("caseaudit:select", programme.pk, authority.pk)
    selections = programme.selections.filter(authority=authority).select_related("made_by")
    return render(
        request,
        "caseaudit/select.html",
        {
            "programme": programme,
            "authority": authority,
            "form": form,
            "extra_errors": extra_errors,
            "selections": selections,
            "cases": programme.cases.filter(authority=authority),
        },
        status=400 if request.method == "POST" else 200,
    )


def _case(request: HttpRequest, pk: int) -> AuditCase:
    return visible_or_404(
        request, selectors.all_cases_visible_to(current_user(request)), pk=pk, object_type="audit_case"
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    case = _case(request, pk)
    mine = selectors.standing(user, case.programme)
    audits = selectors.case_audits(case)
    authority_audit, dip = audits.get(AuditKind.AUTHORITY), audits.get(AuditKind.DIP_SAMPLE)
    shown = {
        kind: selectors.grades_shown(audit, user=user, other=audits.get(_other(kind)), mine=mine)
        for kind, audit in audits.items()
    }
    comparison = None
    if authority_audit and dip and authority_audit.is_submitted and dip.is_submitted and all(shown.values()):
        dip_grades = {row.domain: row for row in dip.grades.all()}
        comparison = [
            {
                "domain": Domain(row.domain).label,
                "authority": row.get_moderated_grade_display() or row.get_grade_display(),
                "dip": dip_grades[row.domain].get_grade_display(),
                "agree": row.final_grade == dip_grades[row.domain].grade,
            }
            for row in authority_audit.grades.all()
        ]
    in_own_authority = case.authority_id in mine.audits_for
    return render(
        request,
        "caseaudit/case.html",
        {
            "case": case,
            "programme": case.programme,
            "standing": mine,
            "authority_audit": authority_audit,
            "dip": dip,
            "shown": shown,
            "comparison": comparison,
            "agreed_count": sum(1 for row in comparison or [] if row["agree"]),
            "may_start_audit": authority_audit is None and in_own_authority,
            "may_continue_audit": authority_audit is not None
            and authority_audit.auditor_id == user.pk
            and not authority_audit.is_submitted,
            "may_moderate": authority_audit is not None
            and authority_audit.status == AuditStatus.SUBMITTED
            and mine.may_moderate(case.authority_id)
            and authority_audit.auditor_id != user.pk,
            "may_dip_sample": _may_dip_sample(user, case, mine)
            and (dip is None or dip.auditor_id == user.pk)
            and not (dip and dip.is_submitted),
        },
    )


def _other(kind: str) -> str:
    return AuditKind.DIP_SAMPLE if kind == AuditKind.AUTHORITY else AuditKind.AUTHORITY


def _may_dip_sample(user: Any, case: AuditCase, mine: selectors.Standing) -> bool:
    # Another organisation's eyes: never someone from the authority whose case it is.
    return mine.may_dip_sample(case.authority_id) and user.organisation_id != case.authority_id


@login_required
def audit_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The audit form: the nine domains, each graded with its evidence and comments."""
    user = current_user(request)
    case = _case(request, pk)
    mine = selectors.standing(user, case.programme)
    if kind == AuditKind.AUTHORITY:
        allowed = case.authority_id in mine.audits_for
    elif kind == AuditKind.DIP_SAMPLE:
        allowed = _may_dip_sample(user, case, mine)
    else:
        allowed = False
    audit = CaseFileAudit.objects.filter(case=case, kind=kind).first()
    if not allowed or (audit is not None and audit.auditor_id != user.pk):
        raise _refuse(request, "case_file_audit", f"{pk}/{kind}")
    if audit is not None and audit.is_submitted:
        messages.info(request, "This audit has been submitted")
        return redirect("caseaudit:case", case.pk)
    submitting = "submit" in request.POST
    initial = forms.AuditForm.initial_from(list(audit.grades.all()), audit.auditor_role) if audit else None
    form = forms.AuditForm(request.POST or None, initial=initial, kind=kind, submitting=submitting)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data.get("auditor_role") or ""
        if kind == AuditKind.DIP_SAMPLE:
            role = "partner_agency"
        try:
            if audit is None:
                audit = services.audit_start(case=case, kind=kind, auditor=user, auditor_role=role)
            services.audit_save(audit=audit, actor=user, auditor_role=role, entries=form.entries(), submit=submitting)
        except services.CaseAuditError as refused:
            extra_errors.append({"message": str(refused), "href": "#main-content"})
        else:
            messages.success(request, "The audit is submitted" if submitting else "Your draft is saved")
            if submitting:
                return redirect("caseaudit:case", case.pk)
            return redirect("caseaudit:audit", case.pk, kind)
    return render(
        request,
        "caseaudit/audit_form.html",
        {
            "case": case,
            "programme": case.programme,
            "kind": kind,
            "audit": audit,
            "form": form,
            "extra_errors": extra_errors,
            "is_dip_sample": kind == AuditKind.DIP_SAMPLE,
        },
        status=400 if request.method == "POST" else 200,
    )


def _audit(request: HttpRequest, pk: int) -> CaseFileAudit:
    return visible_or_404(
        request, selectors.audits_visible_to(current_user(request)), pk=pk, object_type="case_file_audit"
    )


@login_required
def audit_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """A second person agrees or changes each grade; a changed grade needs its reason."""
    user = current_user(request)
    audit = _audit(request, pk)
    mine = selectors.standing(user, audit.case.programme)
    if (
        audit.kind != AuditKind.AUTHORITY
        or not mine.may_moderate(audit.case.authority_id)
        or audit.auditor_id == user.pk
    ):
        raise _refuse(request, "audit_moderation", pk)
    if audit.status != AuditStatus.SUBMITTED:
        messages.info(request, "This audit is not waiting for moderation")
        return redirect("caseaudit:case", audit.case_id)
    rows = list(audit.grades.all())
    form = forms.ModerationForm(request.POST or None, rows=rows)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_moderate(
                audit=audit, moderator=user, decisions=form.decisions(), comment=form.cleaned_data["comment"]
            )
        except services.CaseAuditError as refused:
            extra_errors.append({"message": str(refused), "href": "#main-content"})
        else:
            messages.success(request, "Moderation is recorded")
            return redirect("caseaudit:case", audit.case_id)
    return render(
        request,
        "caseaudit/moderate.html",
        {
            "audit": audit,
            "case": audit.case,
            "programme": audit.case.programme,
            "form": form,
            "extra_errors": extra_errors,
        },
        status=400 if request.method == "POST" else 200,
    )


def _led_programme(request: HttpRequest, pk: int) -> AuditProgramme:
    programme = _programme(request, pk)
    if programme.lead_id != current_user(request).pk:
        raise _refuse(request, "audit_themes", pk)
    return programme


@login_required
def themes(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead's themes, and the audits whose comments they tag."""
    programme = _led_programme(request, pk)
    form = forms.ThemeForm(request.POST or None)
    extra_errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_add(
                programme=programme, name=form.cleaned_data["name"], description=form.cleaned_data["description"]
            )
        except services.CaseAuditError as refused:
            extra_errors.append({"message": str(refused), "href": "#id_name"})
        else:
            messages.success(request, "The theme is added")
            return redirect("caseaudit:themes", programme.pk)
    collation = selectors.programme_collation(programme)
    counts = {count.theme: count for count in collation.themes}
    audits = (
        CaseFileAudit.objects.filter(case__programme=programme)
        .exclude(status=AuditStatus.DRAFT)
        .select_related("case__authority")
        .order_by("case__authority__name", "case__reference", "kind")
    )
    return render(
        request,
        "caseaudit/themes.html",
        {
            "programme": programme,
            "form": form,
            "extra_errors": extra_errors,
            "themes": [(theme, counts.get(theme.name)) for theme in programme.themes.all()],
            "audits": audits,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def audit_themes(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead tags an audit's comments with themes."""
    user = current_user(request)
    audit = _audit(request, pk)
    if audit.case.programme.lead_id != user.pk or not audit.is_submitted:
        raise _refuse(request, "audit_themes", pk)
    rows = [row for row in audit.grades.prefetch_related("themes") if row.comments or row.evidence]
    choices = list(audit.case.programme.themes.values_list("pk", "name"))
    form = forms.ThemeTagForm(request.POST or None, rows=rows, themes=choices)
    if request.method == "POST" and form.is_valid():
        services.themes_tag(audit=audit, tags=form.cleaned_data)
        messages.success(request, "The themes are saved")
        return redirect("caseaudit:themes", audit.case.programme_id)
    return render(
        request,
        "caseaudit/audit_themes.html",
        {
            "audit": audit,
            "case": audit.case,
            "programme": audit.case.programme,
            "form": form,
            "has_themes": bool(choices),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The collation: everything for the lead and regional viewers; for an authority,
    the region's figures and its own authority's, never another's."""
    user = current_user(request)
    programme = _programme(request, pk)
    mine = selectors.standing(user, programme)
    collation = selectors.programme_collation(programme)
    own_names = set(Organisation.objects.filter(pk__in=mine.own_authorities).values_list("name", flat=True))
    authorities = {
        name: domains
        for name, domains in collation.by_authority.items()
        if mine.sees_all_authorities or name in own_names
    }
    return render(
        request,
        "caseaudit/results.html",
        {
            "programme": programme,
            "standing": mine,
            "collation": collation,
            "grades": GRADES,
            "by_domain": [
                {
                    "domain": d,
                    "counts": [collation.by_domain[d][g] for g in GRADES],
                    "total": sum(collation.by_domain[d].values()),
                }
                for d in DOMAINS
            ],
            "overall": [collation.overall[g] for g in GRADES],
            "overall_total": sum(collation.overall.values()),
            "authorities": [
                {
                    "name": name,
                    "rows": [{"domain": d, "counts": [domains[d][g] for g in GRADES]} for d in DOMAINS],
                    "totals": [sum(domains[d][g] for d in DOMAINS) for g in GRADES],
                }
                for name, domains in authorities.items()
            ],
            "dip_by_domain": [(d, collation.dip_sample_by_domain[d]) for d in DOMAINS],
            "formats": [("docx", "Word"), ("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "Excel")],
        },
    )


@login_required
def results_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The regional report (Word, PDF) or its data (CSV, Excel): for the lead and regional viewers."""
    user = current_user(request)
    programme = _programme(request, pk)
    if fmt not in DOWNLOADS or not selectors.standing(user, programme).sees_all_authorities:
        raise _refuse(request, "audit_report", pk)
    content_type, render_file = DOWNLOADS[fmt]
    report = documents.RegionalReport(
        programme=programme.name,
        question=programme.question,
        period_audited=programme.period_audited,
        lead=programme.lead.full_name,
        dated=timezone.localdate(),
        authorities=tuple(programme.authorities.order_by("name").values_list("name", flat=True)),
        collation=selectors.programme_collation(programme),
        records=tuple(selectors.domain_records(programme)),
    )
    content = render_file(report)
    access_record(request=request, action=AccessAction.EXPORT, object_type="audit_report", object_id=pk)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="case-file-audit-{programme.pk}.{fmt}"'
    return response
