"""PDF for the archive and the web (issue 14): PDF/A-2 and tagged, from one LibreOffice start.

What can be verified here, read back from the file: the PDF/A identification in the XMP
metadata (part 2, conformance B), PDF/UA identification, the structure tree and
/MarkInfo (tagged), the document language, the title, and that every font is embedded.
A full PDF/A validator (veraPDF) is not available as a Debian package; these are the
properties it would look at first.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)",
)


def xmp_of(reader: Any) -> str:
    return str(reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8"))


def xmp_value(xmp: str, name: str) -> str | None:
    """``pdfaid:part`` and the like, written as an attribute or as an element."""
    found = re.search(rf'{name}="([^"]*)"', xmp) or re.search(rf"<{name}>([^<]*)</{name}>", xmp)
    return found.group(1) if found else None


def unembedded_fonts(reader: Any) -> set[str]:
    """The fonts used on any page whose program is not in the file."""
    missing: set[str] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else None
            if font.get("/Subtype") == "/Type3":
                continue  # drawn by the PDF's own operators
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


@pytest.fixture(scope="module")
def saksfremlegg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saksfremlegg .docx as the build writes it (the example's Helsereformutvalget)."""
    from ho21cli.actions.build import build_innkalling

    root = tmp_path_factory.mktemp("pdfa") / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    build_innkalling(root, "2026-1", draft=True, force=True)
    (found,) = (root / "2026-1" / "build" / "saksfremlegg").glob("sak-06-*.docx")
    return found


def test_published_pdf_is_pdfa2_tagged_with_language_title_and_embedded_fonts(
    saksfremlegg: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from ho21cli.render.pdf import convert

    (pdf,) = convert([saksfremlegg], tmp_path, pdfa=True)
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    xmp = xmp_of(reader)
    assert (xmp_value(xmp, "pdfaid:part"), xmp_value(xmp, "pdfaid:conformance")) == ("2", "B")
    assert xmp_value(xmp, "pdfuaid:part") == "1"
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).lower().startswith("nb")
    assert reader.metadata is not None and reader.metadata.title == "Sak 6/1/2026 Helsereformutvalget"
    assert not unembedded_fonts(reader)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Helsereformutvalget" in text


def test_the_members_pdf_stays_tagged_without_pdfa(saksfremlegg: Path, tmp_path: Path) -> None:
    """The check above can fail: the ordinary --pdf export is tagged (PDF/UA) but not PDF/A."""
    from pypdf import PdfReader

    from ho21cli.render.pdf import convert

    (pdf,) = convert([saksfremlegg], tmp_path)
    reader = PdfReader(pdf)
    xmp = xmp_of(reader)
    assert xmp_value(xmp, "pdfaid:part") is None
    assert xmp_value(xmp, "pdfuaid:part") == "1"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
