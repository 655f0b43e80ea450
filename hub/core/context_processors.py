from django.http import HttpRequest
from django.urls import reverse

from hub.accounts.models import Role

# Which sections each role sees in the service navigation.
_NAVIGATION: dict[str, list[tuple[str, str]]] = {
    Role.SERVICE_MANAGER: [("Triage", "referrals:triage"), ("All referrals", "referrals:list")],
    Role.REFERRER: [("Your referrals", "referrals:list"), ("Start a referral", "referrals:start")],
    Role.ASSESSOR: [("Your assessments", "core:home")],
    Role.VIEWER: [("Figures", "core:home")],
    Role.ADMINISTRATOR: [("Organisations and users", "admin:index")],
}


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {"navigation": []}
    items = []
    for label, name in _NAVIGATION.get(getattr(user, "role", ""), []):
        href = reverse(name)
        items.append({"label": label, "href": href, "current": request.path == href})
    return {"navigation": items}
