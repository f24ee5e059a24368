"""History stays as it was (issue 23): a held meeting keeps the roster it was held with, an
approved referat changes only by a new approval, and a follow-up note is not lost.

Meeting 2/2026 (11 March 2026) is held: its day has passed, and its attendance was recorded. Its
approval is dated then too: nothing done is recorded with a day after today.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from ho21cli.actions.gates import run_check
from ho21cli.actions.publish import referat_of
from ho21cli.core.history import (
    ApprovedRecord,
    approved_record,
    as_stood,
    keep_roster,
    reached_by,
    refuse_changing_approved,
    retake_roster,
    roster_change,
    roster_of,
)
from ho21cli.core.model import (
    Attendance,
    Case,
    FollowUp,
    FollowUpStatus,
    Meeting,
    Person,
    Profile,
    ReferatApproval,
    Role,
    Roster,
)
from ho21cli.errors import ConflictError
from ho21cli.storage.archive import Archive
from ho21cli.storage.manifest import load_meeting, render_manifest
from tests.conftest import Run, refused, snapshot, write
from tests.docx_read import open_docx, table_rows

M = "2026-2"
NEW = "Ny Person"
SANDSET = "Per Morten Sandset"  # a member of the built-in profile, always
DIAZ = "Esperanza Diaz"
PLACEHOLDER = "[Skriv referat fra behandlingen av saken her.]"
DISKUSJON = "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet."


def ok(result: Run) -> Run:
    assert result.code == 0, result.out + result.err
    return result


def manifest_of(root: Path, key: str = M) -> dict[str, Any]:
    return tomllib.loads((root / key / "meeting.toml").read_text(encoding="utf-8"))


def present_in_referat(ho21: Callable[..., Run], root: Path, key: str = M) -> list[str]:
    """The «Til stede» lines of a draft referat made anew (--force), read back from the .docx."""
    result = ok(ho21("draft-referat", key, "--force", "--root", root))
    doc = open_docx(Path(result.out.strip().splitlines()[-1]))
    facts = {row[0]: row[1].split("\n") for row in table_rows(doc.tables[0])}
    return facts["Til stede"]


def published_present(root: Path, key: str = M) -> list[str]:
    """The attendance publish puts on the meeting's page (the function `ho21 publish` uses)."""
    archive = Archive(root)
    meeting = archive.load(archive.resolve(key))
    public = referat_of(meeting, archive.profile)
    assert public is not None
    return public.attendance.present


def finish_referat(root: Path, key: str = M) -> None:
    """The secretary writes over every marked place of the skeleton, as in Word."""
    path = root / key / f"referat-{key}.docx"
    doc = docx.Document(str(path))
    for p in doc.paragraphs:
        text = None
        if p.text == PLACEHOLDER:
            text = "Saken ble diskutert."
        elif p.text.startswith("[Antall]"):
            text = "Ingen saker ble meldt inn til eventuelt."
        if text is not None:
            p.runs[0].text = text
            for run in p.runs:
                run.font.highlight_color = None
            for run in p.runs[1:]:
                run.text = ""
    doc.save(str(path))


@pytest.fixture
def recorded(buildable: Path, ho21: Callable[..., Run], tmp_path: Path) -> Path:
    """Meeting 2/2026 (11 March 2026) with a discussion case: its attendance is recorded
    (Diaz absent) and its referat drafted, not approved. Held: its day has passed."""
    root = ("--root", buildable)
    ok(ho21("new-meeting", "--date", "2026-03-11", *root))
    body = write(tmp_path / "kilde" / "o.md", "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n")
    ok(ho21("edit-case", M, "orienteringer", "--body", body, *root))
    ok(ho21("add-case", M, "--title", "Tilgang til helsedata", "--kind", "diskusjon", "--ettersendes", *root))
    ok(ho21("attendance", M, "--absent", DIAZ, *root))
    ok(ho21("draft-referat", M, *root))
    return buildable


@pytest.fixture
def approved(recorded: Path, ho21: Callable[..., Run]) -> Path:
    """Meeting 2/2026 with its referat finished and approved by the chair on 18 March 2026."""
    finish_referat(recorded)
    ok(ho21("referat-approved", M, "--date", "2026-03-18", "--root", recorded))
    return recorded


# -- a roster change after the meeting was held ----------------------------------------------------


def test_a_member_added_with_an_earlier_from_is_not_listed_by_an_approved_meeting(
    approved: Path, ho21: Callable[..., Run]
) -> None:
    root = ("--root", approved)
    assert f"{SANDSET}, Universitetet i Oslo" in present_in_referat(ho21, approved)
    added = ok(ho21("roster", "add", NEW, "--org", "X", "--from", "2026-03-01", *root))
    assert "Meeting 2/2026 was held and keeps the roster it had" in added.out
    assert "`ho21 attendance 2026-2 --roster-now`" in added.out
    assert NEW in ok(ho21("roster", "--date", "2026-03-11", *root)).out  # the profile has the person

    shown = ok(ho21("attendance", M, *root)).out
    assert SANDSET in shown and NEW not in shown
    present = present_in_referat(ho21, approved)
    assert f"{SANDSET}, Universitetet i Oslo" in present
    assert not any(NEW in line for line in present)
    published = published_present(approved)
    assert f"{SANDSET}, Universitetet i Oslo" in published
    assert not any(NEW in line for line in published)
    kept = manifest_of(approved)["roster"]
    assert {"name": SANDSET, "org": "Universitetet i Oslo"} in kept["members"]
    assert NEW not in str(kept)

    # A meeting not held yet follows the profile.
    ok(ho21("new-meeting", "--date", "2026-06-10", *root))
    assert NEW in ok(ho21("attendance", "2026-3", *root)).out
    assert "roster" not in manifest_of(approved, "2026-3")


def test_roster_now_takes_the_roster_again_for_a_held_meeting_not_approved(
    recorded: Path, ho21: Callable[..., Run]
) -> None:
    root = ("--root", recorded)
    ok(ho21("roster", "add", NEW, "--org", "X", "--from", "2026-03-01", *root))
    assert NEW not in ok(ho21("attendance", M, *root)).out
    assert not any(NEW in line for line in present_in_referat(ho21, recorded))
    why = "«Ny Person» is in profil.toml on 2026-03-11, but not in the roster the meeting was held with"
    refused(ho21("attendance", M, "--online", NEW, *root), 3, why, "--roster-now")
    refused(ho21("edit-case", M, "habilitet", "--inhabil", NEW, *root), 3, why)

    assert f"{NEW}, X" in ok(ho21("attendance", M, "--roster-now", *root)).out
    assert f"{NEW}, X" in present_in_referat(ho21, recorded)
    assert {"name": NEW, "org": "X"} in manifest_of(recorded)["roster"]["members"]
    assert manifest_of(recorded)["attendance"]["absent"] == [DIAZ]  # the attendance is kept


def test_a_back_dated_end_leaves_a_held_meetings_lists_unchanged(recorded: Path, ho21: Callable[..., Run]) -> None:
    root = ("--root", recorded)
    before = present_in_referat(ho21, recorded)
    assert f"{SANDSET}, Universitetet i Oslo" in before
    ended = ok(ho21("roster", "end", SANDSET, "--date", "2026-02-28", *root))
    assert "Meeting 2/2026 was held and keeps the roster it had" in ended.out
    assert SANDSET in ok(ho21("attendance", M, *root)).out
    assert present_in_referat(ho21, recorded) == before
    ok(ho21("attendance", M, "--online", SANDSET, *root))  # still one of the meeting's people
    assert SANDSET not in ok(ho21("roster", "--date", "2026-03-11", *root)).out


def test_a_held_meeting_without_a_kept_roster_keeps_it_before_the_profile_changes(
    buildable: Path, ho21: Callable[..., Run]
) -> None:
    """Meeting 1/2026 (14 January 2026) is held by its date alone: nothing recorded yet."""
    root = ("--root", buildable)
    assert "roster" not in manifest_of(buildable, "2026-1")
    added = ok(ho21("roster", "add", NEW, "--org", "X", "--from", "2025-06-01", *root))
    assert "Meeting 1/2026 was held and keeps the roster it had" in added.out
    assert NEW not in str(manifest_of(buildable, "2026-1")["roster"])
    assert NEW not in ok(ho21("attendance", "2026-1", *root)).out
    # A change that does not reach its day leaves it alone.
    later = ok(ho21("roster", "add", "Senere Person", "--org", "Y", "--from", "2026-06-01", *root))
    assert "Meeting" not in later.out


def test_recording_a_held_meeting_keeps_its_roster(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = ("--root", buildable)
    ok(ho21("draft-referat", "2026-1", *root))  # held by its date: the referat lists its roster
    assert {"name": SANDSET, "org": "Universitetet i Oslo"} in manifest_of(buildable, "2026-1")["roster"]["members"]
    ok(ho21("new-meeting", "--date", "2099-03-11", *root))
    ok(ho21("draft-referat", "2099-1", *root))  # drafted ahead of the day: not held yet
    assert "roster" not in manifest_of(buildable, "2099-1")
    ok(ho21("attendance", "2099-1", "--absent", DIAZ, *root))  # forfall reported ahead: still not held
    assert "roster" not in manifest_of(buildable, "2099-1")
    finish_referat(buildable, "2026-1")
    ok(ho21("referat-sent", "2026-1", "--date", "2026-01-21", *root))
    assert "roster" in manifest_of(buildable, "2026-1")


def test_a_hand_edited_profile_is_named_by_check_with_the_fix(recorded: Path, ho21: Callable[..., Run]) -> None:
    profile = recorded / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    hand = '\n[[members]]\nname = "Hanne Hand"\norg = "Håndskrevet"\nfrom = 2026-03-01\n'
    profile.write_text(text + hand, encoding="utf-8")
    _, problems = run_check(recorded, M, today=date(2026, 12, 7))
    changed = [p for p in problems if p.code == "roster-changed"]
    assert len(changed) == 1 and changed[0].severity.value == "advarsel"
    assert "added «Hanne Hand»" in changed[0].what
    result = ho21("check", M, "--root", recorded)
    assert "Hanne Hand" in result.out and "--roster-now" in result.out
    assert "Hanne Hand" not in ok(ho21("attendance", M, "--root", recorded)).out
    ok(ho21("attendance", M, "--roster-now", "--root", recorded))
    _, problems = run_check(recorded, M, today=date(2026, 12, 7))
    assert "roster-changed" not in [p.code for p in problems]


# -- an approved referat ------------------------------------------------------------------------------


def test_an_approved_meetings_record_is_refused_to_every_other_command(
    approved: Path, ho21: Callable[..., Run]
) -> None:
    root = ("--root", approved)
    ok(ho21("new-meeting", "--date", "2026-06-10", *root))
    manifest = approved / M / "meeting.toml"
    before, after = manifest.read_bytes(), snapshot(approved / "2026-3")
    needles = ("approved 18 March 2026 by the chair (leder)", "referat-approved 2026-2 --date DATE --force")
    for args in (
        ("attendance", M, "--absent", SANDSET),
        ("attendance", M, "--present", DIAZ),
        ("edit-case", M, "tilgang-til-helsedata", "--title", "Ny tittel"),
        ("add-case", M, "--title", "En sak til", "--ettersendes"),
        ("remove-case", M, "tilgang-til-helsedata"),
        ("move-case", M, "tilgang-til-helsedata", "--before", "orienteringer"),
        ("referat-sent", M, "--date", "2026-03-19"),
        ("postpone-case", M, "tilgang-til-helsedata", "--to", "2026-3"),
    ):
        refused(ho21(*args, *root), 4, *needles)
        assert manifest.read_bytes() == before, args
    assert snapshot(approved / "2026-3") == after  # the postponement left the next meeting alone

    ok(ho21("roster", "add", NEW, "--org", "X", "--from", "2026-03-01", *root))
    before = manifest.read_bytes()
    refused(ho21("attendance", M, "--roster-now", *root), 4, *needles)
    assert manifest.read_bytes() == before

    ok(ho21("attendance", M, "--absent", DIAZ, *root))  # no change: nothing to refuse
    result = ok(ho21("referat-approved", M, "--date", "2026-03-19", "--force", *root))
    assert "approved 19 March 2026" in result.out
    assert manifest_of(approved)["referat"]["approved"] == date(2026, 3, 19)
    assert NEW not in ok(ho21("attendance", M, *root)).out
    _, problems = run_check(approved, M, today=date(2026, 12, 7))
    changed = next(p for p in problems if p.code == "roster-changed")
    assert changed.hint is not None and changed.hint.action == "roster-now-approved"


def test_follow_up_marks_stay_allowed_and_keep_the_note(approved: Path, ho21: Callable[..., Run]) -> None:
    root = ("--root", approved)
    cases = {c["id"]: c for c in manifest_of(approved)["cases"]}
    assert cases["tilgang-til-helsedata"]["vedtak"] == DISKUSJON
    ref = "Sak 13/2/2026"  # the sixth case of 2/2026: 1/2026 had seven
    ok(ho21("follow-up", "postponed", ref, "--note", "Venter på direktoratet", *root))

    def followup() -> dict[str, Any]:
        case = next(c for c in manifest_of(approved)["cases"] if c["id"] == "tilgang-til-helsedata")
        return dict(case["oppfolging"])

    result = ok(ho21("follow-up", "done", ref, *root))
    assert "(Venter på direktoratet)" in result.out
    assert followup()["status"] == "done" and followup()["note"] == "Venter på direktoratet"
    ok(ho21("follow-up", "open", ref, *root))
    assert followup()["note"] == "Venter på direktoratet"
    ok(ho21("follow-up", "done", ref, "--note", "Levert", *root))
    assert followup()["note"] == "Levert"
    ok(ho21("follow-up", "done", ref, "--note", "", *root))
    assert "note" not in followup() and followup()["status"] == "done"


# -- the pure parts -------------------------------------------------------------------------------------

DAY = date(2027, 1, 13)
ALWAYS = Person("Alltid Med", org="A")
LATE = Person(NEW, org="X", start=date(2027, 1, 1))
GONE = Person("Borte Vekk", org="B", end=date(2026, 12, 31))
PROFILE = Profile(name="Rådet", short_name="R", til="Rådet", fra="Sekretariatet", roster=Roster(members=(ALWAYS,)))


def meeting(*, records: bool = True, kept: Roster | None = None) -> Meeting:
    m = Meeting(2027, 1, DAY, 1, cases=[Case("a", "Første sak"), Case("b", "Andre sak", vedtak="Vedtatt.")])
    if records:
        m.attendance = Attendance(absent=[ALWAYS.name])
    m.roster = kept
    return m


def with_members(*people: Person) -> Profile:
    return replace(PROFILE, roster=Roster(members=people))


def test_roster_of_is_the_kept_roster_else_the_profiles_on_the_day() -> None:
    profile = with_members(ALWAYS, LATE, GONE)
    assert [p.name for p in roster_of(meeting(), profile).members] == [ALWAYS.name, NEW]
    kept = roster_of(meeting(kept=as_stood(PROFILE.roster.on(DAY))), profile)
    assert [p.name for p in kept.members] == [ALWAYS.name]
    assert kept.day == DAY and GONE in kept.outside  # a former member is still named with their period


def test_a_roster_is_kept_only_by_a_held_meeting() -> None:
    today = DAY  # the meeting's day: held once its attendance is recorded
    not_held = meeting(records=False)
    assert not keep_roster(not_held, PROFILE, today) and not_held.roster is None
    held = meeting()
    assert keep_roster(held, PROFILE, today) and held.roster == Roster(members=(ALWAYS,))
    assert not keep_roster(held, with_members(ALWAYS, LATE), today)  # kept once, not replaced
    assert reached_by(meeting(), PROFILE.roster, with_members(ALWAYS, LATE).roster, today)
    assert not reached_by(meeting(), PROFILE.roster, with_members(ALWAYS, GONE).roster, today)  # not on its day
    assert not reached_by(meeting(records=False), PROFILE.roster, with_members().roster, today)  # not held
    assert reached_by(meeting(records=False), PROFILE.roster, with_members().roster, date(2027, 2, 1))  # day passed
    retake_roster(held, with_members(ALWAYS, LATE), today)
    assert held.roster == Roster(members=(ALWAYS, replace(LATE, start=None)))
    retake_roster(not_held, PROFILE, today)
    assert not_held.roster is None  # a meeting not held follows the profile


def test_roster_change_names_who_was_added_removed_and_changed() -> None:
    kept = Roster(members=(ALWAYS, Person("Gammel Org", org="Før")))
    profile = with_members(Person("Gammel Org", org="Nå"), LATE)
    change = roster_change(meeting(kept=kept), profile)
    assert (change.added, change.removed, change.changed) == ((NEW,), (ALWAYS.name,), ("Gammel Org",))
    assert roster_change(meeting(), profile).is_empty  # no kept roster: nothing differs
    observer = Roster(observers=(Person(ALWAYS.name, org="A", role=Role.OBSERVER),))
    assert roster_change(meeting(kept=observer), PROFILE).changed == (ALWAYS.name,)


def test_the_approved_record_leaves_follow_up_marks_out() -> None:
    before = meeting(kept=Roster(members=(ALWAYS,)))
    before.referat_approved = ReferatApproval(date(2027, 1, 20))
    after = meeting(kept=Roster(members=(ALWAYS,)))
    after.referat_approved = before.referat_approved
    after.cases[1].followup = FollowUp(FollowUpStatus.DONE, "Levert")
    refuse_changing_approved(before, after, PROFILE)  # allowed
    for change in (
        lambda m: setattr(m.cases[1], "vedtak", "Annet."),
        lambda m: setattr(m.cases[0], "title", "Ny tittel"),
        lambda m: m.cases.reverse(),
        lambda m: setattr(m, "attendance", Attendance()),
        lambda m: setattr(m, "roster", Roster(members=(ALWAYS, LATE))),
    ):
        changed = meeting(kept=Roster(members=(ALWAYS,)))
        changed.referat_approved = before.referat_approved
        change(changed)
        with pytest.raises(ConflictError, match="approved 20 January 2027 by the chair"):
            refuse_changing_approved(before, changed, PROFILE)
    again = meeting(kept=Roster(members=(ALWAYS, LATE)))
    again.referat_approved = ReferatApproval(date(2027, 1, 21))  # a new approval changes them
    refuse_changing_approved(before, again, PROFILE)
    unapproved = meeting()
    refuse_changing_approved(unapproved, meeting(records=False), PROFILE)
    assert isinstance(approved_record(before, PROFILE), ApprovedRecord)


def test_the_kept_roster_is_written_readably_and_survives_a_hand_edited_manifest(tmp_path: Path) -> None:
    m = meeting(
        kept=Roster(members=(ALWAYS,), secretariat=(Person("Sekretær", title="rådgiver", role=Role.SECRETARIAT),))
    )
    plain = render_manifest(m)
    assert "[roster]\n# Rådet slik det var på møtedagen" in plain
    assert 'members = [\n    {name = "Alltid Med", org = "A"},\n]' in plain
    path = write(tmp_path / M / "meeting.toml", "# Skrevet for hånd.\n" + render_manifest(meeting()))
    written = render_manifest(m, path.read_text(encoding="utf-8"))
    assert written.startswith("# Skrevet for hånd.\n")
    assert 'secretariat = [{name = "Sekretær", title = "rådgiver"}]' in written
    path.write_text(written, encoding="utf-8")
    back = load_meeting(path)
    assert back.roster == m.roster and back.attendance == m.attendance
    assert render_manifest(back, written) == written
