"""Sessions with the family, and which children were seen alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hub.accounts.access import current_user
from hub.assessments.models import Assessment
from hub.workspace import forms, rules, selectors, services
from hub.workspace.models import (
    Session,
)
from hub.workspace.views.common import page_context, workspace_of


def _session_form(request: HttpRequest, assessment: Assessment, session: Session | None) -> forms.SessionForm:
    seen = {row.child_id: (row.seen, row.reason_not_alone) for row in session.children_seen.all()} if session else None
    return forms.SessionForm(
        request.POST or None, instance=session, children=selectors.children_of(assessment), seen=seen
    )


@login_required
def sessions(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    form = _session_form(request, assessment, None)
    if request.method == "POST" and form.is_valid():
        services.session_save(
            assessment=assessment,
            actor=current_user(request),
            data=form.session_data(),
            children_seen=form.children_seen(),
        )
        messages.success(request, "Session recorded")
        return redirect("workspace:sessions", assessment.pk)
    context = page_context(
        request, assessment, rules.Section.SESSIONS, form=form, sessions=selectors.sessions_of(assessment)
    )
    return render(request, "workspace/sessions.html", context)


@login_required
def session_edit(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    assessment = workspace_of(request, pk)
    session = selectors.sessions_of(assessment).filter(pk=session_id).first()
    if session is None:
        raise Http404("No such session")
    form = _session_form(request, assessment, session)
    if request.method == "POST" and form.is_valid():
        services.session_save(
            assessment=assessment,
            actor=current_user(request),
            session=session,
            data=form.session_data(),
            children_seen=form.children_seen(),
        )
        messages.success(request, "Session updated")
        return redirect("workspace:sessions", assessment.pk)
    context = page_context(request, assessment, rules.Section.SESSIONS, form=form, session=session)
    return render(request, "workspace/session_edit.html", context)
