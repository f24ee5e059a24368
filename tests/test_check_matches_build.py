"""On a set of broken meetings, `ho21 check` reports an error exactly when `ho21 build-innkalling` refuses.

Each variant starts from a private copy of the example archive (meeting 2026-1
passes `ho21 check --as-of 2025-12-20`) and damages one thing by hand, the way
a secretary's slip or a colleague's odd file would. Then both commands run
through the real CLI entry point, and:

- check exits 1 exactly when the build does not exit 0;
- when check exits 1, the build exits 1 (not 3, not a traceback), names the
  same places with the same problems as check's table, and changes no file;
- when check exits 0, the build exits 0.

Variants marked ``error=True`` must be errors, ``error=False`` must build (they
are at most warnings), and ``error=None`` (probes of the renderer) may go
either way as long as the two commands agree.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from ho21cli.cli.app import main
from ho21cli.core.model import Case, Meeting
from ho21cli.storage.manifest import load_meeting
from tests.conftest import REPO, Run, snapshot, write
from tests.makers import finish_referat

M = "2026-1"
AS_OF = "2025-12-20"  # before the deadline of meeting 1/2026: no date warnings
HAVE_SOFFICE = shutil.which("soffice") is not None
NEEDS_SOFFICE = [
    pytest.mark.soffice,
    pytest.mark.skipif(
        not HAVE_SOFFICE, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
    ),
]

TOPICAL = "helsereformutvalget"  # a topical case with a body and a .docx vedlegg
WITH_IMAGE = "orienteringer"  # a case whose body shows an image


@dataclass(frozen=True)
class Example:
    """Where things are in this copy of the example, read from its manifest (not assumed)."""

    root: Path

    @property
    def folder(self) -> Path:
        return self.root / M

    @property
    def manifest(self) -> Path:
        return self.folder / "meeting.toml"

    def meeting(self) -> Meeting:
        return load_meeting(self.manifest)

    def case(self, cid: str) -> Case:
        return next(c for c in self.meeting().cases if c.id == cid)

    def number(self, cid: str) -> str:
        m = self.meeting()
        return f"Sak {m.case_number(m.index_of(cid))}/{m.number}/{m.year}"

    def body(self, cid: str = TOPICAL) -> Path:
        rel = self.case(cid).body
        assert rel, f"case {cid} of the example has no body"
        return self.folder / rel

    def vedlegg(self, cid: str = TOPICAL) -> Path:
        return self.folder / self.case(cid).vedlegg[0].file

    def vedlegg_place(self, i: int = 1, cid: str = TOPICAL) -> str:
        return f"{self.number(cid)}: vedlegg {i} ({self.case(cid).vedlegg[i - 1].title})"

    def image_src(self) -> str:
        found = re.search(r"!\[[^\]]*\]\(([^)\s]+)\)", self.body(WITH_IMAGE).read_text(encoding="utf-8"))
        assert found, f"the body of {WITH_IMAGE} shows no image"
        return found.group(1)

    def image(self) -> Path:
        return self.body(WITH_IMAGE).parent / self.image_src()

    def image_place(self) -> str:
        return f"{self.number(WITH_IMAGE)}: image {self.image_src()}"

    def ettersendes(self) -> Case:
        return next(c for c in self.meeting().cases if c.ettersendes)


# -- editing by hand -------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    """Change a text file by hand; the text to change must be there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_case(ex: Example, cid: str, old: str, new: str) -> None:
    """Change the [[cases]] table of case ``cid`` in the manifest by hand."""
    text = ex.manifest.read_text(encoding="utf-8")
    tables = text.split("[[cases]]")
    [i] = [i for i, t in enumerate(tables) if i and re.search(rf'^id = "{re.escape(cid)}"$', t, re.MULTILINE)]
    assert tables[i].count(old) == 1, f"{old!r} occurs {tables[i].count(old)} times in case {cid}"
    tables[i] = tables[i].replace(old, new, 1)
    ex.manifest.write_text("[[cases]]".join(tables), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def rezip(path: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Rewrite a .docx member by member; ``change`` returns new bytes, or None to leave a member out."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            new = change(name, data)
            if new is not None:
                zf.writestr(name, new)


def add_pdf_vedlegg(ex: Example, data: bytes) -> None:
    """Give the topical case one more vedlegg, a PDF letter, as `add-case --vedlegg` would have."""
    (ex.folder / "vedlegg" / "brev.pdf").write_bytes(data)
    edit_case(ex, TOPICAL, "},\n]", '},\n    {file = "vedlegg/brev.pdf", title = "Brev fra HOD"},\n]')


def pdf(*, user_password: str) -> bytes:
    """A one-page PDF, encrypted; with an empty user password anyone can open it (only copying is restricted)."""
    from pypdf import PdfWriter
    from pypdf.constants import UserAccessPermissions

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    nothing_allowed = UserAccessPermissions(0)  # no printing, no copying: still readable without a password
    writer.encrypt(user_password, "eier", algorithm="RC4-128", permissions_flag=nothing_allowed)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(*, pixels_per_metre: int | None = None) -> bytes:
    """A 4×4 PNG, written by hand; with ``pixels_per_metre`` it has a pHYs chunk saying so."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * 4 for _ in range(4))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
    if pixels_per_metre is not None:
        out += chunk(b"pHYs", struct.pack(">IIB", pixels_per_metre, pixels_per_metre, 1))
    return out + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def use_saksfremlegg_template(ex: Example, rel: str) -> None:
    edit(ex.root / "profil.toml", '# saksfremlegg = "maler/saksfremlegg.docx"', f'saksfremlegg = "{rel}"')


def ho21_ok(*args: str | Path) -> None:
    """A command a variant needs to set itself up; it must succeed."""
    assert main([str(a) for a in args]) == 0, args


# -- the variants ------------------------------------------------------------------------
# Each damages one thing and returns the place check and the build must name ("" for none).


def vedlegg_deleted(ex: Example) -> str:
    ex.vedlegg().unlink()
    return ex.vedlegg_place()


def vedlegg_replaced_by_text(ex: Example) -> str:
    write(ex.vedlegg(), "Dette er bare tekst, ikke et Word-dokument.\n")
    return ex.vedlegg_place()


def vedlegg_malformed_xml(ex: Example) -> str:
    rezip(ex.vedlegg(), lambda name, data: data[: len(data) // 2] if name == "word/document.xml" else data)
    return ex.vedlegg_place()


def vedlegg_undefined_entity(ex: Example) -> str:
    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        assert b"<w:body>" in data
        return data.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&ukjent;</w:t></w:r></w:p>", 1)

    rezip(ex.vedlegg(), change)
    return ex.vedlegg_place()


def vedlegg_without_styles(ex: Example) -> str:
    """A .docx with no styles part (some generators write none); Word opens it."""

    def change(name: str, data: bytes) -> bytes | None:
        if name == "word/styles.xml":
            return None
        if name == "word/_rels/document.xml.rels":
            return re.sub(rb'<Relationship [^>]*Target="styles.xml"[^>]*/>', b"", data)
        if name == "[Content_Types].xml":
            return re.sub(rb'<Override [^>]*PartName="/word/styles.xml"[^>]*/>', b"", data)
        return data

    rezip(ex.vedlegg(), change)
    return ex.vedlegg_place()


def vedlegg_footnote_without_footnotes_part(ex: Example) -> str:
    """A .docx that refers to footnote 5 but has no footnotes part (a careless converter)."""

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        note = b'<w:p><w:r><w:t>Tekst</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r></w:p>'
        return data.replace(b"<w:body>", b"<w:body>" + note, 1)

    with zipfile.ZipFile(ex.vedlegg()) as zf:
        assert "word/footnotes.xml" not in zf.namelist()
    rezip(ex.vedlegg(), change)
    return ex.vedlegg_place()


def pdf_vedlegg_with_user_password(ex: Example) -> str:
    add_pdf_vedlegg(ex, pdf(user_password="hemmelig"))
    return ex.vedlegg_place(len(ex.case(TOPICAL).vedlegg))


def pdf_vedlegg_with_owner_password_only(ex: Example) -> str:
    add_pdf_vedlegg(ex, pdf(user_password=""))
    return ""


def body_deleted(ex: Example) -> str:
    ex.body().unlink()
    return str(ex.case(TOPICAL).body)


def body_with_level_1_heading(ex: Example) -> str:
    body = ex.body()
    body.write_text("# Helsereformutvalget\n\n" + body.read_text(encoding="utf-8"), encoding="utf-8")
    return str(body)


def body_not_utf8(ex: Example) -> str:
    body = ex.body()
    body.write_bytes(body.read_text(encoding="utf-8").encode("latin-1"))
    return str(ex.case(TOPICAL).body)


def image_missing(ex: Example) -> str:
    ex.image().unlink()
    return ex.image_place()


def image_not_an_image(ex: Example) -> str:
    write(ex.image(), "ikke et bilde")
    return ex.image_place()


def image_png_with_tiny_resolution(ex: Example) -> str:
    """A PNG whose pHYs chunk says 1 pixel per metre (a careless exporter): 0 dpi when rounded."""
    ex.image().write_bytes(png(pixels_per_metre=1))
    return ex.image_place()


def template_jinja_syntax_error(ex: Example) -> str:
    tpl = docx.Document(str(REPO / "templates" / "saksfremlegg.docx"))
    tpl.add_paragraph("{% if %} ødelagt")
    (ex.root / "maler").mkdir()
    tpl.save(str(ex.root / "maler" / "x.docx"))
    use_saksfremlegg_template(ex, "maler/x.docx")
    return str(ex.root / "maler" / "x.docx")


def template_missing(ex: Example) -> str:
    use_saksfremlegg_template(ex, "maler/finnes-ikke.docx")
    return "profil.toml: templates.saksfremlegg"


def title_placeholder(ex: Example) -> str:
    title = ex.case(TOPICAL).title
    edit_case(ex, TOPICAL, f'title = "{title}"', f'title = "{title} []"')
    return f"{ex.number(TOPICAL)}: title"


def unknown_symbolic_reference(ex: Example) -> str:
    append(ex.body(), "\nSe også [[sak:nope]].\n")
    return f"{ex.number(TOPICAL)}: text"


def reference_to_no_such_case(ex: Example) -> str:
    append(ex.body(), "\nSe også sak 99/1/2026.\n")
    return f"{ex.number(TOPICAL)}: text"


def inhabil_not_in_roster(ex: Example) -> str:
    edit_case(ex, TOPICAL, f'id = "{TOPICAL}"\n', f'id = "{TOPICAL}"\ninhabil = ["Kari Nordmann"]\n')
    return f"{ex.number(TOPICAL)}: inhabil"


def two_cases_with_one_title(ex: Example) -> str:
    cases = ex.meeting().cases
    other = cases[[c.id for c in cases].index(TOPICAL) + 1]
    edit_case(ex, other.id, f'title = "{other.title}"', f'title = "{ex.case(TOPICAL).title}"')
    return ex.number(other.id)


def no_body_not_ettersendes(ex: Example) -> str:
    case = ex.ettersendes()
    edit_case(ex, case.id, "ettersendes = true\n", "")
    return ex.number(case.id)


def dated_in_another_year(ex: Example) -> str:
    edit(ex.manifest, "date = 2026-01-14", "date = 2027-01-14")
    return "meeting.toml: [meeting] date"


def start_after_end(ex: Example) -> str:
    edit(ex.manifest, 'start = "10:00"', 'start = "16:00"')
    return "meeting.toml: [meeting] start/end"


def saksbehandler_not_in_roster(ex: Example) -> str:
    edit_case(ex, ex.ettersendes().id, "saksbehandlere = [", 'saksbehandlere = ["Kari Nordmann", ')
    return ""


def saksbehandler_misspelt(ex: Example) -> str:
    edit_case(ex, ex.ettersendes().id, "saksbehandlere = [", 'saksbehandlere = ["Henrieta Blankson", ')
    return ""


def gap_after_the_previous_meeting(ex: Example) -> str:
    """Meeting 2/2026 was sent starting at 20 although 1/2026 ends earlier (a warning), and is otherwise ready."""
    assert ex.meeting().last_case < 19
    ho21_ok("new-meeting", "--date", "2026-03-11", "--root", ex.root)
    edit(ex.root / "2026-2" / "meeting.toml", "[meeting]\n", "[meeting]\nsent = 2026-02-27\nfirst_case = 20\n")
    body = write(ex.root.parent / "kilde" / "orienteringer.md", "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n")
    ho21_ok("edit-case", "2026-2", "orienteringer", "--body", body, "--root", ex.root)
    finish_referat(ex.root / M / "referat-2026-1.docx")  # the skeleton as drafted is not sent
    ho21_ok("referat-sent", M, "--date", "2026-01-21", "--root", ex.root)
    return ""


def nothing(ex: Example) -> str:
    """The example as it is (judged on another day, by ``as_of``)."""
    return ""


@dataclass(frozen=True)
class Variant:
    id: str
    damage: Callable[[Example], str]  # returns the place the error must be named at
    error: bool | None  # True: must be an error; False: must build; None: either, if both agree
    meeting: str = M
    as_of: str = AS_OF
    pdf: bool = False  # build with --pdf: the variant is about a PDF vedlegg


VARIANTS = [
    Variant("vedlegg-deleted", vedlegg_deleted, True),
    Variant("vedlegg-replaced-by-text", vedlegg_replaced_by_text, True),
    Variant("vedlegg-malformed-document-xml", vedlegg_malformed_xml, True),
    Variant("vedlegg-undefined-entity", vedlegg_undefined_entity, True),
    Variant("pdf-vedlegg-user-password", pdf_vedlegg_with_user_password, True, pdf=True),
    Variant("body-deleted", body_deleted, True),
    Variant("body-level-1-heading", body_with_level_1_heading, True),
    Variant("body-not-utf8", body_not_utf8, True),
    Variant("image-missing", image_missing, True),
    Variant("image-not-an-image", image_not_an_image, True),
    Variant("template-jinja-syntax-error", template_jinja_syntax_error, True),
    Variant("template-path-missing", template_missing, True),
    Variant("title-placeholder", title_placeholder, True),
    Variant("unknown-symbolic-reference", unknown_symbolic_reference, True),
    Variant("reference-to-sak-99", reference_to_no_such_case, True),
    Variant("inhabil-not-in-roster", inhabil_not_in_roster, True),
    Variant("two-cases-one-title", two_cases_with_one_title, True),
    Variant("no-body-not-ettersendes", no_body_not_ettersendes, True),
    Variant("dated-in-2027", dated_in_another_year, True),
    Variant("start-after-end", start_after_end, True),
    # not errors: at most a warning, and both succeed
    Variant("saksbehandler-not-in-roster", saksbehandler_not_in_roster, False),
    Variant("saksbehandler-misspelt-warning", saksbehandler_misspelt, False),
    Variant("past-date-as-of-later", nothing, False, as_of="2026-02-01"),
    Variant("series-gap-warning", gap_after_the_previous_meeting, False, meeting="2026-2", as_of="2026-02-20"),
    Variant("pdf-vedlegg-owner-password-only", pdf_vedlegg_with_owner_password_only, False, pdf=True),
    # probes of what only the renderer meets: either way, but the same way
    Variant("probe-vedlegg-without-styles", vedlegg_without_styles, None),
    Variant("probe-vedlegg-footnote-without-part", vedlegg_footnote_without_footnotes_part, None),
    Variant("probe-image-png-tiny-resolution", image_png_with_tiny_resolution, None),
]


# -- reading the outputs ---------------------------------------------------------------


def table_errors(out: str) -> list[tuple[str, str]]:
    """(place, problem) of every «error» row of check's table (a row may span lines)."""
    rows: list[list[str]] = []
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if cells[0]:
            rows.append(cells)
        elif rows:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return [(row[1], row[2]) for row in rows if row[0] == "error"]


def build_errors(err: str) -> list[str]:
    """The listed errors of a refused build: «  - place: problem (fix)»."""
    return [line[4:] for line in err.splitlines() if line.startswith("  - ")]


def guarded(ho21: Callable[..., Run], *args: str | Path) -> Run:
    """Run ho21; an exception that escapes the CLI (a crash) becomes exit -1 with its traceback."""
    try:
        return ho21(*args)
    except Exception:
        return Run(-1, "", traceback.format_exc())


def report(check: Run, build: Run) -> str:
    return (
        f"check exit {check.code}\n--- check stdout\n{check.out}\n--- check stderr\n{check.err}\n"
        f"build exit {build.code}\n--- build stdout\n{build.out}\n--- build stderr\n{build.err}"
    )


# -- the test -------------------------------------------------------------------------------


def _params() -> list[object]:
    return [pytest.param(v, id=v.id, marks=NEEDS_SOFFICE if v.pdf else ()) for v in VARIANTS]


def test_there_are_enough_variants() -> None:
    assert sum(v.error is True for v in VARIANTS) >= 15
    assert sum(v.error is False for v in VARIANTS) >= 3
    assert len({v.id for v in VARIANTS}) == len(VARIANTS)


@pytest.mark.parametrize("variant", _params())
def test_check_reports_an_error_exactly_when_the_build_refuses(
    example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, variant: Variant
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # one line per row of check's table
    ex = Example(example)
    place = variant.damage(ex)
    assert place or variant.error is not True, f"{variant.id} names no place for its error"
    before = snapshot(example)
    check = guarded(ho21, "check", variant.meeting, "--as-of", variant.as_of, "--root", example)
    assert snapshot(example) == before, "check wrote to the archive"
    build = guarded(ho21, "build-innkalling", variant.meeting, *(["--pdf"] if variant.pdf else []), "--root", example)
    both = report(check, build)

    assert check.code in (0, 1), both
    # check also says what the referat's gates refuse (the example's skeleton, once the meeting is
    # held): those errors never stop the build, so the build is compared with the others
    errors = [(where, what) for where, what in table_errors(check.out) if not where.startswith("referat-")]
    assert check.code == 1 or not errors, both
    assert bool(errors) == (build.code != 0), f"check and build disagree\n{both}"
    assert "Traceback" not in check.out + check.err + build.out + build.err, both
    if variant.error is not None:
        assert bool(errors) == variant.error, both

    if errors:
        assert build.code == 1, both
        assert snapshot(example) == before, "a refused build changed the archive"
        listed = build_errors(build.err)
        assert errors, both
        assert len(listed) == len(errors), both
        for where, what in errors:
            assert any(line.startswith(f"{where}: {what}") for line in listed), f"{where}: {what}\n{both}"
        assert place in [where for where, _ in errors], f"no error names {place!r}\n{both}"
    else:
        assert build.code == 0, both
        built = example / variant.meeting / "build" / f"innkalling-{variant.meeting}.docx"
        assert built.is_file(), both
        if variant.pdf:
            assert built.with_suffix(".pdf").is_file(), both
