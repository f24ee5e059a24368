"""Cutting one saksfremlegg out of the rendered innkalling as its own .docx.

Every case is rendered once, inside the innkalling. Its own file shares every
part with the innkalling (styles, numbering, header, theme) but the body, so
it is written straight into a new zip: the case's slice of the body, and
only the hyperlinks and images that slice uses.
"""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CORE = "docProps/core.xml"
PER_CASE_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
)
_REF = re.compile(rb'r:(?:id|embed|link)="([^"]+)"')


def package_parts(document: Any) -> dict[str, bytes]:
    """Every part of a python-docx Document by its name in the zip, as ``Document.save`` would
    write them (docx.opc.pkgwriter.PackageWriter, in its order), without compressing them
    into a zip only to read them out again."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = {
        CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
        PACKAGE_URI.rels_uri.membername: package.rels.xml,
    }
    for part in parts:
        out[part.partname.membername] = part.blob
        if len(part.rels):
            out[part.partname.rels_uri.membername] = part.rels.xml
    return out


class Splitter:
    """Reads the innkalling's parts once; writes any slice of its body as a .docx.

    The parts every case shares (styles, numbering, header, theme ...) are compressed
    once, into a zip each case's file starts from; only its own body, relationships,
    title and images are added to it.
    """

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        document = self.parts[DOCUMENT]
        start = document.index(b">", document.index(b"<w:body")) + 1
        end = document.rindex(b"</w:body>")
        self.prefix, self.suffix = document[:start], document[end:]
        body = etree.fromstring(document).find(f"{W}body")
        assert body is not None
        self.elements = [etree.tostring(child) for child in body]
        self.section = self.elements[-1] if body[-1].tag == f"{W}sectPr" else b""
        self.rels = etree.fromstring(self.parts[DOCUMENT_RELS])
        self.per_case = {
            _target(rel)
            for rel in self.rels
            if rel.get("Type") in PER_CASE_TYPES and rel.get("TargetMode") != "External"
        }
        shared = io.BytesIO()
        with zipfile.ZipFile(shared, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in self.parts.items():
                if name not in (DOCUMENT, DOCUMENT_RELS, CORE) and name not in self.per_case:
                    zf.writestr(name, data)
        self.shared = shared.getvalue()

    def case(self, first: int, last: int, *, title: str) -> bytes:
        """Body elements ``first`` to ``last`` (inclusive) as a document of their own."""
        body = b"".join(self.elements[first : last + 1])
        used = {m.decode() for m in _REF.findall(body)}
        rels, own_parts = self._rels(used)
        out = io.BytesIO(self.shared)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(DOCUMENT, self.prefix + body + self.section + self.suffix)
            zf.writestr(DOCUMENT_RELS, rels)
            if CORE in self.parts:
                zf.writestr(CORE, _with_title(self.parts[CORE], title))
            for name in sorted(own_parts):
                zf.writestr(name, self.parts[name])
        return out.getvalue()

    def _rels(self, used: set[str]) -> tuple[bytes, set[str]]:
        """The case's relationships (the shared ones, and its own links and images) and the
        images it uses."""
        rels = etree.fromstring(etree.tostring(self.rels))
        for rel in list(rels):
            if rel.get("Type") in PER_CASE_TYPES and rel.get("Id") not in used:
                rels.remove(rel)
        own = {_target(r) for r in rels if r.get("TargetMode") != "External"} & self.per_case
        return etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True), {
            name for name in own if name in self.parts
        }


def _target(rel: etree._Element) -> str:
    """A relationship's target as a part name: ``media/image1.png`` -> ``word/media/image1.png``."""
    return "word/" + str(rel.get("Target")).lstrip("/").removeprefix("word/")


def _with_title(core: bytes, title: str) -> bytes:
    element = b"<dc:title>" + escape(title).encode("utf-8") + b"</dc:title>"
    core, n = re.subn(rb"<dc:title>.*?</dc:title>|<dc:title/>", lambda _: element, core, flags=re.S)
    return core if n else core.replace(b"</cp:coreProperties>", element + b"</cp:coreProperties>")
