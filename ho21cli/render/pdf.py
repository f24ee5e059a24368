"""PDF through LibreOffice: one start per build, tagged for screen readers (PDF/UA),
with the outline cut down to cases and vedlegg, and PDF vedlegg put in place.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ho21cli.errors import EnvironmentProblem
from ho21cli.i18n import _

TAGGED_PDF = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)


# PDF/A-2 (ISO 19005-2) and tagged: what Arkivverket and Uu-tilsynet accept for publishing.
PDFA_TAGGED_PDF = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"SelectPdfVersion":{"type":"long","value":"2"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)


def soffice() -> str:
    from ho21cli.system import find_soffice, install_hint

    found = find_soffice()
    if not found:
        raise EnvironmentProblem(
            _("LibreOffice (soffice) is needed for --pdf and was not found"), fix=_(install_hint())
        )
    return found


def convert(docs: list[Path], out_dir: Path, *, timeout: float = 300, pdfa: bool = False) -> list[Path]:
    """Convert every document in one LibreOffice start; check that each PDF was made.

    ``pdfa``: PDF/A-2 as well as tagged, for what is published or archived."""
    pdfs, missing = _soffice_convert(docs, out_dir, timeout=timeout, pdfa=pdfa)
    if missing:  # soffice exits 0 even when it fails
        raise EnvironmentProblem(
            _("LibreOffice made no PDF for {files}").format(files=", ".join(missing)),
            fix=_("Open the .docx in Word or LibreOffice to see whether it is damaged."),
        )
    return pdfs


def _soffice_convert(
    docs: list[Path], out_dir: Path, *, timeout: float, pdfa: bool = False
) -> tuple[list[Path], list[str]]:
    """The PDFs, and the names of those LibreOffice did not make."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ho21-lo-") as profile:
        command = [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDFA_TAGGED_PDF if pdfa else TAGGED_PDF,
            "--outdir",
            str(out_dir),
            *map(str, docs),
        ]
        try:
            subprocess.run(command, check=False, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise EnvironmentProblem(
                _("LibreOffice did not finish within {seconds} s").format(seconds=f"{timeout:.0f}")
            ) from None
    pdfs = [out_dir / f"{d.stem}.pdf" for d in docs]
    return pdfs, [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]


def check_text(pdf: Path, expected: Iterable[str]) -> None:
    """LibreOffice may turn a broken file into a PDF of garbage: look for what must be there."""
    check_first_page(read_made_pdf(pdf.read_bytes()), expected, where=pdf)


def check_first_page(reader: Any, expected: Iterable[str], *, where: Path) -> None:
    # The first page says what the document is (its title, the meeting); extracting text is slow.
    text = " ".join(page.extract_text() or "" for page in reader.pages[:1])
    words = " ".join(text.split())  # a title may wrap where the fonts at hand are wider than Word's
    for snippet in expected:
        if " ".join(snippet.split()) not in words:
            raise EnvironmentProblem(
                _("the PDF does not contain «{text}»: the conversion went wrong").format(text=snippet), where=str(where)
            )


def read_made_pdf(data: bytes) -> Any:
    """A reader for a PDF LibreOffice has just made, read once for every check and change.

    Read strictly first: pypdf's lenient reading looks at the header of every object the
    cross-reference table names, which at 500 pages costs more than the rest of the finishing.
    A file strict reading refuses is read leniently, as before."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return PdfReader(io.BytesIO(data), strict=True)
    except (PdfReadError, ValueError, KeyError):
        import logging

        logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not the user's message
        return PdfReader(io.BytesIO(data), strict=False)


@dataclass(frozen=True)
class PdfVedlegg:
    """A PDF vedlegg and the bookmark of its cover page in the innkalling."""

    name: str  # for messages
    data: bytes
    bookmark: str  # "Vedlegg 2: Brev fra HOD"
    case_bookmark: str  # "Sak 6/1/2026 Helsereformutvalget"


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int
    children: tuple[Bookmark, ...] = ()


def read_outline(reader: Any) -> list[Bookmark]:
    """The PDF's bookmarks with their pages (0-based)."""
    direct = _outline_as_written(reader)
    return direct if direct is not None else _outline_by_pypdf(reader)


def _outline_as_written(reader: Any) -> list[Bookmark] | None:
    """The outline read from its objects, as LibreOffice writes it (explicit destinations);
    None for anything else. pypdf's own reading resolves far more than the page of each item:
    a second per 700 pages."""
    from pypdf.generic import ArrayObject, IndirectObject

    root = reader.trailer["/Root"]
    outlines = root.get("/Outlines")
    if outlines is None or "/First" not in outlines:
        return []
    pages = _page_numbers(root["/Pages"])
    seen: set[int] = set()

    def items(ref: Any) -> list[Bookmark] | None:
        out = []
        while ref is not None:
            if not isinstance(ref, IndirectObject) or ref.idnum in seen:
                return None
            seen.add(ref.idnum)
            item: Any = ref.get_object()
            dest = item.get("/Dest")
            if dest is None and "/A" in item and item["/A"].get("/S") == "/GoTo":
                dest = item["/A"].get("/D")
            if not isinstance(dest, ArrayObject) or not dest or not isinstance(dest[0], IndirectObject):
                return None
            page = pages.get(dest[0].idnum)
            if page is None:
                return None
            children: list[Bookmark] | None = []
            if "/First" in item:
                children = items(item.raw_get("/First"))
                if children is None:
                    return None
            out.append(Bookmark(str(item.get("/Title", "")), page, tuple(children or ())))
            ref = item.raw_get("/Next") if "/Next" in item else None
        return out

    return items(outlines.raw_get("/First"))


def _page_numbers(pages: Any) -> dict[int, int]:
    """Page object number -> page index, from the page tree, without building pypdf's pages."""
    numbers: dict[int, int] = {}
    stack = [iter(pages.get("/Kids", []))]
    while stack:
        kid = next(stack[-1], None)
        if kid is None:
            stack.pop()
            continue
        node = kid.get_object()
        if node.get("/Type") == "/Pages":
            stack.append(iter(node.get("/Kids", [])))
        elif hasattr(kid, "idnum"):
            numbers[kid.idnum] = len(numbers)
    return numbers


def _outline_by_pypdf(reader: Any) -> list[Bookmark]:
    def walk(items: list[Any]) -> list[Bookmark]:
        out: list[Bookmark] = []
        for item in items:
            if isinstance(item, list):
                if out:
                    last = out.pop()
                    out.append(Bookmark(last.title, last.page, tuple(walk(item))))
                continue
            out.append(Bookmark(str(item.title), reader.get_destination_page_number(item)))
        return out

    return walk(reader.outline)


def cases_and_vedlegg(outline: list[Bookmark]) -> list[Bookmark]:
    """Keep the cases (and the saksliste) with their vedlegg, and each vedlegg's own headings
    under it; drop the saksfremlegg's section headings."""
    return [Bookmark(b.title, b.page, tuple(c for c in b.children if c.title.startswith("Vedlegg "))) for b in outline]


def write_outline(
    writer: Any, outline: tuple[Bookmark, ...] | list[Bookmark], shift: dict[int, int] | None = None, parent: Any = None
) -> None:
    shift = shift or {}
    for b in outline:
        item = writer.add_outline_item(title=b.title, page_number=shift.get(b.page, b.page), parent=parent)
        write_outline(writer, b.children, shift, item)


def finish_innkalling(pdf: Path) -> None:
    """Give the tagged PDF only the case and vedlegg bookmarks (with each vedlegg's own under it)."""
    from ho21cli.storage.files import atomic_write_bytes

    data = pdf.read_bytes()
    atomic_write_bytes(pdf, finished_innkalling(read_made_pdf(data), data))


def finished_innkalling(reader: Any, data: bytes) -> bytes:
    """``data`` (read by ``reader``) with only the case and vedlegg bookmarks.

    Written as an incremental update: the new outline and catalog are appended to the file
    LibreOffice made, which stays byte for byte in front of them (tags and all), so the time
    goes with the outline, not with the pages. A file whose cross-references are a stream
    (LibreOffice writes tables) is rewritten whole instead.
    """
    from pypdf import PdfWriter

    outline = cases_and_vedlegg(read_outline(reader))
    update = outline_update(reader, data, outline)
    if update is not None:
        return data + update
    writer = PdfWriter(clone_from=reader)
    del writer._root_object["/Outlines"]
    write_outline(writer, outline)
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def outline_update(reader: Any, data: bytes, outline: list[Bookmark]) -> bytes | None:
    """An incremental update that replaces the outline, or None when the file's cross-reference
    section is not a classic table (then an update must be a stream too)."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        NullObject,
        NumberObject,
        TextStringObject,
    )

    start = data.rfind(b"startxref")
    try:
        previous = int(data[start + 9 :].split()[0])
    except (IndexError, ValueError):
        return None
    if start < 0 or data[previous : previous + 4] != b"xref":
        return None
    trailer = reader.trailer
    root_ref = trailer.raw_get("/Root")
    if not isinstance(root_ref, IndirectObject):
        return None
    page_refs = [page.indirect_reference for page in reader.pages]
    first = int(trailer["/Size"])
    objects: dict[int, Any] = {}

    def add(items: tuple[Bookmark, ...] | list[Bookmark], parent: int) -> tuple[int, int, int]:
        """Number the items under ``parent``, all open; (first, last, how many are shown below)."""
        numbers = [first + len(objects) + i for i in range(len(items))]
        for number in numbers:
            objects[number] = None  # reserved
        total = len(items)
        for i, (item, number) in enumerate(zip(items, numbers, strict=True)):
            entry = DictionaryObject()
            entry[NameObject("/Title")] = TextStringObject(item.title)
            entry[NameObject("/Parent")] = IndirectObject(parent, 0, reader)
            page = page_refs[min(item.page, len(page_refs) - 1)]
            entry[NameObject("/Dest")] = ArrayObject(
                [page, NameObject("/XYZ"), NullObject(), NullObject(), NullObject()]
            )
            if i:
                entry[NameObject("/Prev")] = IndirectObject(numbers[i - 1], 0, reader)
            if i + 1 < len(numbers):
                entry[NameObject("/Next")] = IndirectObject(numbers[i + 1], 0, reader)
            if item.children:
                child_first, child_last, shown = add(item.children, number)
                entry[NameObject("/First")] = IndirectObject(child_first, 0, reader)
                entry[NameObject("/Last")] = IndirectObject(child_last, 0, reader)
                entry[NameObject("/Count")] = NumberObject(shown)
                total += shown
            objects[number] = entry
        return numbers[0], numbers[-1], total

    root_number = first
    objects[root_number] = None
    outlines = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
    if outline:
        top_first, top_last, count = add(outline, root_number)
        outlines[NameObject("/First")] = IndirectObject(top_first, 0, reader)
        outlines[NameObject("/Last")] = IndirectObject(top_last, 0, reader)
        outlines[NameObject("/Count")] = NumberObject(count)
    objects[root_number] = outlines
    catalog = DictionaryObject(reader.trailer["/Root"])
    catalog[NameObject("/Outlines")] = IndirectObject(root_number, 0, reader)
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    objects[root_ref.idnum] = catalog
    return _incremental(data, objects, trailer, previous, size=first + len(objects) - 1)


def _incremental(data: bytes, objects: dict[int, Any], trailer: Any, previous: int, *, size: int) -> bytes:
    """``objects`` (number -> value) written after ``data`` with their xref section and trailer."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    out = io.BytesIO()
    out.write(b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(data) + out.tell()
        out.write(b"%d 0 obj\n" % number)
        objects[number].write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = len(data) + out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")  # the free-list head, as in every xref section Acrobat writes
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] + 1 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        out.write(b"%d %d\n" % (run[0], len(run)))
        for number in run:
            out.write(b"%010d 00000 n \n" % offsets[number])
    new_trailer = DictionaryObject()
    for key in ("/Root", "/Info", "/ID"):
        if key in trailer:
            new_trailer[NameObject(key)] = trailer.raw_get(key)
    new_trailer[NameObject("/Size")] = NumberObject(max(size, *numbers) + 1)
    new_trailer[NameObject("/Prev")] = NumberObject(previous)
    out.write(b"trailer\n")
    new_trailer.write_to_stream(out)
    out.write(b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def make_packet(innkalling_pdf: Path, vedlegg: list[PdfVedlegg], out: Path) -> None:
    """The complete sakspapirer: the innkalling with each PDF vedlegg after its cover page.

    Appending other PDFs drops the structure tree, so this packet is not tagged;
    the tagged innkalling stays beside it.
    """
    from pypdf import PdfReader, PdfWriter

    from ho21cli.render.inspect import open_pdf

    reader = PdfReader(str(innkalling_pdf))
    outline = read_outline(reader)
    after: dict[int, list[PdfVedlegg]] = {}
    for v in vedlegg:
        case = next((b for b in outline if b.title == v.case_bookmark), None)
        cover = next((c for c in case.children if c.title == v.bookmark), None) if case else None
        if cover is None:
            raise EnvironmentProblem(
                _("could not find the cover page of «{bookmark}» in the PDF").format(bookmark=v.bookmark),
                where=str(innkalling_pdf),
            )
        after.setdefault(cover.page, []).append(v)
    writer = PdfWriter()
    shift: dict[int, int] = {}
    for index, page in enumerate(reader.pages):
        shift[index] = len(writer.pages)
        writer.add_page(page)
        for v in after.get(index, []):
            reader_of_vedlegg = open_pdf(v.data)
            if reader_of_vedlegg is None:
                raise EnvironmentProblem(_("the PDF vedlegg needs a password"), where=v.name)
            for extra in reader_of_vedlegg.pages:
                writer.add_page(extra)
    write_outline(writer, cases_and_vedlegg(outline), shift)
    writer.add_metadata({k: str(val) for k, val in (reader.metadata or {}).items()})
    writer.page_mode = "/UseOutlines"
    _save(writer, out)


def _save(writer: Any, path: Path) -> None:
    import io

    from ho21cli.storage.files import atomic_write_bytes

    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write_bytes(path, buffer.getvalue())


@dataclass(frozen=True)
class PdfSuspect:
    """A Word document merged into a job's .docx: if LibreOffice fails on the whole, which one is it?"""

    what: str  # "vedlegg 2 of Sak 6/1/2026 («Brev fra HOD»)"
    where: str  # its file, for the message
    docx: bytes


@dataclass(frozen=True)
class PdfJob:
    """One PDF made from one .docx output."""

    rel: str  # the PDF's name in the output folder
    docx: bytes
    expect: tuple[str, ...]  # text that must be in it (LibreOffice may make a PDF of garbage)
    outline: bool = False  # keep only the case and vedlegg bookmarks
    packet: str | None = None  # also the sakspapirer with the PDF vedlegg in place, under this name
    packet_vedlegg: tuple[PdfVedlegg, ...] = ()
    suspects: tuple[PdfSuspect, ...] = ()  # the Word documents merged into it


def make_pdfs(jobs: list[PdfJob], *, pdfa: bool = False) -> dict[str, bytes]:
    """Every job's PDF (and packet), with one LibreOffice start for all of them (``pdfa``: PDF/A-2)."""
    if not jobs:
        return {}
    with tempfile.TemporaryDirectory(prefix="ho21-pdf-") as tmp:
        work = Path(tmp)
        (work / "src").mkdir()
        sources = []
        for i, job in enumerate(jobs):
            source = work / "src" / f"{i}-{Path(job.rel).stem}.docx"
            source.write_bytes(job.docx)
            sources.append(source)
        try:
            made = convert(sources, work / "pdf", pdfa=pdfa)
            out: dict[str, bytes] = {}
            for i, (job, pdf) in enumerate(zip(jobs, made, strict=True)):
                out.update(_finish(job, pdf, work / f"packet-{i}.pdf"))
        except EnvironmentProblem as failed:
            raise _culprit(jobs, work / "suspects") or failed from None
        return out


def _culprit(jobs: list[PdfJob], work: Path) -> Exception | None:
    """When LibreOffice fails on a whole document, the merged Word document it fails on alone
    (converted in one more LibreOffice start), named, or None when none fails alone."""
    from ho21cli.errors import InputError

    suspects = [s for job in jobs for s in job.suspects]
    if not suspects:
        return None
    (work / "src").mkdir(parents=True)
    sources = []
    for i, suspect in enumerate(suspects):
        sources.append(work / "src" / f"{i}.docx")
        sources[-1].write_bytes(suspect.docx)
    _made, missing = _soffice_convert(sources, work / "pdf", timeout=300)
    failing = [s for s, source in zip(suspects, sources, strict=True) if f"{source.stem}.pdf" in missing]
    if not failing:
        return None
    first = failing[0]
    what = (
        _("LibreOffice cannot convert {what} to PDF, so the PDF could not be made (and {n} more: {others})").format(
            what=first.what, n=len(failing) - 1, others=", ".join(s.what for s in failing[1:])
        )
        if failing[1:]
        else _("LibreOffice cannot convert {what} to PDF, so the PDF could not be made").format(what=first.what)
    )
    return InputError(
        what,
        where=first.where,
        fix=_("Open it in Word and save it again as .docx, or attach it as PDF. The .docx files were not changed."),
    )


def _finish(job: PdfJob, made: Path, packet_path: Path) -> dict[str, bytes]:
    data = made.read_bytes()
    reader = read_made_pdf(data)
    check_first_page(reader, job.expect, where=made)
    if job.outline:
        data = finished_innkalling(reader, data)
    out = {job.rel: data}
    if job.packet:
        if job.outline:
            made.write_bytes(data)  # the packet is made from the finished innkalling
        make_packet(made, list(job.packet_vedlegg), packet_path)
        out[job.packet] = packet_path.read_bytes()
    return out
