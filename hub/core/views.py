from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hub.accounts.models import Role
from hub.assessments.selectors import assessments_for_assessor
from hub.referrals.selectors import referral_counts_by_status


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on the page it comes for."""
    role = request.user.role  # type: ignore[union-attr]
    if role == Role.SERVICE_MANAGER:
        return redirect("referrals:triage")
    if role == Role.REFERRER:
        return redirect("referrals:list")
    if role == Role.ADMINISTRATOR:
        return redirect("admin:index")
    if role == Role.ASSESSOR:
        assessments = assessments_for_assessor(request.user)  # type: ignore[arg-type]
        return render(request, "core/assessor_home.html", {"assessments": assessments})
    return render(request, "core/viewer_home.html", {"counts": referral_counts_by_status()})
