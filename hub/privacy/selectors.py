"""Reads for data protection: finding a person, their rows, and records due for review."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.db.models.functions import Lower

from hub.privacy.models import LegalHold, RetentionReview, RetentionReviewOutcome
from hub.privacy.registry import REGISTRY, SUBJECT_KINDS, PersonalData
from hub.referrals.models import Adult, Child, Contact

_SUBJECT_MODELS: dict[str, str] = {
    "child": "referrals.Child",
    "adult": "referrals.Adult",
    "contact": "referrals.Contact",
    "user": settings.AUTH_USER_MODEL,
    "cin_child": "cin.Child",
}
# Kinds of person named in a hub referral: everything under that referral is about them.
_IN_A_REFERRAL = ("child", "adult", "contact")


@dataclass(frozen=True)
class Subject:
    """One record of a person: the same person named in three referrals is three subjects."""

    kind: str
    pk: int

    def __post_init__(self) -> None:
        if self.kind not in SUBJECT_KINDS:
            raise ValueError(f"Unknown kind of person: {self.kind}")


def subjects_named(full_name: str) -> list[Subject]:
    """Every record of a person with this name, matched without regard to case or spacing."""
    wanted = " ".join(full_name.split()).lower()
    found: list[Subject] = []
    for kind, model in (("child", Child), ("adult", Adult), ("contact", Contact)):
        rows = model.objects.annotate(lower_name=Lower("full_name")).filter(lower_name=wanted)
        found += [Subject(kind, pk) for pk in rows.values_list("pk", flat=True)]
    if apps.is_installed("hub.cin"):
        cin_children = apps.get_model(_SUBJECT_MODELS["cin_child"])._default_manager
        rows = cin_children.annotate(lower_name=Lower("full_name")).filter(lower_name=wanted)
        found += [Subject("cin_child", pk) for pk in rows.values_list("pk", flat=True)]
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    users = user_model.objects.annotate(lower_name=Lower("full_name")).filter(
        Q(lower_name=wanted) | Q(email__iexact=wanted)
    )
    found += [Subject("user", pk) for pk in users.values_list("pk", flat=True)]
    return found


def subject_row(subject: Subject) -> Model:
    return apps.get_model(_SUBJECT_MODELS[subject.kind])._default_manager.get(pk=subject.pk)


def _referral_ids(subjects: list[Subject]) -> list[int]:
    ids: set[int] = set()
    for subject in subjects:
        if subject.kind in _IN_A_REFERRAL:
            ids.add(subject_row(subject).referral_id)  # type: ignore[attr-defined]
    return sorted(ids)


def _user_paths(model: type[Model], entry: PersonalData) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    direct = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is user_model and (f.many_to_one or f.one_to_one)
    ]
    return direct + list(entry.user_paths)


def rows_about(subjects: list[Subject]) -> Iterator[tuple[str, QuerySet[Model]]]:
    """For each registered model, the rows about these people (possibly none)."""
    referral_ids = _referral_ids(subjects)
    cin_child_ids = [s.pk for s in subjects if s.kind == "cin_child"]
    user_ids = [s.pk for s in subjects if s.kind == "user"]
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    usernames = list(user_model._default_manager.filter(pk__in=user_ids).values_list("username", flat=True))
    for label, entry in REGISTRY.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue  # an app not installed in this deployment
        condition = Q(pk__in=[])
        if referral_ids:
            for path in entry.referral_paths:
                condition |= Q(**{f"{path}__in": referral_ids})
            if entry.referral_filter is not None:
                condition |= entry.referral_filter(referral_ids)
        if cin_child_ids:
            for path in entry.cin_child_paths:
                condition |= Q(**{f"{path}__in": cin_child_ids})
            if entry.cin_child_filter is not None:
                condition |= entry.cin_child_filter(cin_child_ids)
        if user_ids:
            for path in _user_paths(model, entry):
                condition |= Q(**{f"{path}__in": user_ids})
            if entry.subject_kind == "user":
                condition |= Q(pk__in=user_ids)
            for name in entry.username_fields:
                condition |= Q(**{f"{name}__in": usernames})
        yield label, model._default_manager.filter(condition).distinct().order_by("pk")


def retention_reviews_pending() -> QuerySet[RetentionReview]:
    return RetentionReview.objects.filter(outcome=RetentionReviewOutcome.PENDING).order_by("due_on", "id")


def legal_hold_active(*, record_kind: str, object_id: object) -> LegalHold | None:
    return LegalHold.objects.filter(record_kind=record_kind, object_id=str(object_id), released_at__isnull=True).first()


def held_records(records: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (record kind, object id) pairs are under an active legal hold, in one query."""
    if not records:
        return set()
    holds = LegalHold.objects.filter(
        record_kind__in={kind for kind, _ in records},
        object_id__in={object_id for _, object_id in records},
        released_at__isnull=True,
    ).values_list("record_kind", "object_id")
    return set(holds) & set(records)
