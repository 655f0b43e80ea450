from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hub.accounts.models import Role
from hub.assessments.selectors import assessments_for_assessor
from hub.referrals.selectors import referral_counts_by_status
from hub.timescales import selectors as timescale_selectors
from hub.timescales import services as timescale_services


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on the page it comes for."""
    role = request.user.role  # type: ignore[union-attr]
    if role == Role.SERVICE_MANAGER:
        return redirect("triage:queue")
    if role == Role.REFERRER:
        return redirect("referrals:list")
    if role == Role.ADMINISTRATOR:
        return redirect("admin:index")
    if role == Role.ASSESSOR:
        # Each assessment with its clock: due date, status and the assessor's own deadline (draft to QA).
        rows = timescale_selectors.assessment_clocks(
            assessments_for_assessor(request.user),  # type: ignore[arg-type]
            as_of=timescale_services.today(),
            calendar_=timescale_services.working_calendar(),
        )
        rows.sort(key=lambda row: (row.clock is None, row.clock.due_date if row.clock else None, row.assessment.pk))
        return render(request, "home/assessor_home.html", {"rows": rows})
    return render(request, "home/viewer_home.html", {"counts": referral_counts_by_status()})
