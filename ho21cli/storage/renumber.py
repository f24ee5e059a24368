"""Renumbering meetings: folders and manifests renamed in one step a crash cannot leave half done.

Meeting numbers follow dates, so a meeting planned between two others, a
meeting moved to another date, or a meeting removed renumbers the planned
meetings after it. The whole change is written to a journal first
(``.ho21-omnummerering.toml`` in the archive): a removed meeting's folder to
move aside into ``utgått/``, the renames, and the standard titles that name a
meeting and so follow the new numbers. Then the removed folder is moved
aside, the renames are done in two phases through temporary names (2 → 3 and
3 → 4 never meet), each moved manifest gets its new number and the titles
their new text, and the journal is removed. Whatever command runs next
finishes a journal that a crash left behind, so the archive is never seen
half renumbered. Every step is skipped when already done, so finishing twice
is finishing once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from ho21cli.core.numbering import MeetingId
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_text, os_error
from ho21cli.storage.manifest import MANIFEST_NAME, read_meeting, save_meeting

JOURNAL = ".ho21-omnummerering.toml"  # the same name as storage/archive.JOURNAL
PARKED = ".ho21-omnummerering-"
REMOVED = "utgått"  # the archive's folder for removed meetings (as build/utgått/ for outputs)


@dataclass(frozen=True)
class Move:
    old: MeetingId
    new: MeetingId


@dataclass(frozen=True)
class Retitle:
    """A standard title that named a meeting by its old number: ``old`` becomes ``new``
    in meeting ``mid`` (its number after the renumbering), unless a person changed it."""

    mid: MeetingId
    case: str  # the case id
    old: str
    new: str


@dataclass(frozen=True)
class Renumbering:
    """One change of the year's numbers, all or nothing."""

    moves: list[Move]
    retitles: list[Retitle]
    removed: MeetingId | None = None  # its folder goes to ``removed_to`` first
    removed_to: str = ""  # relative to the archive, e.g. "utgått/2026-2.1"


def renumber_meetings(root: Path, moves: list[Move]) -> None:
    """Give each ``old`` meeting the number ``new`` (same year), all or nothing."""
    if moves:
        run_renumbering(root, Renumbering(moves, []))


def run_renumbering(root: Path, change: Renumbering) -> None:
    """Journal the whole change, then do it (the journal is what makes it all or nothing)."""
    _write_journal(root, change, phase=1)
    complete_renumbering(root)


def removal_target(root: Path, mid: MeetingId) -> str:
    """Where a removed meeting's folder goes: ``utgått/2026-2``, or ``utgått/2026-2.1`` when
    an earlier removal took that name; never onto anything that is there."""
    name, serial = mid.key, 0
    while (root / REMOVED / name).exists():
        serial += 1
        name = f"{mid.key}.{serial}"
    return f"{REMOVED}/{name}"


def complete_renumbering(root: Path) -> bool:
    """Finish a renumbering a crash interrupted; True when there was one."""
    journal = root / JOURNAL
    if not journal.is_file():
        return False
    data = tomllib.loads(journal.read_text(encoding="utf-8"))
    change = _read_journal(data)
    try:
        if data["phase"] == 1:
            _move_aside(root, change)
            for move in change.moves:  # park every moving folder first
                old, parked = root / move.old.key, root / f"{PARKED}{move.old.key}"
                if old.is_dir() and not parked.exists():
                    old.rename(parked)
            _write_journal(root, change, phase=2)
        for move in change.moves:
            parked, new = root / f"{PARKED}{move.old.key}", root / move.new.key
            if parked.is_dir() and not new.exists():
                parked.rename(new)
        touched = dict.fromkeys([*(m.new for m in change.moves), *(r.mid for r in change.retitles)])
        for mid in touched:
            _finish_manifest(root / mid.key / MANIFEST_NAME, mid, [r for r in change.retitles if r.mid == mid])
        journal.unlink()
    except OSError as exc:
        raise os_error(exc, root, _("renumbering meetings")) from exc
    return True


def _move_aside(root: Path, change: Renumbering) -> None:
    """Phase 1 only: in phase 2 a moved meeting may already have taken the removed one's name."""
    if change.removed is None:
        return
    folder, target = root / change.removed.key, root / change.removed_to
    if folder.is_dir() and not target.exists():
        target.parent.mkdir(exist_ok=True)
        folder.rename(target)


def _finish_manifest(path: Path, mid: MeetingId, retitles: list[Retitle]) -> None:
    meeting, text = read_meeting(path)
    changed = (meeting.year, meeting.number) != (mid.year, mid.number)
    meeting.year, meeting.number = mid.year, mid.number
    for retitle in retitles:
        for case in meeting.cases:
            if case.id == retitle.case and case.title == retitle.old:
                case.title, changed = retitle.new, True
    if changed:
        save_meeting(path, meeting, previous_text=text)


def _write_journal(root: Path, change: Renumbering, *, phase: int) -> None:
    lines = ["# ho21 is renumbering meetings; the next ho21 command finishes it. Do not edit.", f"phase = {phase}"]
    if change.removed is not None:
        lines += [f'removed = "{change.removed.key}"', f"removed_to = {_string(change.removed_to)}"]
    for move in change.moves:
        lines += ["", "[[moves]]", f'old = "{move.old.key}"', f'new = "{move.new.key}"']
    for r in change.retitles:
        lines += ["", "[[retitles]]", f'meeting = "{r.mid.key}"', f"case = {_string(r.case)}"]
        lines += [f"old = {_string(r.old)}", f"new = {_string(r.new)}"]
    atomic_write_text(root / JOURNAL, "\n".join(lines) + "\n")


def _read_journal(data: dict[str, object]) -> Renumbering:
    moves = [Move(_mid(m["old"]), _mid(m["new"])) for m in _tables(data, "moves")]
    retitles = [Retitle(_mid(r["meeting"]), r["case"], r["old"], r["new"]) for r in _tables(data, "retitles")]
    removed = data.get("removed")
    return Renumbering(
        moves, retitles, _mid(removed) if isinstance(removed, str) else None, str(data.get("removed_to", ""))
    )


def _tables(data: dict[str, object], key: str) -> list[dict[str, str]]:
    found = data.get(key, [])
    return found if isinstance(found, list) else []


def _string(text: str) -> str:
    """A TOML string, escaped as TOML wants it (a title may hold any character)."""
    return tomlkit.item(text).as_string()


def _mid(key: str) -> MeetingId:
    year, number = key.split("-")
    return MeetingId(int(year), int(number))
