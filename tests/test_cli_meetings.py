"""new-meeting, add-case, move-case, remove-case, edit-case through the CLI."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from ho21cli.actions.cases import list_cases
from tests.conftest import Run, snapshot, write


def manifest(root: Path, key: str) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((root / key / "meeting.toml").read_text(encoding="utf-8"))


def titles(root: Path, key: str) -> list[str]:
    return [c["title"] for c in manifest(root, key)["cases"]]


def numbers_and_titles(ho21: Callable[..., Run], root: Path, key: str) -> list[tuple[str, str]]:
    from ho21cli.actions.cases import list_cases

    _, rows = list_cases(root, key)
    return [(r.number, r.title) for r in rows]


def numbers(root: Path, key: str) -> list[str]:
    _, rows = list_cases(root, key)
    return [r.number for r in rows]


def make_docx(path: Path, text: str) -> Path:
    d = docx.Document()
    d.add_paragraph(text)
    d.save(str(path))
    return path


def test_new_meeting_writes_profile_manifest_and_standard_cases(archive: Path) -> None:
    assert (archive / "profil.toml").read_text(encoding="utf-8").startswith("# Rådsprofil")
    data = manifest(archive, "2026-1")
    assert data["meeting"] == {
        "year": 2026,
        "number": 1,
        "date": data["meeting"]["date"],
        "start": "10:00",
        "end": "15:00",
        "place": "Forskningsrådets lokaler",
        "address": "Drammensveien 288",
    }  # no first_case: the series is computed
    assert str(data["meeting"]["date"]) == "2026-01-14"
    assert titles(archive, "2026-1") == [
        "Godkjenning av innkalling og saksliste",
        "Spørsmål om habilitet",
        "Godkjenning av referat fra møte [forrige møte]",  # no earlier meeting is known
        "Orienteringer",
        "Oversikt meldinger og strategier",
        "Eventuelt",
        "Evaluering av møtet",
    ]


def test_series_runs_across_the_year_and_restarts_in_january(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "a"
    assert ho21("new-meeting", "--date", "2025-10-08", "--number", "3", "--first-case", "30", "--root", root).code == 0
    assert ho21("add-case", "2025-3", "--title", "Statsbudsjettet for 2026", "--root", root).code == 0
    assert ho21("new-meeting", "--date", "2025-12-03", "--root", root).code == 0  # meeting 4/2025
    assert manifest(root, "2025-3")["meeting"]["first_case"] == 30  # the archive starts mid-year
    assert "first_case" not in manifest(root, "2025-4")["meeting"]  # computed, never stored
    assert numbers(root, "2025-4")[0] == "Sak 38/4/2025"  # 3/2025 held 30-37
    assert titles(root, "2025-4")[2] == "Godkjenning av referat fra møte 3/2025"
    assert ho21("new-meeting", "--date", "2026-01-14", "--root", root).code == 0
    assert numbers(root, "2026-1")[0] == "Sak 1/1/2026"
    assert titles(root, "2026-1")[2] == "Godkjenning av referat fra møte 4/2025"


def test_add_case_goes_before_closing_cases_and_prints_its_number(archive: Path, ho21: Callable[..., Run]) -> None:
    result = ho21("add-case", "2026-1", "--title", "Helsereformutvalget", "--root", archive)
    assert result.code == 0
    assert "Sak 6/1/2026  Helsereformutvalget" in result.out
    assert numbers_and_titles(ho21, archive, "2026-1")[5:] == [
        ("Sak 6/1/2026", "Helsereformutvalget"),
        ("Sak 7/1/2026", "Eventuelt"),
        ("Sak 8/1/2026", "Evaluering av møtet"),
    ]


def test_before_after_move_and_remove_renumber(archive: Path, ho21: Callable[..., Run]) -> None:
    for title in ("A", "B", "C"):
        assert ho21("add-case", "2026-1", "--title", title, "--root", archive).code == 0
    assert ho21("add-case", "2026-1", "--title", "Først", "--before", "6/1/2026", "--root", archive).code == 0
    assert ho21("add-case", "2026-1", "--title", "Etter B", "--after", "b", "--root", archive).code == 0
    assert [t for _, t in numbers_and_titles(ho21, archive, "2026-1")][5:11] == [
        "Først",
        "A",
        "B",
        "Etter B",
        "C",
        "Eventuelt",
    ]
    assert ho21("move-case", "2026-1", "c", "--before", "Sak 6/1/2026", "--root", archive).code == 0
    assert ho21("remove-case", "2026-1", "8", "--root", archive).code == 0  # "A" is now number 8
    assert numbers_and_titles(ho21, archive, "2026-1")[5:] == [
        ("Sak 6/1/2026", "C"),
        ("Sak 7/1/2026", "Først"),
        ("Sak 8/1/2026", "B"),
        ("Sak 9/1/2026", "Etter B"),
        ("Sak 10/1/2026", "Eventuelt"),
        ("Sak 11/1/2026", "Evaluering av møtet"),
    ]


def test_add_case_copies_body_and_vedlegg_into_the_meeting(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    body = write(tmp_path / "src" / "helsereform.md", "## Bakgrunn\n\nTekst.\n")
    mandat = make_docx(tmp_path / "src" / "mandat.docx", "Mandatet")
    result = ho21(
        "add-case", "2026-1", "--title", "Helsereformutvalget", "--saksbehandler", "Henrietta Blankson",
        "--vedlegg", mandat, "--vedlegg", f"{mandat}=Mandat, kopi", "--body", body,
        "--forslag", "Det settes ned en arbeidsgruppe bestående av [].", "--root", archive,
    )  # fmt: skip
    assert result.code == 0, result.err
    case = manifest(archive, "2026-1")["cases"][5]
    assert case["body"] == "saker/helsereformutvalget.md"
    assert (archive / "2026-1" / case["body"]).read_text(encoding="utf-8") == "## Bakgrunn\n\nTekst.\n"
    assert [v["title"] for v in case["vedlegg"]] == ["Mandat", "Mandat, kopi"]
    for v in case["vedlegg"]:
        assert docx.Document(str(archive / "2026-1" / v["file"])).paragraphs[0].text == "Mandatet"


def test_kind_orientering_gives_default_forslag_in_the_build(archive: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("add-case", "2026-1", "--title", "Nytt", "--kind", "orientering", "--root", archive).code == 0
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", archive).code == 0
    doc = docx.Document(str(next((archive / "2026-1" / "build" / "saksfremlegg").glob("sak-06-*.docx"))))
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("Forslag til vedtak") + 1] == "Tas til orientering."


def test_edit_case_changes_only_what_is_given(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / "h.md", "## Hovedpunkter\n\nRådet bes vurdere sak 7.\n")
    result = ho21(
        "edit-case", "2026-1", "habilitet", "--body", body, "--forslag", "Utformes på møtet.", "--root", archive
    )
    assert result.code == 0, result.err
    case = manifest(archive, "2026-1")["cases"][1]
    assert case["title"] == "Spørsmål om habilitet"
    assert case["standard"] == "habilitet"
    assert case["forslag"] == "Utformes på møtet."
    assert case["saksbehandlere"] == ["Henrietta Blankson"]
    assert (archive / "2026-1" / case["body"]).read_text(encoding="utf-8").startswith("## Hovedpunkter")


# -- bad input: one message, a non-zero exit, nothing changed -------------------------


def assert_refused(result: Run, code: int, *phrases: str) -> None:
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err
    for phrase in phrases:
        assert phrase in result.err, result.err


def test_unknown_case_ref_is_refused(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    assert_refused(ho21("remove-case", "2026-1", "42", "--root", archive), 3, "no case 42", "1-7")
    assert_refused(ho21("move-case", "2026-1", "nosuch", "--after", "1", "--root", archive), 3, "no case «nosuch»")
    assert_refused(ho21("remove-case", "2026-1", "3/2/2026", "--root", archive), 3, "another meeting")
    assert snapshot(archive) == before


def test_unknown_meeting_is_refused_with_the_known_ones(archive: Path, ho21: Callable[..., Run]) -> None:
    assert_refused(ho21("list-cases", "2026-7", "--root", archive), 3, "no meeting 7/2026", "2026-1")
    assert_refused(ho21("list-cases", "januar", "--root", archive), 3, "YEAR-NUMBER")


@pytest.mark.parametrize("typed", ["2026-1/", "2026-1\\", "./2026-1", "./2026-1/", "{root}/2026-1", "{root}/2026-1/"])
def test_the_meeting_folder_as_a_path_is_the_meeting(
    archive: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    monkeypatch.chdir(archive)
    ref = typed.format(root=archive)
    expected = ho21("list-cases", "2026-1", "--root", archive)
    result = ho21("list-cases", ref, "--root", archive)
    assert result.code == 0, result.err
    assert result.out == expected.out
    assert ho21("add-case", ref, "--title", "Helsereformutvalget", "--root", archive).code == 0


def test_a_meeting_folder_in_another_archive_is_refused(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    other = tmp_path / "annet arkiv"
    assert ho21("new-meeting", "--date", "2026-01-14", "--root", other).code == 0
    before = snapshot(archive)
    for typed in (f"{other}/2026-1", f"{other}/2026-1/"):
        result = ho21("add-case", typed, "--title", "Helsereformutvalget", "--root", archive)
        assert_refused(result, 3, f"«{typed}» is a meeting folder outside the archive {archive}", "--root")
    assert_refused(ho21("list-cases", "2026-7/", "--root", archive), 3, "no meeting 7/2026")
    assert_refused(ho21("list-cases", "./saker", "--root", archive), 3, "is not a meeting")
    assert snapshot(archive) == before


def test_name_not_on_roster_gets_a_suggestion(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    result = ho21("add-case", "2026-1", "--title", "Helsedata", "--inhabil", "Guri Rortveit", "--root", archive)
    assert_refused(result, 3, "«Guri Rortveit» is not a member", "Did you mean «Guri Rørtveit»?")
    assert snapshot(archive) == before


def test_missing_or_wrong_vedlegg_is_refused(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    before = snapshot(archive)
    missing = tmp_path / "finnes ikke.docx"
    assert_refused(ho21("add-case", "2026-1", "--title", "X", "--vedlegg", missing, "--root", archive), 3, "not found")
    text = write(tmp_path / "notat.docx", "this is not a zip")
    assert_refused(ho21("add-case", "2026-1", "--title", "X", "--vedlegg", text, "--root", archive), 3, "not a Word")
    empty = tmp_path / "tom.docx"
    empty.write_bytes(b"")
    assert_refused(ho21("add-case", "2026-1", "--title", "X", "--vedlegg", empty, "--root", archive), 3, "is empty")
    xls = write(tmp_path / "tall.xlsx", "x")
    assert_refused(ho21("add-case", "2026-1", "--title", "X", "--vedlegg", xls, "--root", archive), 3, ".docx or .pdf")
    assert snapshot(archive) == before


def test_malformed_body_is_refused(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    before = snapshot(archive)
    body = write(tmp_path / "b.md", "Innledning\n\n# Bakgrunn\n\nTekst\n")
    assert_refused(
        ho21("add-case", "2026-1", "--title", "X", "--body", body, "--root", archive), 3, "line 3", "## Bakgrunn"
    )
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("## Bakgrunn\n\nbl\xe5b\xe6r".encode("latin-1"))
    assert_refused(ho21("add-case", "2026-1", "--title", "X", "--body", latin1, "--root", archive), 3, "not UTF-8")
    assert snapshot(archive) == before


def test_existing_meeting_is_not_overwritten(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    result = ho21("new-meeting", "--date", "2026-03-04", "--number", "1", "--root", archive)
    assert_refused(result, 4, "already exists")
    assert snapshot(archive) == before


def test_impossible_date_is_refused(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    assert_refused(ho21("new-meeting", "--date", "2026-02-30", "--root", tmp_path), 3, "2026-02-30", "YYYY-MM-DD")
    assert not (tmp_path / "2026-1").exists()


def test_help_lists_every_command_and_exit_codes(ho21: Callable[..., Run]) -> None:
    result = ho21("--help")
    assert result.code == 0
    for command in (
        "new-meeting",
        "add-case",
        "edit-case",
        "move-case",
        "remove-case",
        "list-cases",
        "build-innkalling",
    ):
        assert command in result.out
    assert "Exit codes" in result.out


def test_readme_documents_every_command(ho21: Callable[..., Run]) -> None:
    from ho21cli.cli.app import COMMANDS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    names = list(COMMANDS)
    assert names, "no commands registered"
    for name in names:
        assert f"ho21 {name}" in readme, f"README does not show `ho21 {name}`"


def every_help_page(ho21: Callable[..., Run]) -> dict[str, str]:
    from ho21cli.cli.app import COMMANDS, GROUPS

    pages = {name: ho21(name, "--help").out for name in COMMANDS}
    for group, typer_app in GROUPS.items():
        for info in typer_app.registered_commands:
            pages[f"{group} {info.name}"] = ho21(group, str(info.name), "--help").out
    return pages


def test_help_names_values_in_words_not_python_types(ho21: Callable[..., Run]) -> None:
    import re

    pages = every_help_page(ho21)
    assert len(pages) > 15 and all("Usage: ho21 " in page for page in pages.values())
    python_types = {
        f"{name}: {shown}"
        for name, page in pages.items()
        for shown in re.findall(r"<(?:str|int|path|float|list\[[^\]]*\]|int range)>", page)
    }
    assert not python_types, f"--help shows Python types: {sorted(python_types)}"
    add_case = pages["add-case"]
    for option, word in [
        ("--title", "TEXT"),
        ("--vedlegg", "FILE[=TITLE]"),
        ("--saksbehandler", "NAME"),
        ("--before", "REF"),
    ]:
        assert re.search(rf"^\s+{re.escape(option)} {re.escape(word)}\s", add_case, re.M), (
            f"{option} {word}\n{add_case}"
        )
    assert re.search(r"^\s+--date DATE\s", pages["new-meeting"], re.M)
    assert re.search(r"^\s+--from DATE\s", pages["roster add"], re.M)
    assert re.search(r"^\s+MEETING\s+The meeting", add_case, re.M)  # no <str> after the argument
