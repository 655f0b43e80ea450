"""The service manager's list of records due for a retention review."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hub.accounts.access import role_required
from hub.accounts.models import Role
from hub.audit.models import AccessAction
from hub.audit.services import access_record
from hub.privacy import selectors
from hub.privacy.models import RetentionPolicy

REVIEWS_PAGE_SIZE = 50


@role_required(Role.SERVICE_MANAGER, hidden_as="retention_reviews")
def retention_reviews(request: HttpRequest) -> HttpResponse:
    access_record(request=request, action=AccessAction.SEARCH, object_type="retention_reviews")
    # A page at a time, oldest first: a first run of the retention job can flag thousands at once.
    page = Paginator(selectors.retention_reviews_pending(), REVIEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    reviews = list(page.object_list)
    held = selectors.held_records([(review.record_kind, review.object_id) for review in reviews])
    kinds = dict(RetentionPolicy.objects.values_list("record_kind", "description"))
    rows = [
        (review, kinds.get(review.record_kind, review.record_kind), (review.record_kind, review.object_id) in held)
        for review in reviews
    ]
    return render(request, "privacy/retention_reviews.html", {"rows": rows, "page": page})
