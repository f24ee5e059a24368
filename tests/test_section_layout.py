"""The profile's ``section_layout``: the council's label | text table, or headings (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run, refused, snapshot
from tests.docx_read import W, open_docx

SECTIONS = ["Bakgrunn", "Hvorfor saken fremmes til dette møtet", "Hovedpunkter"]


def set_layout(root: Path, value: str) -> None:
    profile = root / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("\n[", f'\nsection_layout = "{value}"\n\n[', 1), encoding="utf-8")


def style_of(p: object, doc: object) -> str:
    ppr = p.find(f"{W}pPr")  # type: ignore[attr-defined]
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    if style is None:
        return ""
    found = doc.styles.element.get_by_id(style.get(f"{W}val"))  # type: ignore[attr-defined]
    return str(found.name_val).capitalize()  # Word stores the built-in names in lower case: "heading 2"


def text_of(el: object) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))  # type: ignore[attr-defined]


def saksfremlegg(example: Path) -> Path:
    return next((example / "2026-1" / "build" / "saksfremlegg").glob("sak-06-*.docx"))


def test_table_layout_sets_each_section_as_a_heading_in_a_narrow_left_column(
    example: Path, ho21: Callable[..., Run]
) -> None:
    set_layout(example, "table")
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    doc = open_docx(saksfremlegg(example))
    tables = [t for t in doc.element.body.iter(f"{W}tbl") if t.find(f"{W}tr") is not None]
    layout = next(t for t in tables if text_of(t.find(f"{W}tr").find(f"{W}tc")) == SECTIONS[0])
    rows = [row.findall(f"{W}tc") for row in layout.findall(f"{W}tr")]
    assert [text_of(cells[0]) for cells in rows] == SECTIONS
    for cells in rows:
        label = cells[0].find(f"{W}p")
        assert style_of(label, doc) == "Heading 2"  # navigable: Word's pane, PDF bookmarks, screen readers
        assert text_of(cells[1]).strip(), "a section's text stands in the right-hand column"
    widths = [int(col.get(f"{W}w")) for col in layout.find(f"{W}tblGrid").findall(f"{W}gridCol")]
    assert len(widths) == 2 and widths[0] < widths[1] / 2
    assert "Regjeringen har oppnevnt et helsereformutvalg" in text_of(rows[0][1])
    body_headings = [text_of(p) for p in doc.element.body.findall(f"{W}p") if style_of(p, doc) == "Heading 2"]
    assert not set(SECTIONS) & set(body_headings), "in the table layout no section is also a heading outside it"


def test_headings_layout_is_the_default(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    doc = open_docx(saksfremlegg(example))
    body_headings = [text_of(p) for p in doc.element.body.findall(f"{W}p") if style_of(p, doc) == "Heading 2"]
    assert [h for h in body_headings if h in SECTIONS] == SECTIONS


def test_a_table_layout_saksfremlegg_reads_back_as_a_word_body(example: Path, ho21: Callable[..., Run]) -> None:
    from ho21cli.render.word_body import read_word_body

    set_layout(example, "table")
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    body = read_word_body(saksfremlegg(example).read_bytes())
    assert [s.title for s in body.sections][:3] == SECTIONS


def test_an_unknown_layout_is_refused_naming_the_choices(example: Path, ho21: Callable[..., Run]) -> None:
    set_layout(example, "tabell")
    before = snapshot(example)
    refused(
        ho21("build-innkalling", "2026-1", "--root", example), 3, "section_layout", "tabell", '"table"', '"headings"'
    )
    assert snapshot(example) == before
