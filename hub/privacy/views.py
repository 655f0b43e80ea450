"""The service manager's list of records due for a retention review."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hub.accounts.access import role_required
from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.privacy import selectors
from hub.privacy.models import RetentionPolicy


@role_required(Role.SERVICE_MANAGER, hidden_as="retention_reviews")
def retention_reviews(request: HttpRequest) -> HttpResponse:
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
