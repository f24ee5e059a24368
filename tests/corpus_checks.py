"""Did a vedlegg come through a merge whole? Pure functions over the bytes of .docx files,
LibreOffice's text export and PDF files.

A vedlegg is found in a merged document by its heading ("Vedlegg 2: title") and ends at
the next boundary (another vedlegg's heading or a case's heading): ``Docx.section``,
``text_section`` and ``pdf_pages`` find it in the .docx, in LibreOffice's text and in the
PDF. Each check compares the source document with that part of the merged one and
answers with a list of problems, empty when the check passes:

- ``text_in_order``: every non-empty paragraph (body, tables, text boxes) is there, in order;
- ``images``: every picture's image part is there (compared by the sha256 of its bytes);
- ``list_labels``: the labels LibreOffice shows before each paragraph ("1.", "a)", "•") are
  the same as when it shows the vedlegg on its own;
- ``notes``: every footnote, endnote and comment reference resolves, and the vedlegg's
  note texts are there (comments may be dropped, but never left dangling);
- ``integrity``: references from the vedlegg's part (relationships, list ids) resolve and
  its bookmark and drawing ids are unique; ``package_problems`` checks a whole package;
- ``orientation``, ``page_size``: the vedlegg's pages are portrait and landscape, A4 and
  Letter as in its own PDF; ``empty_pages``: it has no empty pages its own PDF does not have;
- ``pdf_converts``: the merged PDF exists, has pages and the vedlegg's bookmark.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
OFFICE_DOCUMENT = "/officeDocument"
NOTE_KINDS = (  # what is referenced, the part's relationship type ending, the entry's tag
    ("footnote", "footnoteReference", "/footnotes", "footnote"),
    ("endnote", "endnoteReference", "/endnotes", "endnote"),
    ("comment", "commentReference", "/comments", "comment"),
)
SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
MAX_LISTED = 4  # problems listed per check; the rest are counted


def norm(text: str) -> str:
    """Text with runs of white space made one space: tabs and breaks are layout, not text."""
    return " ".join(text.split())


def _parse(data: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    return etree.fromstring(data, parser)


@dataclass(frozen=True)
class Rel:
    type: str
    target: str  # a part name without the leading slash, or the external address
    external: bool


class Docx:
    """A .docx package read once: its parts, their relationships and parsed XML."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.parts = {name: zf.read(name) for name in zf.namelist() if not name.endswith("/")}
        self._xml: dict[str, Any] = {}
        self._rels: dict[str, dict[str, Rel]] = {}
        package = self.rels("")
        main = next((r.target for r in package.values() if r.type.endswith(OFFICE_DOCUMENT)), "word/document.xml")
        self.main = main
        self._styles: dict[str, tuple[str | None, str | None]] | None = None

    @classmethod
    def open(cls, path: Path) -> Docx:
        return cls(path.read_bytes())

    def xml(self, name: str) -> Any:
        if name not in self._xml:
            self._xml[name] = _parse(self.parts[name])
        return self._xml[name]

    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", f"{base}.rels")

    def rels(self, part: str) -> dict[str, Rel]:
        """The relationships of ``part`` ("" for the package's own) by id; the last one of an id wins."""
        if part not in self._rels:
            out: dict[str, Rel] = {}
            name = self.rels_name(part)
            if name in self.parts:
                folder = posixpath.dirname(part)
                for rel in self.xml(name).iter(f"{{{REL_NS}}}Relationship"):
                    target = rel.get("Target", "")
                    external = rel.get("TargetMode") == "External"
                    if not external:
                        joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                        target = posixpath.normpath(joined)
                    out[rel.get("Id", "")] = Rel(rel.get("Type", ""), target, external)
            self._rels[part] = out
        return self._rels[part]

    def related(self, part: str, type_ending: str) -> str | None:
        """The part that ``part`` relates to with a relationship type ending in ``type_ending``."""
        return next(
            (r.target for r in self.rels(part).values() if r.type.endswith(type_ending) and not r.external), None
        )

    @property
    def body(self) -> Any:
        return self.xml(self.main).find(f"{W}body")

    def body_children(self) -> list[Any]:
        """The body's blocks, without its closing section properties."""
        return [c for c in self.body if c.tag != f"{W}sectPr"]

    def section(self, start: str, boundaries: set[str]) -> list[Any] | None:
        """The body blocks after the last top-level paragraph reading ``start``, up to the next
        paragraph that reads one of ``boundaries``; None when ``start`` is not there."""
        children = self.body_children()
        texts = [norm(paragraph_text(c)) if c.tag == f"{W}p" else None for c in children]
        starts = [i for i, t in enumerate(texts) if t == norm(start)]
        if not starts:
            return None
        stops = {norm(b) for b in boundaries}
        first = starts[-1] + 1
        end = next((j for j in range(first, len(children)) if texts[j] in stops), len(children))
        return children[first:end]

    def numbered(self, p: Any) -> bool:
        """Whether the paragraph has list numbering, of its own or from its style."""
        ppr = p.find(f"{W}pPr")
        if ppr is not None:
            num_id = ppr.find(f"{W}numPr/{W}numId")
            if num_id is not None:
                return num_id.get(f"{W}val") not in (None, "0")
            style = ppr.find(f"{W}pStyle")
            if style is not None:
                return self._style_num_id(style.get(f"{W}val")) not in (None, "0")
        return False

    def _style_num_id(self, style_id: str | None) -> str | None:
        if self._styles is None:
            self._styles = {}
            styles = self.related(self.main, "/styles")
            if styles in self.parts:
                for s in self.xml(styles).iter(f"{W}style"):
                    based = s.find(f"{W}basedOn")
                    num = s.find(f"{W}pPr/{W}numPr/{W}numId")
                    self._styles[s.get(f"{W}styleId", "")] = (
                        based.get(f"{W}val") if based is not None else None,
                        num.get(f"{W}val") if num is not None else None,
                    )
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            based, num_id = self._styles[style_id]
            if num_id is not None:
                return num_id
            style_id = based
        return None


# --- text -------------------------------------------------------------------------------


def _text_parts(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in (f"{W}p", MC_FALLBACK):
            continue  # a nested paragraph (text box) is a paragraph of its own; a fallback repeats
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            _text_parts(child, out)


def paragraph_text(p: Any) -> str:
    """A paragraph's own text (not that of paragraphs in its text boxes)."""
    out: list[str] = []
    _text_parts(p, out)
    return "".join(out)


def iter_tags(elements: Iterable[Any], *tags: str) -> Iterator[Any]:
    """Elements with one of ``tags`` in and below ``elements``, in document order, leaving out
    markup-compatibility fallbacks (they repeat their choice for older readers)."""
    wanted = set(tags)

    def walk(element: Any) -> Iterator[Any]:
        if element.tag in wanted:
            yield element
        for child in element:
            if isinstance(child.tag, str) and child.tag != MC_FALLBACK:
                yield from walk(child)

    for element in elements:
        yield from walk(element)


def paragraphs(elements: Iterable[Any]) -> list[Any]:
    """Every paragraph in ``elements``: body, table cells, text boxes, in document order."""
    return list(iter_tags(elements, f"{W}p"))


def texts(elements: Iterable[Any]) -> list[str]:
    """The non-empty paragraph texts of ``elements``, white space made single spaces."""
    return [t for t in (norm(paragraph_text(p)) for p in paragraphs(elements)) if t]


def _listed(problems: list[str], what: str) -> list[str]:
    if len(problems) <= MAX_LISTED:
        return problems
    return [*problems[:MAX_LISTED], f"… and {len(problems) - MAX_LISTED} more {what}"]


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def text_in_order(source: Docx, section: list[Any] | None) -> list[str]:
    """Every non-empty paragraph text of the source is in the section, in the same order."""
    if section is None:
        return ["the vedlegg's heading is not in the merged document"]
    have = texts(section)
    missing: list[str] = []
    at = 0
    for text in texts(source.body_children()):
        found = next((k for k in range(at, len(have)) if have[k] == text), None)
        if found is None:
            missing.append(f"missing or out of order: «{_short(text)}»")
        else:
            at = found + 1
    return _listed(missing, "paragraphs")


# --- images -----------------------------------------------------------------------------


def image_hashes(doc: Docx, elements: Iterable[Any]) -> list[str]:
    """The sha256 of the image part of each picture in ``elements`` (of the main part);
    "unresolved r:id" for a reference that leads nowhere. Linked pictures are left out."""
    rels = doc.rels(doc.main)
    out: list[str] = []
    for element in iter_tags(elements, A_BLIP, V_IMAGEDATA):
        rid = element.get(f"{R}embed") if element.tag == A_BLIP else element.get(f"{R}id")
        if not rid:
            continue
        rel = rels.get(rid)
        if rel is None or (not rel.external and rel.target not in doc.parts):
            out.append(f"unresolved {rid}")
        elif not rel.external:
            out.append(hashlib.sha256(doc.parts[rel.target]).hexdigest())
    return out


def images(source: Docx, merged: Docx, section: list[Any] | None) -> list[str]:
    """Every picture of the source has its image, byte for byte, in the section."""
    if section is None:
        return ["the vedlegg's heading is not in the merged document"]
    wanted = Counter(h for h in image_hashes(source, source.body_children()) if not h.startswith("unresolved"))
    have = Counter(image_hashes(merged, section))
    problems = [f"image {h[:12]} missing ({n}×)" for h, n in (wanted - have).items()]
    problems += [f"picture with an {h}" for h in have if h.startswith("unresolved")]
    return _listed(problems, "images")


# --- list labels, as LibreOffice renders them ------------------------------------------

LABEL_MAX = 24  # characters before a paragraph's text that can be its label


def text_lines(txt: str) -> list[str]:
    return [norm(line) for line in txt.lstrip("\ufeff").splitlines()]


def text_section(txt: str, start: str, boundaries: set[str]) -> list[str] | None:
    """The lines of LibreOffice's text export after the last line reading ``start``, up to the
    next line reading one of ``boundaries``; None when ``start`` is not there."""
    lines = text_lines(txt)
    starts = [i for i, line in enumerate(lines) if line == norm(start)]
    if not starts:
        return None
    stops = {norm(b) for b in boundaries}
    first = starts[-1] + 1
    end = next((j for j in range(first, len(lines)) if lines[j] in stops), len(lines))
    return lines[first:end]


def labels(paras: list[str], lines: list[str]) -> list[str | None]:
    """For each paragraph text, the label LibreOffice wrote before it ("" for none), found by
    walking the lines in order; None when the paragraph was not found."""
    out: list[str | None] = []
    at = 0
    for text in paras:
        found = None
        for k in range(at, len(lines)):
            line = lines[k]
            if line == text:
                found = (k, "")
            elif line.endswith(" " + text) and len(line) - len(text) <= LABEL_MAX:
                found = (k, line[: -len(text)].strip())
            if found:
                break
        if found is None:
            out.append(None)
        else:
            at = found[0] + 1
            out.append(found[1])
    return out


def list_labels(source: Docx, source_txt: str, section_lines: list[str] | None) -> list[str]:
    """Each paragraph has the label (or none) it has when LibreOffice shows the source alone."""
    if section_lines is None:
        return ["the vedlegg's heading is not in LibreOffice's text of the merged document"]
    paras = [(norm(paragraph_text(p)), source.numbered(p)) for p in paragraphs(source.body_children())]
    paras = [(t, n) for t, n in paras if t]
    alone = labels([t for t, _ in paras], text_lines(source_txt))
    merged = labels([t for t, _ in paras], section_lines)
    problems = []
    for (text, numbered), a, m in zip(paras, alone, merged, strict=True):
        if numbered and a is not None and m is None:
            problems.append(f"list paragraph «{_short(text, 40)}» is not in LibreOffice's text of the merged document")
        if a is None or m is None or a == m:
            continue  # LibreOffice leaves some text out of its text export (text boxes): not compared
        kind = "list paragraph" if numbered else "paragraph"
        problems.append(f"{kind} «{_short(text, 40)}»: {a or 'no label'!r} alone, {m or 'no label'!r} merged")
    return _listed(problems, "labels")


# --- notes and comments -----------------------------------------------------------------


def note_entries(doc: Docx, type_ending: str, tag: str) -> tuple[str | None, dict[str, Any]]:
    """The notes (or comments) part and its entries by id, separators left out."""
    part = doc.related(doc.main, type_ending)
    if part is None or part not in doc.parts:
        return None, {}
    entries = {e.get(f"{W}id", ""): e for e in doc.xml(part).iter(f"{W}{tag}") if e.get(f"{W}type") not in SEPARATORS}
    return part, entries


def entry_text(entry: Any) -> str:
    return " ".join(texts([entry]))


def dangling_references(doc: Docx, section: list[Any], kind: str = "") -> list[str]:
    """The ids of note (or only ``kind``) references in ``section`` that lead to no entry."""
    out: list[str] = []
    for name, ref_tag, type_ending, tag in NOTE_KINDS:
        if kind in ("", name):
            _, entries = note_entries(doc, type_ending, tag)
            out += [r for e in iter_tags(section, f"{W}{ref_tag}") if (r := e.get(f"{W}id", "")) not in entries]
    return out


def notes(source: Docx, merged: Docx, section: list[Any] | None) -> list[str]:
    """Footnote, endnote and comment references resolve and the source's note texts are there.
    Comments dropped whole (no reference, no range left) are allowed."""
    if section is None:
        return ["the vedlegg's heading is not in the merged document"]
    problems: list[str] = []
    for kind, ref_tag, type_ending, tag in NOTE_KINDS:
        _, src_entries = note_entries(source, type_ending, tag)
        src_refs = [e.get(f"{W}id", "") for e in iter_tags(source.body_children(), f"{W}{ref_tag}")]
        part, entries = note_entries(merged, type_ending, tag)
        refs = [e.get(f"{W}id", "") for e in iter_tags(section, f"{W}{ref_tag}")]
        dangling = dangling_references(merged, section, kind)
        if dangling:
            problems.append(f"{len(dangling)} {kind} reference(s) lead nowhere (id {', '.join(dangling[:5])})")
        if kind == "comment" and not refs and not list(iter_tags(section, f"{W}commentRangeStart")):
            continue  # dropped whole: allowed
        wanted = Counter(entry_text(src_entries[r]) for r in src_refs if r in src_entries)
        have = Counter(entry_text(entries[r]) for r in refs if r in entries)
        for text, n in (wanted - have).items():
            problems.append(f"{kind} text missing: «{_short(text, 40)}»" + (f" ({n}×)" if n > 1 else ""))
        if part is not None:
            rels = merged.rels(part)
            used = [entries[r] for r in refs if r in entries]
            for rid in sorted(
                {v for e in used for el in e.iter() for k, v in el.attrib.items() if k.startswith(R) and v}
            ):
                if rid not in rels:
                    problems.append(f"a {kind} uses relationship {rid}, which {part} does not have")
    return _listed(problems, "note problems")


# --- package integrity ------------------------------------------------------------------


def package_problems(doc: Docx) -> list[str]:
    """The whole package: XML parts parse, relationships are unique and resolve, every
    relationship used by an XML part exists, every part has a content type."""
    problems: list[str] = []
    for name in sorted(doc.parts):
        if not name.endswith((".xml", ".rels")):
            continue
        try:
            root = doc.xml(name)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name} is not well-formed XML: {exc}")
            continue
        if any(isinstance(node, etree._Entity) for node in root.iter()):
            problems.append(f"{name} uses an undefined XML entity")
        if name.endswith(".rels"):
            ids = [r.get("Id") for r in root.iter(f"{{{REL_NS}}}Relationship")]
            problems += [f"{name}: relationship id {i} used twice" for i, n in Counter(ids).items() if n > 1]
            continue
        rels = doc.rels(name)
        for rel_id, rel in rels.items():
            if not rel.external and rel.target not in doc.parts:
                problems.append(f"{name}: relationship {rel_id} points to {rel.target}, which is not in the package")
        used = {
            v for el in root.iter() if isinstance(el.tag, str) for k, v in el.attrib.items() if k.startswith(R) and v
        }
        problems += [f"{name} uses relationship {rid}, which it does not have" for rid in sorted(used - set(rels))]
    for rel_id, rel in doc.rels("").items():
        if not rel.external and rel.target not in doc.parts:
            problems.append(f"_rels/.rels: relationship {rel_id} points to {rel.target}, which is not in the package")
    types = _parse(doc.parts["[Content_Types].xml"]) if "[Content_Types].xml" in doc.parts else None
    if types is None:
        problems.append("no [Content_Types].xml")
    else:
        defaults = {e.get("Extension", "").lower() for e in types if e.tag.endswith("Default")}
        overrides = {e.get("PartName", "").lstrip("/") for e in types if e.tag.endswith("Override")}
        for name in doc.parts:
            if (
                name != "[Content_Types].xml"
                and name not in overrides
                and name.rsplit(".", 1)[-1].lower() not in defaults
            ):
                problems.append(f"{name} has no content type")
    return problems


def _numbering(doc: Docx) -> tuple[set[str], dict[str, str], set[str]]:
    """List ids defined (w:num), their abstract ids, and the abstract ids defined."""
    part = doc.related(doc.main, "/numbering")
    if part is None or part not in doc.parts:
        return set(), {}, set()
    root = doc.xml(part)
    nums: dict[str, str] = {}
    for num in root.iter(f"{W}num"):
        abstract = num.find(f"{W}abstractNumId")
        nums[num.get(f"{W}numId", "")] = abstract.get(f"{W}val", "") if abstract is not None else ""
    abstracts = {a.get(f"{W}abstractNumId", "") for a in root.iter(f"{W}abstractNum")}
    return set(nums), nums, abstracts


def section_problems(doc: Docx, elements: list[Any]) -> list[str]:
    """Kinds of problem in ``elements`` of the main part: "kind: detail"."""
    problems: list[str] = []
    rels = doc.rels(doc.main)
    for el in (el for e in elements for el in e.iter() if isinstance(el.tag, str)):
        for key, value in el.attrib.items():
            if key.startswith(R) and value:  # an empty id (r:blip="") refers to nothing on purpose
                rel = rels.get(value)
                if rel is None:
                    problems.append(f"relationship does not exist: {value}")
                elif not rel.external and rel.target not in doc.parts:
                    problems.append(f"relationship target missing: {value} → {rel.target}")
    whole = doc.body
    bookmark_ids = Counter(b.get(f"{W}id") for b in whole.iter(f"{W}bookmarkStart"))
    for b in iter_tags(elements, f"{W}bookmarkStart"):
        if bookmark_ids[b.get(f"{W}id")] > 1:
            problems.append(f"bookmark id used twice: {b.get(f'{W}id')} ({b.get(f'{W}name')})")
    drawing_ids = Counter(d.get("id") for d in whole.iter(WP_DOCPR))
    for d in iter_tags(elements, WP_DOCPR):
        if drawing_ids[d.get("id")] > 1:
            problems.append(f"drawing id (wp:docPr) used twice: {d.get('id')}")
    defined, abstract_of, abstracts = _numbering(doc)
    for num_id in iter_tags(elements, f"{W}numId"):
        value = num_id.get(f"{W}val", "")
        if value == "0":
            continue
        if value not in defined:
            problems.append(f"list id not defined: {value}")
        elif abstract_of[value] not in abstracts:
            problems.append(f"list id {value} uses an abstract list that is not defined: {abstract_of[value]}")
    return problems


def problem_kind(problem: str) -> str:
    return problem.split(":", 1)[0]


def integrity(source: Docx, merged: Docx, section: list[Any] | None) -> list[str]:
    """The vedlegg's part of the merged document has no broken reference or duplicate id that
    the source itself does not have."""
    if section is None:
        return ["the vedlegg's heading is not in the merged document"]
    own = {problem_kind(p) for p in section_problems(source, source.body_children())}
    problems = sorted({p for p in section_problems(merged, section) if problem_kind(p) not in own})
    return _listed(problems, "integrity problems")


# --- pages in the PDF -------------------------------------------------------------------


@dataclass(frozen=True)
class Pdf:
    sizes: list[tuple[float, float]]  # each page's width and height as shown (rotation applied)
    outline: list[tuple[str, int]]  # every bookmark, flattened in order, with its page index
    blank: list[bool] = field(default_factory=list)  # each page: no text but the running header and footer


RUNNING_SHARE = 0.4  # a line on at least this share of the pages (5 or more) is a running header or footer


def page_texts(path: Path, pages: int) -> list[str]:
    """Each page's text: pdftotext (poppler) when it is there, else pypdf."""
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=False)
        texts = done.stdout.decode("utf-8", "replace").split("\f")
        if done.returncode == 0 and len(texts) >= pages:
            return texts[:pages]
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def blank_pages(texts: list[str], pictures: list[bool] | None = None) -> list[bool]:
    """Pages with no picture and no text but the lines repeated on many pages (the page header,
    "side 3 av 9")."""
    pages = [{re.sub(r"\d+", "#", norm(line)) for line in text.splitlines() if line.strip()} for text in texts]
    counts = Counter(line for page in pages for line in page)
    running = {line for line, n in counts.items() if len(pages) >= 5 and n >= RUNNING_SHARE * len(pages)}
    pictures = pictures or [False] * len(pages)
    return [not (page - running) and not picture for page, picture in zip(pages, pictures, strict=True)]


_DRAW = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def draws_picture(page: Any) -> bool:
    """Whether the page's content draws an image (directly or in a form it draws)."""

    def draws(content: bytes, resources: Any, depth: int) -> bool:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        for name in _DRAW.findall(content):
            target = xobjects.get("/" + name.decode("latin-1"))
            if target is None:
                continue
            target = target.get_object()
            if target.get("/Subtype") == "/Image":
                return True
            form = target.get("/Subtype") == "/Form" and depth < 3
            if form and draws(target.get_data(), target.get("/Resources", resources), depth + 1):
                return True
        return False

    contents = page.get_contents()
    return contents is not None and draws(contents.get_data(), page.get("/Resources"), 0)


def read_pdf(path: Path) -> Pdf:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    sizes = []
    for page in reader.pages:
        box = page.mediabox
        w, h = float(box.width), float(box.height)
        if int(page.get("/Rotate", 0) or 0) % 180:
            w, h = h, w
        sizes.append((w, h))
    outline: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline.append((str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline)
    pictures = [draws_picture(page) for page in reader.pages]
    return Pdf(sizes, outline, blank_pages(page_texts(path, len(sizes)), pictures))


def with_text(pdf: Pdf, pages: Iterable[int]) -> list[int]:
    """The pages that show something besides the running header and footer."""
    return [i for i in pages if not (pdf.blank and pdf.blank[i])]


def shown(pdf: Pdf, pages: Iterable[int]) -> list[tuple[float, float]]:
    """The sizes of the pages with text, or of all of them when none has text (a picture)."""
    pages = list(pages)
    return [pdf.sizes[i] for i in with_text(pdf, pages) or pages]


def pdf_pages(pdf: Pdf, start: str, boundaries: set[str]) -> range | None:
    """The pages of the vedlegg: from its bookmark's page to the page before the next
    boundary's bookmark (at least its first page); None without its bookmark."""
    titles = [norm(t) for t, _ in pdf.outline]
    starts = [i for i, t in enumerate(titles) if t == norm(start)]
    if not starts:
        return None
    first = pdf.outline[starts[-1]][1]
    stops = {norm(b) for b in boundaries}
    nxt = next((pdf.outline[j][1] for j in range(starts[-1] + 1, len(titles)) if titles[j] in stops), len(pdf.sizes))
    return range(first, max(first + 1, nxt))


def orientation_runs(sizes: Iterable[tuple[float, float]]) -> list[str]:
    runs: list[str] = []
    for w, h in sizes:
        o = "landscape" if w > h else "portrait"
        if not runs or runs[-1] != o:
            runs.append(o)
    return runs


def size_name(w: float, h: float) -> str:
    short, long_ = sorted((w, h))
    if abs(short - 595.3) < 3 and abs(long_ - 841.9) < 3:
        return "A4"
    if abs(short - 612) < 3 and abs(long_ - 792) < 3:
        return "Letter"
    return f"{short:.0f}×{long_:.0f} pt"


def size_runs(sizes: Iterable[tuple[float, float]]) -> list[str]:
    runs: list[str] = []
    for w, h in sizes:
        name = size_name(w, h)
        if not runs or runs[-1] != name:
            runs.append(name)
    return runs


def orientation(source_pdf: Pdf | None, merged_pdf: Pdf | None, pages: range | None) -> list[str]:
    """The vedlegg's pages turn between portrait and landscape as in its own PDF (empty pages
    left out: ``empty_pages`` counts them)."""
    if source_pdf is None:
        return ["LibreOffice made no PDF of the vedlegg alone"]
    if merged_pdf is None or pages is None:
        return ["the vedlegg is not in the merged PDF"]
    alone = orientation_runs(shown(source_pdf, range(len(source_pdf.sizes))))
    merged = orientation_runs(shown(merged_pdf, pages))
    if alone == merged:
        return []
    return [f"pages {', '.join(alone)} alone; {', '.join(merged)} merged (pages {pages.start + 1}–{pages.stop})"]


def page_size(source_pdf: Pdf | None, merged_pdf: Pdf | None, pages: range | None) -> list[str]:
    """The vedlegg's pages have the paper sizes of its own PDF (A4, Letter), empty pages left out."""
    if source_pdf is None or merged_pdf is None or pages is None:
        return ["no PDF to compare"]
    alone = size_runs(shown(source_pdf, range(len(source_pdf.sizes))))
    merged = size_runs(shown(merged_pdf, pages))
    return [] if alone == merged else [f"{', '.join(alone)} alone; {', '.join(merged)} merged"]


def empty_pages(source_pdf: Pdf | None, merged_pdf: Pdf | None, pages: range | None) -> list[str]:
    """No more empty pages (nothing but the running header and footer) among the vedlegg's
    pages than in its own PDF."""
    if source_pdf is None or merged_pdf is None or pages is None:
        return ["no PDF to compare"]
    alone = len(source_pdf.sizes) - len(with_text(source_pdf, range(len(source_pdf.sizes))))
    empty = [i + 1 for i in pages if i not in with_text(merged_pdf, pages)]
    if len(empty) <= alone:
        return []
    return [f"{len(empty) - alone} empty page(s) (page {', '.join(map(str, empty))})"]


def pdf_converts(pdf_path: Path | None, pdf: Pdf | None, pages: range | None) -> list[str]:
    """The merged document became a PDF with pages, and the vedlegg is bookmarked in it."""
    if pdf_path is None or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        return ["LibreOffice made no PDF"]
    if pdf is None or not pdf.sizes:
        return ["the PDF has no pages"]
    if pages is None:
        return ["the vedlegg has no bookmark in the PDF"]
    return []
