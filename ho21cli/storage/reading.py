"""Reading a meeting's inputs from disk, once, under the meeting's lock.

What is read here is all a command gets: the manifest, the profile, the
other meetings of the year and the one before, every body, vedlegg and image
as bytes, the templates, the previous referat (Vedlegg 1 of "Godkjenning av
referat") and the build folder's hand-edited outputs. A file that cannot be
used is kept as a ``FileInput`` with its problem, so `ho21 check` can report
it and the build can refuse it, for the same reason.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ho21cli.core.body import image_sources, parse_body
from ho21cli.core.inputs import EditedOutput, FileInput, MeetingInputs, OtherMeeting
from ho21cli.core.model import Case, Meeting
from ho21cli.core.numbering import MeetingId, previous_meeting
from ho21cli.errors import InputError
from ho21cli.i18n import N_, _
from ho21cli.storage.archive import Archive, bundled_template_dir, find_meeting, referat_file
from ho21cli.storage.build_record import BuildRecord, digest
from ho21cli.storage.files import error_code, folder_lock

IMAGE_FIX = N_("Save the image in the body's folder (or a subfolder) and write its relative path.")
TEMPLATE_KINDS = ("innkalling", "saksfremlegg", "referat")
REFERAT_CASE = "referat"  # the standard case "Godkjenning av referat"


def decode_text(data: bytes) -> str:
    """Text as a person saved it: UTF-8 with or without Notepad's BOM, æøå composed (NFC)."""
    return unicodedata.normalize("NFC", data.decode("utf-8-sig"))


def read_inside(folder: Path, rel: str) -> FileInput:
    """A file the manifest names, which must lie inside ``folder`` (links that lead out are refused)."""
    path = folder / rel
    pure = PurePosixPath(rel.replace("\\", "/"))
    if not rel.strip() or pure.is_absolute() or ".." in pure.parts or Path(rel).is_absolute():
        return FileInput(
            rel,
            path,
            problem=_("lies outside the meeting folder"),
            fix=_("ho21 reads only files inside the meeting folder; give the file again so ho21 copies it in."),
        )
    try:
        resolved = path.resolve()
        inside = resolved.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        return FileInput(
            rel,
            path,
            problem=_("is a link to a file outside the meeting folder"),
            fix=_("Replace the link with a copy of the file itself."),
        )
    return read_file(path, rel)


def read_file(path: Path, rel: str) -> FileInput:
    if path.is_dir():
        return FileInput(rel, path, problem=_("is a folder, not a file"), fix=_("Give the path of the file itself."))
    if path.exists() and not path.is_file():
        return FileInput(rel, path, problem=_("is not a regular file"), fix=_("Give an ordinary file."))
    try:
        return FileInput(rel, path, data=path.read_bytes())
    except FileNotFoundError:
        return FileInput(rel, path, problem=_("was not found"), fix=_("Put the file back, or remove it from the case."))
    except OSError as exc:
        return FileInput(
            rel,
            path,
            problem=_("cannot be read ({error})").format(error=error_code(exc)),
            fix=_("Check its permissions."),
        )


@contextlib.contextmanager
def locked_inputs(root: Path, ref: str) -> Iterator[MeetingInputs]:
    """The meeting's inputs, read once; the lock is held while the command works with them."""
    archive, mid = find_meeting(root, ref)
    with folder_lock(archive.meeting_dir(mid)):
        yield read_inputs(archive, mid)


def read_inputs(archive: Archive, mid: MeetingId) -> MeetingInputs:
    profile = archive.profile
    meeting, text = archive.read(mid)
    folder = archive.meeting_dir(mid)
    inputs = MeetingInputs(
        root=archive.root,
        mid=mid,
        folder=folder,
        profile=profile,
        meeting=meeting,
        manifest_path=archive.manifest_path(mid),
        manifest_text=text,
    )
    inputs.others = _others(archive, mid)
    inputs.archive_meetings = archive.meeting_ids()
    prev = previous_meeting(archive.meeting_ids(), mid.year, mid.number)
    inputs.previous = archive.load(prev) if prev else None
    inputs.previous_referat = _previous_referat(archive, inputs.previous)
    own_referat = folder / referat_file(meeting)
    inputs.referat = read_file(own_referat, own_referat.name) if own_referat.exists() else None
    inputs.referat_as_drafted = _as_written(folder, inputs.referat)
    for case in meeting.cases:
        if case.body:
            inputs.bodies[case.id] = _read_body(folder, case.body)
            _read_images(inputs, case)
        inputs.vedlegg[case.id] = [read_inside(folder, v.file) for v in case.vedlegg]
    inputs.templates = {kind: _template(archive, kind) for kind in TEMPLATE_KINDS}
    build = BuildRecord.load(folder / "build")
    inputs.edited_outputs = _edited_outputs(build)
    inputs.build_stamp = build.builds.get(mid.key)
    inputs.built_innkalling = (
        inputs.build_stamp is not None and (build.folder / inputs.build_stamp.innkalling).is_file()
    )
    return inputs


def _read_images(inputs: MeetingInputs, case: Case) -> None:
    """The images a case's body shows, beside its body file. A body that cannot be
    parsed shows none; the check reports why it cannot be parsed."""
    found = inputs.bodies[case.id]
    if found.data is None or case.body is None or is_word_body(case.body):
        return  # a Word body carries its images inside
    try:
        sources = image_sources(parse_body(found.data.decode("utf-8"), where=found.rel))
    except InputError:
        return
    base = PurePosixPath(case.body).parent
    inputs.images[case.id] = {src: _read_image(inputs.folder, base, src) for src in sources}


def _read_image(folder: Path, base: PurePosixPath, src: str) -> FileInput:
    if "://" in src or src.startswith(("/", "\\")):
        return FileInput(src, folder / src, problem=_("is not a file beside the body"), fix=_(IMAGE_FIX))
    return read_inside(folder, str(base / src))


def is_word_body(rel: str) -> bool:
    return rel.lower().endswith(".docx")


def _read_body(folder: Path, rel: str) -> FileInput:
    found = read_inside(folder, rel)
    if found.data is None or is_word_body(rel):
        return found
    try:
        text = decode_text(found.data)
    except UnicodeDecodeError:
        return FileInput(
            rel, found.path, problem=_("is not UTF-8 text"), fix=_("Save the body as UTF-8 Markdown (.md).")
        )
    return FileInput(rel, found.path, data=text.encode("utf-8"))


def _others(archive: Archive, mid: MeetingId) -> list[OtherMeeting]:
    """The other meetings of the year, and the one before this meeting (for dates and the series)."""
    ids = archive.meeting_ids()
    prev = previous_meeting(ids, mid.year, mid.number)
    out = []
    for other in ids:
        if other != mid and (other.year == mid.year or other == prev):
            m = archive.load(other)
            out.append(OtherMeeting(other, m.date, m.first_case, m.last_case, m.sent, m.start))
    return out


def _previous_referat(archive: Archive, previous: Meeting | None) -> FileInput | None:
    if previous is None:
        return None
    pmid = MeetingId(previous.year, previous.number)
    path = archive.meeting_dir(pmid) / referat_file(previous)
    if not path.exists():
        return None
    return read_file(path, f"../{pmid.key}/{path.name}")


def _as_written(folder: Path, found: FileInput | None) -> bool:
    """The file is still what ho21 wrote there (its build record says so): nobody has worked on it."""
    if found is None or found.data is None:
        return False
    entry = BuildRecord.load(folder).entries.get(found.rel)
    return entry is not None and digest(found.data) == entry.sha256


def _template(archive: Archive, kind: str) -> FileInput:
    override = archive.profile.templates.get(kind)
    if override:
        return read_file((archive.root / override).resolve(), override)
    return read_file(bundled_template_dir() / f"{kind}.docx", f"{kind}.docx")


def _edited_outputs(record: BuildRecord) -> list[EditedOutput]:
    out = []
    for rel in record.files:
        if record.edited_by_hand(rel):
            with contextlib.suppress(OSError):
                out.append(EditedOutput(rel, (record.folder / rel).read_bytes()))
    return out
