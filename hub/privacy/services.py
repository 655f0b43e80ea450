"""Writes for data protection: corrections, subject access, retention reviews and legal holds."""

import datetime
import json
from functools import partial
from typing import Any

from django.core import serializers
from django.db import transaction
from django.db.models import DateTimeField, Model, ProtectedError, RestrictedError
from django.utils import timezone

from hub.accounts.models import User
from hub.audit.models import AccessAction, AccessLogEntry
from hub.privacy import selectors
from hub.privacy.models import (
    LegalHold,
    PersonalDataCorrection,
    RetentionPolicy,
    RetentionReview,
    RetentionReviewOutcome,
)
from hub.privacy.registry import REGISTRY
from hub.privacy.retention import RECORD_KINDS
from hub.privacy.selectors import Subject
from hub.privacy.serialise import ExactJSONEncoder

WITHHELD = "[held, but withheld from exports: a security secret]"


class CorrectionRefused(Exception):
    pass


class DeletionRefused(Exception):
    pass


def _plain(value: Any) -> Any:
    """A value as JSON would hold it (dates as ISO text), for the correction record."""
    return json.loads(json.dumps(value, cls=ExactJSONEncoder))


@transaction.atomic
def personal_data_correct(
    *, instance: Model, field_name: str, new_value: Any, actor: User, reason: str
) -> PersonalDataCorrection:
    """Correct one personal-data field, keeping the value it had before, who, when and why."""
    label = instance._meta.label
    entry = REGISTRY.get(label)
    if entry is None or field_name not in entry.fields:
        raise CorrectionRefused(f"{field_name} of {label} is not a registered personal-data field")
    if not reason.strip():
        raise CorrectionRefused("Say why the record is being corrected")
    field = instance._meta.get_field(field_name)
    # Lock the row so two corrections at once cannot both record the same "before".
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    old_value = field.value_from_object(current)  # type: ignore[union-attr]
    setattr(current, field_name, new_value)
    current.full_clean(validate_unique=False, validate_constraints=False)
    current.save(update_fields=[field_name])
    setattr(instance, field_name, getattr(current, field_name))
    return PersonalDataCorrection.objects.create(
        model_label=label,
        object_id=str(instance.pk),
        field_name=field_name,
        old_value=_plain(old_value),
        new_value=_plain(getattr(current, field_name)),
        reason=reason,
        corrected_by=actor,
    )


@transaction.atomic
def subject_access_export(*, subjects: list[Subject], requested_by: User | None, via: str) -> dict[str, Any]:
    """Everything held about these records of one person, as JSON-ready data.

    The export is a draft for the data protection officer: other people's data
    in a family's case file (siblings, other parents) must be reviewed and redacted
    before anything is disclosed. Each export is recorded in the access log.
    """
    records: dict[str, list[dict[str, Any]]] = {}
    for label, rows in selectors.rows_about(subjects):
        found = serializers.serialize("python", rows, use_natural_foreign_keys=False)
        for row in found:
            for name in REGISTRY[label].withheld:
                if name in row["fields"]:
                    row["fields"][name] = WITHHELD
        if found:
            records[label] = found
    # Corrections follow the rows they corrected.
    corrected = {
        (label, str(row["pk"]))
        for label, rows in records.items()
        if label != PersonalDataCorrection._meta.label
        for row in rows
    }
    # Narrowed in the database first; the exact (model, row) pairs are matched here.
    candidates = PersonalDataCorrection.objects.filter(
        model_label__in={label for label, _ in corrected}, object_id__in={pk for _, pk in corrected}
    ).order_by("pk")
    corrections = [c for c in candidates if (c.model_label, c.object_id) in corrected]
    if corrections:
        already = {row["pk"] for row in records.get(PersonalDataCorrection._meta.label, [])}
        records.setdefault(PersonalDataCorrection._meta.label, []).extend(
            row for row in serializers.serialize("python", corrections) if row["pk"] not in already
        )
    for subject in subjects:
        AccessLogEntry.objects.create(
            user=requested_by,
            action=AccessAction.EXPORT,
            object_type=f"subject-access:{subject.kind}",
            object_id=str(subject.pk),
            path=via[:500],
        )
    export = {
        "generated_at": timezone.now(),
        "subjects": [{"kind": s.kind, "id": s.pk} for s in subjects],
        "notice": (
            "Subject access draft. It holds the whole case file of each referral the person is named in "
            "(or, for a child in an authority's children in need record, that child's whole record); "
            "review and redact third parties' data before disclosure."
        ),
        "records": records,
    }
    return _plain(export)


@transaction.atomic
def retention_policies_ensure() -> int:
    """Create any of the starting policies that are missing; never changes one that exists. Returns how many."""
    from hub.privacy.retention import DEFAULT_POLICIES

    created = 0
    for kind, description, days, counted_from, basis in DEFAULT_POLICIES:
        _policy, made = RetentionPolicy.objects.get_or_create(
            record_kind=kind,
            defaults={
                "description": description,
                "retain_for_days": days,
                "counted_from": counted_from,
                "basis": basis,
            },
        )
        created += made
    return created


@transaction.atomic
def retention_flag_due(*, today: datetime.date | None = None) -> int:
    """Flag every record past its retention date for review. Deletes nothing. Returns how many were flagged."""
    today = today or timezone.localdate()
    flagged = 0
    for policy in RetentionPolicy.objects.filter(is_active=True):
        kind = RECORD_KINDS.get(policy.record_kind)
        if kind is None:
            continue
        cutoff = today - datetime.timedelta(days=policy.retain_for_days)
        field = kind.counted_from_field
        already = set(
            RetentionReview.objects.filter(record_kind=policy.record_kind).values_list("object_id", flat=True)
        )
        rows = kind.rows()
        # A date and time counts from its day; a plain date (a child's birth) as it is.
        before = "__date__lt" if isinstance(rows.model._meta.get_field(field), DateTimeField) else "__lt"
        due = rows.filter(**{f"{field}__isnull": False}).filter(**{f"{field}{before}": cutoff})
        for row in due.iterator():
            if str(row.pk) in already:
                continue
            counted_from = getattr(row, field)
            if isinstance(counted_from, datetime.datetime):
                counted_from = timezone.localdate(counted_from)
            RetentionReview.objects.create(
                record_kind=policy.record_kind,
                object_id=str(row.pk),
                label=kind.label(row)[:200],
                due_on=counted_from + datetime.timedelta(days=policy.retain_for_days),
            )
            flagged += 1
    return flagged


@transaction.atomic
def legal_hold_place(*, record_kind: str, object_id: object, reason: str, actor: User) -> LegalHold:
    if record_kind not in RECORD_KINDS:
        raise ValueError(f"Unknown kind of record: {record_kind}")
    return LegalHold.objects.create(record_kind=record_kind, object_id=str(object_id), reason=reason, placed_by=actor)


@transaction.atomic
def legal_hold_release(*, hold: LegalHold, actor: User) -> LegalHold:
    hold.released_by = actor
    hold.released_at = timezone.now()
    hold.save(update_fields=["released_by", "released_at"])
    return hold


@transaction.atomic
def retention_review_keep(*, review: RetentionReview, actor: User, note: str) -> RetentionReview:
    review.outcome = RetentionReviewOutcome.KEEP
    review.reviewed_by = actor
    review.reviewed_at = timezone.now()
    review.review_note = note
    review.save(update_fields=["outcome", "reviewed_by", "reviewed_at", "review_note"])
    return review


@transaction.atomic
def retention_record_delete(*, review: RetentionReview, actor: User, note: str) -> RetentionReview:
    """Delete a record a person has reviewed as past retention: refused while a legal hold is in force."""
    review = RetentionReview.objects.select_for_update().get(pk=review.pk)
    if review.outcome != RetentionReviewOutcome.PENDING:
        raise DeletionRefused("This record has already been reviewed.")
    hold = selectors.legal_hold_active(record_kind=review.record_kind, object_id=review.object_id)
    if hold is not None:
        raise DeletionRefused(f"A legal hold placed on {timezone.localdate(hold.placed_at):%d %B %Y} is in force.")
    kind = RECORD_KINDS[review.record_kind]
    row = kind.rows().filter(pk=review.object_id).first()
    if row is not None:
        documents = getattr(row, "bundle_documents", None)
        files = [document.file for document in documents.all()] if documents is not None else []
        try:
            if kind.delete is not None:
                kind.delete(row)
            else:
                row.delete()
        except (ProtectedError, RestrictedError) as error:
            raise DeletionRefused(
                "Other records still depend on this one (for example its assessments): review those first."
            ) from error
        # Documents go only once the database rows are gone for good.
        for stored in files:
            transaction.on_commit(partial(stored.storage.delete, stored.name))
    review.outcome = RetentionReviewOutcome.DELETED
    review.reviewed_by = actor
    review.reviewed_at = timezone.now()
    review.review_note = note
    review.save(update_fields=["outcome", "reviewed_by", "reviewed_at", "review_note"])
    return review
