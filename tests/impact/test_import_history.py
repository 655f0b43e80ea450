"""manage.py import_history: a good file loads; a file with any bad row loads nothing and says why, line by line."""

import pytest
import time_machine
from django.core.management import CommandError, call_command

from hub.assessments.models import Assessment, AssessmentStatus
from hub.impact import services
from hub.impact.history import COLUMN_NAMES
from hub.impact.models import ImportedReferral
from hub.referrals.models import Referral
from hub.reports.models import Report, ReportState
from hub.timescales.models import Clock
from tests import factories
from tests.impact import source_period as source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _world():
    with time_machine.travel(source.TODAY, tick=False):
        for name in (source.CWAC, source.LIVERPOOL, source.WIRRAL, source.HALTON, source.SEFTON, "Knowsley"):
            factories.local_authority(name)
        yield


@pytest.fixture
def manager():
    return factories.service_manager()


def _write(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_good_csv_file_loads_every_row(tmp_path, manager, capsys):
    path = _write(tmp_path, "history.csv", source.as_csv(source.rows()))
    call_command("import_history", str(path), "--by", manager.email)
    assert "Loaded 13 referrals and 12 assessments" in capsys.readouterr().out
    assert ImportedReferral.objects.count() == 13
    assert Assessment.objects.filter(status=AssessmentStatus.FILED).count() == 12
    assert Report.objects.filter(state=ReportState.FILED).count() == 12
    assert Clock.objects.filter(ended_on__isnull=False).count() == 12
    # Imported records are marked as such: their reference, and where they came from.
    p1 = ImportedReferral.objects.select_related("referral").get(source_reference="SRC-P1")
    assert p1.line == 2
    assert p1.referral.reference.startswith("HIST-2025-")


def test_a_good_excel_file_with_real_dates_loads_the_same(tmp_path, manager):
    path = _write(tmp_path, "history.xlsx", source.as_xlsx(source.rows()))
    call_command("import_history", str(path), "--by", manager.email)
    assert Referral.objects.count() == 13
    assert sorted(Report.objects.values_list("qa_rounds", flat=True)) == [1] * 10 + [2] * 2


def _bad(**changes: str) -> list[dict[str, str]]:
    data = source.rows()
    for key, value in changes.items():
        line, column = key.rsplit("__", 1)
        data[int(line.removeprefix("line")) - 2][column] = value
    return data


BAD_ROWS = [
    ({"line2__local_authority": "Atlantis"}, 2, 'local_authority "Atlantis" is not one of the hub\'s authorities'),
    ({"line3__assessment_type": "horoscope"}, 3, 'assessment_type "horoscope" is not one the hub knows'),
    ({"line4__received": "31/02/2026"}, 4, 'received "31/02/2026" is not a date'),
    ({"line5__received": ""}, 5, "received is empty"),
    ({"line6__filed": "2030-01-01"}, 6, "filed 01 Jan 2030 is in the future"),
    ({"line7__qa_done": "2025-12-01"}, 7, "qa_done (01 Dec 2025) is before draft_to_qa"),
    ({"line8__decision": "maybe"}, 8, 'decision "maybe" must be accepted or declined'),
    ({"line9__pauses": "dbs_check 2026-01-05/2026-01-10"}, 9, "parenting timescales cannot pause"),
    ({"line12__pauses": "dbs_check 2026-01-10/2026-01-05"}, 12, "ends before it starts"),
    ({"line13__pauses": "holiday 2026-01-05/2026-01-10"}, 13, 'pause cause "holiday" is not one the hub knows'),
    ({"line10__recommendation": "excellent"}, 10, 'recommendation "excellent" must be positive or negative'),
    ({"line11__qa_rounds": "none"}, 11, 'qa_rounds "none" must be a whole number'),
    ({"line14__filed": "2026-02-10"}, 14, "a declined referral has no assessment, but filed is filled in"),
    ({"line2__assessor_email": "nobody@example.org"}, 2, 'assessor_email "nobody@example.org" is not an assessor'),
    ({"line3__reference": "SRC-P1"}, 3, "local_authority differs from line 2"),
]


@pytest.mark.parametrize(("changes", "line", "reason"), BAD_ROWS, ids=[r[2][:40] for r in BAD_ROWS])
def test_a_bad_row_refuses_the_whole_file_with_its_line_and_reason(tmp_path, manager, changes, line, reason):
    content = source.as_csv(_bad(**changes))
    with pytest.raises(services.HistoryRefused) as refused:
        services.history_import(name="history.csv", content=content, actor=manager)
    assert [(e.line, reason in e.reason) for e in refused.value.errors] == [(line, True)], refused.value.errors
    assert not Referral.objects.exists()


def test_every_bad_row_is_listed_and_nothing_is_loaded(tmp_path, manager, capsys):
    content = source.as_xlsx(
        _bad(line3__local_authority="Atlantis", line7__received="soon", line14__decision="unsure"), real_dates=False
    )
    path = _write(tmp_path, "history.xlsx", content)
    with pytest.raises(CommandError, match=r"history\.xlsx was not loaded: 3 problems"):
        call_command("import_history", str(path), "--by", manager.email)
    errors = capsys.readouterr().err.splitlines()
    assert [e.split(":")[0] for e in errors] == ["Line 3", "Line 7", "Line 14"]
    assert not Referral.objects.exists() and not Assessment.objects.exists() and not Clock.objects.exists()


def test_a_failure_half_way_through_loading_leaves_nothing_behind(manager, monkeypatch):
    """Every row passes the checks, then the database refuses the eighth: the first seven go too."""
    real_load = services._load
    calls = []

    def failing_load(item, **kwargs):
        calls.append(item.reference)
        if len(calls) == 8:
            raise RuntimeError("the disk is full")
        return real_load(item, **kwargs)

    monkeypatch.setattr(services, "_load", failing_load)
    with pytest.raises(RuntimeError):
        services.history_import(name="history.csv", content=source.as_csv(source.rows()), actor=manager)
    assert len(calls) == 8
    assert not Referral.objects.exists() and not Clock.objects.exists() and not ImportedReferral.objects.exists()


def test_a_file_cannot_be_loaded_twice(manager):
    services.history_import(name="history.csv", content=source.as_csv(source.rows()), actor=manager)
    with pytest.raises(services.HistoryRefused) as refused:
        services.history_import(name="history.csv", content=source.as_csv(source.rows()), actor=manager)
    assert len(refused.value.errors) == 13
    assert "was loaded by an earlier import" in refused.value.errors[0].reason
    assert Referral.objects.count() == 13


def test_the_header_is_checked_before_any_row(manager):
    columns = [c for c in COLUMN_NAMES if c != "received"] + ["colour"]
    with pytest.raises(services.HistoryRefused) as refused:
        services.history_import(name="h.csv", content=source.as_csv(source.rows(), columns), actor=manager)
    assert [str(e) for e in refused.value.errors] == [
        'Line 1: unknown column "colour" (the columns are: ' + ", ".join(COLUMN_NAMES) + ")",
        "Line 1: missing column: received",
    ]


def test_only_csv_or_excel_files_are_read(manager):
    with pytest.raises(services.HistoryRefused, match="1 problem"):
        services.history_import(name="history.ods", content=b"not a spreadsheet", actor=manager)
    with pytest.raises(services.HistoryRefused) as refused:
        services.history_import(name="history.xlsx", content=b"not a spreadsheet", actor=manager)
    assert "not a readable Excel workbook" in refused.value.errors[0].reason


def test_the_independence_rule_holds_for_past_records_too(manager):
    halton_assessor = factories.assessor("Halton")
    data = source.rows()
    data[3]["assessor_email"] = halton_assessor.email  # P4 was referred by Halton
    with pytest.raises(services.HistoryRefused) as refused:
        services.history_import(name="h.csv", content=source.as_csv(data), actor=manager)
    assert str(refused.value.errors[0]) == (
        "Line 5: the assessor is seconded from the referring authority: assessors are independent"
    )


def test_the_readme_documents_every_column():
    from pathlib import Path

    from hub.impact.history import COLUMNS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for name, required, description in COLUMNS:
        assert f"| `{name}` | {'yes' if required else 'no'} | {description} |" in readme
