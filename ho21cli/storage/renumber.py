"""Renumbering meetings: folders and manifests renamed in one step a crash cannot leave half done.

Meeting numbers follow dates, so a meeting planned between two others, or a
meeting moved to another date, renumbers the planned meetings after it. The
renames are written to a journal first (``.ho21-omnummerering.toml`` in the
archive), then done in two phases through temporary names (2 → 3 and 3 → 4
never meet), then each moved manifest gets its new number, and the journal
is removed. Whatever command runs next finishes a journal that a crash left
behind, so the archive is never seen half renumbered.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ho21cli.core.numbering import MeetingId
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_text, os_error
from ho21cli.storage.manifest import MANIFEST_NAME, read_meeting, save_meeting

JOURNAL = ".ho21-omnummerering.toml"  # the same name as storage/archive.JOURNAL
PARKED = ".ho21-omnummerering-"


@dataclass(frozen=True)
class Move:
    old: MeetingId
    new: MeetingId


def renumber_meetings(root: Path, moves: list[Move]) -> None:
    """Give each ``old`` meeting the number ``new`` (same year), all or nothing."""
    if not moves:
        return
    _write_journal(root, moves, phase=1)
    complete_renumbering(root)


def complete_renumbering(root: Path) -> bool:
    """Finish a renumbering a crash interrupted; True when there was one."""
    journal = root / JOURNAL
    if not journal.is_file():
        return False
    data = tomllib.loads(journal.read_text(encoding="utf-8"))
    moves = [Move(_mid(m["old"]), _mid(m["new"])) for m in data["moves"]]
    try:
        if data["phase"] == 1:
            for move in moves:  # park every moving folder first
                old, parked = root / move.old.key, root / f"{PARKED}{move.old.key}"
                if old.is_dir() and not parked.exists():
                    old.rename(parked)
            _write_journal(root, moves, phase=2)
        for move in moves:
            parked, new = root / f"{PARKED}{move.old.key}", root / move.new.key
            if parked.is_dir() and not new.exists():
                parked.rename(new)
        for move in moves:
            _renumber_manifest(root / move.new.key / MANIFEST_NAME, move.new)
        journal.unlink()
    except OSError as exc:
        raise os_error(exc, root, _("renumbering meetings")) from exc
    return True


def _renumber_manifest(path: Path, mid: MeetingId) -> None:
    meeting, text = read_meeting(path)
    if (meeting.year, meeting.number) != (mid.year, mid.number):
        meeting.year, meeting.number = mid.year, mid.number
        save_meeting(path, meeting, previous_text=text)


def _write_journal(root: Path, moves: list[Move], *, phase: int) -> None:
    lines = ["# ho21 is renumbering meetings; the next ho21 command finishes it. Do not edit.", f"phase = {phase}"]
    for move in moves:
        lines += ["", "[[moves]]", f'old = "{move.old.key}"', f'new = "{move.new.key}"']
    atomic_write_text(root / JOURNAL, "\n".join(lines) + "\n")


def _mid(key: str) -> MeetingId:
    year, number = key.split("-")
    return MeetingId(int(year), int(number))
