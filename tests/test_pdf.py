"""--pdf: one tagged PDF with a bookmark per case and vedlegg, and the full packet with PDF vedlegg."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, snapshot
from tests.makers import outline
from tests.makers import tiny_pdf as pdf_bytes

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)",
)


def tiny_pdf(path: Path, text: str) -> Path:
    """A one-page PDF with a line of text, written by hand (no PDF library needed)."""
    path.write_bytes(pdf_bytes(text))
    return path


def structure_types(reader: Any) -> tuple[set[str], list[str]]:
    kinds: set[str] = set()
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if not hasattr(node, "get"):
            return
        if node.get("/S"):
            kinds.add(str(node["/S"]))
            if node["/S"] == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        if node.get("/K") is not None:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return kinds, alts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from ho21cli.actions.build import build_innkalling
    from ho21cli.actions.cases import CaseEdit, edit_case
    from tests.conftest import EXAMPLE

    root = tmp_path_factory.mktemp("pdf") / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    letter = tiny_pdf(root / "brev.pdf", "Brev fra Helse- og omsorgsdepartementet")
    edit_case(root, "2026-1", "helsereformutvalget", CaseEdit(add_vedlegg=[f"{letter}=Brev fra HOD"]))
    edit_case(root, "2026-1", "innovasjon-i-helsetjenesten", CaseEdit(add_vedlegg=[f"{outlined(root)}=Disposisjon"]))
    return build_innkalling(root, "2026-1", pdf=True)


def outlined(root: Path) -> Path:
    """A vedlegg with its own Heading 1 and a paragraph given an outline level directly (as Word's
    Paragraph dialog does): both would be top-level bookmarks, between the cases, unless nested."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Kapittel med overskrift", 1)
    p = document.add_paragraph("Avsnitt med disposisjonsnivå")
    p._p.get_or_add_pPr().append(
        parse_xml('<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="0"/>')
    )
    document.add_paragraph("Tekst.")
    path = root / "disposisjon.docx"
    document.save(str(path))
    return path


def test_a_vedleggs_own_bookmarks_nest_under_it(built: Any) -> None:
    from pypdf import PdfReader

    items = outline(PdfReader(str(built.pdf)))
    titles = [title for _, title, _ in items]
    parent = next(i for i, t in enumerate(titles) if t.startswith("Vedlegg ") and t.endswith(": Disposisjon"))
    depth = items[parent][0]
    for title in ("Kapittel med overskrift", "Avsnitt med disposisjonsnivå"):
        index = titles.index(title)
        assert items[index][0] > depth and index > parent, title  # under its vedlegg, not between the cases
    assert all(not t.startswith(("Kapittel", "Avsnitt")) for d, t, _ in items if d <= 1)


def test_outline_has_every_case_and_vedlegg_on_its_page(built: Any) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(built.pdf))
    items = outline(reader)
    cases = [title for depth, title, _ in items if depth == 0]
    assert cases[0] == "Saksliste"
    assert cases[6] == "Sak 6/1/2026 Helsereformutvalget" and len(cases) == 13
    nested = [title for depth, title, _ in items if depth == 1]
    assert nested[:3] == [
        "Vedlegg 1: Utkast til referat fra møte 3/2025",
        "Vedlegg 1: Programutkast",
        "Vedlegg 2: Statistikk LinkedIn profil",
    ]
    assert "Vedlegg 2: Brev fra HOD" in nested
    assert all(t.startswith("Vedlegg ") for t in nested)  # section headings are not bookmarked
    for _, title, page in items:
        text = " ".join(reader.pages[page].extract_text().split())
        assert title in text, (title, page)


def test_tagged_pdf_has_language_title_headings_table_headers_and_alt_text(built: Any) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(built.pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb-NO"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Innkalling HelseOmsorg21-rådet møte 1/2026"
    kinds, alts = structure_types(reader)
    assert {"/H1", "/H2", "/Table", "/TH", "/Figure", "/L", "/Link"} <= kinds
    assert alts == [
        "Stolpediagram: rådets LinkedIn-profil hadde rundt 435 følgere ved møte 3/2025 og rundt 535 ved møte 1/2026.",
        "Bilde i vedlegget «Presentasjon»",
    ]
    pages = reader.pages
    assert pages[1].extract_text().lstrip().startswith("HO21 møte 1/2026")
    assert f"side 2 av {len(pages)}" in pages[1].extract_text()


def test_packet_puts_the_pdf_vedlegg_after_its_cover_page(built: Any) -> None:
    from pypdf import PdfReader

    tagged, packet = PdfReader(str(built.pdf)), PdfReader(str(built.packet))
    assert len(packet.pages) == len(tagged.pages) + 1
    cover = next(page for _, title, page in outline(packet) if title == "Vedlegg 2: Brev fra HOD")
    assert "Sak 6/1/2026 Helsereformutvalget" in packet.pages[cover].extract_text()
    assert "Brev fra Helse- og omsorgsdepartementet" in packet.pages[cover + 1].extract_text()
    after = next(page for _, title, page in outline(packet) if title.startswith("Sak 7/1/2026"))
    assert after == cover + 2 and "Tilgang til helsedata" in packet.pages[after].extract_text()


def test_one_libreoffice_start_per_build(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from ho21cli.actions.build import build_innkalling

    calls: list[list[str]] = []
    real = subprocess.run

    def counting(cmd: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(cmd)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    build_innkalling(example, "2026-1", pdf=True)
    assert sum("--convert-to" in c for c in calls) == 1


def test_missing_libreoffice_is_one_clear_message(
    example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    before = snapshot(example)
    result = ho21("build-innkalling", "2026-1", "--pdf", "--root", example)
    assert result.code == 5
    assert "LibreOffice" in result.err and "libreoffice-writer-nogui" in result.err and "Traceback" not in result.err
    assert snapshot(example) == before


def test_referat_as_pdf(example: Path, ho21: Callable[..., Run]) -> None:
    from pypdf import PdfReader

    # A referat that exists is the person's: its PDF comes from `referat-pdf` (tests/test_referat_finished.py).
    (example / "2026-1" / "referat-2026-1.docx").unlink()
    result = ho21("draft-referat", "2026-1", "--pdf", "--root", example)
    assert result.code == 0, result.err
    reader = PdfReader(str(example / "2026-1" / "referat-2026-1.pdf"))
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"
    assert "HelseOmsorg21-rådet, referat møte 1/2026" in " ".join(reader.pages[0].extract_text().split())


SHIM = """#!{python}
# soffice that fails (makes no PDF) on any .docx whose text holds KRASJ, as LibreOffice fails
# on some real documents; every other file goes to the real soffice.
import subprocess, sys, zipfile
def fails(path):
    try:
        with zipfile.ZipFile(path) as zf:
            return b"KRASJ" in zf.read("word/document.xml")
    except Exception:
        return False
args = [a for a in sys.argv[1:] if not (a.endswith(".docx") and fails(a))]
if any(a.endswith(".docx") for a in args):
    sys.exit(subprocess.run([{real!r}, *args]).returncode)
"""


def test_when_libreoffice_fails_the_vedlegg_it_fails_on_is_named(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import docx

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "soffice"
    shim.write_text(SHIM.format(python=sys.executable, real=shutil.which("soffice")), encoding="utf-8")
    shim.chmod(0o755)
    for name, text in (
        ("fin.docx", "Et vedlegg LibreOffice leser."),
        ("krasj.docx", "KRASJ: et vedlegg den ikke leser."),
    ):
        document = docx.Document()
        document.add_paragraph(text)
        document.save(str(tmp_path / name))
    vedlegg = [f"--vedlegg={tmp_path / 'fin.docx'}=Fint notat", f"--vedlegg={tmp_path / 'krasj.docx'}=Brev med feil"]
    added = ho21("add-case", "2026-1", "--title", "Notater", "--ettersendes", *vedlegg, "--root", buildable)
    assert added.code == 0, added.err
    monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ['PATH']}")
    before = snapshot(buildable)
    result = ho21("build-innkalling", "2026-1", "--pdf", "--root", buildable)
    assert result.code == 3, result.err
    assert "LibreOffice cannot convert vedlegg 2 of Sak 6/1/2026 («Brev med feil») to PDF" in result.err
    assert "notater-2.docx" in result.err and "Fint notat" not in result.err
    assert snapshot(buildable) == before  # the build is all or nothing


def test_the_outline_is_replaced_by_an_update_appended_to_libreoffices_pdf(tmp_path: Path) -> None:
    """The finishing step leaves LibreOffice's tagged PDF byte for byte in front of it and
    appends the new outline: its time goes with the outline, not with the pages."""
    import docx
    from pypdf import PdfReader

    from ho21cli.render.pdf import convert, finish_innkalling

    document = docx.Document()
    for text, level in (("Sak 1/1/2026 Første", 1), ("Bakgrunn", 2), ("Vedlegg 1: Notat", 2), ("Del av notatet", 3)):
        document.add_heading(text, level)
        document.add_paragraph("Tekst.")
    source = tmp_path / "i.docx"
    document.save(str(source))
    (pdf,) = convert([source], tmp_path / "pdf")
    original = pdf.read_bytes()
    finish_innkalling(pdf)
    finished = pdf.read_bytes()
    assert finished.startswith(original) and len(finished) - len(original) < 4000
    reader = PdfReader(str(pdf), strict=True)
    assert [(d, t) for d, t, _ in outline(reader)] == [
        (0, "Sak 1/1/2026 Første"),
        (1, "Vedlegg 1: Notat"),
        (2, "Del av notatet"),
    ]
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_outline_read_from_its_objects_is_the_one_pypdf_reads(built: Any) -> None:
    from pypdf import PdfReader

    from ho21cli.render.pdf import _outline_as_written, _outline_by_pypdf

    for pdf in (built.pdf, built.packet):
        direct = _outline_as_written(PdfReader(str(pdf)))
        assert direct is not None and direct == _outline_by_pypdf(PdfReader(str(pdf)))
        assert len(direct) == 13 and any(b.children for b in direct)


def test_a_title_wrapped_over_two_lines_is_still_found(tmp_path: Path) -> None:
    """LibreOffice with fonts wider than Word's wraps «referat møte 1/2026» after «møte»."""
    from ho21cli.errors import Ho21Error
    from ho21cli.render.pdf import check_first_page

    class Page:
        def extract_text(self) -> str:
            return "HelseOmsorg21-rådet, referat møte\n1/2026\nUtkast"

    class Reader:
        def __init__(self) -> None:
            self.pages = [Page()]

    check_first_page(Reader(), ["referat møte 1/2026"], where=tmp_path / "referat.pdf")
    with pytest.raises(Ho21Error, match="referat møte 2/2026"):
        check_first_page(Reader(), ["referat møte 2/2026"], where=tmp_path / "referat.pdf")


def test_a_pdf_strict_reading_refuses_is_read_leniently() -> None:
    """The made PDF is read strictly (fast); one whose cross-references are off still reads."""
    import pypdf

    from ho21cli.render.pdf import read_made_pdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    sound = buffer.getvalue()
    shifted = sound.replace(b"\n", b"\n%shifted\n", 1)  # every offset in the xref table now misses by 9
    with pytest.raises(pypdf.errors.PdfReadError):
        pypdf.PdfReader(io.BytesIO(shifted), strict=True)
    assert read_made_pdf(sound).strict
    reader = read_made_pdf(shifted)
    assert not reader.strict
    assert len(reader.pages) == 1
