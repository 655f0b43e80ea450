"""Writes: importing an authority's SSDA903 return, and the populations rates are made from."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction

from hub.accounts.models import Organisation, OrganisationKind, User
from hub.datapack import selectors, ssda903
from hub.datapack.models import Episode, PackExport, Population, Return, ReturnChild
from hub.datapack.ssda903 import COLUMNS, MAX_PROBLEMS, Problem, Table
from hub.datapack.tasks import pack_export_make

# Rows go to the database in batches of this many, so an import's memory does not
# grow with the size of the file.
BATCH = 2_000


class ReturnRefused(Exception):
    """The file set is refused whole; `problems` says where and why (file, line, column, reason)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"The SSDA903 files were not imported: {len(self.problems)} problem(s)")


@dataclass(frozen=True)
class Upload:
    """One file of a set: the name to quote in messages and its bytes, read as they are needed."""

    name: str
    stream: IO[bytes]


@dataclass
class _Opened:
    upload: Upload
    table: Table
    reader: Any
    text: io.TextIOWrapper


def authority_by_code(code: str) -> Organisation:
    """The local authority with this DfE three-digit code."""
    return Organisation.objects.get(kind=OrganisationKind.LOCAL_AUTHORITY, dfe_code=code.strip())


def _open(uploads: Sequence[Upload], problems: list[Problem]) -> dict[Table, _Opened]:
    """Each file's table, from its header row; problems for a file that is none of them or comes twice."""
    opened: dict[Table, _Opened] = {}
    for upload in uploads:
        # utf-8-sig: spreadsheets often save a byte order mark before the header.
        text = io.TextIOWrapper(upload.stream, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        try:
            first = next(reader, None)
        except (UnicodeDecodeError, csv.Error) as error:
            problems.append(Problem(upload.name, 1, "", f"cannot be read as a CSV file in UTF-8 ({error})"))
            continue
        table = ssda903.table_for(first or [])
        if table is None:
            problems.append(
                Problem(
                    upload.name,
                    1,
                    "",
                    "the header row is not one of the DfE's SSDA903 layouts "
                    "(for episodes it must be " + ",".join(COLUMNS[Table.EPISODES]) + ")",
                )
            )
            continue
        if table in opened:
            problems.append(
                Problem(upload.name, 1, "", f"a second {table} file: {opened[table].upload.name} is one already")
            )
            continue
        opened[table] = _Opened(upload=upload, table=table, reader=reader, text=text)
    for table in ssda903.REQUIRED_TABLES:
        if table not in opened:
            problems.append(Problem(f"the {table} file", 0, "", f"is missing: every return needs its {table} file"))
    return opened


def _rows(opened: _Opened, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
    columns = COLUMNS[opened.table]
    try:
        for line, row in ssda903.read_rows(opened.reader, columns):
            if "__width__" in row:
                problems.append(
                    Problem(
                        opened.upload.name,
                        line,
                        "",
                        f"has {row['__width__']} cells; the {opened.table} layout has {len(columns)}",
                    )
                )
                continue
            yield line, row
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(Problem(opened.upload.name, opened.reader.line_num + 1, "", f"cannot be read ({error})"))


class _Batches:
    """bulk_create in batches, and stop writing once there is a problem (the transaction is rolled back anyway)."""

    def __init__(self, model: Any, problems: list[Problem]) -> None:
        self.model, self.problems = model, problems
        self.pending: list[Any] = []

    def add(self, obj: Any) -> None:
        if self.problems:
            self.pending.clear()
            return
        self.pending.append(obj)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending and not self.problems:
            self.model.objects.bulk_create(self.pending)
        self.pending = []


@transaction.atomic
def return_import(*, authority: Organisation, year: int, uploads: Sequence[Upload], by: User | None = None) -> Return:
    """Import one authority's SSDA903 files for one collection year, replacing any earlier import.

    One transaction: a file set with any bad row is refused whole (ReturnRefused,
    with every problem up to MAX_PROBLEMS), and what was there before stays.
    """
    problems: list[Problem] = []
    if authority.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise ValueError("Only a local authority makes an SSDA903 return")
    opened = _open(uploads, problems)
    if problems:
        raise ReturnRefused(problems)

    Return.objects.filter(authority=authority, year=year).delete()
    ssda_return = Return.objects.create(authority=authority, year=year, imported_by=by)
    counts: dict[str, int] = {}
    children: set[str] = set()

    for table in ssda903.TABLE_ORDER:
        if table not in opened or len(problems) >= MAX_PROBLEMS:
            continue
        file = opened[table]
        name = file.upload.name
        counts[table] = 0
        if table == Table.HEADER:
            batch = _Batches(ReturnChild, problems)
            for line, row in _rows(file, problems):
                counts[table] += 1
                header, found = ssda903.check_header_row(name, line, row)
                problems.extend(found)
                if header is None:
                    continue
                if header.child in children:
                    problems.append(Problem(name, line, "CHILD", f"child “{header.child}” is listed twice"))
                    continue
                children.add(header.child)
                batch.add(
                    ReturnChild(
                        ssda903_return=ssda_return,
                        child=header.child,
                        sex=header.sex,
                        dob=header.dob,
                        ethnic=header.ethnic,
                    )
                )
                if len(problems) >= MAX_PROBLEMS:
                    break
            batch.flush()
        elif table == Table.EPISODES:
            batch = _Batches(Episode, problems)
            seen: set[tuple[str, object]] = set()
            for line, row in _rows(file, problems):
                counts[table] += 1
                episode, found = ssda903.check_episode_row(name, line, row, year=year)
                problems.extend(found)
                if row["CHILD"] and row["CHILD"] not in children:
                    problems.append(Problem(name, line, "CHILD", f"child “{row['CHILD']}” is not in the header file"))
                    continue
                if episode is None:
                    continue
                key = (episode.child, episode.decom)
                if key in seen:
                    problems.append(
                        Problem(
                            name,
                            line,
                            "DECOM",
                            f"a duplicate episode: child “{episode.child}” already has one beginning "
                            f"{episode.decom:%d/%m/%Y}",
                        )
                    )
                    continue
                seen.add(key)
                batch.add(
                    Episode(
                        ssda903_return=ssda_return,
                        child=episode.child,
                        decom=episode.decom,
                        rne=episode.rne,
                        ls=episode.ls,
                        cin=episode.cin,
                        place=episode.place,
                        place_provider=episode.place_provider,
                        dec=episode.dec,
                        rec=episode.rec,
                        reason_place_change=episode.reason_place_change,
                    )
                )
                if len(problems) >= MAX_PROBLEMS:
                    break
            batch.flush()
        else:
            for line, row in _rows(file, problems):
                counts[table] += 1
                problems.extend(ssda903.check_other_row(name, line, row, children))
                if len(problems) >= MAX_PROBLEMS:
                    break
    for file in opened.values():
        # Give the caller its stream back open (TextIOWrapper would close it when collected).
        file.text.detach()
    if problems:
        raise ReturnRefused(problems[:MAX_PROBLEMS])
    ssda_return.table_rows = counts
    # The pack's figures are counted here, once, from the rows just written: in this
    # transaction, so a refused file set stores none and a re-import replaces them.
    ssda_return.counts = selectors.return_counts(ssda_return)
    ssda_return.save(update_fields=["table_rows", "counts"])
    return ssda_return


@transaction.atomic
def return_counts_refresh(*, ssda_return: Return) -> Return:
    """Count a return's figures again from its episodes (after the definitions in `figures` change)."""
    ssda_return.counts = selectors.return_counts(ssda_return)
    ssda_return.save(update_fields=["counts"])
    return ssda_return


POPULATION_COLUMNS = ("LA", "YEAR", "POPULATION_0_17")


@transaction.atomic
def populations_import(*, stream: IO[bytes], name: str = "population file") -> int:
    """Populations aged 0 to 17 from a CSV (LA,YEAR,POPULATION_0_17: DfE LA code, collection year, count).

    All or nothing, like the returns: any bad row refuses the file with its line.
    Returns the number of rows set.
    """
    problems: list[Problem] = []
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        first = next(reader, None) or []
        if tuple(cell.strip().upper() for cell in first) != POPULATION_COLUMNS:
            raise ReturnRefused([Problem(name, 1, "", "the header row must be " + ",".join(POPULATION_COLUMNS))])
        authorities = {org.dfe_code: org for org in Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)}
        done = 0
        for line, row in ssda903.read_rows(reader, POPULATION_COLUMNS):
            if "__width__" in row:
                problems.append(Problem(name, line, "", f"has {row['__width__']} cells; the layout has 3"))
                continue
            authority = authorities.get(row["LA"])
            if authority is None:
                problems.append(Problem(name, line, "LA", f"“{row['LA']}” is not the DfE code of an authority here"))
            if not row["YEAR"].isdigit() or not 2000 <= int(row["YEAR"]) <= 2100:
                problems.append(Problem(name, line, "YEAR", f"“{row['YEAR']}” is not a year such as 2025"))
            if not row["POPULATION_0_17"].isdigit() or int(row["POPULATION_0_17"]) == 0:
                problems.append(Problem(name, line, "POPULATION_0_17", "must be a whole number above 0"))
            if problems or authority is None:
                continue
            population_set(authority=authority, year=int(row["YEAR"]), children=int(row["POPULATION_0_17"]))
            done += 1
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(Problem(name, reader.line_num + 1, "", f"cannot be read ({error})"))
    finally:
        text.detach()
    if problems:
        raise ReturnRefused(problems[:MAX_PROBLEMS])
    return done


@transaction.atomic
def population_set(*, authority: Organisation, year: int, children: int) -> Population:
    population, _ = Population.objects.update_or_create(authority=authority, year=year, defaults={"children": children})
    return population


@transaction.atomic
def pack_export_request(*, by: User, authorities: Sequence[Organisation]) -> PackExport:
    """The pack's PDF for these authorities, made by the task worker once this transaction commits."""
    export = PackExport.objects.create(requested_by=by)
    export.authorities.set(authorities)
    transaction.on_commit(lambda: pack_export_make.enqueue(export_id=export.pk))
    return export
