"""Case bodies: Markdown read into sections, paragraphs, lists, tables and images."""

from __future__ import annotations

import pytest

from ho21cli.core.body import (
    Image,
    ListBlock,
    Paragraph,
    Span,
    SubHeading,
    TableBlock,
    parse_body,
    plain_text,
)
from ho21cli.core.text import clean_text
from ho21cli.errors import InputError

WHERE = "2026-2/saker/helsereform.md"


def only_paragraph(text: str) -> Paragraph:
    body = parse_body(text, where=WHERE)
    assert body.sections == []
    assert len(body.intro) == 1
    block = body.intro[0]
    assert isinstance(block, Paragraph)
    return block


def visible(spans: list[Span]) -> list[Span]:
    """The spans a reader sees: markdown-it leaves empty text nodes around some emphasis."""
    return [s for s in spans if s.text or s.line_break]


# -- structure -------------------------------------------------------------------


def test_sections_and_intro() -> None:
    body = parse_body(
        "Innledende tekst.\n\n## Bakgrunn\n\nFørste avsnitt.\n\nAndre avsnitt.\n\n"
        "## Hvorfor saken fremmes til dette møtet:\n\nFordi.\n",
        where=WHERE,
    )
    assert [b.text for b in body.intro if isinstance(b, Paragraph)] == ["Innledende tekst."]
    assert [s.title for s in body.sections] == ["Bakgrunn", "Hvorfor saken fremmes til dette møtet"]
    assert [b.text for b in body.sections[0].blocks if isinstance(b, Paragraph)] == [
        "Første avsnitt.",
        "Andre avsnitt.",
    ]
    assert body.forslag is None
    assert not body.is_empty


def test_empty_body() -> None:
    body = parse_body("", where=WHERE)
    assert body.is_empty
    assert body.intro == [] and body.sections == [] and body.forslag is None


def test_section_title_whitespace_is_collapsed() -> None:
    body = parse_body("##   Bakgrunn   og   mål  \n\ntekst", where=WHERE)
    assert body.sections[0].title == "Bakgrunn og mål"


def test_sub_headings_inside_a_section() -> None:
    body = parse_body("## Bakgrunn\n\n### Første del\n\nTekst.\n\n#### Detalj\n", where=WHERE)
    blocks = body.sections[0].blocks
    assert isinstance(blocks[0], SubHeading)
    assert (blocks[0].level, blocks[0].text) == (3, "Første del")
    assert isinstance(blocks[1], Paragraph) and blocks[1].text == "Tekst."
    assert isinstance(blocks[2], SubHeading)
    assert (blocks[2].level, blocks[2].text) == (4, "Detalj")


def test_soft_line_break_becomes_a_space() -> None:
    assert only_paragraph("Første linje\nandre linje").text == "Første linje andre linje"


# -- spans ---------------------------------------------------------------------


def test_bold_italic_and_link_spans() -> None:
    para = only_paragraph("Vanlig **fet** og *kursiv* og [Forskningsrådet](https://www.forskningsradet.no).")
    assert visible(para.spans) == [
        Span("Vanlig "),
        Span("fet", bold=True),
        Span(" og "),
        Span("kursiv", italic=True),
        Span(" og "),
        Span("Forskningsrådet", link="https://www.forskningsradet.no"),
        Span("."),
    ]


def test_bold_italic_nested_and_inline_code() -> None:
    para = only_paragraph("***begge*** og `kode`")
    assert visible(para.spans) == [Span("begge", bold=True, italic=True), Span(" og "), Span("kode", code=True)]


def test_hard_line_break() -> None:
    para = only_paragraph("Første linje  \nAndre linje")
    assert para.spans == [Span("Første linje"), Span("Andre linje", line_break=True)]
    assert para.text == "Første linje\nAndre linje"


def test_hard_line_break_with_backslash() -> None:
    para = only_paragraph("Første\\\nandre")
    assert para.text == "Første\nandre"
    assert [s.line_break for s in para.spans] == [False, True]


# -- lists -----------------------------------------------------------------------


def test_bullet_list() -> None:
    body = parse_body("- en\n- to\n- tre\n", where=WHERE)
    block = body.intro[0]
    assert isinstance(block, ListBlock)
    assert not block.ordered
    assert block.start == 1
    assert [plain_text(item) for item in block.items] == ["en", "to", "tre"]


def test_ordered_list_with_start_number() -> None:
    body = parse_body("3. tre\n4. fire\n", where=WHERE)
    block = body.intro[0]
    assert isinstance(block, ListBlock)
    assert block.ordered
    assert block.start == 3
    assert [plain_text(item) for item in block.items] == ["tre", "fire"]


def test_ordered_list_starts_at_one_by_default() -> None:
    block = parse_body("1. en\n2. to\n", where=WHERE).intro[0]
    assert isinstance(block, ListBlock)
    assert (block.ordered, block.start) == (True, 1)


def test_nested_lists() -> None:
    body = parse_body("1. Første\n   - a\n   - b\n     1. dypt\n2. Andre\n", where=WHERE)
    outer = body.intro[0]
    assert isinstance(outer, ListBlock) and outer.ordered
    assert len(outer.items) == 2
    first = outer.items[0]
    assert isinstance(first[0], Paragraph) and first[0].text == "Første"
    inner = first[1]
    assert isinstance(inner, ListBlock) and not inner.ordered
    assert [item[0].text for item in inner.items if isinstance(item[0], Paragraph)] == ["a", "b"]
    deepest = inner.items[1][1]
    assert isinstance(deepest, ListBlock) and deepest.ordered
    assert plain_text(deepest.items[0]) == "dypt"
    assert plain_text(outer.items[1]) == "Andre"
    assert plain_text(body.intro) == "Første\na\nb\ndypt\nAndre"


def test_list_item_spans_keep_formatting() -> None:
    block = parse_body("- **Viktig:** les dette\n", where=WHERE).intro[0]
    assert isinstance(block, ListBlock)
    para = block.items[0][0]
    assert isinstance(para, Paragraph)
    assert visible(para.spans) == [Span("Viktig:", bold=True), Span(" les dette")]


# -- tables and images -------------------------------------------------------------


def test_table_header_and_rows() -> None:
    body = parse_body(
        "| Melding | Status |\n|---|---|\n| Helsepersonellmeldingen | **Varslet** |\n| NOU 2023:4 | Sendt |\n",
        where=WHERE,
    )
    table = body.intro[0]
    assert isinstance(table, TableBlock)
    assert table.header == [[Span("Melding")], [Span("Status")]]
    rows = [[visible(cell) for cell in row] for row in table.rows]
    assert rows == [
        [[Span("Helsepersonellmeldingen")], [Span("Varslet", bold=True)]],
        [[Span("NOU 2023:4")], [Span("Sendt")]],
    ]


def test_table_with_empty_cell() -> None:
    table = parse_body("| A | B |\n|---|---|\n| 1 |   |\n", where=WHERE).intro[0]
    assert isinstance(table, TableBlock)
    assert table.rows == [[[Span("1")], []]]


def test_image_with_alt_text() -> None:
    body = parse_body("## Vedlegg\n\n![Organisasjonskart for rådet](figurer/kart.png)\n", where=WHERE)
    assert body.sections[0].blocks == [Image(src="figurer/kart.png", alt="Organisasjonskart for rådet")]


def test_image_inside_text_is_kept_as_its_alt_text() -> None:
    para = only_paragraph("Se ![kart](kart.png) her")
    assert para.text == "Se kart her"


# -- forslag til vedtak ----------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["## Forslag til vedtak", "## Forslag til vedtak:", "## forslag til VEDTAK", "##  Forslag  til vedtak"]
)
def test_forslag_section_is_extracted(heading: str) -> None:
    body = parse_body(f"## Bakgrunn\n\nTekst.\n\n{heading}\n\nRådet slutter seg til forslaget.\n", where=WHERE)
    assert [s.title for s in body.sections] == ["Bakgrunn"]
    assert body.forslag is not None
    assert plain_text(body.forslag) == "Rådet slutter seg til forslaget."


def test_sections_after_forslag_are_ordinary_sections() -> None:
    body = parse_body("## Forslag til vedtak\n\n- punkt en\n- punkt to\n\n## Vedlegg\n\nListe.\n", where=WHERE)
    assert body.forslag is not None
    assert plain_text(body.forslag) == "punkt en\npunkt to"
    assert [s.title for s in body.sections] == ["Vedlegg"]
    assert plain_text(body.sections[0].blocks) == "Liste."


def test_forslag_only_body_is_not_empty() -> None:
    body = parse_body("## Forslag til vedtak\n\nGodkjennes.\n", where=WHERE)
    assert not body.is_empty
    assert body.sections == []


# -- errors ----------------------------------------------------------------------


def test_level_one_heading_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        parse_body("## Bakgrunn\n\nTekst.\n\n# Helsereformen\n", where=WHERE)
    assert info.value.what == "line 5: a level-1 heading («# Helsereformen»)"
    assert info.value.where == WHERE
    assert info.value.fix is not None and "«## »" in info.value.fix


def test_setext_level_one_heading_is_refused_too() -> None:
    with pytest.raises(InputError) as info:
        parse_body("Tekst.\n\nOverskrift\n==========\n", where=WHERE)
    assert info.value.what == "line 3: a level-1 heading («# Overskrift»)"


def test_level_one_heading_line_counts_crlf_files_right() -> None:
    with pytest.raises(InputError) as info:
        parse_body("a\r\n\r\nb\r\n# Tittel\r\n", where=WHERE)
    assert info.value.what.startswith("line 4:")


def test_level_one_heading_line_with_vertical_tab_before_it() -> None:
    with pytest.raises(InputError) as info:
        parse_body("Linje\x0bmed skift\n# Tittel\n", where=WHERE)
    assert info.value.what.startswith("line 2:")


def test_forslag_twice_is_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_body("## Forslag til vedtak\n\nEn.\n\n## Bakgrunn\n\nx\n\n## Forslag til vedtak:\n\nTo.\n", where=WHERE)
    assert info.value.what == "line 9: «## Forslag til vedtak» appears twice"
    assert info.value.where == WHERE


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_body("PK\x03\x04\x00\x00binary", where=WHERE)
    assert info.value.what == "contains NUL bytes: it is not a text file"
    assert info.value.where == WHERE
    assert info.value.fix == "Give a Markdown (.md) text file."


# -- literal text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "literal",
    [
        "{{ 7*7 }}",
        "{% for x in saker %}",
        "<w:p>",
        '<w:r><w:t xml:space="preserve">x</w:t></w:r>',
        "Helse & omsorg",
        "Forskning &amp; innovasjon er &lt;viktig&gt;",
        "Jubel 🎉 og 👩🏽‍⚕️ i møtet",
        "{rådet} og {forrige_møte}",
    ],
)
def test_literal_text_is_preserved(literal: str) -> None:
    para = only_paragraph(f"Før {literal} etter")
    expected = literal.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    assert para.text == f"Før {expected} etter"
    assert len(para.spans) == 1  # split text nodes are joined again


def test_template_syntax_in_a_heading_and_list_is_literal() -> None:
    body = parse_body("## Sak {{ n }}\n\n- {% if x %}ja{% endif %}\n", where=WHERE)
    assert body.sections[0].title == "Sak {{ n }}"
    assert plain_text(body.sections[0].blocks) == "{% if x %}ja{% endif %}"


def test_right_to_left_text_is_preserved() -> None:
    arabic = "مجلس الصحة والرعاية"
    hebrew = "מועצת הבריאות"
    body = parse_body(f"## {hebrew}\n\n{arabic}\n\n- {hebrew} 21\n", where=WHERE)
    assert body.sections[0].title == hebrew
    assert plain_text(body.sections[0].blocks) == f"{arabic}\n{hebrew} 21"


def test_control_characters_are_removed() -> None:
    para = only_paragraph("Helse\x01Omsorg\x0c21\x1f rådet\x08\ufffe")
    assert para.text == "HelseOmsorg21 rådet"


def test_clean_text_turns_vertical_tab_into_newline() -> None:
    assert clean_text("Linje én\x0bLinje to") == "Linje én\nLinje to"
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("tab\tbeholdes\x07") == "tab\tbeholdes"


def test_vertical_tab_becomes_a_line_break_in_a_body() -> None:
    para = only_paragraph("Linje én\x0bLinje to")
    assert para.text == "Linje én\nLinje to"
