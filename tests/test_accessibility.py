"""Universal design of the .docx: language, title, headings, header rows, alt text; and cross-references."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, write
from tests.docx_read import W, headings, open_docx, paragraphs, table_rows

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def innkalling(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from ho21cli.actions.build import build_innkalling
    from tests.conftest import EXAMPLE

    root = tmp_path_factory.mktemp("a11y") / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    return build_innkalling(root, "2026-1").innkalling


def test_every_image_has_alt_text_including_merged_vedlegg(innkalling: Path) -> None:
    doc = open_docx(innkalling)
    descr = [d.get("descr") for d in doc.element.body.iter(f"{WP}docPr")]
    assert descr == [
        "Stolpediagram: rådets LinkedIn-profil hadde rundt 435 følgere ved møte 3/2025 og rundt 535 ved møte 1/2026.",
        "Bilde i vedlegget «Presentasjon»",
    ]


def test_table_header_rows_repeat(innkalling: Path) -> None:
    doc = open_docx(innkalling)
    marked = [
        t
        for t in doc.tables
        if t._tbl.tr_lst[0].trPr is not None and t._tbl.tr_lst[0].trPr.find(f"{W}tblHeader") is not None
    ]
    first_rows = [table_rows(t)[0][:2] for t in marked]
    assert ["Sak", "Tittel"] in first_rows  # the saksliste
    assert ["Melding/strategi/NOU", "Innspill"] in first_rows  # a merged vedlegg's table
    assert ["Varighet (cirka)", "Innhold"] in first_rows


def test_headings_are_real_word_headings_in_order(innkalling: Path) -> None:
    paras = paragraphs(open_docx(innkalling))
    levels = [int(p.style.split()[-1]) for p in paras if p.style.startswith("Heading ")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level going down


def test_symbolic_references_resolve_and_follow_renumbering(example: Path, ho21: Callable[..., Run]) -> None:
    def habilitet_text() -> str:
        doc = open_docx(example / "2026-1" / "build" / "innkalling-2026-1.docx")
        texts = [p.text for p in doc.paragraphs]
        start = texts.index("Hovedpunkter", texts.index("Sak 2/1/2026 Spørsmål om habilitet"))
        return texts[start + 1]

    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    assert habilitet_text().startswith("Sak 7/1/2026 om helsedata")
    assert habilitet_text().endswith("knyttet til sak 7/1/2026.")
    assert ho21("move-case", "2026-1", "tilgang-til-helsedata", "--after", "9", "--root", example).code == 0
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    assert habilitet_text().startswith("Sak 9/1/2026 om helsedata")
    assert "[[" not in habilitet_text()


def test_unknown_symbolic_reference_is_an_error(example: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / "b.md", "## Bakgrunn\n\nSe [[sak:helsereform]].\n")
    assert ho21("edit-case", "2026-1", "ksf", "--body", body, "--root", example).code == 3  # no case "ksf"
    assert ho21("edit-case", "2026-1", "9", "--body", body, "--root", example).code == 0
    result = ho21("check", "2026-1", "--as-of", "2025-12-01", "--root", example)
    assert result.code == 1
    assert "[[sak:helsereform]]" in result.out and "helsereformutvalget" in result.out
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 1


def test_body_image_is_copied_with_the_body_and_needs_alt_text(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    from tests.conftest import KILDE

    src = tmp_path / "kilde med æøå"
    src.mkdir()
    (src / "bilder").mkdir()
    (src / "bilder" / "graf.png").write_bytes((KILDE / "2026-1" / "linkedin-folgere.png").read_bytes())
    body = write(src / "b.md", "## Bakgrunn\n\n![](bilder/graf.png)\n")
    assert ho21("add-case", "2026-1", "--title", "Graf", "--body", body, "--root", archive).code == 0
    assert (archive / "2026-1" / "saker" / "graf" / "bilder" / "graf.png").is_file()
    result = ho21("check", "2026-1", "--root", archive)
    assert "no alt text" in result.out
    outside = write(src / "c.md", "## Bakgrunn\n\n![Graf](../graf.png)\n")
    refused = ho21("add-case", "2026-1", "--title", "Graf 2", "--body", outside, "--root", archive)
    assert refused.code == 3 and "not a file next to the body" in refused.err


def test_referat_and_innkalling_headings_for_navigation(innkalling: Path) -> None:
    names = headings(open_docx(innkalling), 2)
    assert "Vedlegg 1: Mandat" in names and "Bakgrunn" in names
