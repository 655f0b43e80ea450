"""The court bundle's pages: reading progress, search, the PDF at a page, and the chronology suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.bundles import forms, selectors, services
from hub.bundles.models import BundleIngestion, ChronologySuggestion, SuggestionStatus
from hub.bundles.query import QueryProblem
from hub.referrals.models import BundleDocument, Referral
from hub.referrals.selectors import referrals_visible_to
from hub.workspace import rules as workspace_rules
from hub.workspace.forms import ChronologyEntryForm
from hub.workspace.views.common import page_context, workspace_of

SUGGESTIONS_PAGE_SIZE = 50


def _referral(request: HttpRequest, pk: int) -> Referral:
    return visible_or_404(request, referrals_visible_to(current_user(request)), pk=pk, object_type="referral")


def _document(referral: Referral, document_pk: int) -> BundleDocument:
    return get_object_or_404(BundleDocument, pk=document_pk, referral=referral)


@login_required
def bundle_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Each file's reading, and the search across the case's bundle."""
    referral = _referral(request, pk)
    form = forms.BundleSearchForm(request.GET if "q" in request.GET else None)
    results = None
    extra_errors: list[dict[str, str]] = []
    if form.is_bound and form.is_valid():
        access_record(request=request, action=AccessAction.SEARCH, object_type="bundle_search", object_id=referral.pk)
        try:
            offset = max(0, int(request.GET.get("from", "0")))
        except ValueError:
            offset = 0
        try:
            results = selectors.bundle_search(referral, form.cleaned_data["q"], offset=offset)
        except QueryProblem as problem:
            form.add_error("q", str(problem))
        else:
            if offset and offset >= results.total:
                offset = 0
            results_from = offset
    states = selectors.reading_states(referral)
    context = {
        "referral": referral,
        "states": states,
        "reading": any(not s.finished for s in states),
        "form": form,
        "results": results,
        "extra_errors": extra_errors,
        "search_page_size": selectors.SEARCH_PAGE_SIZE,
    }
    if results is not None:
        context["results_from"] = results_from
        context["next_from"] = results_from + selectors.SEARCH_PAGE_SIZE
    return render(request, "bundles/referral.html", context)


@login_required
def bundle_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """How far each file's reading has got, polled by the bundle page's script.

    Checked like the page, but not logged on every poll: the page that polls logged the look.
    """
    referral = referrals_visible_to(current_user(request)).filter(pk=pk).first()
    if referral is None:
        access_record(request=request, action=AccessAction.REFUSED, object_type="referral", object_id=pk)
        return JsonResponse({"error": "No such referral"}, status=404)
    states = selectors.reading_states(referral)
    return JsonResponse(
        {"documents": [s.as_json() for s in states], "finished": all(s.finished for s in states)},
        headers={"Cache-Control": "no-store"},
    )


@login_required
@require_POST
def reading_retry(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    document = _document(referral, document_pk)
    ingestion, _ = BundleIngestion.objects.get_or_create(
        document=document, defaults={"pages_total": document.page_count}
    )
    try:
        services.ingestion_retry(ingestion=ingestion)
    except services.ReadingInProgress as busy:
        messages.error(request, str(busy))
    else:
        messages.success(request, f"{document.original_name} will be read again from where it stopped")
    return redirect("bundles:referral", referral.pk)


@login_required
@require_POST
def ocr_start(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    document = _document(referral, document_pk)
    ingestion = get_object_or_404(BundleIngestion, document=document)
    try:
        services.ocr_queue(ingestion=ingestion)
    except services.ReadingInProgress as busy:
        messages.error(request, str(busy))
    else:
        messages.success(request, f"The scanned pages of {document.original_name} will be read with OCR")
    return redirect("bundles:referral", referral.pk)


@login_required
def document_pdf(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """The bundle file shown in the browser, so a search hit's link (#page=N) opens at its page."""
    referral = _referral(request, pk)
    document = _document(referral, document_pk)
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="bundle_document", object_id=document.pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=False, filename=document.original_name, content_type="application/pdf"
    )


# --- Suggestions in the workspace chronology ---------------------------------------------


def _suggestion(referral: Referral, suggestion_id: int) -> ChronologySuggestion:
    suggestion = ChronologySuggestion.objects.filter(referral=referral, pk=suggestion_id).first()
    if suggestion is None:
        raise Http404("No such suggestion")
    return suggestion


def when_text(suggestion: ChronologySuggestion) -> str:
    when = services.partial_date_of(suggestion)
    text = workspace_rules.format_partial_date(when.period_start(), when.precision)
    if suggestion.end_date:
        end = services.partial_date_of(ChronologySuggestion(date=suggestion.end_date))
        text += " to " + workspace_rules.format_partial_date(end.period_start(), end.precision)
    return text


@login_required
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Dated events found in the bundle: accept, edit or reject each one."""
    assessment = workspace_of(request, pk)
    referral = assessment.referral
    if request.method == "POST":
        suggestion = _suggestion(referral, int(request.POST.get("suggestion", "0") or 0))
        try:
            if request.POST.get("decision") == "accept":
                services.suggestion_accept(suggestion=suggestion, assessment=assessment, actor=current_user(request))
                messages.success(request, "Added to the family's chronology with its bundle citation")
            elif request.POST.get("decision") == "reject":
                services.suggestion_reject(suggestion=suggestion, actor=current_user(request))
                messages.success(request, "Suggestion rejected")
        except services.SuggestionDecided as decided:
            messages.error(request, str(decided))
        return redirect("bundles:suggestions", assessment.pk)
    context = page_context(request, assessment, workspace_rules.Section.CHRONOLOGY, heading="Suggested from the bundle")
    page = Paginator(selectors.suggestions_for(referral), SUGGESTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=[(s, when_text(s)) for s in page.object_list],
        counts=selectors.suggestion_counts(referral),
        states=selectors.reading_states(referral),
        back_url=None,
    )
    return render(request, "bundles/suggestions.html", context)


@login_required
def suggestion_edit(request: HttpRequest, pk: int, suggestion_id: int) -> HttpResponse:
    """Change a suggestion's date or words before it goes into the chronology."""
    assessment = workspace_of(request, pk)
    suggestion = _suggestion(assessment.referral, suggestion_id)
    if suggestion.status != SuggestionStatus.PENDING:
        messages.error(request, "This suggestion has already been decided")
        return redirect("bundles:suggestions", assessment.pk)
    initial = {"when": services.partial_date_of(suggestion), **services.suggestion_entry_data(suggestion)}
    form = ChronologyEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("what_happened", "source", "bundle_reference", "significance")}
        try:
            services.suggestion_accept(
                suggestion=suggestion,
                assessment=assessment,
                actor=current_user(request),
                when=form.cleaned_data["when"],
                data=data,
            )
        except services.SuggestionDecided as decided:
            messages.error(request, str(decided))
        else:
            messages.success(request, "Added to the family's chronology with your changes")
        return redirect("bundles:suggestions", assessment.pk)
    context = page_context(
        request,
        assessment,
        workspace_rules.Section.CHRONOLOGY,
        heading="Change and accept a suggestion",
        form=form,
        suggestion=suggestion,
        when=when_text(suggestion),
        back_url=None,
    )
    return render(request, "bundles/suggestion_edit.html", context)
