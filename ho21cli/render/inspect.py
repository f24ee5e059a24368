"""Whether a file can go into the documents: opened as the build opens it.

Each function takes the bytes that were read and answers with a
``Refusal`` (what the file is, what to do) or None. `ho21 check`,
`add-case` and the build all ask here, so a file the check passes is a file
the build can use, and a message says what the file really is.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from ho21cli.i18n import N_, _

MAX_UNPACKED = 200 * 1024 * 1024  # a .docx that unpacks to more is refused (zip bomb)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc
STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
# A main part's content type, and what the file is when it is not a plain .docx (the refusal).
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "",
    "application/vnd.ms-word.document.macroEnabled.main+xml": N_(
        "is a macro-enabled Word document (.docm) renamed to .docx"
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": N_(
        "is a Word template (.dotx) renamed to .docx"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": N_(
        "is a macro-enabled Word template (.dotm) renamed to .docx"
    ),
}
# A reference in the text, the relationship the part it points into must have, and the refusal.
NOTE_PARTS = {
    b"<w:footnoteReference ": (
        b"relationships/footnotes",
        N_("is damaged: its text refers to footnotes it does not have"),
    ),
    b"<w:endnoteReference ": (
        b"relationships/endnotes",
        N_("is damaged: its text refers to endnotes it does not have"),
    ),
}
SAVE_AS_DOCX = N_("Open it in Word and save it as «Word Document (.docx)», or attach it as PDF.")
COPY_AGAIN = N_(
    "Copy or download the file again from where it came from; if Word can open it, save it again as «Word Document (.docx)»."
)
CUT_OFF = N_("is damaged: the end of the file is missing (cut off while it was copied or downloaded?)")
ZIP_SIGNATURE = b"PK\x03\x04"
PDF_END = b"%%EOF"
# What zipfile and zlib raise on a damaged package: a bad checksum, a part cut short, compressed
# data that does not unpack, a part that wants a password.
UNPACKING_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError, NotImplementedError)
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")


@dataclass(frozen=True)
class Refusal:
    what: str
    fix: str


def docx_refusal(data: bytes) -> Refusal | None:
    """None when python-docx (and so the build) can open the document and every XML part is sound."""
    if not data:
        return Refusal(_("is empty"), _("Save the document again from Word."))
    if data.startswith(OLE_SIGNATURE):
        if "EncryptionInfo".encode("utf-16-le") in data:
            return Refusal(
                _("is protected by a password"), _("Remove the password in Word (File → Info), or attach a PDF.")
            )
        return Refusal(_("is an old Word document (.doc) renamed to .docx"), _(SAVE_AS_DOCX))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if cut_off_zip(data):
            return Refusal(_(CUT_OFF), _(COPY_AGAIN))
        return Refusal(
            _("is not a Word (.docx) document"), _("Save it as .docx (Word: File → Save As → Word Document).")
        )
    except UNPACKING_ERRORS:
        return Refusal(_("is damaged: its list of contents cannot be read"), _(COPY_AGAIN))
    with zf:
        try:
            return _package_refusal(zf) or _open_refusal(data, zf)
        except UNPACKING_ERRORS:  # zipfile's and zlib's messages are English only
            return _unpacking_refusal(zf)


def cut_off_zip(data: bytes) -> bool:
    """Whether ``data`` begins as a zip package does (a first part with a name, and more after it)
    though zipfile found no end: the end, with the package's list of contents, is missing."""
    if not data.startswith(ZIP_SIGNATURE) or len(data) < 30:
        return False
    name_length, extra_length = struct.unpack("<HH", data[26:30])
    name = data[30 : 30 + name_length]
    return (
        0 < name_length == len(name)
        and name.isascii()
        and name.decode().isprintable()
        and len(data) > 30 + name_length + extra_length
    )


def _unpacking_refusal(zf: zipfile.ZipFile) -> Refusal:
    """A part of the package could not be unpacked: which one (looked for only now, on failure)."""
    for info in zf.infolist():
        try:
            with zf.open(info) as part:
                while part.read(1 << 20):
                    pass
        except UNPACKING_ERRORS:
            return Refusal(
                _("is damaged: its part {part} cannot be unpacked").format(part=info.filename), _(COPY_AGAIN)
            )
    # Every part unpacks: what failed was not the unpacking, and python-docx's words are its own.
    return Refusal(_("cannot be opened as a Word document"), _(SAVE_AS_DOCX))


def _package_refusal(zf: zipfile.ZipFile) -> Refusal | None:
    infos = zf.infolist()
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        return Refusal(
            _("unpacks to {size} MB, more than ho21 accepts").format(
                size=sum(i.file_size for i in infos) // (1024 * 1024)
            ),
            _("Reduce the images in it, or attach it as a PDF."),
        )
    names = {i.filename for i in infos}
    main = main_part_name(zf)
    if main is None or main not in names:
        return Refusal(_("is a zip file but not a Word document ho21 can read"), _(SAVE_AS_DOCX))
    types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    for content_type, what in MAIN_TYPES.items():
        if what and content_type.encode() in types:
            return Refusal(_(what), _(SAVE_AS_DOCX))
    document = zf.read(main)
    if STRICT_NS in document[:4000]:
        return Refusal(
            _("is saved as «Strict Open XML»"), _("Save it as «Word Document (.docx)», not Strict, or as PDF.")
        )
    bodies = len(re.findall(rb"<w:body[\s>/]", document))
    if bodies > 1:  # python-docx (and so the merge) would read the first and drop the rest
        return Refusal(
            _("is damaged: its text is in {bodies} separate bodies, where Word has one").format(bodies=bodies),
            _(SAVE_AS_DOCX),
        )
    folder, _sep, file = main.rpartition("/")
    rels_name = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
    rels = zf.read(rels_name) if rels_name in names else b""
    for reference, (relationship, refusal) in NOTE_PARTS.items():
        if reference in document and relationship not in rels:
            return Refusal(_(refusal), _(SAVE_AS_DOCX))
    return None


def _xml_refusal(zf: zipfile.ZipFile, opened: Any = None) -> Refusal | None:
    """The first XML part that is not well-formed, strictly.

    With ``opened`` (the document python-docx made of this file), what it has read is looked
    at there instead of being read from the zip again: a part it parsed is well-formed, and
    only looked through for entity references (kept by python-docx, lost by Word and the
    merge); a part it keeps as bytes is parsed from those bytes. The relationships and
    content types it parsed are read again only when they may hold an entity."""
    from docx.opc.part import XmlPart

    parts, parsed = _loaded(opened) if opened is not None else ({}, set())
    for info in zf.infolist():
        name = info.filename
        if not name.endswith((".xml", ".rels")):
            continue
        part = parts.get(name)
        if part is not None:
            problem = _entity_problem(part.element) if isinstance(part, XmlPart) else xml_problem(part.blob)
        else:
            data = zf.read(name)
            problem = "" if name in parsed and not OTHER_ENTITY.search(data) else xml_problem(data)
        if problem:
            return Refusal(_("is damaged: {part} {problem}").format(part=name, problem=problem), _(SAVE_AS_DOCX))
    return None


def _loaded(document: Any) -> tuple[dict[str, Any], set[str]]:
    """The parts python-docx loaded, by their names in the zip, and the names of the
    relationships and content types it parsed to find them."""
    parts = {}
    parsed = {"[Content_Types].xml", "_rels/.rels"}
    for part in document.part.package.iter_parts():
        parts[part.partname.membername] = part
        parsed.add(part.partname.rels_uri.membername)
    return parts, parsed


def _entity_problem(element: Any) -> str:
    """An entity reference kept in a parsed part: possible only after a DOCTYPE (any other
    reference is a parse error), so the tree is searched only when the part has one."""
    from lxml import etree

    if not element.getroottree().docinfo.doctype:
        return ""
    return _("uses an undefined XML entity") if next(element.iter(etree.Entity), None) is not None else ""


OFFICE_DOCUMENT = re.compile(
    rb'<Relationship\b[^>]*Type="http://schemas\.openxmlformats\.org/officeDocument/2006/relationships/officeDocument"[^>]*>'
)


def main_part_name(zf: zipfile.ZipFile) -> str | None:
    """Where the document's text is: the package's officeDocument relationship says (Word writes
    word/document.xml; other programs may not)."""
    try:
        rels = zf.read("_rels/.rels")
    except KeyError:
        return "word/document.xml" if "word/document.xml" in zf.namelist() else None
    match = OFFICE_DOCUMENT.search(rels)
    target = re.search(rb'Target="([^"]+)"', match.group(0)) if match else None
    if target is None:
        return None
    return target.group(1).decode("utf-8", "replace").lstrip("/")


def xml_problem(data: bytes) -> str:
    """Why ``data`` is not well-formed XML (strictly: no recovery, no entities), or ''.

    Documents from one office share most parts byte for byte (styles, theme, fonts), so each
    distinct part is parsed once per command."""
    import hashlib

    key = hashlib.sha1(data).digest()
    found = _XML_PROBLEMS.get(key)
    if found is None:
        if len(_XML_PROBLEMS) > 4096:
            _XML_PROBLEMS.clear()
        found = _XML_PROBLEMS[key] = _parse_problem(data)
    return found


_XML_PROBLEMS: dict[bytes, str] = {}


def _parse_problem(data: bytes) -> str:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return _xml_syntax_problem(exc)
    # An entity node can only come from a reference other than XML's own five and character
    # references; looking at every node of a large part costs more than the parse itself.
    if OTHER_ENTITY.search(data) and next(root.iter(etree.Entity), None) is not None:
        return _("uses an undefined XML entity")
    return ""


def _xml_syntax_problem(exc: Any) -> str:
    """Where the part stops being XML, in the run's language (libxml2's own words are English only)."""
    line, column = getattr(exc, "position", None) or (exc.lineno, 0)
    if "Entity" in str(exc.msg) and "not defined" in str(exc.msg):
        return _("uses an undefined XML entity")
    if not line:
        return _("is not well-formed XML")
    if not column:
        return _("is not well-formed XML (line {line})").format(line=line)
    return _("is not well-formed XML (line {line}, column {column})").format(line=line, column=column)


OTHER_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")


def _open_refusal(data: bytes, zf: zipfile.ZipFile) -> Refusal | None:
    """Open the document as the build will; then look at the XML parts python-docx did not parse
    (and, when it could not open the document, at every part, to say which one is damaged)."""
    try:
        document = open_docx(data)
    except Exception as exc:  # python-docx raises many kinds for broken packages, in English and about its insides
        return _xml_refusal(zf) or _unopened_refusal(exc)
    refusal = _xml_refusal(zf, document)
    if refusal is None:
        _OPENED[id(data)] = (data, document)
    return refusal


# Documents the check opened, handed to the build of the same command instead of
# opening them twice (the bytes are kept with them, so an id is never reused).
_OPENED: dict[int, tuple[bytes, Any]] = {}


def open_docx(data: bytes) -> Any:
    """The one way a .docx vedlegg is opened, for the check and the build."""
    import docx

    return docx.Document(io.BytesIO(data))


def take_docx(data: bytes) -> Any:
    """The document for ``data``: the one the check opened, else opened now. Each is taken once."""
    kept = _OPENED.pop(id(data), None)
    return kept[1] if kept is not None and kept[0] is data else open_docx(data)


MISSING_PART = re.compile(r"There is no item named '([^']+)' in the archive")


def _unopened_refusal(exc: Exception) -> Refusal:
    """python-docx could not open a package whose XML is sound: a part it needs is missing, or
    something it does not say in words a user can act on."""
    missing = MISSING_PART.search(str(exc)) if isinstance(exc, KeyError) else None
    if missing:
        return Refusal(
            _("cannot be opened as a Word document: the part {part} it refers to is missing").format(
                part=missing.group(1)
            ),
            _(SAVE_AS_DOCX),
        )
    return Refusal(_("cannot be opened as a Word document"), _(SAVE_AS_DOCX))


def pdf_refusal(data: bytes) -> Refusal | None:
    """None when every page can be read; a PDF that only restricts printing or copying is fine."""
    if not data.startswith(b"%PDF-"):
        return Refusal(_("is not a PDF file"), _("Export it again as PDF, or give the .docx."))
    try:
        reader = open_pdf(data)
        if reader is None:
            return Refusal(
                _("is protected by a password"), _("Save a copy without the password, or ask the sender for one.")
            )
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reading the page is the check
    except Exception:  # pypdf raises many kinds for damaged files, its messages English only
        if PDF_END not in data[-2048:]:
            return Refusal(_(CUT_OFF), _("Copy or download the file again, or export it again as PDF."))
        return Refusal(_("is damaged: its pages cannot be read"), _("Export it again as PDF, or give the .docx."))
    return None


def open_pdf(data: bytes) -> Any:
    """A reader for the PDF's pages, or None when it needs a password to open."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not the user's message
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return None
    return reader


def image_refusal(name: str, data: bytes) -> Refusal | None:
    if not name.lower().endswith(IMAGE_TYPES):
        return Refusal(_("is not PNG, JPEG or GIF"), _("Save the image as PNG or JPEG."))
    from docx.image.image import Image

    try:
        image = Image.from_blob(data)
        image.width, image.height  # noqa: B018 - the size Word is given, as the build computes it
    except ZeroDivisionError:
        return Refusal(_("has no resolution (0 dots per inch)"), _("Save the image again as PNG or JPEG."))
    except Exception as exc:  # python-docx raises its own types for unknown formats
        return Refusal(
            _("is not an image Word can show ({error})").format(error=type(exc).__name__),
            _("Save the image again as PNG or JPEG."),
        )
    return None


def vedlegg_refusal(name: str, data: bytes) -> Refusal | None:
    if re.search(r"\.pdf$", name, re.IGNORECASE):
        return pdf_refusal(data)
    if re.search(r"\.docx$", name, re.IGNORECASE):
        return docx_refusal(data)
    return Refusal(_("is not a .docx or .pdf file"), _("Save it as a Word document (.docx) or a PDF."))
