"""Merging a Word document into the innkalling as its author made it, in linear time.

docxcompose does the merging (styles by name, images, hyperlinks, diagrams);
this subclass changes what it loses and what makes it slow:

- **Lists.** Every list of a document gets its own copy of its definition,
  with its own start values and restarts, never joined with another
  document's lists or with ho21's (docxcompose gave two new lists met in one
  element the same number, joining them, and restarted every document's first
  list at 1). A paragraph numbered through its style is numbered directly
  first (``number_lists_directly``), so heading numbering survives the style
  being mapped to the innkalling's own; list levels lose their link to a
  style, so a vedlegg's list can never number ho21's headings. A definition
  that only points to a numbering style is replaced by the levels it points to.
- **Notes and comments.** Footnotes, endnotes and comments come along (with
  their own links and images) under fresh ids; a reference whose note is
  missing is dropped rather than left dangling.
- **Ids in linear time.** Bookmarks and drawing ids are renumbered as each
  document comes in, in the elements it brought (docxcompose renumbered the
  whole document after each one, which made a build quadratic); notes are
  kept parsed and written once, in ``finish``.
- **Sections** are left to the caller (innkalling.py keeps a vedlegg's own
  page setup as sections of its own).
"""

from __future__ import annotations

import functools
from copy import deepcopy
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ATTRIBUTES = (f"{{{R_NS}}}id", f"{{{R_NS}}}embed", f"{{{R_NS}}}link")
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
PIC_CNVPR = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"
NOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:{{kind}}s xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:separator/></w:r></w:p></w:{kind}>"
    '<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    "</w:{kind}s>"
)
COMMENTS_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W_NS}" xmlns:r="{R_NS}"/>'
)


def numbering_definitions(part: Any) -> Any | None:
    """The w:numbering element of a document part, or None when it has no numbering part
    (python-docx's ``numbering_part`` would try to make one, which it cannot: NotImplementedError)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def number_lists_directly(document: Any) -> None:
    """Give each paragraph numbered through its style (a list style, a numbered heading) that
    numbering directly, so it keeps it when its style is mapped to the innkalling's own."""
    by_id = {s.get(f"{W}styleId"): s for s in document.styles.element.iterchildren(f"{W}style")}

    @functools.cache
    def style_numbering(style_id: str, depth: int = 0) -> tuple[str, str] | None:
        style = by_id.get(style_id)
        if style is None or depth > 20:
            return None
        num_pr = style.find(f"{W}pPr/{W}numPr")
        num_id = num_pr.find(f"{W}numId") if num_pr is not None else None
        if num_id is not None:
            ilvl = num_pr.find(f"{W}ilvl")
            return num_id.get(f"{W}val", "0"), (ilvl.get(f"{W}val", "0") if ilvl is not None else "0")
        based_on = style.find(f"{W}basedOn")
        return style_numbering(based_on.get(f"{W}val", ""), depth + 1) if based_on is not None else None

    for p_style in document.element.body.iter(f"{W}pStyle"):
        p_pr = p_style.getparent()
        num_pr = p_pr.find(f"{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            continue
        found = style_numbering(p_style.get(f"{W}val", ""))
        if found is None or found[0] == "0":
            continue
        num_pr = p_pr.get_or_add_numPr()
        if num_pr.find(f"{W}ilvl") is None:
            num_pr.get_or_add_ilvl().val = int(found[1])
        num_pr.get_or_add_numId().val = int(found[0])


class _Kept:
    """A part of the innkalling kept parsed while documents come in: notes or comments."""

    def __init__(self, part: Any, root: Any, *, tag: str, generic: bool) -> None:
        self.part = part
        self.root = root
        self.generic = generic  # a plain Part: its blob is written in finish()
        ids = [int(i) for i in _attributes(root, tag, "id") if i.lstrip("-").isdigit()]
        self.next_id = max([0, *ids]) + 1

    def take_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)


class _Source:
    """A document's notes or comments, parsed once, by id."""

    def __init__(self, part: Any, tag: str) -> None:
        from docx.oxml import parse_xml

        self.part = part
        root = getattr(part, "element", None)
        if root is None:
            root = parse_xml(part.blob)
        self.by_id = {el.get(f"{W}id"): el for el in root.iterchildren(f"{W}{tag}")}


def _attributes(root: Any, tag: str, attribute: str) -> list[str]:
    """``w:attribute`` of each ``w:tag`` child of ``root`` that has it."""
    return [value for el in root.iterchildren(f"{W}{tag}") if (value := el.get(f"{W}{attribute}")) is not None]


def _remove_mark(mark: Any) -> None:
    """Take out a reference whose note or comment is gone, with its run if that held only it."""
    parent = mark.getparent()
    if parent is None:
        return
    parent.remove(mark)
    if parent.tag == f"{W}r" and not [c for c in parent if c.tag != f"{W}rPr"]:
        grand = parent.getparent()
        if grand is not None:
            grand.remove(parent)


@functools.cache
def faithful_composer() -> type:
    """docxcompose's Composer, with the changes in this module's docstring."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docxcompose.composer import Composer as Base
    from docxcompose.image import ImageWrapper

    kinds = {  # what a reference in the text points into: relationship, content type, part, empty part
        "footnote": (RT.FOOTNOTES, CT.WML_FOOTNOTES, "/word/footnotes.xml", NOTES_XML.format(kind="footnote")),
        "endnote": (RT.ENDNOTES, CT.WML_ENDNOTES, "/word/endnotes.xml", NOTES_XML.format(kind="endnote")),
        "comment": (RT.COMMENTS, CT.WML_COMMENTS, "/word/comments.xml", COMMENTS_XML),
    }

    class Faithful(Base):  # type: ignore[misc]
        def __init__(self, doc: Any) -> None:
            self._own_abstract: dict[str, int] = {}
            self._copied: dict[str, dict[str, str]] = {}  # kind -> this document's id -> ours
            self._sources: dict[tuple[int, str], _Source | None] = {}
            self._kept: dict[str, _Kept] = {}
            self._numbers: list[int] | None = None  # next numId, next abstractNumId
            self._first_num: Any = None
            super().__init__(doc)
            self._ids = self._highest_ids()

        # -- one document at a time ------------------------------------------------

        def reset_reference_mapping(self) -> None:
            super().reset_reference_mapping()
            self._own_abstract = {}
            self._copied = {}
            self._sources = {}
            self._their_styles: dict[str, Any] | None = None

        # -- styles: looked up once per document ------------------------------------

        def add_styles(self, doc: Any, element: Any) -> None:
            """docxcompose's add_styles as ho21 uses it (preserve_styles off): each style the
            element uses that the innkalling lacks (by name) is copied in, with its list and
            linked style. docxcompose lists the innkalling's styles and searches the document's
            styles with XPath for every element; here both are looked up in dictionaries.
            Then each use is given the innkalling's id for a style of the same name.
            (For a style both have, docxcompose also notes which list definitions correspond,
            for its own add_numberings, which ho21 replaces: each list keeps its own.)"""
            if self.preserve_styles:
                super().add_styles(doc, element)
                return
            if self._their_styles is None:
                self._their_styles = {}
                for style in doc.styles.element.iterchildren(f"{W}style"):
                    self._their_styles.setdefault(style.get(f"{W}styleId"), style)
            ours = self._our_style_ids()
            used = list(element.iter(f"{W}tblStyle", f"{W}pStyle", f"{W}rStyle"))
            for style_id in dict.fromkeys(e.get(f"{W}val") for e in used):
                if style_id is None:
                    continue
                our_style_id = self.mapped_style_id(style_id)
                found = self._their_styles.get(style_id) if our_style_id not in ours else None
                if found is not None:
                    style_element = deepcopy(found)
                    self.doc.styles.element.append(style_element)
                    self.add_numberings(doc, style_element)
                    self.add_linked_styles(doc, style_element)
                    ours = self._our_style_ids()
                if our_style_id not in (style_id, None):  # the innkalling's id for the same style name
                    for el in used:
                        if el.get(f"{W}val") == style_id:
                            el.set(f"{W}val", our_style_id)

        def _our_style_ids(self) -> set[str | None]:
            from ho21cli.render.styles import style_ids

            return style_ids(self.doc.styles.element)

        def insert(self, index: int, doc: Any, remove_property_fields: bool = True) -> None:
            body = self.doc.element.body
            if index < len(body):
                self.insert_before(body[index], doc, remove_property_fields)
            else:
                body.append(anchor := parse_xml(f'<w:p xmlns:w="{W_NS}"/>'))
                self.insert_before(anchor, doc, remove_property_fields)
                body.remove(anchor)

        def insert_before(self, anchor: Any, doc: Any, remove_property_fields: bool = True) -> list[Any]:
            """docxcompose's insert, placing each element before ``anchor`` (lxml finds a child by
            its index by walking from the first: docxcompose's per-element index made a long
            innkalling quadratic). Returns the elements that came in."""
            from docx.oxml.section import CT_SectPr
            from docxcompose.properties import CustomProperties

            self.reset_reference_mapping()
            self._current_preserved_styles: dict[str, str] = {}
            if remove_property_fields and _has_custom_properties(doc):  # without them there is nothing to dissolve
                properties = CustomProperties(doc)
                for name in properties.keys():  # noqa: SIM118 - CustomProperties is not a dict
                    properties.dissolve_fields(name)
            self._create_style_id_mapping(doc)
            self.retain_formatting_from_default_styles(doc)
            added = []
            for element in doc.element.body:
                if isinstance(element, CT_SectPr):  # its page setup is the caller's (keep_own_page_setup)
                    continue
                element = deepcopy(element)
                anchor.addprevious(element)
                self.add_referenced_parts(doc.part, self.doc.part, element)
                self.add_styles(doc, element)
                self.add_numberings(doc, element)
                self.add_images(doc, element)
                self.add_diagrams(doc, element)
                self.add_shapes(doc, element)
                self.add_footnotes(doc, element)
                self.remove_header_and_footer_references(doc, element)
                added.append(element)
            self.add_styles_from_other_parts(doc)
            self._give_ids(added)
            return added

        def finish(self) -> None:
            for kept in self._kept.values():
                if kept.generic:
                    kept.part._blob = serialize_part_xml(kept.root)

        # -- ids: given to what came in, not by a pass over everything -------------

        def _highest_ids(self) -> dict[str, int]:
            roots = [self.doc.element.body] + [
                rel.target_part.element
                for rel in self.doc.part.rels.values()
                if rel.reltype in (RT.HEADER, RT.FOOTER) and hasattr(rel.target_part, "element")
            ]
            found = {"bookmark": -1, "drawing": 0}
            for root in roots:
                for el in root.iter(f"{W}bookmarkStart", WP_DOCPR, PIC_CNVPR):
                    key = "bookmark" if el.tag == f"{W}bookmarkStart" else "drawing"
                    value = el.get(f"{W}id") if key == "bookmark" else el.get("id")
                    if value is not None and value.isdigit():
                        found[key] = max(found[key], int(value))
            return {key: value + 1 for key, value in found.items()}

        def _give_ids(self, elements: list[Any]) -> None:
            bookmarks: dict[str, str] = {}
            for element in elements:
                for el in element.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd", WP_DOCPR, PIC_CNVPR):
                    if el.tag == f"{W}bookmarkStart":
                        bookmarks[el.get(f"{W}id", "")] = new = str(self._ids["bookmark"])
                        self._ids["bookmark"] += 1
                        el.set(f"{W}id", new)
                    elif el.tag == f"{W}bookmarkEnd":
                        mapped = bookmarks.get(el.get(f"{W}id", ""))
                        if mapped is None:  # an end without its start: it would pair with a stranger
                            el.getparent().remove(el)
                        else:
                            el.set(f"{W}id", mapped)
                    else:
                        el.set("id", str(self._ids["drawing"]))
                        self._ids["drawing"] += 1

        def renumber_bookmarks(self) -> None:
            """Done by _give_ids for each document as it comes in."""

        def renumber_docpr_ids(self) -> None:
            """Done by _give_ids for each document as it comes in."""

        def renumber_nvpicpr_ids(self) -> None:
            """Done by _give_ids for each document as it comes in."""

        def fix_section_types(self, doc: Any) -> None:
            """Sections are innkalling.py's (a vedlegg's page setup is a section of its own)."""

        def fix_header_and_footers(self, doc: Any) -> None:
            """The innkalling's headers and footers go on; innkalling.py sees to it."""

        # -- lists ---------------------------------------------------------------

        def restart_first_numbering(self, doc: Any, element: Any) -> None:
            """Not needed: each document's lists have definitions of their own."""

        def _next_numbering_ids(self) -> tuple[int, int]:
            if self._numbers is None:
                root = self.numbering_part().element
                nums = [int(n) for n in _attributes(root, "num", "numId") if n.isdigit()]
                abstract = [int(n) for n in _attributes(root, "abstractNum", "abstractNumId") if n.isdigit()]
                self._numbers = [max([0, *nums]) + 1, max([-1, *abstract]) + 1]
            return self._numbers[0], self._numbers[1]

        def add_numberings(self, doc: Any, element: Any) -> None:
            refs = list(element.iter(f"{W}numId"))
            if not refs:
                return
            source = numbering_definitions(doc.part)
            for ref in refs:
                old = ref.get(f"{W}val", "")
                if old in ("", "0") or old in self.num_id_mapping:
                    continue
                num = source.find(f"{W}num[@{W}numId='{old}']") if source is not None else None
                if num is None:  # a list the document does not define: Word shows it unnumbered,
                    self.num_id_mapping[old] = 0  # and it must not become one of the innkalling's lists
                    continue
                num = deepcopy(num)
                abstract_ref = num.find(f"{W}abstractNumId")
                if abstract_ref is None:
                    continue
                new_abstract = self._own_list(source, abstract_ref.get(f"{W}val", ""))
                if new_abstract is None:
                    continue
                abstract_ref.set(f"{W}val", str(new_abstract))
                new_num = self._next_numbering_ids()[0]
                self._numbers[0] += 1  # type: ignore[index]
                num.set(f"{W}numId", str(new_num))
                self._add_num(num)
                self.num_id_mapping[old] = new_num
            for ref in refs:
                ref.set(f"{W}val", str(self.num_id_mapping.get(ref.get(f"{W}val", ""), ref.get(f"{W}val"))))

        def _own_list(self, source: Any, abstract_id: str) -> int | None:
            """This document's copy of a list definition: its levels, its own nsid, no style links."""
            if abstract_id in self._own_abstract:
                return self._own_abstract[abstract_id]
            definition = source.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
            if definition is None:
                return None
            copy = deepcopy(definition)
            _resolve_style_link(source, copy)
            new_id = self._next_numbering_ids()[1]
            self._numbers[1] += 1  # type: ignore[index]
            copy.set(f"{W}abstractNumId", str(new_id))
            for child in copy.iterchildren(f"{W}nsid", f"{W}styleLink", f"{W}numStyleLink"):
                copy.remove(child)
            for lvl_style in copy.iter(f"{W}pStyle"):  # a level linked to a style would number ours
                lvl_style.getparent().remove(lvl_style)
            nsid = parse_xml(f'<w:nsid xmlns:w="{W_NS}" w:val="{0x48320000 + new_id:08X}"/>')
            copy.insert(0, nsid)
            self._add_abstract(copy)
            self._own_abstract[abstract_id] = new_id
            return new_id

        def _add_num(self, num: Any) -> None:
            root = self.numbering_part().element
            cleanup = root.find(f"{W}numIdMacAtCleanup")
            if cleanup is not None:
                cleanup.addprevious(num)
            else:
                root.append(num)
            if self._first_num is None:
                self._first_num = root.find(f"{W}num")

        def _add_abstract(self, abstract: Any) -> None:
            root = self.numbering_part().element
            if self._first_num is None:
                self._first_num = root.find(f"{W}num")
            if self._first_num is not None:
                self._first_num.addprevious(abstract)
            else:
                root.append(abstract)

        # -- notes and comments ----------------------------------------------------

        def add_footnotes(self, doc: Any, element: Any) -> None:
            for kind, tags in (
                ("footnote", ("footnoteReference",)),
                ("endnote", ("endnoteReference",)),
                ("comment", ("commentRangeStart", "commentRangeEnd", "commentReference")),
            ):
                marks = list(element.iter(*(f"{W}{tag}" for tag in tags)))
                if marks:
                    self._copy_referenced(doc, kind, marks)

        def _source(self, doc: Any, reltype: str, tag: str) -> _Source | None:
            key = (id(doc.part), reltype)
            if key not in self._sources:
                try:
                    self._sources[key] = _Source(doc.part.rels.part_with_reltype(reltype), tag)
                except KeyError:
                    self._sources[key] = None
            return self._sources[key]

        def _kept_part(self, key: str, reltype: str, content_type: str, name: str, xml: str) -> _Kept:
            if key not in self._kept:
                try:
                    part = self.doc.part.rels.part_with_reltype(reltype)
                except KeyError:
                    part = Part(PackURI(name), content_type, xml.encode("utf-8"), self.doc.part.package)
                    self.doc.part.relate_to(part, reltype)
                root = getattr(part, "element", None)
                generic = root is None
                if root is None:
                    root = parse_xml(part.blob)
                self._kept[key] = _Kept(part, root, tag=key, generic=generic)
            return self._kept[key]

        def _copy_referenced(self, doc: Any, kind: str, marks: list[Any]) -> None:
            """Copy the notes or comments ``marks`` refer to, each once per document, under fresh
            ids; a mark whose entry the document does not have is taken out."""
            reltype, content_type, name, xml = kinds[kind]
            source = self._source(doc, reltype, kind)
            kept = self._kept_part(kind, reltype, content_type, name, xml)
            copied = self._copied.setdefault(kind, {})
            for mark in marks:
                old = mark.get(f"{W}id", "")
                new_id = copied.get(old)
                if new_id is None:
                    entry = source.by_id.get(old) if source is not None else None
                    if entry is None:
                        _remove_mark(mark)
                        continue
                    copy = deepcopy(entry)
                    new_id = copied[old] = kept.take_id()
                    copy.set(f"{W}id", new_id)
                    self._relink(source.part, kept.part, copy)  # type: ignore[union-attr]
                    kept.root.append(copy)
                mark.set(f"{W}id", new_id)

        def _relink(self, source_part: Any, target_part: Any, element: Any) -> None:
            """The links and images inside a copied note or comment, related from its new part."""
            for node in element.iter():
                for attribute in R_ATTRIBUTES:
                    r_id = node.get(attribute)
                    if r_id is None or r_id not in source_part.rels:
                        continue
                    rel = source_part.rels[r_id]
                    if rel.is_external:
                        new_id = target_part.rels.get_or_add_ext_rel(rel.reltype, rel.target_ref)
                    elif rel.reltype == RT.IMAGE:
                        image = self.pkg.image_parts._get_by_sha1(rel.target_part.sha1)
                        if image is None:
                            image = self.pkg.image_parts._add_image_part(ImageWrapper(rel.target_part))
                        new_id = target_part.relate_to(image, RT.IMAGE)
                    else:
                        new_id = self.add_relationship(source_part, target_part, rel).rId
                    node.set(attribute, new_id)

    return Faithful


def _has_custom_properties(document: Any) -> bool:
    """Whether the document has /docProps/custom.xml: docxcompose's CustomProperties reads the
    whole document and its styles for a language, and a file of its own, even when it has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return any(rel.reltype == RT.CUSTOM_PROPERTIES for rel in document.part.package.rels.values())


def _resolve_style_link(source: Any, definition: Any) -> None:
    """A definition that only names a numbering style (w:numStyleLink) gets that style's levels.

    The style's own definition carries w:styleLink with the same name; its levels are the list's.
    """
    link = definition.find(f"{W}numStyleLink")
    if link is None or definition.find(f"{W}lvl") is not None:
        return
    name = link.get(f"{W}val")
    for other in source.iterchildren(f"{W}abstractNum"):
        style_link = other.find(f"{W}styleLink")
        if style_link is not None and style_link.get(f"{W}val") == name:
            for lvl in other.iterchildren(f"{W}lvl"):
                definition.append(deepcopy(lvl))
            return


# -- a vedlegg's own page setup --------------------------------------------------------


def page_setup(sect_pr: Any) -> tuple[str | None, ...]:
    """What makes a page look different: size, orientation, margins, columns."""
    size, margins, cols = (sect_pr.find(f"{W}{tag}") for tag in ("pgSz", "pgMar", "cols"))

    def values(el: Any, names: tuple[str, ...]) -> tuple[str | None, ...]:
        return tuple(el.get(f"{W}{n}") if el is not None else None for n in names)

    return (
        values(size, ("w", "h", "orient"))
        + values(margins, ("top", "right", "bottom", "left"))
        + values(cols, ("num",))
    )


def _without(sect_pr: Any, *tags: str) -> Any:
    for tag in tags:
        for el in list(sect_pr.iterchildren(f"{W}{tag}")):
            sect_pr.remove(el)
    return sect_pr


def _continue_page_numbers(sect_pr: Any) -> None:
    for numbering in sect_pr.iterchildren(f"{W}pgNumType"):
        numbering.attrib.pop(f"{W}start", None)


def _end_section(paragraph_before: Any, sect_pr: Any) -> None:
    """End a section with ``paragraph_before`` (a paragraph of its own when it cannot carry it)."""
    from docx.oxml import parse_xml

    p = paragraph_before
    if p.tag != f"{W}p" or p.find(f"{W}pPr/{W}sectPr") is not None:
        new = parse_xml(f'<w:p xmlns:w="{W_NS}"/>')
        p.addnext(new)
        p = new
    p.get_or_add_pPr().append(sect_pr)


def body_section(body: Any) -> Any:
    """The body's own ``w:sectPr``: its last child, looked at first (``find`` walks every paragraph,
    which once per vedlegg makes a long innkalling quadratic)."""
    try:
        last = body[-1]  # lxml walks from the end for this; len() would count every child
    except IndexError:
        return None
    return last if last.tag == f"{W}sectPr" else body.find(f"{W}sectPr")


def keep_own_page_setup(master: Any, heading: Any, inserted: list[Any], document: Any) -> Any:
    """Give a merged vedlegg its own section(s) when its pages differ from the innkalling's.

    A landscape table stays landscape: the section before the vedlegg's heading ends with the
    innkalling's page setup, the vedlegg's last section with its own. Its sections carry no
    headers or footers of their own, so the innkalling's page header and page numbers go on.
    Returns the section break put before the heading (None: no section needed); when all
    vedlegg are in, ``settle_sections`` gives the front page its first-page settings back.
    """
    ours = body_section(master.element.body)
    own = body_section(document.element.body)
    inner = [s for el in inserted for s in el.iter(f"{W}sectPr")]
    if ours is None or own is None or (not inner and page_setup(own) == page_setup(ours)):
        return None
    previous = heading.getprevious()
    before = None
    if previous is None or previous.find(f"{W}pPr/{W}sectPr") is None:
        before = deepcopy(ours)
        _end_section(previous if previous is not None else heading, before)
    # else a section ends right there already (the vedlegg before had pages of its own): another
    # break would make a section of nothing, an empty page.
    p_pr = heading.find(f"{W}pPr")
    if p_pr is not None:  # the section break starts the page
        _without(p_pr, "pageBreakBefore")
    for sect_pr in inner:
        _without(sect_pr, "titlePg")
        _continue_page_numbers(sect_pr)
    last = _without(deepcopy(own), "headerReference", "footerReference", "titlePg", "type")
    _continue_page_numbers(last)
    _end_section(inserted[-1] if inserted else heading, last)
    _without((inner or [last])[0], "type")  # the vedlegg starts on a page of its own, even if its first section ran on
    return before


def settle_sections(master: Any, breaks: list[Any]) -> None:
    """After the vedlegg's own sections are in: only the first section, the front page's, keeps
    the innkalling's first-page header and page-number start; every later one goes on."""
    if not breaks:
        return
    ours = body_section(master.element.body)
    wanted = set(breaks)
    in_order = [
        s for p in master.element.body.iterchildren(f"{W}p") for s in p.iterfind(f"{W}pPr/{W}sectPr") if s in wanted
    ]
    for sect_pr in [*in_order[1:], ours]:
        if sect_pr is not None:
            _without(sect_pr, "titlePg")
            _continue_page_numbers(sect_pr)
