"""The innkalling as LibreOffice renders it: opens, paginates, keeps the text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
)


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (docx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice made no PDF (it exits 0 even when it fails)"
    return pdf


def test_example_innkalling_renders_like_the_councils_documents(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from ho21cli.actions.build import build_innkalling
    from tests.conftest import EXAMPLE

    root = tmp_path / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    pdf = to_pdf(build_innkalling(root, "2026-1").innkalling, tmp_path)
    reader = PdfReader(str(pdf))
    pages = [page.extract_text() for page in reader.pages]
    assert 25 <= len(pages) <= 45
    assert "Saksliste" in pages[0] and "Sak 12/1/2026" in pages[0]
    assert "onsdag 14. januar 2026" in pages[0]
    assert pages[1].lstrip().startswith("HO21 møte 1/2026")
    assert f"side 2 av {len(pages)}" in pages[1]
    # each saksfremlegg starts on its own page, in saksliste order
    starts = [
        next(i for i, text in enumerate(pages) if re.search(rf"Saksfremlegg\s+Sak {n}/1/2026 ", text))
        for n in range(1, 13)
    ]
    assert starts == sorted(starts) and len(set(starts)) == 12
    assert "Vedlegg 1: Mandat" in "".join(pages[starts[5] : starts[6]])


@pytest.mark.parametrize(
    "xml",
    [
        '<w:p><w:r><w:t xml:space="preserve">Ingen tegn å gjøre om</w:t></w:r></w:p>',
        "<w:p><w:pPr><w:jc/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a\tb\nc\ad\fe</w:t></w:r></w:p>",
    ],
)
def test_listing_characters_become_word_markup_as_docxtpl_makes_them(xml: str) -> None:
    """ho21's DocxTemplate skips docxtpl's resolve_listing where there is nothing to resolve."""
    from docxtpl import DocxTemplate

    from ho21cli.render.templating import _docx_template_class

    ours = _docx_template_class()("unused.docx").resolve_listing(xml)
    assert ours == DocxTemplate("unused.docx").resolve_listing(xml)
    assert ("<w:tab/>" in ours) == ("\t" in xml)
