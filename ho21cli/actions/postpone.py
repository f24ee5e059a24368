"""`ho21 postpone-case`: a case carried on to a later meeting with its files.

The case moves to the next meeting (or the one named) with its body, images,
vedlegg and inhabil members, and its saksfremlegg there says "Saken ble
utsatt fra møte 1/2026." If the first meeting's innkalling was already sent,
the case keeps its number there and its referat says "Saken ble utsatt.";
the later meeting gets it as a new case. Nothing is written until both
meetings and the year's series accept the change.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ho21cli.actions.cases import files_in_use, number_label
from ho21cli.actions.context import MeetingContext, context_of, refuse_approved_change, refuse_series_conflict
from ho21cli.actions.intake import NewBody, Staged, VedleggSpec, attach
from ho21cli.core import casebook
from ho21cli.core.body import Body, image_sources, parse_body
from ho21cli.core.model import Case
from ho21cli.core.numbering import MeetingId, resolve_case_ref
from ho21cli.core.text import unique_id
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.storage.archive import Archive, find_meeting
from ho21cli.storage.files import folder_lock
from ho21cli.storage.reading import decode_text, is_word_body, read_inside


@dataclass(frozen=True)
class Postponed:
    source_label: str
    number_before: str
    target_label: str
    number_after: str
    title: str
    kept_in_source: bool  # the source was sent: the case keeps its number there


def next_meeting(archive: Archive, mid: MeetingId) -> MeetingId:
    """The meeting after ``mid`` in the archive (maybe next year)."""
    later = [m for m in archive.meeting_ids() if (m.year, m.number) > (mid.year, mid.number)]
    if not later:
        raise InputError(
            _("there is no meeting after {label} in the archive").format(label=archive.numbers.label_of(mid)),
            fix=_("Create it with `ho21 new-meeting` first, or name the meeting with --to."),
        )
    return later[0]


def postpone_case(root: Path, meeting_ref: str, case_ref: str, *, to: str | None = None) -> Postponed:
    archive, source_mid = find_meeting(root, meeting_ref)
    target_mid = archive.resolve(to, archive.profile) if to else next_meeting(archive, source_mid)
    with contextlib.ExitStack() as locks:
        # the archive's lock first, as a renumbering takes it: the change is journaled in the archive
        locks.enter_context(folder_lock(archive.root))
        for mid in sorted({source_mid, target_mid}, key=lambda m: (m.year, m.number)):
            locks.enter_context(folder_lock(archive.meeting_dir(mid)))
        # One archive for both, so the year's series sees both changes before anything is written.
        source, target = context_of(archive, source_mid), context_of(archive, target_mid)
        _refuse_target(source, target)
        index = resolve_case_ref(source.meeting, case_ref, source.profile.numbers)
        case = source.meeting.cases[index]
        if case.standard or case.postponed:
            raise InputError(
                (
                    _("«{title}» was postponed already")
                    if case.postponed
                    else _("«{title}» is a standard case of every meeting")
                ).format(title=case.title),
                fix=_("Postpone a topical case."),
            )
        number_before = number_label(source, index)
        body, vedlegg = _files_of(source, case.id)
        moved = replace(
            case,
            id=unique_id(case.id, {c.id for c in target.meeting.cases}),
            body=None,
            vedlegg=[],
            postponed_from=source.mid.key,
            ettersendt=bool(target.meeting.sent),
        )
        where = _position_in(target)
        new_index = casebook.add_case(target.meeting, target.profile, moved, where)
        kept = bool(source.meeting.sent)
        if kept:
            case.postponed = True
        else:
            source.meeting.cases.pop(index)
        _save_both(source, target, moved, body, vedlegg)
        archive.read(target_mid)  # its first case follows the source's change
        return Postponed(source.label, number_before, target.label, number_label(target, new_index), case.title, kept)


def _refuse_target(source: MeetingContext, target: MeetingContext) -> None:
    if (target.mid.year, target.mid.number) <= (source.mid.year, source.mid.number):
        raise InputError(
            _("meeting {target} is not after meeting {source}").format(target=target.label, source=source.label),
            where="--to",
            fix=_("A case is postponed to a later meeting."),
        )


def _position_in(target: MeetingContext) -> casebook.Position:
    """Before the closing standard cases; last, as an ettersendt sak, when the innkalling was sent."""
    if target.meeting.sent:
        return casebook.Position(after=len(target.meeting.cases) - 1)
    return casebook.Position()


def _files_of(source: MeetingContext, case_id: str) -> tuple[NewBody | None, list[VedleggSpec]]:
    """The case's body (with its images) and vedlegg, read from the source meeting's folder."""
    case = next(c for c in source.meeting.cases if c.id == case_id)
    body = None
    if case.body:
        found = read_inside(source.folder, case.body)
        if found.data is None:
            raise InputError(f"{found.rel} {found.problem}", where=str(found.path), fix=found.fix)
        if is_word_body(case.body):  # carried as it is; its images are inside it
            return NewBody(found.data, Body(), {}, ".docx"), _vedlegg_of(source, case)
        text = decode_text(found.data)
        parsed = parse_body(text, where=str(found.path))
        base = PurePosixPath(case.body).parent
        images = {src: _read(source, str(base / src)) for src in image_sources(parsed)}
        body = NewBody(text.encode("utf-8"), parsed, images)
    return body, _vedlegg_of(source, case)


def _vedlegg_of(source: MeetingContext, case: Case) -> list[VedleggSpec]:
    return [VedleggSpec(source.folder / v.file, v.title, _read(source, v.file)) for v in case.vedlegg]


def _read(ctx: MeetingContext, rel: str) -> bytes:
    found = read_inside(ctx.folder, rel)
    if found.data is None:
        raise InputError(f"{found.rel} {found.problem}", where=str(found.path), fix=found.fix)
    return found.data


def _save_both(
    source: MeetingContext, target: MeetingContext, moved: Case, body: NewBody | None, vedlegg: list[VedleggSpec]
) -> None:
    """Copy the files into the target, then write both manifests, as one journaled change: a kill
    while the files are copied is rolled back by the next command, a kill after is finished by it."""
    from ho21cli.storage.manifest import render_manifest
    from ho21cli.storage.renumber import ManifestWrite, Renumbering, begin_copying, run_renumbering

    for ctx in (source, target):
        refuse_approved_change(ctx)  # before any file is copied
        refuse_series_conflict(ctx)  # both changes are in the archive's view already
    root = source.archive.root
    planned = Planned(target.folder, taken=files_in_use(target))
    attach(planned, replace(moved, vedlegg=[]), body, vedlegg)  # the names, nothing written
    begin_copying(root, [str(path.relative_to(root).as_posix()) for path in planned.created])
    staged = Staged(target.folder, taken=files_in_use(target))
    attach(staged, moved, body, vedlegg)
    writes = tuple(ManifestWrite(ctx.mid, render_manifest(ctx.meeting, ctx.manifest_text)) for ctx in (target, source))
    run_renumbering(root, Renumbering([], [], writes=writes))


class Planned(Staged):
    """Where ``attach`` would put the files, worked out without writing any."""

    def write(self, rel: str, data: bytes) -> None:
        self.created.append(self.folder / rel)
