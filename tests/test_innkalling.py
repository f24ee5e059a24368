"""The innkalling read back from the generated .docx: saksliste, cases, sections, lists, vedlegg."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import KILDE, Run, snapshot, write
from tests.docx_read import all_text, headings, open_docx, paragraphs, section_text, table_rows

SOURCE = tomllib.loads((KILDE / "cases.toml").read_text(encoding="utf-8"))["case"]
EXPECTED_TITLES = [c["title"] for c in SOURCE]
EXPECTED_TITLES[2] = "Godkjenning av referat fra møte 3/2025"  # the title new-meeting computes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example archive's innkalling, built once for this module."""
    import shutil

    from ho21cli.actions.build import build_innkalling
    from tests.conftest import EXAMPLE

    root = tmp_path_factory.mktemp("ex") / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    result = build_innkalling(root, "2026-1")
    return result.innkalling


def test_saksliste_table_lists_every_case_in_order(built: Path) -> None:
    doc = open_docx(built)
    rows = table_rows(doc.tables[1])
    assert rows[0] == ["Sak", "Tittel"]
    assert rows[1:] == [
        [f"Sak {n}/1/2026", title + (" (ettersendes)" if n == 7 else "")]
        for n, title in enumerate(EXPECTED_TITLES, start=1)
    ]


def test_front_page_has_computed_weekday_and_place(built: Path) -> None:
    rows = table_rows(open_docx(built).tables[0])
    assert rows[0] == ["Dato", "onsdag 14. januar 2026, kl. 10.00 – 15.00"]
    assert rows[1] == ["Sted", "Forskningsrådets lokaler"]


def test_every_saksfremlegg_heading_matches_the_saksliste(built: Path) -> None:
    doc = open_docx(built)
    case_headings = [h for h in headings(doc, 1) if h.startswith("Sak ")]
    assert case_headings == [f"Sak {n}/1/2026 {t}" for n, t in enumerate(EXPECTED_TITLES, start=1)]
    assert headings(doc, 1)[0] == "Saksliste"


def test_sections_and_forslag_of_a_case(built: Path) -> None:
    paras = paragraphs(open_docx(built))
    start = next(i for i, p in enumerate(paras) if p.text == "Sak 6/1/2026 Helsereformutvalget")
    bakgrunn = section_text(paras, "Bakgrunn", after=start)
    assert bakgrunn[0].startswith("Regjeringen har oppnevnt et helsereformutvalg")
    assert bakgrunn[-1] == "Utvalget skal levere sin rapport innen 1. november 2026."
    hvorfor = section_text(paras, "Hvorfor saken fremmes til dette møtet", after=start)
    assert hvorfor[0].startswith("Saken fremmes for at rådet skal bli orientert")
    forslag = section_text(paras, "Forslag til vedtak", after=start)
    assert forslag == [SOURCE[5]["forslag"]]


def test_header_block_names_til_fra_saksbehandler_and_numbered_vedlegg(built: Path) -> None:
    saksfremlegg = sorted((built.parent / "saksfremlegg").glob("sak-08-*.docx"))
    assert len(saksfremlegg) == 1
    doc = open_docx(saksfremlegg[0])
    assert headings(doc, 1) == ["Sak 8/1/2026 Innovasjon i helsetjenesten"]
    rows = table_rows(doc.tables[0])
    assert rows[0] == ["Til", "HelseOmsorg21-rådet", "Saksbehandler", "Tine Thorbjørnsen og Henrietta Blankson"]
    assert rows[1] == [
        "Fra",
        "Ole Johan Borge",
        "Vedlegg",
        "1. Notat: Innovasjonsløype i helsetjenestene og utvikling av helsenæring\n2. Presentasjon",
    ]


def test_bullets_are_list_paragraphs_and_numbered_lists_restart(built: Path) -> None:
    paras = paragraphs(open_docx(built))
    start = next(i for i, p in enumerate(paras) if p.text == "Sak 8/1/2026 Innovasjon i helsetjenesten")
    end = next(
        i for i, p in enumerate(paras) if p.text == "Sak 9/1/2026 Kommunenes samarbeidsarena for forskning (KSF)"
    )
    bullets = [p.text for p in paras[start:end] if p.style == "List Bullet"]
    assert "Krav om gevinstrealiseringsplan" in bullets
    assert "Kartlegging av flaskehals" in bullets


def test_ordered_lists_each_start_at_one(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(
        tmp_path / "b.md",
        "## Bakgrunn\n\n1. en\n2. to\n\n## Hovedpunkter\n\n1. tre\n2. fire\n\nMellomtekst.\n\n5. fem\n",
    )
    assert ho21("add-case", "2026-1", "--title", "Lister", "--body", body, "--root", archive).code == 0
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", archive).code == 0
    doc = open_docx(archive / "2026-1" / "build" / "innkalling-2026-1.docx")
    numbered = [p for p in paragraphs(doc) if p.style == "List Number"]
    assert [p.text for p in numbered] == ["en", "to", "tre", "fire", "fem"]
    ids = [p.num_id for p in numbered]
    assert ids[0] == ids[1] and ids[2] == ids[3] and len({ids[0], ids[2], ids[4]}) == 3
    starts = _start_overrides(doc)
    assert [starts[i] for i in (ids[0], ids[2], ids[4])] == [1, 1, 5]


def _start_overrides(doc: docx.document.Document) -> dict[int, int]:
    numbering = doc.part.numbering_part.element
    out = {}
    for num in numbering.num_lst:
        override = num.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lvlOverride/"
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}startOverride"
        )
        if override is not None:
            out[int(num.numId)] = int(override.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"))
    return out


def test_vedlegg_are_merged_after_their_case_with_their_tables(built: Path) -> None:
    doc = open_docx(built)
    h = [p for p in paragraphs(doc) if p.style.startswith("Heading")]
    texts = [p.text for p in h]
    i = texts.index("Sak 5/1/2026 Oversikt meldinger og strategier")
    assert texts[i + 1 :].index("Vedlegg 1: Oversikt meldinger og strategier") < texts[i + 1 :].index(
        "Sak 6/1/2026 Helsereformutvalget"
    )
    assert "Vedlegg 1: Mandat" in texts and texts.index("Vedlegg 1: Mandat") > texts.index(
        "Sak 6/1/2026 Helsereformutvalget"
    )
    # the vedlegg's own heading sits under «Vedlegg 1», two levels down
    mandat_heading = next(p for p in h if p.text.startswith("Mandat for"))
    assert mandat_heading.style == "Heading 3"
    text = all_text(doc)
    assert "Melding/strategi/NOU\tInnspill\tLansering\tHøring\tForslag videre oppfølging fra HO21-rådet" in text
    assert "Pasient- og brukerrettighetslovutvalget" in text


def test_ettersendes_case_is_marked_and_has_no_empty_sections(built: Path) -> None:
    paras = paragraphs(open_docx(built))
    i = next(i for i, p in enumerate(paras) if p.text == "Sak 7/1/2026 Tilgang til helsedata")
    assert "Saksfremlegg ettersendes." in [p.text for p in paras[i : i + 3]]


def test_document_properties_and_language(built: Path) -> None:
    doc = open_docx(built)
    assert doc.core_properties.title == "Innkalling HelseOmsorg21-rådet møte 1/2026"
    lang = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults//"
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    )
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nb-NO"
    header = doc.sections[0].header.paragraphs[0].text
    assert header.startswith("HO21 møte 1/2026\tside ")


HOSTILE = "R&D <w:p> {{ 7*7 }} {% for x in y %} æøå ÆØÅ \u05e9\u05dc\u05d5\u05dd 🎉"


def test_user_text_is_never_template_code(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / "b.md", f"## Bakgrunn\n\n{HOSTILE}\x0bny linje\x07\n\n- {HOSTILE}\n")
    result = ho21("add-case", "2026-1", "--title", HOSTILE, "--body", body, "--forslag", HOSTILE, "--root", archive)
    assert result.code == 0, result.err
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", archive).code == 0
    doc = open_docx(archive / "2026-1" / "build" / "innkalling-2026-1.docx")
    texts = [p.text for p in doc.paragraphs]
    assert f"Sak 6/1/2026 {HOSTILE}" in texts
    assert f"{HOSTILE}\nny linje" in texts  # Word's \x0b stays a line break
    assert texts.count(HOSTILE) == 2  # the bullet and the forslag
    assert "49" not in all_text(doc)
    assert [HOSTILE] in [[r[1]] for r in table_rows(doc.tables[1])]


def test_renumbering_shows_in_the_rebuilt_innkalling(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("move-case", "2026-1", "6", "--after", "8", "--root", example).code == 0
    assert ho21("remove-case", "2026-1", "9", "--root", example).code == 0  # KSF, now number 9
    # An attendance note still names KSF (an error to fix before sending): a draft shows the numbers.
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", example).code == 0
    doc = open_docx(example / "2026-1" / "build" / "innkalling-2026-1.docx")
    rows = table_rows(doc.tables[1])[1:]
    assert rows[5:9] == [
        ["Sak 6/1/2026", "Tilgang til helsedata (ettersendes)"],
        ["Sak 7/1/2026", "Innovasjon i helsetjenesten"],
        ["Sak 8/1/2026", "Helsereformutvalget"],
        ["Sak 9/1/2026", "EUs nye konkurranseevnefond og kommende rammeprogram"],
    ]
    assert [h for h in headings(doc, 1) if h.startswith("Sak ")][5:9] == [
        f"{a} {b.removesuffix(' (ettersendes)')}" for a, b in rows[5:9]
    ]
    names = sorted(p.name for p in (example / "2026-1" / "build" / "saksfremlegg").iterdir())
    assert len(names) == 11 and names[7] == "sak-08-helsereformutvalget.docx"  # no stale files from old numbers


def test_an_edited_output_is_not_overwritten_without_force(archive: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", archive).code == 0
    out = archive / "2026-1" / "build" / "innkalling-2026-1.docx"
    edited = docx.Document(str(out))
    edited.add_paragraph("Håndskrevet merknad")
    edited.save(str(out))
    before = out.read_bytes()
    result = ho21("build-innkalling", "2026-1", "--draft", "--root", archive)
    assert result.code == 4 and "--force" in result.err
    assert out.read_bytes() == before
    assert ho21("build-innkalling", "2026-1", "--draft", "--force", "--root", archive).code == 0
    assert "Håndskrevet merknad" not in all_text(docx.Document(str(out)))


def test_missing_vedlegg_at_build_time_leaves_the_old_build(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    (example / "2026-1" / "vedlegg" / "helsereformutvalget-1.docx").unlink()
    before = snapshot(example)
    result = ho21("build-innkalling", "2026-1", "--root", example)
    assert result.code == 1  # `ho21 check` finds it first
    assert "helsereformutvalget-1.docx" in result.err and "not found" in result.err
    assert snapshot(example) == before


def test_template_with_jinja_error_names_the_template(archive: Path, ho21: Callable[..., Run]) -> None:
    bad = docx.Document(str(Path(__file__).resolve().parent.parent / "templates" / "innkalling.docx"))
    bad.add_paragraph("{% for s in saker %} aldri lukket")
    (archive / "maler").mkdir()
    bad.save(str(archive / "maler" / "innkalling.docx"))
    profile = archive / "profil.toml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            '# innkalling = "maler/innkalling.docx"', 'innkalling = "maler/innkalling.docx"'
        ),
        encoding="utf-8",
    )
    result = ho21("build-innkalling", "2026-1", "--draft", "--root", archive)
    assert result.code == 1  # not even a draft: the template is needed
    assert "innkalling.docx" in result.err and "Jinja syntax error" in result.err
    assert "Traceback" not in result.err


def test_package_parts_are_the_saved_parts(built: Path) -> None:
    """The saksfremlegg are cut from the innkalling's parts taken without a zip
    (render/package.py): the same names, order and bytes as python-docx saves."""
    import io
    import zipfile

    import docx

    from ho21cli.render.package import package_parts

    document = docx.Document(str(built))
    parts = package_parts(document)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        saved = {name: zf.read(name) for name in zf.namelist()}
    assert list(parts) == list(saved)
    assert parts == saved
    assert len(parts) > 10 and any(name.startswith("word/media/") for name in parts)
