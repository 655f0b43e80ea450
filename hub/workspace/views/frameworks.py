"""The frameworks: triangle, capacity to change, risk, equality, the four questions and census factors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from hub.accounts.access import current_user
from hub.core.forms import GovukModelForm
from hub.workspace import forms, rules, selectors, services
from hub.workspace.models import (
    Hypothesis,
)
from hub.workspace.views.common import (
    autosaved,
    is_autosave,
    page_context,
    record_page,
    save_form_page,
    section_url,
    workspace_of,
)
from hub.workspace.views.household import adult_and_record, save_adult_record


@login_required
def capacity(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    adult_records = selectors.adult_records(assessment)
    context = page_context(
        request,
        assessment,
        rules.Section.CAPACITY,
        adult_rows=[(adult, adult_records.get(adult.pk)) for adult in selectors.adults_of(assessment)],
    )
    return render(request, "workspace/capacity.html", context)


@login_required
def capacity_edit(request: HttpRequest, pk: int, adult_id: int) -> HttpResponse:
    return record_page(
        request,
        pk,
        adult_id,
        section=rules.Section.CAPACITY,
        load=adult_and_record,
        form_class=forms.CapacityForm,
        save=save_adult_record,
        heading="Capacity to change: {name}",
        success="Capacity to change saved for {name}",
    )


_ANALYSIS_FORMS: dict[rules.Section, tuple[type[GovukModelForm], str]] = {
    rules.Section.TRIANGLE: (forms.TriangleForm, "Assessment triangle: strengths and concerns on each side"),
    rules.Section.RISK: (forms.RiskForm, "Risk management tool"),
}


def _analysis_page(request: HttpRequest, pk: int, section: rules.Section) -> HttpResponse:
    assessment = workspace_of(request, pk)
    form_class, heading = _ANALYSIS_FORMS[section]
    form = form_class(request.POST or None, instance=selectors.analysis_of(assessment))

    def save(valid: GovukModelForm) -> None:
        services.analysis_save(assessment=assessment, actor=current_user(request), data=dict(valid.cleaned_data))

    url = section_url(assessment, section)
    # The section is the form: saving stays here, and Back goes to the overview, not to this page.
    return save_form_page(
        request,
        assessment,
        section,
        form,
        save,
        heading,
        url,
        "Saved",
        back_url=reverse("workspace:overview", args=[assessment.pk]),
        back_label="the overview",
    )


@login_required
def triangle(request: HttpRequest, pk: int) -> HttpResponse:
    return _analysis_page(request, pk, rules.Section.TRIANGLE)


@login_required
def risk(request: HttpRequest, pk: int) -> HttpResponse:
    return _analysis_page(request, pk, rules.Section.RISK)


@login_required
def equality(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    analysis = selectors.analysis_of(assessment)
    form = forms.EqualityForm(request.POST or None, initial=forms.EqualityForm.initial_from(analysis.equality))
    if request.method == "POST":
        if form.is_valid():
            services.analysis_save(
                assessment=assessment, actor=current_user(request), data={"equality": form.equality()}
            )
        if is_autosave(request):
            return autosaved(form)
        if form.is_valid():
            messages.success(request, "Saved")
            return redirect("workspace:equality", assessment.pk)
    return render(
        request, "workspace/equality.html", page_context(request, assessment, rules.Section.EQUALITY, form=form)
    )


@login_required
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The four questions as one live page: what I know, who to tell, my gaps, and the hypotheses."""
    assessment = workspace_of(request, pk)
    analysis = selectors.analysis_of(assessment)
    is_hypothesis = request.method == "POST" and request.POST.get("form") == "hypothesis"
    form = forms.QuestionsForm(
        request.POST if request.method == "POST" and not is_hypothesis else None, instance=analysis
    )
    hypothesis_form = forms.HypothesisForm(request.POST if is_hypothesis else None, prefix="hypothesis")
    if request.method == "POST" and not is_hypothesis:
        if form.is_valid():
            services.analysis_save(assessment=assessment, actor=current_user(request), data=dict(form.cleaned_data))
        if is_autosave(request):
            return autosaved(form)
        if form.is_valid():
            messages.success(request, "Saved")
            return redirect("workspace:questions", assessment.pk)
    if is_hypothesis and hypothesis_form.is_valid():
        services.hypothesis_save(
            assessment=assessment, actor=current_user(request), data=dict(hypothesis_form.cleaned_data)
        )
        messages.success(request, "Hypothesis added")
        return redirect(reverse("workspace:questions", args=[assessment.pk]) + "#hypotheses")
    context = page_context(
        request,
        assessment,
        rules.Section.QUESTIONS,
        form=form,
        hypothesis_form=hypothesis_form,
        hypotheses=list(Hypothesis.objects.filter(assessment=assessment)),
    )
    return render(request, "workspace/questions.html", context)


@login_required
def hypothesis_edit(request: HttpRequest, pk: int, hypothesis_id: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    hypothesis = Hypothesis.objects.filter(assessment=assessment, pk=hypothesis_id).first()
    if hypothesis is None:
        raise Http404("No such hypothesis")
    form = forms.HypothesisForm(request.POST or None, instance=hypothesis)

    def save(valid: forms.HypothesisForm) -> None:
        services.hypothesis_save(
            assessment=assessment, actor=current_user(request), hypothesis=hypothesis, data=dict(valid.cleaned_data)
        )

    url = reverse("workspace:questions", args=[assessment.pk]) + "#hypotheses"
    return save_form_page(request, assessment, rules.Section.QUESTIONS, form, save, "Hypothesis", url, "Saved")


@login_required
def factors(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    children = selectors.children_of(assessment)
    records = selectors.child_records(assessment)
    initial = {f"factors_{c.pk}": records[c.pk].cin_factors for c in children if c.pk in records}
    form = forms.FactorsForm(request.POST or None, children=children, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.census_factors_save(
            assessment=assessment, actor=current_user(request), children=children, factors=form.factors()
        )
        messages.success(request, "Factors saved")
        return redirect("workspace:factors", assessment.pk)
    return render(
        request, "workspace/factors.html", page_context(request, assessment, rules.Section.FACTORS, form=form)
    )
