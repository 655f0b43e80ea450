"""Writes for the API: a whole referral received in one request, and API tokens.

A case system sends the complete Letter of Instruction and the bundle at once, so
the referral is built through the same services the online form uses, one page
after another, and submitted, all in one transaction: a referral the hub cannot
receive leaves nothing behind, neither rows nor files.
"""

import contextlib
import logging
import posixpath
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from hub.accounts.models import ApiToken, Organisation, Role, User
from hub.api.errors import Problem, field_path
from hub.api.schemas import LetterIn
from hub.api.selectors import family_court_find
from hub.core.usage import last_used_mark
from hub.referrals import services as referral_services
from hub.referrals.models import Child, Referral
from hub.referrals.pdfcheck import BundleCheckUnavailable, BundleRejected

logger = logging.getLogger(__name__)


class LetterInvalid(Exception):
    """The letter names something that does not exist (a court, a child)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class BundleFileRejected(Exception):
    """One of the bundle files cannot be kept; `index` is its place among the files sent."""

    def __init__(self, index: int, message: str, *, try_later: bool = False) -> None:
        super().__init__(message)
        self.index = index
        # The file may be fine: it could not be checked now (the virus scanner is down).
        self.try_later = try_later


def referral_receive(*, actor: User, letter: LetterIn, uploads: Sequence[UploadedFile]) -> Referral:
    """Record the letter and its bundle and submit them, or store nothing at all.

    Raises LetterInvalid, BundleFileRejected or ReferralIncomplete (with every gap).
    """
    court = _references_checked(letter)
    stored: list[FieldFile] = []
    try:
        with transaction.atomic():
            referral = _referral_build(actor=actor, letter=letter, court=court, uploads=uploads, stored=stored)
            referral_services.referral_submit(referral=referral, actor=actor)
    except BaseException:
        # bundle_document_add writes each file before its row, and a rollback
        # only takes back rows: the files written so far go too.
        _files_remove(stored)
        raise
    referral.refresh_from_db()
    return referral


def _references_checked(letter: LetterIn) -> Organisation | None:
    problems = []
    court = None
    if letter.court is not None:
        court = family_court_find(letter.court)
        if court is None:
            problems.append(
                Problem(
                    code="unknown_court", field="letter.court", message="There is no family court by that name or id"
                )
            )
    for a, adult in enumerate(letter.adults):
        seen: set[int] = set()
        for r, relationship in enumerate(adult.relationships):
            where = field_path(["adults", a, "relationships", r, "child"], root="letter")
            if relationship.child >= len(letter.children):
                problems.append(
                    Problem(
                        code="unknown_child",
                        field=where,
                        message=f"There is no child at position {relationship.child} in letter.children "
                        f"(positions start at 0; the letter has {len(letter.children)})",
                    )
                )
            elif relationship.child in seen:
                problems.append(
                    Problem(code="duplicate_relationship", field=where, message="Give one relationship per child")
                )
            seen.add(relationship.child)
    if problems:
        raise LetterInvalid(problems)
    return court


def _referral_build(
    *,
    actor: User,
    letter: LetterIn,
    court: Organisation | None,
    uploads: Sequence[UploadedFile],
    stored: list[FieldFile],
) -> Referral:
    referral = referral_services.referral_start(actor=actor)
    referral_services.referral_update(
        referral=referral,
        changes={
            "court": court,
            "case_number": letter.case_number,
            "judge": letter.judge,
            "permission_order_date": letter.permission_order_date,
            "eligibility_agreed_by_judge": letter.eligibility_agreed_by_judge,
            "proceedings_issued_on": letter.proceedings_issued_on,
            "filing_date": letter.filing_date,
            "irh_date": letter.irh_date,
            "final_hearing_date": letter.final_hearing_date,
            # A referral asks for each type once, whatever the sender repeated.
            "assessment_types": list(dict.fromkeys(kind.value for kind in letter.assessment_types)),
            "referral_reason": letter.referral_reason.value if letter.referral_reason else "",
            "referral_reason_detail": letter.referral_reason_detail,
            "family_background": letter.family_background,
            "case_background": letter.case_background,
        },
    )
    children: list[Child] = [
        referral_services.child_save(referral=referral, data={**child.model_dump(), "sex": child.sex.value})
        for child in letter.children
    ]
    for adult in letter.adults:
        referral_services.adult_save(
            referral=referral,
            data=adult.model_dump(exclude={"relationships"}),
            relationships={children[link.child].pk: link.relationship for link in adult.relationships},
        )
    for question in letter.questions:
        referral_services.question_add(referral=referral, text=question)
    for item in letter.reading_list:
        referral_services.reading_item_add(referral=referral, data=item.model_dump())
    for contact in letter.contacts:
        referral_services.contact_add(referral=referral, data={**contact.model_dump(), "role": contact.role.value})
    for index, upload in enumerate(uploads):
        try:
            document = referral_services.bundle_document_add(referral=referral, actor=actor, upload=upload)
        except BundleRejected as rejection:
            raise BundleFileRejected(
                index, str(rejection), try_later=isinstance(rejection, BundleCheckUnavailable)
            ) from None
        stored.append(document.file)
    return referral


def _files_remove(files: list[FieldFile]) -> None:
    for file in files:
        if not file.name:
            continue
        try:
            file.storage.delete(file.name)
            # The referral's folder was made for these files; on a file system an
            # emptied folder is removed too (elsewhere this is a harmless no-op).
            with contextlib.suppress(OSError):
                file.storage.delete(posixpath.dirname(file.name))
        except Exception:
            logger.exception("Could not remove the stored bundle file %s after a refused submission", file.name)


def api_token_mark_used(*, token: ApiToken) -> None:
    last_used_mark(token)


class TokenRefused(Exception):
    pass


@transaction.atomic
def api_token_issue(*, organisation: Organisation, acting_user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for a local authority's case system; the raw token is returned once and never kept."""
    if not organisation.is_local_authority:
        raise TokenRefused(f"{organisation} is not a local authority")
    if acting_user.role != Role.REFERRER or acting_user.organisation_id != organisation.pk:
        raise TokenRefused(f"{acting_user.email} is not a referrer of {organisation}")
    if not acting_user.is_active:
        raise TokenRefused(f"{acting_user.email} is deactivated")
    if not name.strip():
        raise TokenRefused("Give the token a name, such as the case system it is for")
    return ApiToken.issue(organisation=organisation, acting_user=acting_user, name=name.strip())


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
