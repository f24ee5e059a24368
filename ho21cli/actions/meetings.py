"""Creating meetings and adding, moving and removing their cases."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.actions.context import MeetingContext, locked_meeting, open_meeting, previous_label
from ho21cli.core import casebook
from ho21cli.core.model import Case, CaseKind, Meeting, Vedlegg
from ho21cli.core.numbering import MeetingId, first_case_after, format_number, next_meeting_number, resolve_case_ref
from ho21cli.core.standard_cases import standard_cases
from ho21cli.core.text import closest, one_line, slugify, unique_id
from ho21cli.errors import ConflictError, InputError
from ho21cli.storage.archive import Archive
from ho21cli.storage.files import folder_lock, os_error
from ho21cli.storage.manifest import save_meeting
from ho21cli.storage.profile import write_builtin_profile

if TYPE_CHECKING:
    from ho21cli.core.body import Body
    from ho21cli.core.validation import Problem

VEDLEGG_TYPES = (".docx", ".pdf")


@dataclass(frozen=True)
class MeetingOptions:
    date: date
    start: str | None = None
    end: str | None = None
    place: str | None = None
    address: str | None = None
    number: int | None = None
    first_case: int | None = None


@dataclass(frozen=True)
class NewMeeting:
    folder: Path
    meeting: Meeting
    profile_created: bool


def new_meeting(root: Path, options: MeetingOptions) -> NewMeeting:
    archive = Archive(root)
    year = options.date.year
    existing = archive.meeting_ids()
    number = options.number or next_meeting_number(existing, year)
    mid = MeetingId(year, number)
    if mid in existing:
        raise ConflictError(
            f"meeting {number}/{year} already exists",
            where=str(archive.meeting_dir(mid)),
            fix="Give another --number, or edit the existing meeting.",
        )
    folder = archive.meeting_dir(mid)
    if folder.exists():
        raise ConflictError(
            f"the folder {folder.name} exists but has no manifest",
            where=str(folder),
            fix="Move or rename that folder, or give another --number.",
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, root, "creating the archive folder") from exc
    profile_created = not archive.profile_path.exists()
    if profile_created:  # only once nothing can stop the meeting from being made
        write_builtin_profile(root)
    profile = archive.profile
    first = options.first_case or first_case_after(_last_cases(archive, year), year, number)
    values = {
        "rådet": profile.name,
        "møte": f"{number}/{year}",
        "forrige_møte": previous_label(archive, profile, year, number) or "[forrige møte]",
    }
    opening, closing = standard_cases(profile, values)
    meeting = Meeting(
        year=year,
        number=number,
        date=options.date,
        first_case=first,
        start=options.start or profile.start,
        end=options.end or profile.end,
        place=options.place if options.place is not None else profile.place,
        address=options.address if options.address is not None else profile.address,
        cases=opening + closing,
    )
    try:
        folder.mkdir()
    except OSError as exc:
        raise os_error(exc, folder, "creating the meeting folder") from exc
    with folder_lock(folder):
        save_meeting(archive.manifest_path(mid), meeting)
    return NewMeeting(folder, meeting, profile_created)


def _last_cases(archive: Archive, year: int) -> dict[MeetingId, int]:
    return {mid: archive.load(mid).last_case for mid in archive.meeting_ids() if mid.year == year}


# -- cases ---------------------------------------------------------------


@dataclass(frozen=True)
class CaseOptions:
    title: str
    saksbehandlere: list[str] = field(default_factory=list)
    vedlegg: list[str] = field(default_factory=list)  # FILE or FILE=TITLE
    forslag: str | None = None
    kind: CaseKind = CaseKind.VEDTAK
    body: Path | None = None
    before: str | None = None
    after: str | None = None
    inhabil: list[str] = field(default_factory=list)
    ettersendes: bool = False
    renumber: bool = False  # allowed to renumber a meeting whose innkalling was sent


@dataclass(frozen=True)
class CaseResult:
    number: str
    title: str
    id: str
    note: str = ""


def refuse_if_sent(ctx: MeetingContext, doing: str, *, renumber: bool) -> None:
    """Numbers of a sent innkalling are public: change them only when told to."""
    if ctx.meeting.sent and not renumber:
        from ho21cli.core.dates import long_date

        raise ConflictError(
            f"the innkalling of meeting {ctx.meeting.number}/{ctx.meeting.year} was sent "
            f"{long_date(ctx.meeting.sent)}; {doing} would change published case numbers",
            where=str(ctx.manifest_path),
            fix="Give --renumber if the council must get new numbers (then send the innkalling again).",
        )


def _position(ctx: MeetingContext, before: str | None, after: str | None) -> casebook.Position:
    fmt = ctx.profile.numbering.saksliste
    return casebook.Position(
        before=resolve_case_ref(ctx.meeting, before, fmt) if before else None,
        after=resolve_case_ref(ctx.meeting, after, fmt) if after else None,
    )


def _label(ctx: MeetingContext, index: int) -> str:
    m = ctx.meeting
    return format_number(ctx.profile.numbering.saksliste, n=m.case_number(index), meeting=m.number, year=m.year)


def check_roster_names(ctx: MeetingContext, names: list[str], *, option: str) -> list[str]:
    """Members' names as the roster spells them; a stranger is refused with a suggestion."""
    roster = ctx.profile.roster
    members = [p.name for p in roster.members]
    out = []
    for name in names:
        person = roster.find(name)
        if person is None or person not in roster.members:
            guess = closest(name, members)
            raise InputError(
                f"«{name}» is not a member in the roster",
                where=f"{option}",
                fix=(f"Did you mean «{guess}»? " if guess else "")
                + "Members are listed in profil.toml under [[members]].",
            )
        out.append(person.name)
    return out


@dataclass(frozen=True)
class VedleggSpec:
    source: Path
    title: str


def parse_vedlegg_spec(spec: str) -> VedleggSpec:
    """``mandat.docx`` or ``mandat.docx=Mandat for utvalget``."""
    path, title = Path(spec), ""
    if not path.exists() and "=" in spec:
        file_part, title = spec.split("=", 1)
        path = Path(file_part.strip())
    path = path.expanduser()
    if not path.is_file():
        raise InputError("vedlegg file not found", where=str(path), fix="Check the path; nothing was changed.")
    if path.suffix.lower() not in VEDLEGG_TYPES:
        raise InputError(
            f"vedlegg must be .docx or .pdf, not «{path.suffix or 'no extension'}»",
            where=str(path),
            fix="Save it as a Word document (.docx) or a PDF.",
        )
    from ho21cli.render.docs import check_vedlegg_file  # no Word libraries imported: zipfile only

    check_vedlegg_file(path, what="it")
    return VedleggSpec(path, one_line(title) or _document_title(path) or _title_from_name(path))


def _document_title(path: Path) -> str:
    import zipfile
    from xml.etree import ElementTree

    if path.suffix.lower() != ".docx":
        return ""
    with contextlib.suppress(KeyError, zipfile.BadZipFile, ElementTree.ParseError), zipfile.ZipFile(path) as zf:
        root = ElementTree.fromstring(zf.read("docProps/core.xml"))
        title = root.find("{http://purl.org/dc/elements/1.1/}title")
        if title is not None and title.text and "{" not in title.text:
            return one_line(title.text)
    return ""


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[_\-]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]


@dataclass
class _Staged:
    """Files a command writes into the meeting folder, removed again if it fails."""

    folder: Path
    created: list[Path] = field(default_factory=list)
    replaced: dict[Path, bytes] = field(default_factory=dict)

    def write(self, rel: str, data: bytes, *, replace: bool = False) -> None:
        from ho21cli.storage.files import atomic_write_bytes

        path = self.folder / rel
        if path.exists():
            if not replace:
                raise ConflictError(
                    "a file with this name exists already", where=str(path), fix="Move it away and try again."
                )
            self.replaced[path] = path.read_bytes()
        else:
            self.created.append(path)
        atomic_write_bytes(path, data)

    def undo(self) -> None:
        from ho21cli.storage.files import atomic_write_bytes

        for path in self.created:
            path.unlink(missing_ok=True)
        for path, data in self.replaced.items():
            atomic_write_bytes(path, data)


@dataclass(frozen=True)
class NewBody:
    text: str
    images: dict[str, Path]  # as written in the body -> the file to copy


IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")


def _check_body(options_body: Path | None, forslag: str | None) -> NewBody | None:
    if options_body is None:
        return None
    from ho21cli.core.body import parse_body

    text = _read_new_body(options_body)
    body = parse_body(text, where=str(options_body))
    if forslag and body.forslag:
        raise InputError(
            "the body has a «## Forslag til vedtak» section and --forslag was given too",
            where=str(options_body),
            fix="Keep one of them.",
        )
    return NewBody(text, {src: _image_source(options_body, src) for src in images_in(body)})


def images_in(body: Body) -> list[str]:
    from ho21cli.core.body import Image

    blocks = list(body.intro) + [b for s in body.sections for b in s.blocks]
    return [b.src for b in blocks if isinstance(b, Image)]


def _image_source(body_file: Path, src: str) -> Path:
    """An image must be a file beside the body (or below it), so it can travel with the meeting."""
    rel = Path(src)
    if "://" in src or rel.is_absolute() or ".." in rel.parts:
        raise InputError(
            f"the image «{src}» is not a file next to the body",
            where=str(body_file),
            fix="Save the image in the body's folder (or a subfolder) and write its relative path.",
        )
    path = body_file.parent / rel
    if not path.is_file():
        raise InputError(f"the image «{src}» was not found", where=str(path), fix="Check the path in ![...](...).")
    if path.suffix.lower() not in IMAGE_TYPES:
        raise InputError(f"the image «{src}» is not PNG, JPEG or GIF", where=str(path))
    return path


def _attach(staged: _Staged, case: Case, body: NewBody | None, vedlegg: list[VedleggSpec]) -> None:
    if body is not None:
        case.body = case.body or f"saker/{case.id}.md"
        staged.write(case.body, body.text.encode("utf-8"), replace=True)
        for src, source in body.images.items():
            staged.write(str(Path(case.body).parent / src), source.read_bytes(), replace=True)
    taken = {v.file for v in case.vedlegg}
    for spec in vedlegg:
        n = len(case.vedlegg) + 1
        rel = unique_file(f"vedlegg/{case.id}-{n}", spec.source.suffix.lower(), taken | _existing(staged.folder))
        staged.write(rel, spec.source.read_bytes())
        case.vedlegg.append(Vedlegg(file=rel, title=spec.title))


def _existing(folder: Path) -> set[str]:
    vedlegg = folder / "vedlegg"
    return {f"vedlegg/{p.name}" for p in vedlegg.iterdir()} if vedlegg.is_dir() else set()


def unique_file(stem: str, suffix: str, taken: set[str]) -> str:
    candidate, n = f"{stem}{suffix}", 2
    while candidate in taken:
        candidate = f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def _saksbehandlere(ctx: MeetingContext, names: list[str]) -> list[str]:
    cleaned = [one_line(s) for s in names if one_line(s)]
    return cleaned or ([ctx.profile.default_saksbehandler] if ctx.profile.default_saksbehandler else [])


def add_case(root: Path, meeting_ref: str, options: CaseOptions) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        title = one_line(options.title)
        if not title:
            raise InputError("the case title is empty", where="--title")
        inhabil = check_roster_names(ctx, options.inhabil, option="--inhabil")
        vedlegg = [parse_vedlegg_spec(v) for v in options.vedlegg]
        new_body = _check_body(options.body, options.forslag)
        late = bool(ctx.meeting.sent) and not options.renumber
        if late and (options.before or options.after):
            refuse_if_sent(ctx, "placing a case among the others", renumber=False)
        where = _position(ctx, options.before, options.after)
        if late:  # an ettersendt sak takes the next number; nobody else moves
            where = casebook.Position(after=len(ctx.meeting.cases) - 1) if ctx.meeting.cases else casebook.Position()
        case = Case(
            id=unique_id(slugify(title), {c.id for c in ctx.meeting.cases}),
            title=title,
            kind=options.kind,
            saksbehandlere=_saksbehandlere(ctx, options.saksbehandlere),
            forslag=options.forslag.strip() if options.forslag and options.forslag.strip() else None,
            inhabil=inhabil,
            ettersendes=options.ettersendes,
            ettersendt=late,
        )
        index = casebook.add_case(ctx.meeting, ctx.profile, case, where)
        staged = _Staged(ctx.folder)
        try:
            _attach(staged, case, new_body, vedlegg)
            save_meeting(ctx.manifest_path, ctx.meeting)
        except BaseException:
            staged.undo()  # leave the meeting folder as it was
            raise
        note = "added after the innkalling was sent: ettersendt sak, no other case renumbered" if late else ""
        return CaseResult(_label(ctx, index), title, case.id, note)


@dataclass(frozen=True)
class CaseEdit:
    """Only what is given changes; lists given replace the old ones (vedlegg are added)."""

    title: str | None = None
    saksbehandlere: list[str] | None = None
    add_vedlegg: list[str] = field(default_factory=list)
    clear_vedlegg: bool = False
    forslag: str | None = None
    kind: CaseKind | None = None
    body: Path | None = None
    inhabil: list[str] | None = None
    ettersendes: bool | None = None


def edit_case(root: Path, meeting_ref: str, case_ref: str, edit: CaseEdit) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        index = resolve_case_ref(ctx.meeting, case_ref, ctx.profile.numbering.saksliste)
        case = ctx.meeting.cases[index]
        if edit.title is not None:
            if not one_line(edit.title):
                raise InputError("the case title is empty", where="--title")
            case.title = one_line(edit.title)
        if edit.saksbehandlere is not None:
            case.saksbehandlere = _saksbehandlere(ctx, edit.saksbehandlere)
        if edit.inhabil is not None:
            case.inhabil = check_roster_names(ctx, edit.inhabil, option="--inhabil")
        if edit.forslag is not None:
            case.forslag = edit.forslag.strip() or None
        if edit.kind is not None:
            case.kind = edit.kind
        if edit.ettersendes is not None:
            case.ettersendes = edit.ettersendes
        if edit.clear_vedlegg:
            case.vedlegg = []
        vedlegg = [parse_vedlegg_spec(v) for v in edit.add_vedlegg]
        new_body = _check_body(edit.body, edit.forslag)
        staged = _Staged(ctx.folder)
        try:
            _attach(staged, case, new_body, vedlegg)
            save_meeting(ctx.manifest_path, ctx.meeting)
        except BaseException:
            staged.undo()
            raise
        return CaseResult(_label(ctx, index), case.title, case.id)


def _read_new_body(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("body file not found", where=str(path), fix="Check the path; nothing was changed.") from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", where=str(path), fix="Save the body as UTF-8 Markdown (.md).") from None
    except OSError as exc:
        raise os_error(exc, path, "reading") from exc
    from ho21cli.core.body import parse_body

    parse_body(text, where=str(path))  # refuse a malformed body before anything is written
    return text


def move_case(
    root: Path, meeting_ref: str, case_ref: str, *, before: str | None, after: str | None, renumber: bool = False
) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        refuse_if_sent(ctx, "moving a case", renumber=renumber)
        index = resolve_case_ref(ctx.meeting, case_ref, ctx.profile.numbering.saksliste)
        new_index = casebook.move_case(ctx.meeting, index, _position(ctx, before, after))
        save_meeting(ctx.manifest_path, ctx.meeting)
        case = ctx.meeting.cases[new_index]
        return CaseResult(_label(ctx, new_index), case.title, case.id)


def remove_case(root: Path, meeting_ref: str, case_ref: str, *, renumber: bool = False) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        refuse_if_sent(ctx, "removing a case", renumber=renumber)
        index = resolve_case_ref(ctx.meeting, case_ref, ctx.profile.numbering.saksliste)
        label = _label(ctx, index)
        case = casebook.remove_case(ctx.meeting, index)
        save_meeting(ctx.manifest_path, ctx.meeting)
        return CaseResult(label, case.title, case.id)


def send(root: Path, meeting_ref: str, *, on: date, today: date | None = None) -> tuple[MeetingContext, list[Problem]]:
    """Record that the innkalling went out; refused while `ho21 check` finds errors."""
    from ho21cli.actions.check import problems_of
    from ho21cli.core.validation import has_errors

    with locked_meeting(root, meeting_ref) as ctx:
        problems = problems_of(ctx, today=today or on)
        if has_errors(problems):
            return ctx, problems
        ctx.meeting.sent = on
        save_meeting(ctx.manifest_path, ctx.meeting)
    return ctx, problems


def list_cases(root: Path, meeting_ref: str) -> tuple[MeetingContext, list[CaseResult]]:
    ctx = open_meeting(root, meeting_ref)
    return ctx, [CaseResult(_label(ctx, i), c.title, c.id) for i, c in enumerate(ctx.meeting.cases)]
