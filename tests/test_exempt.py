"""Cases exempt from public access (offentleglova), and the public innkalling (issue 14).

An exempt case carries its legal basis (`--unntatt`) and may have a public title. The members'
innkalling is unchanged; `build-innkalling --public` writes the public one into the meeting's
offentlig/ folder, where the exempt case keeps its number and place, shows its public title
and the legal basis, and none of its documents. The tests read every file written there and
look for what must not be in it.
"""

from __future__ import annotations

import re
import shutil
import tomllib
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from ho21cli.actions.gates import run_check
from ho21cli.core.model import Case
from ho21cli.core.publicity import exemption_note, saksliste_title
from tests.conftest import Run, about_the_innkalling, refused, snapshot, write
from tests.docx_read import all_text, headings, open_docx, paragraphs, section_text, table_rows

M = "2026-1"
BEFORE_DEADLINE = date(2025, 12, 20)  # meeting 14 January 2026
BASIS = "offl. § 13 jf. fvl. § 13 første ledd nr. 1"
PUBLIC_TITLE = "Tilsetting av sekretariatsleder"
# Case 7 of the example, given documents whose every word is private: none may reach offentlig/.
SECRET_TITLE = "Vurdering av søkeren Kari Hemmelighaug"
SECRET_BODY = "Hemmelighaug har tolv års erfaring fra Helsedirektoratet og sterke referanser."
SECRET_FORSLAG = "Rådet innstiller Kari Hemmelighaug som sekretariatsleder fra 1. mars."
SECRET_VEDLEGG_TITLE = "Referanseintervju Zyxwv"
SECRET_VEDLEGG_TEXT = "Referansen beskriver søkeren som svært godt egnet for stillingen."
SECRET_SAKSBEHANDLER = "Ola Skjermingsen"
SECRETS = (SECRET_TITLE, SECRET_BODY, SECRET_FORSLAG, SECRET_VEDLEGG_TITLE, SECRET_VEDLEGG_TEXT, SECRET_SAKSBEHANDLER)
SECRET_LINE = "Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1."

HAVE_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(
    not HAVE_SOFFICE, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
)


def manifest_case(root: Path, case_id: str) -> dict[str, object]:
    data = tomllib.loads((root / M / "meeting.toml").read_text(encoding="utf-8"))
    return next(dict(c) for c in data["cases"] if c["id"] == case_id)


def codes(root: Path) -> list[tuple[str, str, str]]:
    _, problems = run_check(root, M, today=BEFORE_DEADLINE)
    return [(p.severity.value, p.code, p.place) for p in problems if about_the_innkalling(p)]


def squashed(text: str) -> str:
    return " ".join(text.split())


def make_private(root: Path, ho21: Callable[..., Run], tmp_path: Path, *, public_title: str | None) -> None:
    """Case 7 of the example with a private title, body, forslag, vedlegg and saksbehandler, marked exempt."""
    body = write(tmp_path / "kilde" / "sak7.md", f"## Bakgrunn\n\n{SECRET_BODY}\n")
    vedlegg = tmp_path / "kilde" / "referanse.docx"
    document = docx.Document()
    document.add_paragraph(SECRET_VEDLEGG_TEXT)
    document.save(str(vedlegg))
    given = ["--offentlig-tittel", public_title] if public_title else []
    result = ho21(
        "edit-case", M, "7", "--title", SECRET_TITLE, "--body", body, "--forslag", SECRET_FORSLAG,
        "--vedlegg", f"{vedlegg}={SECRET_VEDLEGG_TITLE}", "--saksbehandler", SECRET_SAKSBEHANDLER,
        "--unntatt", BASIS, *given, "--root", root,
    )  # fmt: skip
    assert result.code == 0, result.err


def docx_text(path: Path) -> str:
    """Every word a .docx holds: the body as read, and the text of every XML part (headers,
    footers, notes, document properties), so nothing hides outside the body."""
    parts = [all_text(open_docx(path))]
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith(".xml"):
                parts.append("".join(etree.fromstring(zf.read(name)).itertext()))
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    """The text of every page, the document information and the XMP metadata."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    info = [str(v) for v in (reader.metadata or {}).values()]
    return "\n".join([*(page.extract_text() or "" for page in reader.pages), *info, xmp_of(reader)])


def xmp_of(reader: object) -> str:
    metadata = reader.trailer["/Root"].get("/Metadata")  # type: ignore[attr-defined]
    return metadata.get_object().get_data().decode("utf-8") if metadata is not None else ""


def public_texts(folder: Path) -> dict[str, str]:
    """Each .docx and .pdf written under ``folder``, by name, with its text (whitespace as single spaces)."""
    readers = {".docx": docx_text, ".pdf": pdf_text}
    return {
        str(p.relative_to(folder)): squashed(readers[p.suffix](p))
        for p in sorted(folder.rglob("*"))
        if p.suffix in readers
    }


def assert_no_secret(texts: dict[str, str]) -> None:
    leaks = [(name, s) for name, text in texts.items() for s in SECRETS if squashed(s).casefold() in text.casefold()]
    assert not leaks, f"private text of the exempt case in public output: {leaks}"


def saksliste_row(document: object, number: str) -> list[str]:
    rows = [row for table in document.tables for row in table_rows(table)]  # type: ignore[attr-defined]
    return next(row for row in rows if row and row[0] == number)


# -- the options ---------------------------------------------------------------------------------


def test_add_and_edit_case_round_trip_through_the_manifest(archive: Path, ho21: Callable[..., Run]) -> None:
    added = ho21(
        "add-case",
        M,
        "--title",
        "Tilsetting",
        "--unntatt",
        BASIS,
        "--offentlig-tittel",
        "Personalsak",
        "--root",
        archive,
    )
    assert added.code == 0, added.err
    case = manifest_case(archive, "tilsetting")
    assert (case["unntatt"], case["offentlig_tittel"]) == (BASIS, "Personalsak")

    other_basis = "offl. § 23 første ledd"
    assert ho21("edit-case", M, "tilsetting", "--unntatt", other_basis, "--root", archive).code == 0
    case = manifest_case(archive, "tilsetting")
    assert (case["unntatt"], case["offentlig_tittel"]) == (other_basis, "Personalsak")  # only what is given changes

    assert ho21("edit-case", M, "tilsetting", "--offentlig-tittel", "", "--root", archive).code == 0
    case = manifest_case(archive, "tilsetting")
    assert case["unntatt"] == other_basis and "offentlig_tittel" not in case  # '' gives «Unntatt offentlighet»

    listed = ho21("list-cases", M, "--root", archive)
    assert f"exempt: {other_basis}" in squashed(listed.out.replace("│", " "))

    assert ho21("edit-case", M, "tilsetting", "--offentlig-tittel", "Personalsak", "--root", archive).code == 0
    opened = ho21("edit-case", M, "tilsetting", "--ikke-unntatt", "--root", archive)
    assert opened.code == 0, opened.err
    case = manifest_case(archive, "tilsetting")
    assert "unntatt" not in case and "offentlig_tittel" not in case
    assert "exempt" not in ho21("list-cases", M, "--root", archive).out


def test_list_cases_without_exempt_or_later_cases_has_no_note_column(archive: Path, ho21: Callable[..., Run]) -> None:
    assert "Note" not in ho21("list-cases", M, "--root", archive).out


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["edit-case", M, "innkalling", "--unntatt", ""], ["--unntatt", "needs its legal basis", "offl. § 13"]),
        (["edit-case", M, "innkalling", "--unntatt", "   "], ["--unntatt", "needs its legal basis"]),
        (["add-case", M, "--title", "Sak X", "--unntatt", ""], ["--unntatt", "needs its legal basis"]),
        (
            ["add-case", M, "--title", "Sak X", "--unntatt", BASIS, "--offentlig-tittel", " "],
            ["--offentlig-tittel", "no visible text", "Unntatt offentlighet"],
        ),
        (
            ["edit-case", M, "innkalling", "--ikke-unntatt", "--unntatt", BASIS],
            ["--ikke-unntatt cannot be combined with --unntatt or --offentlig-tittel"],
        ),
    ],
)
def test_bad_exemption_input_is_one_clear_message_and_changes_nothing(
    archive: Path, ho21: Callable[..., Run], args: list[str], needles: list[str]
) -> None:
    before = snapshot(archive)
    refused(ho21(*args, "--root", archive), 3, *needles)
    assert snapshot(archive) == before


# -- ho21 check -----------------------------------------------------------------------------------


def test_exempt_without_a_legal_basis_is_an_error_that_stops_the_build(
    example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = example / M / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('id = "helsereformutvalget"\n', 'id = "helsereformutvalget"\nunntatt = ""\n'))
    assert codes(example) == [("feil", "exempt-without-basis", "Sak 6/1/2026")]

    monkeypatch.setenv("COLUMNS", "1000")  # one line per row of check's table
    checked = ho21("check", M, "--as-of", "2025-12-20", "--root", example)
    assert checked.code == 1
    assert "«Helsereformutvalget» is marked exempt without a legal basis" in checked.out
    assert "`ho21 edit-case 2026-1 helsereformutvalget --unntatt TEXT`" in checked.out
    assert "exempt, no legal basis" in ho21("list-cases", M, "--root", example).out

    before = snapshot(example)
    for public in ([], ["--public"]):
        built = ho21("build-innkalling", M, *public, "--root", example)
        assert built.code == 1 and "exempt without a legal basis" in built.err, built.err
    assert snapshot(example) == before

    assert ho21("edit-case", M, "6", "--unntatt", BASIS, "--root", example).code == 0
    assert codes(example) == []


def test_a_public_title_on_an_open_case_is_a_warning(example: Path, ho21: Callable[..., Run]) -> None:
    edited = ho21("edit-case", M, "helsereformutvalget", "--offentlig-tittel", "Utvalg", "--root", example)
    assert edited.code == 0
    assert "the public title is used only for a case exempt from public access" in edited.out
    assert codes(example) == [("advarsel", "public-title-not-exempt", "Sak 6/1/2026")]
    _, problems = run_check(example, M, today=BEFORE_DEADLINE)
    assert "«Utvalg»" in problems[0].what and "«Helsereformutvalget»" in problems[0].what
    assert ho21("build-innkalling", M, "--public", "--root", example).code == 0  # a warning does not stop it
    public = open_docx(example / M / "offentlig" / "innkalling-2026-1-offentlig.docx")
    assert saksliste_row(public, "Sak 6/1/2026") == ["Sak 6/1/2026", "Helsereformutvalget"]


# -- the public innkalling ----------------------------------------------------------------------------


def test_the_public_innkalling_shows_number_public_title_and_basis_and_nothing_else(
    example: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    make_private(example, ho21, tmp_path, public_title=PUBLIC_TITLE)
    assert ho21("build-innkalling", M, "--root", example).code == 0
    members_build = snapshot(example / M / "build")

    built = ho21("build-innkalling", M, "--public", "--root", example)
    assert built.code == 0, built.err
    assert "Exempt from public access, shown with number, public title and legal basis only: Sak 7/1/2026" in built.out
    folder = example / M / "offentlig"
    assert snapshot(example / M / "build") == members_build  # the members' build is not touched

    # Every file under offentlig/, read back: the exempt case's documents are in none of them.
    texts = public_texts(folder)
    assert "innkalling-2026-1-offentlig.docx" in texts
    saksfremlegg = sorted(p.name for p in (folder / "saksfremlegg").glob("*.docx"))
    assert len(saksfremlegg) == 11 and not [n for n in saksfremlegg if n.startswith("sak-07-")]
    assert_no_secret(texts)

    public = open_docx(folder / "innkalling-2026-1-offentlig.docx")
    assert saksliste_row(public, "Sak 7/1/2026") == [
        "Sak 7/1/2026",
        f"{PUBLIC_TITLE} (unntatt offentlighet, jf. {BASIS})",
    ]
    assert f"Sak 7/1/2026 {PUBLIC_TITLE}" in headings(public, 1)
    # its one line, then the next case's saksfremlegg begins (its title line «Saksfremlegg»)
    assert section_text(paragraphs(public), f"Sak 7/1/2026 {PUBLIC_TITLE}") == [SECRET_LINE, "Saksfremlegg"]
    # the other cases as the members have them
    assert saksliste_row(public, "Sak 8/1/2026") == ["Sak 8/1/2026", "Innovasjon i helsetjenesten"]
    assert "Bakgrunn" in headings(public) and "Det settes ned en arbeidsgruppe" in all_text(public)

    # The members' innkalling is unchanged: it has everything, and no word of exemption.
    members = open_docx(example / M / "build" / "innkalling-2026-1.docx")
    members_text = squashed(docx_text(example / M / "build" / "innkalling-2026-1.docx"))
    assert all(squashed(s) in members_text for s in SECRETS)
    assert saksliste_row(members, "Sak 7/1/2026") == ["Sak 7/1/2026", SECRET_TITLE]
    assert "Unntatt offentlighet" not in members_text and PUBLIC_TITLE not in members_text
    assert [p.name for p in (example / M / "build" / "saksfremlegg").glob("sak-07-*.docx")]

    # Building the members' innkalling again leaves the public folder alone.
    public_build = snapshot(folder)
    assert ho21("build-innkalling", M, "--root", example).code == 0
    assert snapshot(folder) == public_build


def test_an_exempt_case_without_public_title_shows_unntatt_offentlighet(
    example: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    make_private(example, ho21, tmp_path, public_title=None)
    assert ho21("build-innkalling", M, "--public", "--root", example).code == 0
    folder = example / M / "offentlig"
    assert_no_secret(public_texts(folder))
    public = open_docx(folder / "innkalling-2026-1-offentlig.docx")
    assert saksliste_row(public, "Sak 7/1/2026") == ["Sak 7/1/2026", f"Unntatt offentlighet, jf. {BASIS}"]
    assert section_text(paragraphs(public), "Sak 7/1/2026 Unntatt offentlighet") == [SECRET_LINE, "Saksfremlegg"]


def test_a_case_made_exempt_after_a_public_build_loses_its_public_saksfremlegg(
    example: Path, ho21: Callable[..., Run]
) -> None:
    assert ho21("build-innkalling", M, "--public", "--root", example).code == 0
    folder = example / M / "offentlig"
    assert [p.name for p in (folder / "saksfremlegg").glob("sak-06-*.docx")]
    assert ho21("edit-case", M, "6", "--unntatt", BASIS, "--root", example).code == 0
    rebuilt = ho21("build-innkalling", M, "--public", "--root", example)
    assert rebuilt.code == 0, rebuilt.err
    assert not list((folder / "saksfremlegg").glob("sak-06-*.docx"))
    assert "They are no longer public: do not publish them." in rebuilt.out  # moved aside into utgått/


@needs_soffice
@pytest.mark.soffice
def test_public_pdfs_are_pdfa2_and_hold_no_exempt_text(example: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    from pypdf import PdfReader

    make_private(example, ho21, tmp_path, public_title=PUBLIC_TITLE)
    built = ho21("build-innkalling", M, "--public", "--pdf", "--root", example)
    assert built.code == 0, built.err
    folder = example / M / "offentlig"
    pdfs = sorted(folder.rglob("*.pdf"))
    assert [p.relative_to(folder).as_posix() for p in pdfs if p.parent == folder] == ["innkalling-2026-1-offentlig.pdf"]
    assert len(pdfs) == 1 + 11  # the innkalling and each public saksfremlegg; none of case 7
    for pdf in pdfs:
        xmp = xmp_of(PdfReader(pdf))
        part = re.search(r'pdfaid:part="(\d)"|<pdfaid:part>(\d)</pdfaid:part>', xmp)
        assert part is not None and "2" in part.groups(), f"{pdf.name} is not PDF/A-2"
    texts = public_texts(folder)
    assert_no_secret(texts)
    innkalling = texts["innkalling-2026-1-offentlig.pdf"]
    assert "Sak 7/1/2026" in innkalling and PUBLIC_TITLE in innkalling and BASIS in innkalling


# -- the public view, in core ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unntatt", "offentlig_tittel", "line", "note"),
    [
        (
            BASIS,
            PUBLIC_TITLE,
            f"{PUBLIC_TITLE} (unntatt offentlighet, jf. {BASIS})",
            f"Unntatt offentlighet, jf. {BASIS}",
        ),
        (BASIS, None, f"Unntatt offentlighet, jf. {BASIS}", f"Unntatt offentlighet, jf. {BASIS}"),
        (f"jf. {BASIS}", None, f"Unntatt offentlighet, jf. {BASIS}", f"Unntatt offentlighet, jf. {BASIS}"),
        ("", None, "Unntatt offentlighet", "Unntatt offentlighet"),  # a draft, before check is satisfied
        (None, None, "Sak", ""),
    ],
)
def test_saksliste_line_and_note(unntatt: str | None, offentlig_tittel: str | None, line: str, note: str) -> None:
    case = Case(id="sak", title="Sak", unntatt=unntatt, offentlig_tittel=offentlig_tittel)
    assert saksliste_title(case) == line
    if unntatt is not None:
        assert exemption_note(case) == note
