from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from hub.accounts.models import Role

# Which sections each role sees in the service navigation, as (label, URL name).
# A section whose URL does not exist yet is left out, so an app can add its page
# by naming its URL here.
_NAVIGATION: dict[str, list[tuple[str, str]]] = {
    Role.SERVICE_MANAGER: [
        ("Triage", "triage:queue"),
        ("Timeline", "timescales:timeline"),
        ("Allocation", "allocation:queue"),
        ("Workload", "allocation:workload"),
        ("Quality assurance", "reports:qa-queue"),
        ("All referrals", "referrals:list"),
        ("Retention", "privacy:retention-reviews"),
        ("Data pack", "datapack:pack"),
        ("Feedback", "feedback:results"),
        ("Advocacy", "feedback:advocacy-not-offered"),
        ("Impact", "impact:dashboard"),
        ("Training", "training:sessions"),
    ],
    Role.REFERRER: [
        ("Your referrals", "referrals:list"),
        ("Start a referral", "referrals:start"),
        ("Filed reports", "reports:filed-list"),
        ("Children in need", "cin:caseload"),
        ("Case-file audits", "caseaudit:programmes"),
        ("Data pack", "datapack:pack"),
        ("Training", "training:sessions"),
    ],
    Role.ASSESSOR: [("Your assessments", "home:home"), ("Your deadlines", "timescales:my-deadlines")],
    Role.VIEWER: [
        ("Figures", "home:home"),
        ("Case-file audits", "caseaudit:programmes"),
        ("Data pack", "datapack:pack"),
        ("Feedback", "feedback:results"),
        ("Impact", "impact:dashboard"),
    ],
    Role.ADMINISTRATOR: [("Organisations and users", "admin:index")],
}


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {"navigation": [], "hub_name": settings.HUB_NAME}
    timeouts = {
        "idle_timeout_seconds": settings.HUB_IDLE_TIMEOUT_SECONDS,
        "idle_warning_seconds": settings.HUB_IDLE_WARNING_SECONDS,
    }
    items = []
    for label, name in _NAVIGATION.get(getattr(user, "role", ""), []):
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "href": href, "current": request.path == href})
    return {"navigation": items, "hub_name": settings.HUB_NAME, **timeouts}
