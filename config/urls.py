from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import include, path

from hub.api.site import api

admin.site.site_header = "Assessment Hub administration"
admin.site.site_title = "Assessment Hub administration"


def _admin_sign_in(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The administration site signs in through the hub's own two-step sign-in.

    Django's admin has its own password-only form; a session made there would have
    no second factor, so it is never offered.
    """
    return redirect_to_login(request.GET.get("next", "/admin/"), resolve_url(settings.LOGIN_URL))


admin.site.login = _admin_sign_in  # type: ignore[method-assign]

urlpatterns = [
    path("", include("hub.home.urls")),
    path("accounts/", include("hub.accounts.urls")),
    path("referrals/", include("hub.referrals.urls")),
    path("referrals/", include("hub.triage.urls")),
    path("timescales/", include("hub.timescales.urls")),
    path("allocation/", include("hub.allocation.urls")),
    path("workspace/", include("hub.workspace.urls")),
    path("bundles/", include("hub.bundles.urls")),
    path("reports/", include("hub.reports.urls")),
    path("privacy/", include("hub.privacy.urls")),
    path("feedback/", include("hub.feedback.urls")),
    path("cin/", include("hub.cin.urls")),
    path("case-file-audits/", include("hub.caseaudit.urls")),
    path("data-pack/", include("hub.datapack.urls")),
    path("training/", include("hub.training.urls")),
    path("impact/", include("hub.impact.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
