"""Small operations on python-docx documents shared by the renderers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ho21cli.errors import InputError

MAX_UNPACKED = 200 * 1024 * 1024  # a vedlegg that unpacks to more is refused (zip bomb)


def set_core_properties(doc: Any, *, title: str, subject: str = "") -> None:
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.language = "nb-NO"
    props.author = "ho21"


def check_docx(path: Path, *, what: str) -> bytes:
    """Read a .docx a person gave us, refusing what Word would not open."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            "file not found", where=str(path), fix=f"Put the file back, or remove {what} from the manifest."
        ) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", where=str(path)) from None
    if not data:
        raise InputError("is empty", where=str(path), fix="Save the document again from Word.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            unpacked = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise InputError(
            "is not a Word (.docx) document",
            where=str(path),
            fix="Save it as .docx (Word: File → Save As → Word Document).",
        ) from None
    if "word/document.xml" not in names:
        raise InputError(
            "is a zip file but not a Word document", where=str(path), fix="Save it from Word as .docx, or as PDF."
        )
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"unpacks to {unpacked // (1024 * 1024)} MB, more than ho21 accepts",
            where=str(path),
            fix="Reduce the images in it, or attach it as a PDF.",
        )
    return data


def check_vedlegg_file(path: Path, *, what: str) -> None:
    """A vedlegg must be a readable Word document or a PDF."""
    if path.suffix.lower() == ".docx":
        check_docx(path, what=what)
    elif not path.is_file():
        raise InputError("vedlegg file not found", where=str(path), fix=f"Put the file back, or remove {what}.")
    elif path.read_bytes()[:5] != b"%PDF-":
        raise InputError("is not a PDF file", where=str(path), fix="Export it again as PDF, or give the .docx.")


def open_vedlegg(path: Path, case_label: str) -> Any:
    import docx

    data = check_docx(path, what=f"the vedlegg of {case_label}")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(f"Word cannot open it: {exc}", where=str(path)) from None


def demote_headings(doc: Any, levels: int = 2) -> None:
    """Put a vedlegg's own headings under its «Vedlegg N» heading (H1 -> H3)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    from ho21cli.render.compose import style_names

    id_of = {name: style_id for style_id, name in style_names(doc.styles.element) if name}
    name_of = {style_id: name for name, style_id in id_of.items()}
    for p_style in doc.element.body.iter(qn("w:pStyle")):
        name = name_of.get(p_style.get(qn("w:val")), "")
        if not name.startswith("Heading ") or not name[8:].isdigit():
            continue
        target = f"Heading {min(int(name[8:]) + levels, 9)}"
        if target not in id_of:
            id_of[target] = doc.styles.add_style(target, WD_STYLE_TYPE.PARAGRAPH).style_id
        p_style.set(qn("w:val"), id_of[target])


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def make_accessible(doc: Any, title: str) -> None:
    """What a merged vedlegg lacks for screen readers: alt text, table header rows."""
    for doc_pr in doc.element.body.iter(f"{{{WP_NS}}}docPr"):
        if not (doc_pr.get("descr") or "").strip():
            doc_pr.set("descr", f"Bilde i vedlegget «{title}»")
    for table in doc.tables:
        if len(table.rows) > 1 and _looks_like_header(table.rows[0]):
            _mark_header(table.rows[0])


def _looks_like_header(row: Any) -> bool:
    runs = [r for cell in row.cells for p in cell.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _mark_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)
