"""Pages for the Letter of Instruction, the court bundle and triage.

Views stay thin: they check who is asking, validate a form, call a service and
render. Who may see a referral is decided in selectors.referrals_visible_to.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.accounts.access import current_user, role_required
from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record, visible_or_404
from hub.core.uploads import oversized_uploads
from hub.referrals import forms, rules, selectors, services
from hub.referrals.models import (
    Adult,
    BundleDocument,
    Child,
    Contact,
    CourtQuestion,
    ReadingItem,
    Referral,
    ReferralStatus,
)
from hub.referrals.pdfcheck import BundleRejected, size_label

STEPS = list(rules.Step)
LIST_PAGE_SIZE = 50


def _visible_referral(request: HttpRequest, pk: int, *, with_letter: bool = False) -> Referral:
    queryset = selectors.referrals_visible_to(current_user(request))
    if with_letter:
        queryset = selectors.referral_with_letter(queryset)
    return visible_or_404(request, queryset, pk=pk, object_type="referral")


def _editable_referral(request: HttpRequest, pk: int, *, with_letter: bool = False) -> Referral:
    referral = _visible_referral(request, pk, with_letter=with_letter)
    if not selectors.referral_editable_by(referral, current_user(request)):
        raise PermissionDenied("This letter cannot be changed now.")
    return referral


def _next_step_url(referral: Referral, step: rules.Step) -> str:
    index = STEPS.index(step)
    if index + 1 < len(STEPS):
        return reverse("referrals:step", args=[referral.pk, STEPS[index + 1].value])
    return reverse("referrals:check", args=[referral.pk])


def _step_context(referral: Referral, step: rules.Step, **extra: Any) -> dict[str, Any]:
    index = STEPS.index(step)
    previous = (
        reverse("referrals:step", args=[referral.pk, STEPS[index - 1].value])
        if index
        else reverse("referrals:overview", args=[referral.pk])
    )
    return {
        "referral": referral,
        "step": step,
        "step_title": rules.STEP_TITLES[step],
        "step_number": index + 1,
        "step_total": len(STEPS),
        "back_url": previous,
        **extra,
    }


@role_required(Role.REFERRER, Role.SERVICE_MANAGER, Role.ASSESSOR)
def referral_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    access_record(request=request, action=AccessAction.SEARCH, object_type="referral_list")
    # A page at a time: the manager sees every referral ever submitted, a whole country's at scale.
    page = Paginator(selectors.referral_list_for(user), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/list.html",
        {"referrals": page.object_list, "page": page, "can_start": user.role == Role.REFERRER},
    )


@role_required(Role.REFERRER)
def referral_start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        referral = services.referral_start(actor=current_user(request))
        return redirect("referrals:step", referral.pk, rules.Step.COURT.value)
    return render(request, "referrals/start.html")


@login_required
def referral_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The task list of the letter: each section and whether it is done."""
    referral = _editable_referral(request, pk, with_letter=True)
    gaps = rules.letter_gaps(selectors.referral_letter_facts(referral))
    incomplete = {gap.step for gap in gaps}
    sections = [{"step": step, "title": rules.STEP_TITLES[step], "done": step not in incomplete} for step in STEPS]
    return render(request, "referrals/overview.html", {"referral": referral, "sections": sections, "gaps": gaps})


# Pages that edit fields on the referral itself, and the form for each.
_REFERRAL_FORMS: dict[rules.Step, type[forms.GovukModelForm]] = {
    rules.Step.COURT: forms.CourtForm,
    rules.Step.TIMETABLE: forms.TimetableForm,
    rules.Step.ASSESSMENT: forms.AssessmentRequestForm,
    rules.Step.BACKGROUND: forms.BackgroundForm,
}


@login_required
def referral_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    try:
        current = rules.Step(step)
    except ValueError:
        raise Http404("No such page") from None
    referral = _editable_referral(request, pk, with_letter=True)
    if current in _REFERRAL_FORMS:
        return _referral_fields_step(request, referral, current)
    if current == rules.Step.BUNDLE:
        return _bundle_step(request, referral)
    return _list_step(request, referral, current)


def _referral_fields_step(request: HttpRequest, referral: Referral, step: rules.Step) -> HttpResponse:
    form_class = _REFERRAL_FORMS[step]
    form = form_class(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        services.referral_update(
            referral=referral, changes={name: form.cleaned_data[name] for name in form._meta.fields or []}
        )
        if request.POST.get("action") == "save":
            messages.success(request, "Your answers have been saved as a draft")
            return redirect("referrals:overview", referral.pk)
        return redirect(_next_step_url(referral, step))
    return render(request, "referrals/step_fields.html", _step_context(referral, step, form=form))


def _list_items(referral: Referral, step: rules.Step) -> list[Any]:
    items: dict[rules.Step, Callable[[], list[Any]]] = {
        rules.Step.CHILDREN: lambda: list(referral.children.all()),
        rules.Step.ADULTS: lambda: list(referral.adults.all()),
        rules.Step.QUESTIONS: lambda: list(referral.questions.all()),
        rules.Step.READING: lambda: list(referral.reading_list.all()),
        rules.Step.CONTACTS: lambda: list(referral.contacts.all()),
    }
    return items[step]()


def _item_form(referral: Referral, step: rules.Step, data: Any = None, instance: Model | None = None) -> Any:
    if step == rules.Step.CHILDREN:
        return forms.ChildForm(data, instance=instance)
    if step == rules.Step.ADULTS:
        initial = None
        if isinstance(instance, Adult):
            initial = {
                "full_name": instance.full_name,
                "date_of_birth": instance.date_of_birth,
                "first_language": instance.first_language,
                "needs_interpreter": instance.needs_interpreter,
                "learning_needs": instance.learning_needs,
                **{f"relationship_{r.child_id}": r.relationship for r in instance.relationships.all()},
            }
        return forms.AdultForm(data, initial=initial, children=list(referral.children.all()))
    if step == rules.Step.QUESTIONS:
        return forms.QuestionForm(data)
    if step == rules.Step.READING:
        return forms.ReadingItemForm(data)
    if step == rules.Step.CONTACTS:
        return forms.ContactForm(data)
    raise Http404("No such page")


def _save_item(referral: Referral, step: rules.Step, form: Any, instance: Model | None = None) -> None:
    data = form.cleaned_data
    if step == rules.Step.CHILDREN:
        services.child_save(referral=referral, child=instance, data=data)  # type: ignore[arg-type]
    elif step == rules.Step.ADULTS:
        services.adult_save(
            referral=referral,
            adult=instance,  # type: ignore[arg-type]
            data={k: v for k, v in data.items() if not k.startswith("relationship_")},
            relationships=form.relationships(),
        )
    elif step == rules.Step.QUESTIONS:
        services.question_add(referral=referral, text=data["text"])
    elif step == rules.Step.READING:
        services.reading_item_add(referral=referral, data=data)
    elif step == rules.Step.CONTACTS:
        services.contact_add(referral=referral, data=data)


def _typed_anything(request: HttpRequest) -> bool:
    ignored = {"csrfmiddlewaretoken", "action"}
    return any(str(value).strip() for key, value in request.POST.items() if key not in ignored)


def _list_step(request: HttpRequest, referral: Referral, step: rules.Step) -> HttpResponse:
    form = _item_form(referral, step)
    if request.method == "POST":
        action = request.POST.get("action", "add")
        # "Continue" with an empty form moves on; with anything typed, it is saved
        # first, so nothing the referrer typed is ever dropped on the way.
        if action == "continue" and not _typed_anything(request):
            return redirect(_next_step_url(referral, step))
        form = _item_form(referral, step, request.POST)
        if form.is_valid():
            _save_item(referral, step, form)
            if action == "continue":
                return redirect(_next_step_url(referral, step))
            messages.success(request, "Saved")
            return redirect("referrals:step", referral.pk, step.value)
    needs_children = step == rules.Step.ADULTS and not referral.children.all()
    return render(
        request,
        "referrals/step_list.html",
        _step_context(referral, step, form=form, items=_list_items(referral, step), needs_children=needs_children),
    )


_ITEM_MODELS: dict[rules.Step, type[Model]] = {
    rules.Step.CHILDREN: Child,
    rules.Step.ADULTS: Adult,
    rules.Step.QUESTIONS: CourtQuestion,
    rules.Step.READING: ReadingItem,
    rules.Step.CONTACTS: Contact,
    rules.Step.BUNDLE: BundleDocument,
}


@login_required
def referral_item_edit(request: HttpRequest, pk: int, step: str, item_pk: int) -> HttpResponse:
    """Change a child or an adult already added."""
    current = rules.Step(step) if step in (rules.Step.CHILDREN, rules.Step.ADULTS) else None
    if current is None:
        raise Http404("No such page")
    referral = _editable_referral(request, pk, with_letter=True)
    instance = get_object_or_404(_ITEM_MODELS[current], pk=item_pk, referral=referral)
    form = _item_form(referral, current, request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        _save_item(referral, current, form, instance=instance)
        messages.success(request, "Saved")
        return redirect("referrals:step", referral.pk, current.value)
    context = _step_context(referral, current, form=form, item=instance)
    context["back_url"] = reverse("referrals:step", args=[referral.pk, current.value])
    return render(request, "referrals/item_edit.html", context)


_REMOVERS: dict[rules.Step, Callable[[Any], None]] = {
    rules.Step.CHILDREN: lambda item: services.child_remove(child=item),
    rules.Step.ADULTS: lambda item: services.adult_remove(adult=item),
    rules.Step.QUESTIONS: lambda item: services.question_remove(question=item),
    rules.Step.READING: lambda item: services.reading_item_remove(item=item),
    rules.Step.CONTACTS: lambda item: services.contact_remove(contact=item),
    rules.Step.BUNDLE: lambda item: services.bundle_document_remove(document=item),
}


@require_POST
@login_required
def referral_item_remove(request: HttpRequest, pk: int, step: str, item_pk: int) -> HttpResponse:
    try:
        current = rules.Step(step)
        remover = _REMOVERS[current]
    except (ValueError, KeyError):
        raise Http404("No such page") from None
    referral = _editable_referral(request, pk)
    item = get_object_or_404(_ITEM_MODELS[current], pk=item_pk, referral=referral)
    try:
        remover(item)
    except services.DocumentKept as kept:
        messages.error(request, str(kept))
        return redirect("referrals:step", referral.pk, current.value)
    messages.success(request, "Removed")
    return redirect("referrals:step", referral.pk, current.value)


def _bundle_step(request: HttpRequest, referral: Referral) -> HttpResponse:
    form = forms.BundleUploadForm()
    problems: list[str] = []
    if request.method == "POST":
        uploads = request.FILES.getlist("bundle_files")
        limit = size_label(settings.BUNDLE_MAX_BYTES)
        problems = [
            f"{name} is too large: each file must be smaller than {limit}" for name in oversized_uploads(request)
        ]
        continuing = request.POST.get("action") == "continue"
        if not uploads and not problems and not continuing:
            problems.append("Choose the court bundle files to upload")
        kept = 0
        for upload in uploads:
            try:
                services.bundle_document_add(referral=referral, actor=current_user(request), upload=upload)
                kept += 1
            except BundleRejected as rejection:
                problems.append(str(rejection))
        if kept:
            messages.success(request, f"{kept} file{'s' if kept != 1 else ''} uploaded")
        if not problems:
            if continuing:
                return redirect("referrals:check", referral.pk)
            return redirect("referrals:step", referral.pk, rules.Step.BUNDLE.value)
        # The files are checked one by one above; the form only carries the message.
        form = forms.BundleUploadForm(data={})
        form.is_valid()
        form.add_error(
            "bundle_files",
            problems[0] if len(problems) == 1 else "Some files could not be uploaded: see each reason above",
        )
    extra_errors = [{"message": p, "href": "#id_bundle_files"} for p in problems] if len(problems) > 1 else []
    return render(
        request,
        "referrals/step_bundle.html",
        _step_context(
            referral,
            rules.Step.BUNDLE,
            form=form,
            extra_errors=extra_errors,
            documents=list(referral.bundle_documents.all()),
            limit=size_label(settings.BUNDLE_MAX_BYTES),
        ),
    )


@login_required
def referral_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then submit the letter and bundle to the hub."""
    referral = _editable_referral(request, pk, with_letter=True)
    gaps = rules.letter_gaps(selectors.referral_letter_facts(referral))
    submit_errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            if referral.status == ReferralStatus.DRAFT:
                services.referral_submit(referral=referral, actor=current_user(request))
                messages.success(request, f"Referral {referral.reference} sent to the hub")
            return redirect("triage:detail", referral.pk)
        except services.ReferralIncomplete as incomplete:
            submit_errors = [
                {"message": gap.message, "href": reverse("referrals:step", args=[referral.pk, gap.step.value])}
                for gap in incomplete.gaps
            ]
    return render(
        request,
        "referrals/check.html",
        {"referral": referral, "gaps": gaps, "extra_errors": submit_errors, "steps": rules.STEP_TITLES},
    )


@login_required
def bundle_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    referral = _visible_referral(request, pk)
    document = get_object_or_404(BundleDocument, pk=document_pk, referral=referral)
    access_record(request=request, action=AccessAction.DOWNLOAD, object_type="bundle_document", object_id=document.pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name, content_type="application/pdf"
    )
