"""Importing a return: bad rows refuse the whole set with their file, line, column and reason."""

import io

import pytest
from django.core.management import CommandError, call_command

from hub.datapack import services
from hub.datapack.models import Episode, Return, ReturnChild
from tests import factories
from tests.datapack import builders

pytestmark = pytest.mark.django_db


def refused(**replace: str) -> list[tuple[str, int, str, str]]:
    liverpool = factories.local_authority("Liverpool")
    with pytest.raises(services.ReturnRefused) as caught:
        services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set(**replace))
    return [(p.file, p.line, p.column, p.reason) for p in caught.value.problems]


def test_a_good_set_is_imported_with_every_table_counted():
    liverpool = factories.local_authority("Liverpool")
    imported = services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())

    assert imported.table_rows == {"Header": 7, "Episodes": 13, "UASC": 0, "Missing": 1, "Reviews": 2}
    assert ReturnChild.objects.filter(ssda903_return=imported).count() == 7
    assert Episode.objects.filter(ssda903_return=imported).count() == 13


def test_a_bad_date_is_refused_with_its_line_and_column():
    episodes = builders.EPISODES.replace("A4,15/03/2024", "A4,2024-03-15")
    assert refused(episodes=episodes) == [
        ("episodes.csv", 7, "DECOM", "“2024-03-15” is not a date in the form dd/mm/yyyy")
    ]


def test_an_unknown_code_is_refused():
    episodes = builders.EPISODES.replace("A4,15/03/2024,S,V2,N4,U6", "A4,15/03/2024,S,V2,N4,Q9")
    assert refused(episodes=episodes) == [("episodes.csv", 7, "PLACE", "“Q9” is not a DfE code for PLACE")]


def test_an_episode_that_ends_before_it_begins_is_refused():
    episodes = builders.EPISODES.replace(
        "A3,01/09/2024,S,V2,N2,P1,PR0,31/03/2025", "A3,01/09/2024,S,V2,N2,P1,PR0,31/08/2024"
    )
    assert refused(episodes=episodes) == [
        ("episodes.csv", 6, "DEC", "the episode ceased (DEC) before it began (DECOM)")
    ]


def test_an_episode_for_a_child_not_in_the_header_is_refused():
    episodes = builders.EPISODES + "Z9,01/01/2025,S,C1,N1,U6,PR1,,,,,,\n"
    assert refused(episodes=episodes) == [("episodes.csv", 15, "CHILD", "child “Z9” is not in the header file")]


def test_a_duplicate_episode_is_refused():
    episodes = builders.EPISODES + "A4,15/03/2024,S,V2,N4,U6,PR1,,,,,,\n"
    assert refused(episodes=episodes) == [
        ("episodes.csv", 15, "DECOM", "a duplicate episode: child “A4” already has one beginning 15/03/2024")
    ]


def test_every_problem_is_listed_not_only_the_first():
    header = builders.HEADER.replace("A6,2,01/01/2024", "A6,3,1/1/2024")
    problems = refused(header=header)
    assert ("header.csv", 7, "SEX", "“3” is not a DfE code for SEX") in problems
    assert ("header.csv", 7, "DOB", "“1/1/2024” is not a date in the form dd/mm/yyyy") in problems
    # A6's episodes are refused too: A6 never made it into the header.
    assert sum(1 for p in problems if p[0] == "episodes.csv") == 3


def test_a_file_that_is_no_903_layout_or_a_missing_episodes_file_is_refused():
    liverpool = factories.local_authority("Liverpool")
    with pytest.raises(services.ReturnRefused) as caught:
        services.return_import(
            authority=liverpool,
            year=2025,
            uploads=builders.uploads(header=builders.HEADER, notes="NAME,NOTE\nx,y\n"),
        )
    reasons = [str(p) for p in caught.value.problems]
    assert any(
        r.startswith("notes.csv, line 1: the header row is not one of the DfE's SSDA903 layouts") for r in reasons
    )
    assert "the Episodes file, line 0: is missing: every return needs its Episodes file" in reasons


def test_a_row_of_the_wrong_width_and_a_bad_date_in_another_table_are_refused():
    problems = refused(
        reviews=builders.REVIEWS + "A3,12/07/2016,32/01/2025,PN1\nA4,10/10/2010\n",
    )
    assert problems == [
        ("reviews.csv", 4, "REVIEW", "“32/01/2025” is not a date in the form dd/mm/yyyy"),
        ("reviews.csv", 5, "", "has 2 cells; the Reviews layout has 4"),
    ]


def test_nothing_is_half_imported_and_the_earlier_import_stays():
    liverpool = factories.local_authority("Liverpool")
    first = services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    # The bad row is the last line of the last table read, after every child and episode was written.
    with pytest.raises(services.ReturnRefused):
        services.return_import(
            authority=liverpool,
            year=2025,
            uploads=builders.standard_set(reviews=builders.REVIEWS + "A1,31/03/2020,xx,PN1\n"),
        )

    assert list(Return.objects.all()) == [first]
    assert Episode.objects.count() == 13
    assert ReturnChild.objects.count() == 7


def test_nothing_is_half_imported_when_a_large_file_fails_after_several_batches(monkeypatch):
    monkeypatch.setattr(services, "BATCH", 3)
    liverpool = factories.local_authority("Liverpool")
    episodes = builders.EPISODES + "A7,01/04/2024,S,C1,N1,P1,PR0,,,,,,\n".replace("A7", "A7X")
    with pytest.raises(services.ReturnRefused):
        services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set(episodes=episodes))

    assert Return.objects.count() == 0
    assert Episode.objects.count() == 0
    assert ReturnChild.objects.count() == 0


def test_importing_the_same_authority_and_year_again_replaces_it():
    liverpool = factories.local_authority("Liverpool")
    services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    fewer = "\n".join(line for line in builders.EPISODES.splitlines() if not line.startswith("A7")) + "\n"
    again = services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set(episodes=fewer))
    earlier = builders.EPISODES.splitlines()[0] + "\nA4,15/03/2024,S,V2,N4,U6,PR1,,,,,,\n"
    services.return_import(
        authority=liverpool, year=2024, uploads=builders.uploads(header=builders.HEADER, episodes=earlier)
    )

    assert Return.objects.filter(authority=liverpool, year=2025).get() == again
    assert Episode.objects.filter(ssda903_return=again).count() == 12
    assert Return.objects.filter(authority=liverpool).count() == 2


def test_import_903_command_imports_and_refuses(tmp_path, capsys):
    factories.local_authority("Liverpool")
    header, episodes = tmp_path / "header.csv", tmp_path / "episodes.csv"
    header.write_text(builders.HEADER)
    episodes.write_text(builders.EPISODES)
    call_command("import_903", "--la", "341", "--year", "2025", str(header), str(episodes))
    assert "Imported Liverpool 2025: Header 7, Episodes 13" in capsys.readouterr().out

    episodes.write_text(builders.EPISODES.replace("A4,15/03/2024", "A4,15/13/2024"))
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_903", "--la", "341", "--year", "2025", str(header), str(episodes))
    assert "episodes.csv, line 7, column DECOM: “15/13/2024” is not a date" in capsys.readouterr().err
    # Several years at once, all or nothing: 2024 is good, 2025 is not, so neither is imported.
    earlier = tmp_path / "2024-episodes.csv"
    earlier.write_text(builders.EPISODES.splitlines()[0] + "\nA4,15/03/2024,S,V2,N4,U6,PR1,,,,,,\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_903",
            "--la",
            "341",
            "--year",
            "2024",
            str(header),
            str(earlier),
            "--year",
            "2025",
            str(header),
            str(episodes),
        )
    assert list(Return.objects.values_list("year", flat=True)) == [2025]
    episodes.write_text(builders.EPISODES)
    call_command(
        "import_903",
        "--la",
        "341",
        "--year",
        "2024",
        str(header),
        str(earlier),
        "--year",
        "2025",
        str(header),
        str(episodes),
    )
    assert "Imported Liverpool 2024: Header 7, Episodes 1" in capsys.readouterr().out
    assert sorted(Return.objects.values_list("year", flat=True)) == [2024, 2025]
    with pytest.raises(CommandError, match="No local authority has the DfE code 999"):
        call_command("import_903", "--la", "999", "--year", "2025", str(header), str(episodes))


def test_populations_are_read_from_a_csv_or_refused_with_the_line(tmp_path):
    factories.local_authority("Liverpool")
    good = tmp_path / "population.csv"
    good.write_text("LA,YEAR,POPULATION_0_17\n341,2025,98000\n")
    call_command("import_population", str(good))
    bad = tmp_path / "bad.csv"
    bad.write_text("LA,YEAR,POPULATION_0_17\n341,2024,lots\n")
    with pytest.raises(CommandError):
        call_command("import_population", str(bad))
    with pytest.raises(services.ReturnRefused) as caught, bad.open("rb") as handle:
        services.populations_import(stream=handle, name="bad.csv")
    assert str(caught.value.problems[0]) == "bad.csv, line 2, column POPULATION_0_17: must be a whole number above 0"


def test_a_spreadsheet_saved_as_something_other_than_csv_is_refused_not_a_crash():
    liverpool = factories.local_authority("Liverpool")
    not_csv = services.Upload(name="episodes.xlsx", stream=io.BytesIO(b"PK\x03\x04\xff\xfe\x00binary"))
    with pytest.raises(services.ReturnRefused) as caught:
        services.return_import(
            authority=liverpool, year=2025, uploads=[*builders.uploads(header=builders.HEADER), not_csv]
        )
    assert str(caught.value.problems[0]).startswith("episodes.xlsx, line 1: cannot be read as a CSV file in UTF-8")
