"""Everything one command knows about a meeting, read from disk once.

``ho21cli.storage.reading`` fills this value under the meeting's lock; check,
send, build-innkalling and draft-referat all work from it and never go back
to the disk. So what `ho21 check` looked at is exactly what the build uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Day
from pathlib import Path

from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId


@dataclass(frozen=True)
class FileInput:
    """One file a meeting uses, as read: its bytes, or why it cannot be used."""

    rel: str  # as the manifest or the body names it
    path: Path  # where it was looked for (for messages)
    data: bytes | None = None
    problem: str = ""  # "was not found", "lies outside the meeting folder", ...
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problem


@dataclass(frozen=True)
class OtherMeeting:
    """Another meeting of the archive, as far as this one needs it."""

    mid: MeetingId
    date: Day
    first_case: int
    last_case: int
    sent: Day | None
    start: str | None = None

    @property
    def when(self) -> tuple[Day, str]:
        """As ``Meeting.when``: the day, then the start."""
        return (self.date, self.start or "")


@dataclass(frozen=True)
class BuildStamp:
    """What the last build of a meeting into its build folder was made from (the build record)."""

    fingerprint: str  # innkalling_fingerprint() of the inputs it was built from
    draft: bool  # built with --draft: every page says UTKAST
    innkalling: str  # the innkalling's file name in the build folder
    at: str = ""  # when, ISO 8601 (for messages)


@dataclass(frozen=True)
class EditedOutput:
    """A file in the build folder changed after ho21 wrote it."""

    rel: str
    data: bytes


@dataclass
class MeetingInputs:
    root: Path  # the archive
    mid: MeetingId
    folder: Path  # the meeting folder
    profile: Profile
    meeting: Meeting
    manifest_path: Path
    manifest_text: str  # as read, so a rewrite keeps its comments
    others: list[OtherMeeting] = field(default_factory=list)  # every other meeting, in number order
    archive_meetings: list[MeetingId] = field(default_factory=list)  # every meeting in the archive, this one too
    previous: Meeting | None = None  # the meeting before (maybe last year)
    previous_referat: FileInput | None = None  # becomes Vedlegg 1 of "Godkjenning av referat"
    referat: FileInput | None = None  # this meeting's referat, once drafted: the person's document
    referat_as_drafted: bool = False  # the referat is still exactly as `draft-referat` wrote it
    bodies: dict[str, FileInput] = field(default_factory=dict)  # case id -> its Markdown file
    vedlegg: dict[str, list[FileInput]] = field(default_factory=dict)  # case id -> files, in order
    images: dict[str, dict[str, FileInput]] = field(default_factory=dict)  # case id -> src -> file
    templates: dict[str, FileInput] = field(default_factory=dict)  # kind -> template
    edited_outputs: list[EditedOutput] = field(default_factory=list)
    build_stamp: BuildStamp | None = None  # the last build into build/, if the record says
    built_innkalling: bool = False  # the innkalling that build wrote is still in build/

    @property
    def label(self) -> str:
        """``1/2026``, in the council's form."""
        return self.profile.numbers.label_of(self.mid)

    def same_year(self) -> list[OtherMeeting]:
        return [o for o in self.others if o.mid.year == self.mid.year]


def innkalling_fingerprint(inputs: MeetingInputs) -> str:
    """One digest of everything the innkalling is made from: the meeting as its documents show
    it (cases, numbers, titles, texts, vedlegg, dates), every file read for it, the profile and
    the previous meeting's facts. Records that no document shows (attendance, referat, the day it
    was sent, vedtak) are left out, so recording them does not make a build out of date."""
    import hashlib
    from dataclasses import replace

    from ho21cli.core.model import Attendance, Roster

    meeting = inputs.meeting
    shown = replace(
        meeting,
        attendance=Attendance(),
        referat_sent=None,
        referat_approved=None,
        sent=None,
        fixed_first=None,
        cases=[replace(c, vedtak=None, followup=None) for c in meeting.cases],
    )
    previous = inputs.previous
    parts = [
        repr(shown),
        repr(replace(inputs.profile, roster=Roster())),
        repr((previous.key, previous.referat_sent) if previous is not None else None),
    ]
    files: list[tuple[str, FileInput | None]] = [("previous-referat", inputs.previous_referat)]
    files += [(f"body:{case_id}", found) for case_id, found in sorted(inputs.bodies.items())]
    files += [(f"vedlegg:{cid}:{i}", f) for cid, found in sorted(inputs.vedlegg.items()) for i, f in enumerate(found)]
    files += [
        (f"image:{cid}:{src}", f) for cid, found in sorted(inputs.images.items()) for src, f in sorted(found.items())
    ]
    files += [(f"template:{kind}", found) for kind, found in sorted(inputs.templates.items())]
    for name, found in files:
        data = found.data if found is not None else None
        parts.append(f"{name}={hashlib.sha256(data).hexdigest() if data is not None else '-'}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
