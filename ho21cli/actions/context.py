"""Loading a meeting with everything the documents need."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId, format_meeting, previous_meeting
from ho21cli.errors import InputError
from ho21cli.storage.archive import Archive
from ho21cli.storage.files import folder_lock, os_error

if TYPE_CHECKING:
    from ho21cli.core.body import Body


@dataclass
class MeetingContext:
    archive: Archive
    mid: MeetingId
    meeting: Meeting
    profile: Profile

    @property
    def folder(self) -> Path:
        return self.archive.meeting_dir(self.mid)

    @property
    def manifest_path(self) -> Path:
        return self.archive.manifest_path(self.mid)


def open_meeting(root: Path, ref: str) -> MeetingContext:
    archive = Archive(root)
    profile = archive.profile
    mid = archive.resolve(ref)
    return MeetingContext(archive, mid, archive.load(mid), profile)


@contextlib.contextmanager
def locked_meeting(root: Path, ref: str) -> Iterator[MeetingContext]:
    """The meeting, read once under its lock: no other ho21 can change it meanwhile."""
    archive = Archive(root)
    profile = archive.profile
    mid = archive.resolve(ref)
    with folder_lock(archive.meeting_dir(mid)):
        yield MeetingContext(archive, mid, archive.load(mid), profile)


def previous_label(archive: Archive, profile: Profile, year: int, number: int) -> str | None:
    """The meeting before this one: from the archive, else the number before it that year."""
    prev = previous_meeting(archive.meeting_ids(), year, number)
    if prev is None:
        if number == 1:
            return None  # last year's last meeting is not in the archive: unknown
        return format_meeting(profile.numbering.meeting, number=number - 1, year=year)
    return format_meeting(profile.numbering.meeting, number=prev.number, year=prev.year)


def previous_meeting_of(ctx: MeetingContext) -> Meeting | None:
    prev = previous_meeting(ctx.archive.meeting_ids(), ctx.meeting.year, ctx.meeting.number)
    return ctx.archive.load(prev) if prev else None


def referat_file(meeting: Meeting) -> str:
    """The referat's file name inside its meeting folder."""
    return f"referat-{meeting.key}.docx"


def placeholder_values(ctx: MeetingContext) -> dict[str, str]:
    from ho21cli.core.documents import meeting_label
    from ho21cli.core.referat import referat_background

    prev = previous_label(ctx.archive, ctx.profile, ctx.meeting.year, ctx.meeting.number) or "[forrige møte]"
    prev_meeting = previous_meeting_of(ctx)
    return {
        "rådet": ctx.profile.name,
        "møte": meeting_label(ctx.meeting, ctx.profile),
        "forrige_møte": prev,
        "referat_bakgrunn": referat_background(prev, prev_meeting.referat_sent if prev_meeting else None),
        "antall_eventuelt": "[Antall]",
    }


def read_body_text(folder: Path, relative: str) -> str:
    path = folder / relative
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            "the case body file is missing",
            where=str(path),
            fix="Restore the file, or give a new one with `ho21 set-body`.",
        ) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", where=str(path), fix="Save the body as UTF-8 Markdown (.md).") from None
    except OSError as exc:
        raise os_error(exc, path, "reading") from exc


def load_bodies(ctx: MeetingContext) -> dict[str, Body]:
    """Every case body, parsed; any error names the file before anything is written."""
    from ho21cli.core.documents import body_of

    values = placeholder_values(ctx)
    bodies = {}
    for case in ctx.meeting.cases:
        text = read_body_text(ctx.folder, case.body) if case.body else None
        where = str(ctx.folder / case.body) if case.body else f"profil.toml: standard case «{case.standard}»"
        bodies[case.id] = body_of(case, text, ctx.profile, values, where=where)
    return bodies
