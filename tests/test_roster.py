"""A roster over time: appointments with from/to dates, the roster in force on a
meeting's date, and `ho21 roster` (show, add, end) editing profil.toml."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest

from ho21cli.actions.gates import run_check
from ho21cli.core.dates import shown_date
from ho21cli.core.model import Person, Role, Roster
from ho21cli.core.roster import period_note
from ho21cli.errors import InputError
from ho21cli.storage.profile import builtin_profile_text, load_profile
from tests.conftest import Run, snapshot, write
from tests.docx_read import open_docx, table_rows

TOM = "Tom Christian Martinsen"  # a member until 2025-12-31
KARI = "Kari Nordmann"  # a member from 2026-01-01
FORMER = "was a member until 2025-12-31"
FIX = "Members are listed in profil.toml with from/to dates (`ho21 roster`)."


def ok(result: Run) -> Run:
    assert result.code == 0, result.err
    return result


def refused(result: Run, code: int, *texts: str) -> None:
    assert result.code == code, (result.out, result.err)
    for text in texts:
        assert text in result.err, (text, result.err)


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A console wide enough that rich does not wrap names in the roster table."""
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture
def council(archive: Path, ho21: Callable[..., Run]) -> Path:
    """Meetings 1/2024 (12 June 2024) and 1/2026 (14 January 2026); Tom was a member
    until the end of 2025, Kari is one from 2026.

    Both meetings lie before today, so they are held and keep the roster they had when Tom
    and Kari were entered (tests/test_history.py); an archive being set up takes the roster
    in with --roster-now, as `roster add` says."""
    ok(ho21("new-meeting", "--date", "2024-06-12", "--root", archive))
    root = ("--root", archive)
    ok(ho21("roster", "add", TOM, "--org", "Helse Nord RHF", "--from", "2022-04-01", "--to", "2025-12-31", *root))
    added = ok(ho21("roster", "add", KARI, "--org", "UiT Norges arktiske universitet", "--from", "2026-01-01", *root))
    assert "`ho21 attendance 2026-1 --roster-now`" in added.out
    for key in ("2024-1", "2026-1"):
        ok(ho21("attendance", key, "--roster-now", *root))
    return archive


def present(ho21: Callable[..., Run], root: Path, key: str) -> list[str]:
    """The «Til stede» lines of the meeting's draft referat, read back from the .docx."""
    result = ok(ho21("draft-referat", key, "--root", root))
    doc: docx.document.Document = open_docx(Path(result.out.strip().splitlines()[-1]))
    facts = {row[0]: row[1].split("\n") for row in table_rows(doc.tables[0])}
    return facts["Til stede"]


# -- Roster.on ---------------------------------------------------------------------------


def _roster() -> Roster:
    return Roster(
        members=(
            Person("Alltid Med", org="A"),
            Person(TOM, org="B", start=date(2022, 4, 1), end=date(2025, 12, 31)),
            Person(KARI, org="C", start=date(2026, 1, 1)),
        ),
        observers=(Person(TOM, org="HOD", role=Role.OBSERVER, start=date(2026, 3, 1)),),
        secretariat=(Person("Sekretær", title="rådgiver", role=Role.SECRETARIAT, end=date(2024, 12, 31)),),
    )


def names(roster: Roster) -> list[str]:
    return [p.name for p in roster.everyone]


def test_on_keeps_the_people_in_force_that_day_bounds_included() -> None:
    roster = _roster()
    assert names(roster.on(date(2022, 3, 31))) == ["Alltid Med", "Sekretær"]
    assert names(roster.on(date(2022, 4, 1))) == ["Alltid Med", TOM, "Sekretær"]
    assert names(roster.on(date(2025, 12, 31))) == ["Alltid Med", TOM]
    assert names(roster.on(date(2026, 1, 1))) == ["Alltid Med", KARI]
    assert names(roster.on(date(2026, 3, 1))) == ["Alltid Med", KARI, TOM]
    assert roster.on(date(2026, 3, 1)).observers[0].role is Role.OBSERVER


def test_a_dated_roster_asked_for_another_day_is_the_same_as_asking_the_whole() -> None:
    roster = _roster()
    again = roster.on(date(2026, 3, 1)).on(date(2024, 6, 12))
    assert set(again.everyone) == set(roster.on(date(2024, 6, 12)).everyone)
    assert {p.role for p in again.members} == {Role.MEMBER}


def test_a_profile_without_dates_is_in_force_always(tmp_path: Path) -> None:
    roster = load_profile(write(tmp_path / "profil.toml", builtin_profile_text())).roster
    assert len(roster.everyone) == 21
    for day in (date(1990, 1, 1), date(2026, 1, 14), date(2100, 1, 1)):
        assert roster.on(day).everyone == roster.everyone


def test_period_note_says_when_and_in_which_role() -> None:
    roster = _roster()
    on_2026 = roster.on(date(2026, 1, 14))
    assert period_note(on_2026, TOM) == f"«{TOM}» {FORMER} and is not in the roster on 2026-01-14"
    assert (
        period_note(on_2026, "sekretær")
        == "«Sekretær» was in the secretariat until 2024-12-31 and is not in the roster on 2026-01-14"
    )
    on_2024 = roster.on(date(2024, 6, 12))
    assert (
        period_note(on_2024, KARI)
        == f"«{KARI}» becomes a member from 2026-01-01 and is not in the roster on 2024-06-12"
    )
    assert period_note(on_2026, "Ukjent Person") is None
    assert period_note(roster, TOM) is None  # a roster without a day knows no "before"
    assert period_note(on_2026, TOM, Role.OBSERVER) == (  # asked for an observer: his coming period
        f"«{TOM}» becomes an observer from 2026-03-01 and is not in the roster on 2026-01-14"
    )
    assert period_note(on_2026, "Alltid Med") is None  # in force: nothing to explain


# -- meetings use the roster of their date ----------------------------------------------------------


def test_each_meeting_lists_the_members_of_its_own_date(council: Path, ho21: Callable[..., Run]) -> None:
    in_2024 = present(ho21, council, "2024-1")
    in_2026 = present(ho21, council, "2026-1")
    assert f"{TOM}, Helse Nord RHF" in in_2024
    assert not any(line.startswith(KARI) for line in in_2024)
    assert f"{KARI}, UiT Norges arktiske universitet" in in_2026
    assert not any(line.startswith(TOM) for line in in_2026)
    assert "Guri Rørtveit, Folkehelseinstituttet" in in_2024 and "Guri Rørtveit, Folkehelseinstituttet" in in_2026
    assert len(in_2024) == len(in_2026) == 15


def test_attendance_of_a_former_member_is_refused_with_the_period(council: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(council)
    refused(ho21("attendance", "2026-1", "--absent", TOM, "--root", council), 3, "--absent", f"«{TOM}» {FORMER}", FIX)
    refused(ho21("attendance", "2024-1", "--online", KARI, "--root", council), 3, "becomes a member from 2026-01-01")
    assert snapshot(council) == before
    ok(ho21("attendance", "2024-1", "--absent", TOM.lower(), "--root", council))  # in the roster then
    assert f"{TOM}, Helse Nord RHF" in ok(ho21("attendance", "2024-1", "--root", council)).out


def test_inhabil_of_a_former_member_is_refused_with_the_period(council: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(council)
    add = ("add-case", "2026-1", "--title", "Ny sak", "--ettersendes", "--inhabil", TOM, "--root", council)
    refused(ho21(*add), 3, "--inhabil", f"«{TOM}» {FORMER}", FIX)
    refused(ho21("edit-case", "2026-1", "habilitet", "--inhabil", TOM, "--root", council), 3, FORMER)
    refused(ho21("edit-case", "2024-1", "habilitet", "--inhabil", KARI, "--root", council), 3, "becomes a member")
    assert snapshot(council) == before
    ok(ho21("edit-case", "2024-1", "habilitet", "--inhabil", TOM, "--root", council))


def test_a_held_meeting_keeps_a_member_whose_period_ended_after_the_attendance_was_taken(
    council: Path, ho21: Callable[..., Run]
) -> None:
    ok(
        ho21(
            "roster", "add", "Per Pensjonist", "--org", "Pensjonistforbundet", "--from", "2020-01-01", "--root", council
        )
    )
    ok(ho21("attendance", "2026-1", "--roster-now", "--absent", "Per Pensjonist", "--root", council))
    ok(ho21("edit-case", "2026-1", "habilitet", "--inhabil", "Per Pensjonist", "--root", council))
    ok(ho21("roster", "end", "Per Pensjonist", "--date", "2025-12-31", "--root", council))
    _, problems = run_check(council, "2026-1", today=date(2025, 12, 20))
    assert [p for p in problems if p.code == "unknown-name"] == []  # the meeting was held with Per
    (changed,) = [p for p in problems if p.code == "roster-changed"]
    assert "removed «Per Pensjonist»" in changed.what


# -- ho21 roster -------------------------------------------------------------------------------------


def test_roster_shows_the_people_in_force_on_a_date(council: Path, ho21: Callable[..., Run], wide: None) -> None:
    in_2024 = ok(ho21("roster", "--date", "2024-06-12", "--root", council)).out
    assert "HelseOmsorg21-rådet as of 12 June 2024" in in_2024
    assert TOM in in_2024 and "2022-04-01" in in_2024 and "2025-12-31" in in_2024 and KARI not in in_2024
    in_2026 = ok(ho21("roster", "--date", "2026-01-14", "--root", council)).out
    assert KARI in in_2026 and TOM not in in_2026
    for header in ("Role", "Name", "Organisation or title", "From", "To"):
        assert header in in_2026
    assert "observer" in in_2026 and "secretariat" in in_2026 and "Henrietta Blankson" in in_2026
    today = ok(ho21("roster", "--root", council)).out
    assert f"HelseOmsorg21-rådet as of {shown_date(date.today())}" in today
    assert (KARI in today) == (date.today() >= date(2026, 1, 1))
    refused(ho21("roster", "--date", "14.01.2026", "--root", council), 3, "--date", "is not a valid date")


def test_roster_without_a_profile_says_where(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    refused(ho21("roster", "--root", tmp_path), 3, "no council profile (profil.toml)")
    refused(ho21("roster", "add", KARI, "--org", "X", "--from", "2026-01-01", "--root", tmp_path), 3, "profil.toml")
    assert list(tmp_path.iterdir()) == []


def test_add_and_end_edit_the_profile_keeping_its_comments(archive: Path, ho21: Callable[..., Run]) -> None:
    path = archive / "profil.toml"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n# Min egen kommentar nederst.\n")
    root = ("--root", archive)
    out = ok(ho21("roster", "add", KARI, "--org", "UiT", "--from", "2026-01-01", *root)).out
    held = "Meeting 1/2026 was held and keeps the roster it had; to list the change there, run "
    assert out.splitlines() == [
        f"«{KARI}» (UiT): member from 2026-01-01.",
        held + "`ho21 attendance 2026-1 --roster-now`.",
    ]
    ok(
        ho21(
            "roster",
            "add",
            "Ny Rådgiver",
            "--role",
            "secretariat",
            "--title",
            "seniorrådgiver",
            "--from",
            "2026-02-01",
            *root,
        )
    )
    out = ok(ho21("roster", "end", "øivind enger", "--date", "2025-12-31", *root)).out
    assert out.splitlines()[0] == "«Øivind Enger»: member until 2025-12-31."
    ok(ho21("roster", "end", "Ole Johan Borge", "--date", "2026-06-30", *root))
    text = path.read_text(encoding="utf-8")
    for comment in (
        "# Rådsprofil for ho21: alt som er likt fra møte til møte.",
        "# Medlemmer per møte 1/2026 (rådsleder først).",
        "# Min egen kommentar nederst.",
    ):
        assert comment in text
    assert 'name = "Øivind Enger"\norg = "Sarsia"\nto = 2025-12-31\n\n[[members]]\n' in text
    assert f'[[members]]\nname = "{KARI}"\norg = "UiT"\nfrom = 2026-01-01\n\n[[observers]]' in text
    assert 'title = "avdelingsdirektør"\nto = 2026-06-30\n\n[[secretariat]]\nname = "Ny Rådgiver"' in text
    # the comment written above the next table (the saksfremlegg's sections) stays above it
    assert "from = 2026-02-01\n\n# Saksfremleggets avsnitt, i denne rekkefølgen." in text
    assert "referatets tekst.\n[[opening_cases]]" in text
    roster = load_profile(path).roster
    assert [p.name for p in roster.on(date(2026, 1, 14)).members][-1] == KARI
    assert roster.on(date(2026, 7, 1)).find("Ole Johan Borge") is None
    assert roster.on(date(2026, 7, 1)).find("Ny Rådgiver") is not None


def test_add_refuses_an_overlap_and_allows_a_new_role_after(council: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(council)
    root = ("--root", council)
    refused(
        ho21("roster", "add", TOM.upper(), "--org", "Helse Nord RHF", "--from", "2025-01-01", *root),
        4,
        f"«{TOM}» is already a member on 2025-01-01 (2022-04-01 – 2025-12-31)",
        "ho21 roster end NAME --date 2024-12-31",
    )
    refused(
        ho21("roster", "add", TOM, "--role", "observer", "--org", "HOD", "--from", "2025-06-01", *root),
        4,
        "overlaps",
        "as member (2022-04-01 – 2025-12-31)",
    )
    refused(ho21("roster", "add", KARI, "--org", "UiT", "--from", "2020-01-01", *root), 4, "overlaps")
    refused(ho21("roster", "add", "Uten Org", "--from", "2026-01-01", *root), 3, "--org")
    refused(ho21("roster", "add", "Feil", "--org", "X", "--from", "2026-02-01", "--to", "2026-01-01", *root), 3, "--to")
    refused(ho21("roster", "add", "Feil", "--org", "X", "--from", "2026-02-01", "--role", "leder", *root), 2)
    assert snapshot(council) == before
    ok(ho21("roster", "add", TOM, "--role", "observer", "--org", "HOD", "--from", "2026-01-01", *root))
    roster = load_profile(council / "profil.toml").roster
    assert [p.role for p in roster.everyone if p.name == TOM] == [Role.MEMBER, Role.OBSERVER]
    ok(ho21("attendance", "2026-1", "--roster-now", "--absent", TOM, "--root", council))  # now as an observer


def test_end_refuses_unknown_names_and_names_not_in_force(council: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(council)
    root = ("--root", council)
    refused(
        ho21("roster", "end", "Tom Kristian Martinsen", "--date", "2024-01-01", *root),
        3,
        "«Tom Kristian Martinsen» is not in the roster",
        f"Did you mean «{TOM}»?",
    )
    refused(ho21("roster", "end", TOM, "--date", "2026-02-01", *root), 3, f"«{TOM}» {FORMER}")
    refused(ho21("roster", "end", KARI, "--date", "2025-06-01", *root), 3, "becomes a member from 2026-01-01")
    refused(ho21("roster", "end", KARI, "--date", "1. mai", *root), 3, "--date")
    assert snapshot(council) == before


def test_a_hand_edited_overlap_is_one_clear_error(archive: Path, ho21: Callable[..., Run]) -> None:
    path = archive / "profil.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'name = "Øivind Enger"\norg = "Sarsia"\n', 'name = "Øivind Enger"\norg = "Sarsia"\nfrom = 2024-04-01\n'
    )
    text += '\n[[observers]]\nname = "Øivind Enger"\norg = "Sarsia"\nfrom = "2025-01-01"\n'
    path.write_text(text, encoding="utf-8")
    for command in (("roster",), ("list-cases", "2026-1")):
        result = ho21(*command, "--root", archive)
        refused(
            result,
            3,
            "profil.toml: observers[3]",
            "«Øivind Enger» is listed twice for overlapping periods: from 2024-04-01 and from 2025-01-01",
            "members[13]",
        )
        assert result.err.count("Error") == 1
    ended = text.replace(
        'org = "Sarsia"\nfrom = 2024-04-01\n', 'org = "Sarsia"\nfrom = 2024-04-01\nto = 2024-12-31\n', 1
    )
    path.write_text(ended.replace('from = "2025-01-01"', "from = 2025-01-01"), encoding="utf-8")
    profile = load_profile(path)  # member until 2024, observer from 2025: allowed
    assert profile.roster.on(date(2026, 1, 14)).find("Øivind Enger") in profile.roster.observers


def test_a_profile_with_to_before_from_is_refused(tmp_path: Path) -> None:
    text = builtin_profile_text().replace('org = "Sarsia"\n', 'org = "Sarsia"\nfrom = 2026-01-01\nto = "2025-12-31"\n')
    with pytest.raises(InputError) as info:
        load_profile(write(tmp_path / "profil.toml", text))
    assert info.value.where == "profil.toml: members[13]"
    assert info.value.what == "«Øivind Enger»: «to» (2025-12-31) is before «from» (2026-01-01)"
    bad = builtin_profile_text().replace('org = "Sarsia"\n', 'org = "Sarsia"\nfrom = 2026\n')
    with pytest.raises(InputError, match="must be a date"):
        load_profile(write(tmp_path / "profil.toml", bad))
