"""Small operations on python-docx documents shared by the renderers."""

from __future__ import annotations

from typing import Any


def set_core_properties(doc: Any, *, title: str, subject: str = "") -> None:
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.language = "nb-NO"
    props.author = "ho21"


def set_default_language(document: Any, language: str) -> None:
    """The language of every run that does not name its own (``w:docDefaults``), so spelling and
    screen readers use Norwegian (a vedlegg made into its own PDF; the oppfølgingsliste)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


def demote_headings(doc: Any, levels: int = 2) -> None:
    """Put a vedlegg's own headings under its «Vedlegg N» heading (H1 -> H3), and its other
    outline levels as far down, so its PDF bookmarks nest under «Vedlegg N»."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    from ho21cli.render.styles import style_names

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
    # Outline levels set on a paragraph or on a style of its own make PDF bookmarks too.
    outlines = list(doc.element.body.iter(qn("w:outlineLvl")))
    for outline in doc.styles.element.iter(qn("w:outlineLvl")):  # a style's own: w:style/w:pPr/w:outlineLvl
        p_pr = outline.getparent()
        style = p_pr.getparent() if p_pr is not None and p_pr.tag == qn("w:pPr") else None
        if style is None or style.tag != qn("w:style"):
            continue
        name = name_of.get(style.get(qn("w:styleId")), "")
        if not (name.startswith("Heading ") and name[8:].isdigit()):
            outlines.append(outline)
    for outline in outlines:
        value = outline.get(qn("w:val"), "9")
        if value.isdigit() and int(value) < 9:
            outline.set(qn("w:val"), str(min(int(value) + levels, 8)))


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
