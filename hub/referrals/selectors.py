"""Reads of referrals. Who may see a referral is decided here, and only here."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum

from hub.accounts.models import Role, User
from hub.referrals import rules
from hub.referrals.models import Adult, AdultChildRelationship, BundleDocument, Child, Referral, ReferralStatus


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    """The referrals this person may see at all; anything else is a 404 for them.

    A referrer sees their own authority's referrals, drafts included; the service
    manager sees everything that has been submitted; an assessor sees the
    referrals behind the assessments allocated to them. Nobody else sees records.
    """
    referrals = Referral.objects.all()
    if not user.is_authenticated or not user.is_active:
        return referrals.none()
    if user.role == Role.REFERRER and user.organisation_id is not None:
        return referrals.filter(local_authority_id=user.organisation_id)
    if user.role == Role.SERVICE_MANAGER:
        return referrals.exclude(status=ReferralStatus.DRAFT)
    if user.role == Role.ASSESSOR:
        return referrals.filter(assessments__assessor=user).distinct()
    return referrals.none()


def referral_editable_by(referral: Referral, user: User) -> bool:
    return user.role == Role.REFERRER and referral.local_authority_id == user.organisation_id and referral.is_editable


def referral_list_for(user: User) -> QuerySet[Referral]:
    return (
        referrals_visible_to(user)
        .select_related("local_authority", "court")
        .annotate(child_count=_child_count())
        .order_by("-created_at", "-id")
    )


def triage_queue() -> QuerySet[Referral]:
    """Referrals waiting on the service manager, oldest received first."""
    return (
        Referral.objects.filter(status__in=[ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED])
        .select_related("local_authority", "court")
        .annotate(child_count=_child_count(), page_count=_bundle_pages())
        .order_by("received_at", "id")
    )


def _child_count() -> Subquery:
    # Subqueries, not joins: joining children and bundle files together would
    # multiply the rows and inflate both figures.
    return Subquery(
        Child.objects.filter(referral=OuterRef("pk")).values("referral").annotate(n=Count("id")).values("n"),
        output_field=IntegerField(),
    )


def _bundle_pages() -> Subquery:
    return Subquery(
        BundleDocument.objects.filter(referral=OuterRef("pk"))
        .values("referral")
        .annotate(pages=Sum("page_count"))
        .values("pages"),
        output_field=IntegerField(),
    )


def referral_with_letter(queryset: QuerySet[Referral]) -> QuerySet[Referral]:
    """Everything the letter pages show, in a fixed number of queries."""
    return queryset.select_related("local_authority", "court", "created_by").prefetch_related(
        "children",
        Prefetch(
            "adults",
            queryset=Adult.objects.prefetch_related(
                Prefetch("relationships", queryset=AdultChildRelationship.objects.select_related("child"))
            ),
        ),
        "questions",
        "reading_list",
        "contacts",
        "bundle_documents",
        "events__actor",
    )


def referral_letter_facts(referral: Referral) -> rules.LetterFacts:
    children = {
        child.pk: rules.ChildFacts(
            name=child.full_name, has_birth_or_due_date=bool(child.date_of_birth or child.expected_date_of_delivery)
        )
        for child in referral.children.all()
    }
    adults = [
        rules.AdultFacts(
            name=adult.full_name, children_related_to=frozenset(r.child_id for r in adult.relationships.all())
        )
        for adult in referral.adults.all()
    ]
    return rules.LetterFacts(
        court_chosen=referral.court_id is not None,
        case_number=referral.case_number,
        judge=referral.judge,
        permission_order_date=referral.permission_order_date,
        eligibility_agreed_by_judge=referral.eligibility_agreed_by_judge,
        proceedings_issued_on=referral.proceedings_issued_on,
        filing_date=referral.filing_date,
        irh_date=referral.irh_date,
        final_hearing_date=referral.final_hearing_date,
        children=children,
        adults=adults,
        assessment_types=list(referral.assessment_types),
        referral_reason=referral.referral_reason,
        referral_reason_detail=referral.referral_reason_detail,
        question_count=len(referral.questions.all()),
        family_background=referral.family_background,
        reading_count=len(referral.reading_list.all()),
        contact_roles=frozenset(contact.role for contact in referral.contacts.all()),
        bundle_count=len(referral.bundle_documents.all()),
    )


def referral_counts_by_status() -> dict[str, int]:
    rows = Referral.objects.values("status").annotate(n=Count("id")).order_by()
    counts = {status.label: 0 for status in ReferralStatus}
    for row in rows:
        counts[ReferralStatus(row["status"]).label] = row["n"]
    return counts
