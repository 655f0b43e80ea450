from django.db.models import QuerySet

from hub.accounts.models import User
from hub.assessments.models import Assessment, AssessmentStatus


def assessments_for_assessor(user: User) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(assessor=user)
        .exclude(status=AssessmentStatus.FILED)
        .select_related("referral__local_authority")
        .order_by("clock_started_at")
    )
