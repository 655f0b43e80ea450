"""The service manager's list of records due for a retention review."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.privacy import selectors
from hub.privacy.models import RetentionPolicy


@login_required
def retention_reviews(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", None) != Role.SERVICE_MANAGER:
        raise Http404("No such page")
    access_record(request=request, action=AccessAction.SEARCH, object_type="retention_reviews")
    reviews = list(selectors.retention_reviews_pending())
    held: dict[str, set[str]] = {}
    for review in reviews:
        if review.record_kind not in held:
            held[review.record_kind] = selectors.held_object_ids(review.record_kind)
    kinds = dict(RetentionPolicy.objects.values_list("record_kind", "description"))
    rows = [
        (review, kinds.get(review.record_kind, review.record_kind), review.object_id in held[review.record_kind])
        for review in reviews
    ]
    return render(request, "privacy/retention_reviews.html", {"rows": rows})
