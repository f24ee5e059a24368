"""The archive: a folder with the council profile and one folder per meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId, Numbering
from ho21cli.core.series import SeriesEntry, first_cases
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.storage.manifest import MANIFEST_NAME, read_meeting
from ho21cli.storage.profile import PROFILE_NAME, load_profile

JOURNAL = ".ho21-omnummerering.toml"  # see storage/renumber.py
_FOLDER = re.compile(r"^(\d{4})-(\d{1,2})$")
BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
_REF = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")


@dataclass(frozen=True)
class Archive:
    root: Path
    cache: dict[MeetingId, tuple[Meeting, str]] = field(default_factory=dict, compare=False, repr=False)
    listing: list[MeetingId] = field(default_factory=list, compare=False, repr=False)

    @property
    def profile_path(self) -> Path:
        return self.root / PROFILE_NAME

    @cached_property
    def profile(self) -> Profile:
        if not self.profile_path.exists():
            raise InputError(
                _("no council profile ({file}) in {folder}").format(file=PROFILE_NAME, folder=self.root),
                fix=_("Run the command in your archive folder, give --root DIR, or start one with `ho21 new-meeting`."),
            )
        return load_profile(self.profile_path)

    @property
    def numbers(self) -> Numbering:
        """The council's number forms; the standard ones before a profile exists."""
        return self.profile.numbers if self.profile_path.exists() else Numbering()

    def meeting_dir(self, mid: MeetingId) -> Path:
        return self.root / mid.key

    def manifest_path(self, mid: MeetingId) -> Path:
        return self.meeting_dir(mid) / MANIFEST_NAME

    def meeting_ids(self) -> list[MeetingId]:
        """Every meeting in the archive, in date order of their numbers."""
        if self.listing:
            return list(self.listing)
        if not self.root.is_dir():
            return []
        found = []
        for child in self.root.iterdir():
            m = _FOLDER.match(child.name)
            if m and (child / MANIFEST_NAME).is_file():
                found.append(MeetingId(int(m.group(1)), int(m.group(2))))
        self.listing[:] = sorted(found, key=lambda x: (x.year, x.number))
        return list(self.listing)

    def load(self, mid: MeetingId) -> Meeting:
        return self.read(mid)[0]

    def read(self, mid: MeetingId) -> tuple[Meeting, str]:
        """The meeting, numbered in the year's series, and its manifest's text."""
        meeting, text = self._parsed(mid)
        firsts = first_cases(self.series(mid.year))
        meeting.first_case = firsts[mid]
        if not self._fixes_its_numbers(mid, meeting):
            meeting.fixed_first = None  # a first_case written by hand here is not the series': dropped
        return meeting, text

    def series(self, year: int) -> list[SeriesEntry]:
        """The year's meetings as the series sees them (core/series.py)."""
        return [
            SeriesEntry(m, len(meeting.cases), meeting.fixed_first if self._fixes_its_numbers(m, meeting) else None)
            for m in self.meeting_ids()
            if m.year == year
            for meeting in [self._parsed(m)[0]]
        ]

    def _fixes_its_numbers(self, mid: MeetingId, meeting: Meeting) -> bool:
        """A sent meeting keeps its numbers; the archive's first meeting of a year may start mid-series."""
        first_of_year = next(m for m in self.meeting_ids() if m.year == mid.year) == mid
        return meeting.sent is not None or first_of_year

    def forget(self) -> None:
        """Read the manifests again (after another command's change)."""
        self.cache.clear()
        self.listing.clear()

    def _parsed(self, mid: MeetingId) -> tuple[Meeting, str]:
        if mid in self.cache:
            return self.cache[mid]
        path = self.manifest_path(mid)
        if not path.is_file():
            raise InputError(_("meeting {meeting} has no manifest").format(meeting=mid.key), where=str(path))
        meeting, text = read_meeting(path)
        if (meeting.year, meeting.number) != (mid.year, mid.number):
            raise InputError(
                _("the manifest says year {year}, number {number}, but its folder is {folder}").format(
                    year=meeting.year, number=meeting.number, folder=mid.key
                ),
                where=str(path),
                fix=_("Make the folder name and [meeting] year/number agree."),
            )
        self.cache[mid] = (meeting, text)
        return meeting, text

    def resolve(self, ref: str, profile: Profile | None = None) -> MeetingId:
        """``2026-1``, ``1/2026`` or the council's own label (``1-26``) -> an existing meeting;
        also the meeting's folder as a shell completes or a person types it (``2026-1/``,
        ``./2026-1``, ``/path/arkiv/2026-1``, ``2026-1\\``), if it is in this archive."""
        mid = parse_meeting_ref(ref, profile) or self._meeting_folder(ref, profile)
        if mid is None:
            raise InputError(
                _("«{ref}» is not a meeting").format(ref=ref),
                fix=_("Name a meeting as YEAR-NUMBER, e.g. 2026-1 (or 1/2026)."),
            )
        if mid not in self.meeting_ids():
            known = ", ".join(x.key for x in self.meeting_ids())
            label = (profile.numbers if profile else Numbering()).label_of(mid)
            raise InputError(
                _("there is no meeting {label} in {folder}").format(label=label, folder=self.root),
                fix=_("Meetings in this archive: {meetings}. Create one with `ho21 new-meeting`.").format(
                    meetings=known
                )
                if known
                else _("Meetings in this archive: none yet. Create one with `ho21 new-meeting`."),
            )
        return mid

    def _meeting_folder(self, ref: str, profile: Profile | None) -> MeetingId | None:
        """The meeting whose folder ``ref`` is a path to; a folder in another archive is refused."""
        trimmed = ref.rstrip("/\\")
        if trimmed != ref and (mid := parse_meeting_ref(trimmed, profile)):
            return mid  # "2026-1/": tab completion's slash
        if "/" not in trimmed and "\\" not in trimmed:
            return None
        folder = Path(trimmed.replace("\\", "/")).expanduser()
        m = _FOLDER.match(folder.name)
        if m is None:
            return None
        mid = MeetingId(int(m.group(1)), int(m.group(2)))
        if folder.absolute().resolve().parent != self.root.absolute().resolve():
            raise InputError(
                _("«{ref}» is a meeting folder outside the archive {folder}").format(ref=ref, folder=self.root),
                fix=_("Name the meeting as {key}, or give --root for the archive the folder is in.").format(
                    key=mid.key
                ),
            )
        return mid


def parse_meeting_ref(ref: str, profile: Profile | None) -> MeetingId | None:
    """``2026-1``, ``1/2026`` or the council's own label as a meeting id, whether or not it exists."""
    m = _REF.match(ref)
    if m:
        year, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return MeetingId(int(year), int(number))
    return profile.numbers.parse_meeting(ref) if profile else None


def referat_file(meeting: Meeting) -> str:
    """The referat's file name inside its meeting folder."""
    return f"referat-{meeting.key}.docx"


def bundled_template_dir() -> Path:
    """The templates shipped with ho21 (inside the package when installed)."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    return packaged if packaged.is_dir() else BUNDLED_TEMPLATES


def archive_root(start: Path) -> Path:
    """The archive ``start`` lies in, as git finds its repository: the nearest folder, from
    ``start`` upward, that holds a council profile; ``start`` itself when none does (an archive
    not yet made starts there)."""
    start = start.expanduser().absolute()
    for folder in (start, *start.parents):
        if (folder / PROFILE_NAME).is_file():
            return folder
    return start


def enclosing_archive(folder: Path) -> Path | None:
    """The archive above ``folder`` when ``folder`` is not an archive itself but lies inside one."""
    folder = folder.expanduser().absolute()
    if (folder / PROFILE_NAME).is_file():
        return None
    found = archive_root(folder)
    return None if found == folder else found


PARKED = ".ho21-omnummerering-"  # a meeting folder set aside while meetings are renumbered (storage/renumber.py)


def finish_interrupted(root: Path) -> None:
    """A renumbering a crash interrupted is finished before anything is read (it costs one look
    for the journal when there is none): no command sees the archive half renumbered. A folder
    parked by a renumbering whose journal is gone (deleted by hand) is said, with the safe fix."""
    if (root / JOURNAL).is_file():
        from ho21cli.storage.files import folder_lock
        from ho21cli.storage.renumber import complete_renumbering

        with folder_lock(root):
            complete_renumbering(root)
        return
    parked = sorted(root.glob(f"{PARKED}*")) if root.is_dir() else []
    if parked:
        name = parked[0].name.removeprefix(PARKED)
        raise InputError(
            _(
                "{folder} is a meeting folder set aside by a renumbering that was interrupted, and its journal is gone"
            ).format(folder=parked[0]),
            fix=_(
                "Look in its meeting.toml for [meeting] year and number, and rename the folder to that "
                "year-number (it was {name}) if no folder has that name; then run the command again."
            ).format(name=name),
        )


def open_archive(root: Path) -> Archive:
    """The archive at ``root``, a renumbering a crash interrupted finished first."""
    finish_interrupted(root)
    return Archive(root)


def find_meeting(root: Path, ref: str) -> tuple[Archive, MeetingId]:
    """The archive at ``root`` and the meeting ``ref`` names in it (its profile read first)."""
    archive = open_archive(root)
    return archive, archive.resolve(ref, archive.profile)
