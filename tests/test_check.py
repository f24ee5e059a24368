"""`ho21 check`, build refusals and --draft, `ho21 send` and frozen numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from ho21cli.actions.gates import run_check
from tests.conftest import Run, about_the_innkalling, snapshot, write
from tests.docx_read import open_docx, table_rows
from tests.makers import tiny_pdf

BEFORE_DEADLINE = date(2025, 12, 20)  # meeting 14 January 2026; deadline 4 January


def codes(root: Path, today: date = BEFORE_DEADLINE) -> list[tuple[str, str]]:
    """The problems found, but for «not built yet» (tests/test_gates.py tests that one)."""
    _, problems = run_check(root, "2026-1", today=today)
    return [(p.severity.value, p.code) for p in problems if about_the_innkalling(p)]


def innkalling_problems(root: Path) -> list[Any]:
    _, problems = run_check(root, "2026-1", today=BEFORE_DEADLINE)
    return [p for p in problems if about_the_innkalling(p)]


def test_the_example_meeting_passes(example: Path, ho21: Callable[..., Run]) -> None:
    assert codes(example) == []
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0  # else: a warning, send would refuse
    result = ho21("check", "2026-1", "--as-of", "2025-12-20", "--root", example)
    # its referat is the skeleton, drafted ahead of the day: said once, as a warning, until the meeting is held
    assert result.code == 0 and "0 errors, 1 warning." in result.out
    assert "is not finished yet" in result.out and "referat-2026-1.docx" in result.out


def test_case_without_saksfremlegg_is_an_error_unless_ettersendes(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("add-case", "2026-1", "--title", "Tilgang til helsedata II", "--root", example).code == 0
    assert codes(example) == [("feil", "missing-saksfremlegg")]
    assert ho21("edit-case", "2026-1", "tilgang-til-helsedata-ii", "--ettersendes", "--root", example).code == 0
    assert codes(example) == []


@pytest.mark.parametrize(
    "forslag",
    [
        "Det settes ned en arbeidsgruppe bestående av [].",
        "NN, NN, NN deltar i arbeidsgruppen(e) for planlegging av [aktivitetene].",
    ],
)
def test_placeholders_in_forslag_are_errors(example: Path, ho21: Callable[..., Run], forslag: str) -> None:
    assert ho21("edit-case", "2026-1", "helsereformutvalget", "--forslag", forslag, "--root", example).code == 0
    problems = innkalling_problems(example)
    assert [(p.code, p.place) for p in problems] == [("placeholder-forslag", "Sak 6/1/2026: forslag til vedtak")]


def test_missing_and_unreadable_vedlegg(example: Path) -> None:
    (example / "2026-1" / "vedlegg" / "helsereformutvalget-1.docx").unlink()
    write(example / "2026-1" / "vedlegg" / "eus-nye-konkurranseevnefond-og-1.docx", "ikke et Word-dokument")
    problems = innkalling_problems(example)
    assert [(p.code, p.place) for p in problems] == [
        ("vedlegg", "Sak 6/1/2026: vedlegg 1 (Mandat)"),
        ("vedlegg", "Sak 10/1/2026: vedlegg 1 (Struktur Horisont Europa)"),
    ]
    assert "was not found" in problems[0].what and "not a Word" in problems[1].what


def test_edited_saksfremlegg_heading_that_differs_from_the_saksliste(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    path = next((example / "2026-1" / "build" / "saksfremlegg").glob("sak-05-*.docx"))
    doc = docx.Document(str(path))
    heading = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    for run in heading.runs[1:]:
        run.text = ""
    heading.runs[0].text = "Sak 5/1/2026 Oppfølging av meldinger og strategier"
    doc.save(str(path))
    problems = innkalling_problems(example)
    assert [p.code for p in problems] == ["title-mismatch"]
    assert "Oversikt meldinger og strategier" in problems[0].what


def test_name_not_on_roster_in_a_hand_edited_manifest(example: Path) -> None:
    manifest = example / "2026-1" / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('id = "helsereformutvalget"', 'id = "helsereformutvalget"\ninhabil = ["Guri Rortveit"]'),
        encoding="utf-8",
    )
    assert codes(example) == [("feil", "unknown-name")]


def test_reference_to_a_case_that_does_not_exist(example: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / "b.md", "## Bakgrunn\n\nSe sak 8/1/2026 og sak 14/1/2026, og sak 37/3/2025.\n")
    assert ho21("edit-case", "2026-1", "helsereformutvalget", "--body", body, "--root", example).code == 0
    problems = innkalling_problems(example)
    assert [p.code for p in problems] == ["unknown-reference"]
    assert "sak 14/1/2026" in problems[0].what


def test_duplicate_titles(example: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / "b.md", "## Bakgrunn\n\nTekst.\n")
    assert ho21("add-case", "2026-1", "--title", "helsereformutvalget ", "--body", body, "--root", example).code == 0
    assert codes(example) == [("feil", "duplicate-title")]


def test_the_series_follows_on_and_only_a_hand_edit_can_make_it_overlap(
    example: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    assert ho21("new-meeting", "--date", "2026-03-04", "--root", example).code == 0
    assert "Sak 13/2/2026" in ho21("list-cases", "2026-2", "--root", example).out
    body = write(tmp_path / "b.md", "## Bakgrunn\n\nTekst.\n")
    assert ho21("add-case", "2026-1", "--title", "Ny sak", "--body", body, "--root", example).code == 0
    assert "Sak 14/2/2026" in ho21("list-cases", "2026-2", "--root", example).out  # planned: follows at once
    assert codes(example) == []  # ho21 made no overlap
    refused = ho21("new-meeting", "--date", "2026-06-04", "--first-case", "10", "--root", example)
    assert refused.code == 3 and "follows the meeting before it" in refused.err
    manifest = example / "2026-2" / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("[meeting]\n", "[meeting]\nsent = 2026-02-20\nfirst_case = 10\n"), encoding="utf-8"
    )
    assert codes(example) == [("feil", "series-overlap")]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 2), [("advarsel", "deadline-soon")]),
        (date(2026, 1, 8), [("advarsel", "deadline-passed")]),
        (date(2026, 2, 1), [("advarsel", "past")]),
    ],
)
def test_date_warnings(example: Path, today: date, expected: list[tuple[str, str]]) -> None:
    assert codes(example, today) == expected


def test_check_cli_prints_a_table_and_exits_1_on_errors(
    example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")  # wide enough for the table
    assert ho21("add-case", "2026-1", "--title", "Uten tekst", "--root", example).code == 0
    result = ho21("check", "2026-1", "--as-of", "2026-01-08", "--root", example)
    assert result.code == 1
    assert re.search(r"^│ error\b", result.out, re.M) and re.search(r"^│ warning\b", result.out, re.M)
    assert "Uten tekst" in result.out
    # the deadline, the referat skeleton drafted ahead of the day, no build for send yet
    assert "1 error, 3 warnings." in result.out


def test_build_refuses_on_errors_and_draft_marks_every_page(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("add-case", "2026-1", "--title", "Uten tekst", "--root", example).code == 0
    before = snapshot(example)
    result = ho21("build-innkalling", "2026-1", "--root", example)
    assert result.code == 1 and "«Uten tekst» has no saksfremlegg text" in result.err and "--draft" in result.err
    assert snapshot(example) == before
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", example).code == 0
    doc = open_docx(example / "2026-1" / "build" / "innkalling-2026-1.docx")
    assert doc.sections[0].header.paragraphs[0].text.startswith("UTKAST – HO21 møte 1/2026")
    assert doc.core_properties.title.startswith("UTKAST:")


def test_send_freezes_numbers_and_late_cases_are_ettersendt(
    example: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    result = ho21("send", "2026-1", "--date", "2026-01-04", "--root", example)
    assert result.code == 0 and "frozen" in result.out
    before = snapshot(example)
    moved = ho21("move-case", "2026-1", "6", "--after", "8", "--root", example)
    assert moved.code == 4 and "--renumber" in moved.err and "sent 4 January 2026" in moved.err
    assert ho21("remove-case", "2026-1", "9", "--root", example).code == 4
    assert ho21("add-case", "2026-1", "--title", "X", "--before", "6", "--root", example).code == 4
    assert snapshot(example) == before
    body = write(tmp_path / "b.md", "## Bakgrunn\n\nSent sak.\n")
    late = ho21("add-case", "2026-1", "--title", "Statsbudsjettet", "--body", body, "--root", example)
    assert late.code == 0 and "Sak 13/1/2026  Statsbudsjettet" in late.out and "ettersendt sak" in late.out
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    rows = table_rows(open_docx(example / "2026-1" / "build" / "innkalling-2026-1.docx").tables[1])
    assert rows[-3:] == [
        ["Sak 11/1/2026", "Eventuelt"],
        ["Sak 12/1/2026", "Evaluering av møtet"],
        ["Sak 13/1/2026", "Statsbudsjettet (ettersendt sak)"],
    ]
    assert ho21("move-case", "2026-1", "13", "--before", "11", "--renumber", "--root", example).code == 0


def test_send_is_refused_while_there_are_errors(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("add-case", "2026-1", "--title", "Uten tekst", "--root", example).code == 0
    before = snapshot(example)
    result = ho21("send", "2026-1", "--date", "2026-01-04", "--root", example)
    assert result.code == 1 and "Uten tekst" in result.out
    assert snapshot(example) == before


def test_the_check_table_wraps_a_long_place_in_full_at_80_columns() -> None:
    from rich.console import Console

    from ho21cli.cli.check_cmds import problem_table
    from ho21cli.core.validation import error

    place = "2026-1/vedlegg/Oversikt_meldinger_og_strategier_HelseOmsorg21_endelig_versjon_2026.docx: vedlegg 1"
    fix = "Open it in Word and save it as «Word Document (.docx)», or attach it as PDF."
    console = Console(width=80, record=True, color_system=None)
    console.print(problem_table("Check of meeting 1/2026", [error(place, "is damaged", fix, "vedlegg")]))
    shown = console.export_text()
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "…" not in shown
    rows = [line.split("│")[1:-1] for line in shown.splitlines() if line.startswith("│")]
    column = ["".join(row[k].strip() for row in rows) for k in range(4)]  # each cell's lines, joined
    assert column[1].replace(" ", "") == place.replace(" ", "")  # folded at any character
    assert " ".join(row[3].strip() for row in rows) == fix


LONG_VEDLEGG = "vedlegg/Oversikt_meldinger_og_strategier_HelseOmsorg21_endelig_versjon_2026_med_vedlegg.pdf"


@pytest.mark.parametrize("columns", [80, 60])
def test_check_on_a_narrow_terminal_prints_every_path_in_full(
    archive: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, columns: int
) -> None:
    vedlegg = tmp_path / "notat.pdf"
    vedlegg.write_bytes(tiny_pdf("Notat"))
    assert ho21("add-case", "2026-1", "--title", "Helsedata", "--vedlegg", vedlegg, "--root", archive).code == 0
    manifest = archive / "2026-1" / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("vedlegg/helsedata-1.pdf", LONG_VEDLEGG), encoding="utf-8")  # missing
    monkeypatch.setenv("COLUMNS", str(columns))
    result = ho21("check", "2026-1", "--root", archive)
    assert result.code == 1, result.err
    assert "…" not in result.out and "│" not in result.out  # one problem per block, no table
    joined = " ".join(line.strip() for line in result.out.splitlines())
    assert f"{LONG_VEDLEGG}: was not found" in joined  # the path whole, on one line
    assert LONG_VEDLEGG in result.out
    assert "error  Sak 6/1/2026: vedlegg 1" in result.out  # severity and place on one line
    assert "What to do: Put the file back, or remove it from the case." in joined
    assert "Orienteringer» has no saksfremlegg text" in joined
    assert all(len(line) <= columns for line in result.out.splitlines() if LONG_VEDLEGG not in line)
