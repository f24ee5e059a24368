"""Taking files into a meeting: vedlegg, a case body and its images.

Each file is read once, refused here (before anything is written) when the
build could not use it, and copied into the meeting folder under a name that
is free: ho21 never writes over a file in ``saker/`` or ``vedlegg/`` that it
did not just create.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ho21cli.core.body import Body, image_sources, parse_body
from ho21cli.core.model import Case, Vedlegg
from ho21cli.core.text import one_line
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_bytes, os_error
from ho21cli.storage.reading import decode_text

VEDLEGG_TYPES = (".docx", ".pdf")


@dataclass(frozen=True)
class VedleggSpec:
    source: Path
    title: str
    data: bytes


def read_given_file(path: Path, *, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            _("{what} not found").format(what=what), where=str(path), fix=_("Check the path; nothing was changed.")
        ) from None
    except IsADirectoryError:
        raise InputError(
            _("is a folder, not a file"), where=str(path), fix=_("Give the path of the file itself.")
        ) from None
    except OSError as exc:
        raise os_error(exc, path, _("reading")) from exc


def parse_vedlegg_spec(spec: str) -> VedleggSpec:
    """``mandat.docx`` or ``mandat.docx=Mandat for utvalget``, read and checked as the build would."""
    from ho21cli.render.inspect import vedlegg_refusal

    path, title = Path(spec), ""
    if not path.exists() and "=" in spec:
        file_part, title = spec.split("=", 1)
        path = Path(file_part.strip())
    path = path.expanduser()
    if path.suffix.lower() not in VEDLEGG_TYPES:
        raise InputError(
            _("vedlegg must be .docx or .pdf, not «{suffix}»").format(suffix=path.suffix or _("no extension")),
            where=str(path),
            fix=_("Save it as a Word document (.docx) or a PDF."),
        )
    data = read_given_file(path, what=_("vedlegg file"))
    refusal = vedlegg_refusal(path.name, data)
    if refusal is not None:
        raise InputError(refusal.what, where=str(path), fix=refusal.fix)
    return VedleggSpec(path, one_line(title) or _document_title(data) or _title_from_name(path), data)


def _document_title(data: bytes) -> str:
    import io
    import zipfile
    from xml.etree import ElementTree

    with (
        contextlib.suppress(KeyError, zipfile.BadZipFile, ElementTree.ParseError),
        zipfile.ZipFile(io.BytesIO(data)) as zf,
    ):
        root = ElementTree.fromstring(zf.read("docProps/core.xml"))
        title = root.find("{http://purl.org/dc/elements/1.1/}title")
        if title is not None and title.text and "{" not in title.text:
            return one_line(title.text)
    return ""


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[_\-]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class NewBody:
    data: bytes  # the file as it is kept in the meeting
    body: Body
    images: dict[str, bytes]  # as written in the body -> the image
    suffix: str = ".md"


def read_new_body(path: Path, *, forslag_given: bool) -> NewBody:
    """A body (Markdown with its images, or Word), refused before anything is written if the build could not use it."""
    if path.suffix.lower() == ".docx":
        return _read_word_body(path, forslag_given=forslag_given)
    if path.suffix.lower() in WORD_TYPES:
        raise InputError(
            _("a body must be Markdown (.md) or a Word document (.docx), not «{suffix}»").format(suffix=path.suffix),
            where=str(path),
            fix=_("Save it in Word as «Word Document (.docx)»."),
        )
    return _read_markdown_body(path, forslag_given=forslag_given)


WORD_TYPES = (".doc", ".docm", ".dotx", ".dotm", ".odt", ".rtf", ".pdf")
FORSLAG_TWICE = _("the body has a «Forslag til vedtak» section and --forslag was given too")


def _read_word_body(path: Path, *, forslag_given: bool) -> NewBody:
    from ho21cli.render.inspect import docx_refusal
    from ho21cli.render.word_body import read_word_body

    data = read_given_file(path, what=_("body file"))
    refusal = docx_refusal(data)
    if refusal is not None:
        raise InputError(refusal.what, where=str(path), fix=refusal.fix)
    body = read_word_body(data)
    if forslag_given and body.forslag:
        raise InputError(FORSLAG_TWICE, where=str(path), fix=_("Keep one of them."))
    return NewBody(data, body, {}, ".docx")


def _read_markdown_body(path: Path, *, forslag_given: bool) -> NewBody:
    from ho21cli.render.inspect import image_refusal

    try:
        text = decode_text(read_given_file(path, what=_("body file")))
    except UnicodeDecodeError:
        raise InputError(
            _("is not UTF-8 text"), where=str(path), fix=_("Save the body as UTF-8 Markdown (.md).")
        ) from None
    body = parse_body(text, where=str(path))
    if forslag_given and body.forslag:
        raise InputError(FORSLAG_TWICE, where=str(path), fix=_("Keep one of them."))
    images = {}
    for src in image_sources(body):
        image = _image_path(path, src)
        data = read_given_file(image, what=_("the image «{src}»").format(src=src))
        refusal = image_refusal(image.name, data)
        if refusal is not None:
            raise InputError(
                _("the image «{src}» {problem}").format(src=src, problem=refusal.what),
                where=str(image),
                fix=refusal.fix,
            )
        images[src] = data
    return NewBody(text.encode("utf-8"), body, images)


def _image_path(body_file: Path, src: str) -> Path:
    """An image must be a file beside the body (or below it), so it can travel with the meeting."""
    rel = PurePosixPath(src)
    if "://" in src or rel.is_absolute() or ".." in rel.parts or Path(src).is_absolute():
        raise InputError(
            _("the image «{src}» is not a file next to the body").format(src=src),
            where=str(body_file),
            fix=_("Save the image in the body's folder (or a subfolder) and write its relative path."),
        )
    return body_file.parent / rel


@dataclass
class Staged:
    """Files a command writes into the meeting folder, all new, removed again if it fails."""

    folder: Path
    taken: set[str] = field(default_factory=set)  # names the manifest uses (a file may be missing)
    created: list[Path] = field(default_factory=list)

    def free(self, rel: str) -> str:
        """``rel``, or ``rel`` with -2, -3 ... before the suffix: a name nothing uses yet."""
        path = PurePosixPath(rel)
        candidate, n = rel, 2
        while candidate in self.taken or (self.folder / candidate).exists() or self.folder / candidate in self.created:
            candidate = str(path.with_name(f"{path.stem}-{n}{path.suffix}"))
            n += 1
        return candidate

    def write(self, rel: str, data: bytes) -> None:
        path = self.folder / rel
        if path.exists():  # free() was asked; this is a race with another program
            raise InputError(_("a file with this name appeared meanwhile"), where=str(path), fix=_("Try again."))
        self.created.append(path)
        atomic_write_bytes(path, data)

    def undo(self) -> None:
        for path in reversed(self.created):
            with contextlib.suppress(OSError):
                path.unlink()
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # a folder made for a body's images, if now empty


def attach(staged: Staged, case: Case, body: NewBody | None, vedlegg: list[VedleggSpec]) -> None:
    """Copy the body (with its images) and the vedlegg into the meeting and point the case at them.

    A body with images gets a folder of its own, so two cases' «bilde.png»
    never meet; an earlier body of the case stays where it is.
    """
    if body is not None:
        if body.images:
            folder = staged.free(f"saker/{case.id}")
            case.body = f"{folder}/{case.id}.md"
        else:
            case.body = staged.free(f"saker/{case.id}{body.suffix}")
        staged.write(case.body, body.data)
        for src, data in body.images.items():
            staged.write(str(PurePosixPath(case.body).parent / src), data)
    for spec in vedlegg:
        rel = staged.free(f"vedlegg/{case.id}-{len(case.vedlegg) + 1}{spec.source.suffix.lower()}")
        staged.write(rel, spec.data)
        case.vedlegg.append(Vedlegg(file=rel, title=spec.title))
