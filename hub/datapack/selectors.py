"""Reads: who may see what, and the pack's figures (stored with each return when it was imported)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet

from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.datapack import figures
from hub.datapack.models import Episode, PackExport, Population, Return, ReturnChild

# The regional users: the hub's service manager and the performance and audit viewer.
REGIONAL_ROLES = frozenset({Role.SERVICE_MANAGER, Role.VIEWER})
# Episodes are read from the database this many at a time.
CHUNK = 5_000


def authority_of(user: User) -> Organisation | None:
    """The local authority a person works for, if they work for one."""
    organisation = user.organisation
    if organisation is not None and organisation.kind == OrganisationKind.LOCAL_AUTHORITY:
        return organisation
    return None


def is_regional(user: User) -> bool:
    return user.role in REGIONAL_ROLES


def may_see_pack(user: User) -> bool:
    """Regional users and the authorities' own people see the pack's figures (aggregates, suppressed)."""
    return is_regional(user) or authority_of(user) is not None


def returns_visible_to(user: User) -> QuerySet[Return]:
    """The returns whose children and episodes this person may see row by row: their own authority's only.

    Regional users see aggregates only, never a child's row.
    """
    authority = authority_of(user)
    if authority is None:
        return Return.objects.none()
    return Return.objects.filter(authority=authority).select_related("authority")


def pack_exports_of(user: User) -> QuerySet[PackExport]:
    """The pack PDFs this person asked the worker for: theirs only (they chose the authorities)."""
    return PackExport.objects.filter(requested_by=user)


def authorities_with_returns() -> QuerySet[Organisation]:
    return Organisation.objects.filter(ssda903_returns__isnull=False).distinct().order_by("name")


def years_imported() -> list[int]:
    return sorted(set(Return.objects.values_list("year", flat=True)))


def _children(ssda_return: Return) -> Iterator[figures.Child]:
    """The return's children with their episodes, one at a time (episodes come in child order)."""
    births = dict(ReturnChild.objects.filter(ssda903_return=ssda_return).values_list("child", "dob"))
    rows = (
        Episode.objects.filter(ssda903_return=ssda_return)
        .order_by("child", "decom")
        .values_list("child", "decom", "dec", "rne", "ls", "place", "rec")
        .iterator(chunk_size=CHUNK)
    )
    return figures.children(births, rows)


def return_counts(ssda_return: Return) -> dict[str, Any]:
    """The return's figures counted afresh from its episodes (what the import stores in `Return.counts`)."""
    return figures.authority_year(_children(ssda_return), authority="", code="", year=ssda_return.year).counts()


def pack_figures(
    authorities: Sequence[Organisation] | None = None, years: Sequence[int] | None = None
) -> list[figures.AuthorityYear]:
    """Each imported authority-year's figures (all authorities and years unless narrowed), unsuppressed.

    Read from the counts stored with each return (a return imported before they were
    stored and not yet filled by the migration is counted afresh).
    """
    returns = Return.objects.select_related("authority").order_by("authority__name", "year")
    if authorities is not None:
        returns = returns.filter(authority__in=authorities)
    if years is not None:
        returns = returns.filter(year__in=years)
    populations = {
        (authority_id, year): children
        for authority_id, year, children in Population.objects.values_list("authority_id", "year", "children")
    }
    # The counts were stored when each return was imported; only the names and the
    # populations are read as they are now.
    return [
        figures.AuthorityYear.from_counts(
            ssda_return.counts or return_counts(ssda_return),
            authority=ssda_return.authority.name,
            code=ssda_return.authority.dfe_code,
            year=ssda_return.year,
            population=populations.get((ssda_return.authority_id, ssda_return.year)),
        )
        for ssda_return in returns
    ]
