"""Renumbering meetings: folders and manifests renamed in one step a crash cannot leave half done.

Meeting numbers follow dates, so a meeting planned between two others, a
meeting moved to another date, or a meeting removed renumbers the planned
meetings after it. The whole change is written to a journal first
(``.ho21-omnummerering.toml`` in the archive): a removed meeting's folder to
move aside into ``utgått/``, the renames, and the standard titles that name a
meeting and so follow the new numbers. Then the removed folder is moved
aside, the renames are done in two phases through temporary names (2 → 3 and
3 → 4 never meet), each moved manifest gets its new number and the titles
their new text, references between meetings (``approved_by``, ``postponed_from``) their
new keys, each moved meeting's referat files (``referat-2026-2.docx``, its backups and PDF)
their new names, and the outputs its earlier builds wrote under the old number go into
``build/utgått/`` (never deleted); then the journal is removed. Whatever command runs next
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
from ho21cli.errors import Ho21Error
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
class Reference:
    """A reference to a meeting that follows its new number: ``field`` of meeting ``mid`` (its
    number after the renumbering), of its case ``case`` for ``postponed_from``, is ``old`` → ``new``."""

    mid: MeetingId
    field: str  # "approved_by" or "postponed_from"
    case: str  # the case id ("" for approved_by)
    old: str
    new: str


@dataclass(frozen=True)
class ManifestWrite:
    """A manifest written as part of the change, after the folders moved: a new meeting's (its
    folder made), or an edited meeting's at its new number (a new date that moved it)."""

    mid: MeetingId
    text: str


@dataclass(frozen=True)
class Renumbering:
    """One change of the year's numbers, all or nothing."""

    moves: list[Move]
    retitles: list[Retitle]
    removed: MeetingId | None = None  # its folder goes to ``removed_to`` first
    removed_to: str = ""  # relative to the archive, e.g. "utgått/2026-2.1"
    references: tuple[Reference, ...] = ()  # found by run_renumbering before the journal is written
    writes: tuple[ManifestWrite, ...] = ()
    # New files (archive-relative) a command copies in before its journaled writes: a kill while
    # they are copied is rolled back (they are deleted: nothing refers to them yet).
    created: tuple[str, ...] = ()


def run_renumbering(root: Path, change: Renumbering) -> None:
    """Journal the whole change, then do it (the journal is what makes it all or nothing)."""
    from dataclasses import replace

    _write_journal(root, replace(change, references=references_to(root, change)), phase=1)
    complete_renumbering(root, interrupted=False)


def references_to(root: Path, change: Renumbering) -> tuple[Reference, ...]:
    """Every ``approved_by`` and ``postponed_from`` in the archive that names a moving meeting."""
    new_key = {m.old.key: m.new.key for m in change.moves}
    holder = {m.old: m.new for m in change.moves}
    found = []
    for manifest in sorted(root.glob(f"*/{MANIFEST_NAME}")):
        try:
            meeting, _text = read_meeting(manifest)
        except (Ho21Error, OSError):  # a broken manifest holds no reference ho21 can follow; check says so
            continue
        mid = MeetingId(meeting.year, meeting.number)
        if mid == change.removed:
            continue
        at = holder.get(mid, mid)
        approval = meeting.referat_approved
        if approval is not None and approval.by in new_key:
            found.append(Reference(at, "approved_by", "", approval.by, new_key[approval.by]))
        for case in meeting.cases:
            if case.postponed_from in new_key:
                found.append(
                    Reference(at, "postponed_from", case.id, case.postponed_from, new_key[case.postponed_from])
                )
            elif change.removed is not None and case.postponed_from == change.removed.key:
                # postponed from a meeting that is removed: «Saken ble utsatt fra møte …» would name another
                found.append(Reference(at, "postponed_from", case.id, case.postponed_from, ""))
    return tuple(found)


def removal_target(root: Path, mid: MeetingId) -> str:
    """Where a removed meeting's folder goes: ``utgått/2026-2``, or ``utgått/2026-2.1`` when
    an earlier removal took that name; never onto anything that is there."""
    name, serial = mid.key, 0
    while (root / REMOVED / name).exists():
        serial += 1
        name = f"{mid.key}.{serial}"
    return f"{REMOVED}/{name}"


# The renumberings this run finished for an earlier, interrupted command: the CLI says so.
FINISHED: list[Renumbering] = []


def complete_renumbering(root: Path, *, interrupted: bool = True) -> bool:
    """Finish a renumbering a crash interrupted (``interrupted``), or the one just journaled;
    True when there was one."""
    journal = root / JOURNAL
    if not journal.is_file():
        return False
    data = tomllib.loads(journal.read_text(encoding="utf-8"))
    change = _read_journal(data)
    if data["phase"] == 0:  # killed while new files were copied in, before any manifest changed
        _roll_back_created(root, change.created)
        journal.unlink()
        return True
    if interrupted:
        FINISHED.append(change)
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
        for move in change.moves:
            _files_follow(root / move.new.key, move)
        for write in change.writes:  # again when finishing twice: the retitles below follow it again
            (root / write.mid.key).mkdir(exist_ok=True)
            atomic_write_text(root / write.mid.key / MANIFEST_NAME, write.text)
        touched = dict.fromkeys(
            [*(m.new for m in change.moves), *(r.mid for r in change.retitles), *(r.mid for r in change.references)]
        )
        for mid in touched:
            retitles = [r for r in change.retitles if r.mid == mid]
            _finish_manifest(
                root / mid.key / MANIFEST_NAME, mid, retitles, [r for r in change.references if r.mid == mid]
            )
        journal.unlink()
    except OSError as exc:
        raise os_error(exc, root, _("renumbering meetings")) from exc
    return True


def begin_copying(root: Path, created: list[str]) -> None:
    """Before a command copies new files in (``created``, archive-relative): a kill meanwhile is
    rolled back by the next command. The command then runs its journaled writes, which replace
    this journal."""
    _write_journal(root, Renumbering([], [], created=tuple(created)), phase=0)


def _roll_back_created(root: Path, created: tuple[str, ...]) -> None:
    for rel in reversed(created):
        path = root / rel
        if path.is_file():
            path.unlink()
        parent = path.parent
        if parent.is_dir() and parent != root and not any(parent.iterdir()):
            parent.rmdir()  # a folder made for a body's images


def _move_aside(root: Path, change: Renumbering) -> None:
    """Phase 1 only: in phase 2 a moved meeting may already have taken the removed one's name."""
    if change.removed is None:
        return
    folder, target = root / change.removed.key, root / change.removed_to
    if folder.is_dir() and not target.exists():
        target.parent.mkdir(exist_ok=True)
        folder.rename(target)


def _finish_manifest(path: Path, mid: MeetingId, retitles: list[Retitle], references: list[Reference]) -> None:
    """The manifest's number, titles and references: each changed only from its old value, so
    finishing twice is finishing once (2 → 3 is not applied again to make it 4)."""
    from dataclasses import replace

    meeting, text = read_meeting(path)
    changed = (meeting.year, meeting.number) != (mid.year, mid.number)
    meeting.year, meeting.number = mid.year, mid.number
    for retitle in retitles:
        for case in meeting.cases:
            if case.id == retitle.case and case.title == retitle.old:
                case.title, changed = retitle.new, True
    for ref in references:
        approval = meeting.referat_approved
        if ref.field == "approved_by" and approval is not None and approval.by == ref.old:
            meeting.referat_approved, changed = replace(approval, by=ref.new), True
        for case in meeting.cases:
            if ref.field == "postponed_from" and case.id == ref.case and case.postponed_from == ref.old:
                case.postponed_from, changed = ref.new or None, True
    if changed:
        save_meeting(path, meeting, previous_text=text)


def _files_follow(folder: Path, move: Move) -> None:
    """The meeting's own files named by its number: its referat (with its backups and PDF) takes
    the new name; the outputs its builds wrote under the old number are set aside, since the next
    build writes them under the new one. Each step only when not done yet."""
    from ho21cli.storage.build_record import BuildRecord

    old, new = f"referat-{move.old.key}", f"referat-{move.new.key}"
    record = BuildRecord.load(folder)
    for path in sorted(folder.glob(f"{old}.*")) + sorted(folder.glob(f"{old}-*")):
        target = folder / (new + path.name[len(old) :])
        if path.is_file() and not target.exists():
            path.rename(target)
    renamed = {rel: new + rel[len(old) :] for rel in record.entries if rel.startswith(old)}
    if renamed:
        for rel, new_rel in renamed.items():
            record.entries[new_rel] = record.entries.pop(rel)
        record.save()
    for outputs in (folder / "build", folder / "offentlig"):
        _set_aside_outputs(outputs, move.old.key)


def _set_aside_outputs(folder: Path, owner: str) -> None:
    from ho21cli.storage.build_record import BuildRecord
    from ho21cli.storage.outputs import ASIDE

    record = BuildRecord.load(folder)
    owned = record.owned_by(owner)
    if not owned and owner not in record.builds:
        return
    for rel in owned:
        path, target = folder / rel, folder / ASIDE / rel
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
        record.forget(rel)
    record.builds.pop(owner, None)
    record.save()


def _write_journal(root: Path, change: Renumbering, *, phase: int) -> None:
    lines = ["# ho21 is renumbering meetings; the next ho21 command finishes it. Do not edit.", f"phase = {phase}"]
    if change.removed is not None:
        lines += [f'removed = "{change.removed.key}"', f"removed_to = {_string(change.removed_to)}"]
    for move in change.moves:
        lines += ["", "[[moves]]", f'old = "{move.old.key}"', f'new = "{move.new.key}"']
    for r in change.retitles:
        lines += ["", "[[retitles]]", f'meeting = "{r.mid.key}"', f"case = {_string(r.case)}"]
        lines += [f"old = {_string(r.old)}", f"new = {_string(r.new)}"]
    for ref in change.references:
        lines += ["", "[[references]]", f'meeting = "{ref.mid.key}"', f'field = "{ref.field}"']
        lines += [f"case = {_string(ref.case)}", f'old = "{ref.old}"', f'new = "{ref.new}"']
    if change.created:
        lines.insert(2, "created = [" + ", ".join(_string(rel) for rel in change.created) + "]")
    for write in change.writes:
        lines += ["", "[[writes]]", f'meeting = "{write.mid.key}"', f"text = {_string(write.text)}"]
    atomic_write_text(root / JOURNAL, "\n".join(lines) + "\n")


def _read_journal(data: dict[str, object]) -> Renumbering:
    moves = [Move(_mid(m["old"]), _mid(m["new"])) for m in _tables(data, "moves")]
    retitles = [Retitle(_mid(r["meeting"]), r["case"], r["old"], r["new"]) for r in _tables(data, "retitles")]
    references = tuple(
        Reference(_mid(r["meeting"]), r["field"], r["case"], r["old"], r["new"]) for r in _tables(data, "references")
    )
    writes = tuple(ManifestWrite(_mid(w["meeting"]), w["text"]) for w in _tables(data, "writes"))
    removed = data.get("removed")
    return Renumbering(
        moves,
        retitles,
        _mid(removed) if isinstance(removed, str) else None,
        str(data.get("removed_to", "")),
        references,
        writes,
        tuple(str(rel) for rel in _list(data, "created")),
    )


def _list(data: dict[str, object], key: str) -> list[object]:
    found = data.get(key, [])
    return found if isinstance(found, list) else []


def _tables(data: dict[str, object], key: str) -> list[dict[str, str]]:
    found = data.get(key, [])
    return found if isinstance(found, list) else []


def _string(text: str) -> str:
    """A TOML string, escaped as TOML wants it (a title may hold any character)."""
    return tomlkit.item(text).as_string()


def _mid(key: str) -> MeetingId:
    year, number = key.split("-")
    return MeetingId(int(year), int(number))
