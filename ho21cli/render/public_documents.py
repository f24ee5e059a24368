"""The documents `ho21 publish` puts on the web: a .docx vedlegg made ready for its own PDF, and
the text a reader of a published document sees, to make sure an exempt case's title is not in it.

A .docx's text is read from its XML parts (body, headers, footers, notes) without laying it
out; a PDF's with pypdf. Both only need to be good enough to find a title.
"""

from __future__ import annotations

import io
import re
import zipfile

LANGUAGE = "nb-NO"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def accessible_vedlegg(data: bytes, title: str, *, document_title: str) -> bytes:
    """The vedlegg as its own PDF needs it: a document title and the council's language (a PDF/UA
    reader announces both; text marked in another language keeps it), and the alt text and header
    rows the innkalling gives a merged vedlegg."""
    from ho21cli.render.docs import make_accessible, set_default_language
    from ho21cli.render.inspect import open_docx

    document = open_docx(data)
    make_accessible(document, title)
    document.core_properties.title = document_title
    document.core_properties.language = LANGUAGE
    set_default_language(document, LANGUAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_text(data: bytes) -> str:
    """Each paragraph's text on a line of its own (a title split over runs is joined again)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    lines: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in sorted(n for n in zf.namelist() if _TEXT_PARTS.match(n)):
                root = etree.fromstring(zf.read(name), parser)
                for p in root.iter(f"{W}p"):
                    lines.append("".join(_run_text(node) for node in p.iter(f"{W}t", f"{W}tab", f"{W}br")))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError):
        return ""  # `ho21 check` has refused a document that cannot be read before this is asked
    return "\n".join(lines)


def _run_text(node: object) -> str:
    tag = getattr(node, "tag", "")
    if tag == f"{W}t":
        return str(getattr(node, "text", "") or "")
    return " "  # a tab or a line break between two words


def pdf_text(data: bytes) -> str:
    """Every page's text; '' for a PDF that cannot be read (the check refused those already)."""
    from ho21cli.render.inspect import open_pdf

    try:
        reader = open_pdf(data)
        if reader is None:
            return ""
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # pypdf raises many kinds for damaged files
        return ""
