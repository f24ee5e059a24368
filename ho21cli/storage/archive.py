"""The archive: a folder with the council profile and one folder per meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId
from ho21cli.errors import InputError
from ho21cli.storage.manifest import MANIFEST_NAME, load_meeting
from ho21cli.storage.profile import PROFILE_NAME, load_profile

_FOLDER = re.compile(r"^(\d{4})-(\d{1,2})$")
_REF = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")


@dataclass(frozen=True)
class Archive:
    root: Path

    @property
    def profile_path(self) -> Path:
        return self.root / PROFILE_NAME

    @cached_property
    def profile(self) -> Profile:
        if not self.profile_path.exists():
            raise InputError(
                f"no council profile ({PROFILE_NAME}) in {self.root}",
                fix="Run the command in your archive folder, give --root DIR, or start one with `ho21 new-meeting`.",
            )
        return load_profile(self.profile_path)

    def meeting_dir(self, mid: MeetingId) -> Path:
        return self.root / mid.key

    def manifest_path(self, mid: MeetingId) -> Path:
        return self.meeting_dir(mid) / MANIFEST_NAME

    def meeting_ids(self) -> list[MeetingId]:
        """Every meeting in the archive, in date order of their numbers."""
        if not self.root.is_dir():
            return []
        found = []
        for child in self.root.iterdir():
            m = _FOLDER.match(child.name)
            if m and (child / MANIFEST_NAME).is_file():
                found.append(MeetingId(int(m.group(1)), int(m.group(2))))
        return sorted(found, key=lambda x: (x.year, x.number))

    def load(self, mid: MeetingId) -> Meeting:
        path = self.manifest_path(mid)
        if not path.is_file():
            raise InputError(f"meeting {mid.number}/{mid.year} has no manifest", where=str(path))
        meeting = load_meeting(path)
        if (meeting.year, meeting.number) != (mid.year, mid.number):
            raise InputError(
                f"the manifest says meeting {meeting.number}/{meeting.year}, but its folder is {mid.key}",
                where=str(path),
                fix="Make the folder name and [meeting] year/number agree.",
            )
        return meeting

    def resolve(self, ref: str) -> MeetingId:
        """``2026-1`` or ``1/2026`` -> an existing meeting."""
        m = _REF.match(ref)
        if not m:
            raise InputError(f"«{ref}» is not a meeting", fix="Name a meeting as YEAR-NUMBER, e.g. 2026-1 (or 1/2026).")
        year, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        mid = MeetingId(int(year), int(number))
        if mid not in self.meeting_ids():
            known = ", ".join(x.key for x in self.meeting_ids()) or "none yet"
            raise InputError(
                f"there is no meeting {mid.number}/{mid.year} in {self.root}",
                fix=f"Meetings in this archive: {known}. Create one with `ho21 new-meeting`.",
            )
        return mid
