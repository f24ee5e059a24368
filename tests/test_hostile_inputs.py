"""Trust by construction: hostile and clumsy inputs, one class of them per test.

Every refusal is one message on stderr starting with "Error: ", a documented
exit code, no traceback, and not a single changed file; every legitimate input
that only looks odd (a BOM, a decomposed name, a PDF that only restricts
printing) is accepted and read back right. All through the real CLI entry point.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

import ho21cli.storage.files as files
import ho21cli.storage.outputs as outputs
from ho21cli.actions.gates import run_check
from ho21cli.storage.manifest import load_meeting
from tests.conftest import REPO, Run, about_the_innkalling, refused, snapshot, write
from tests.docx_read import all_text, headings, open_docx, paragraphs
from tests.makers import FullFile, png, tiny_pdf

M = "2026-1"
BEFORE_DEADLINE = "2025-12-20"  # the example meeting (14 January 2026) passes `ho21 check` as of this day
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_DOCM = b"application/vnd.ms-word.document.macroEnabled.main+xml"
HAS_SOFFICE = shutil.which("soffice") is not None
SYSTEM_FILE = Path("/etc/passwd")  # a file outside every archive that a link may point at
needs_system_file = pytest.mark.skipif(not SYSTEM_FILE.is_file(), reason="no /etc/passwd on this system")


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ho21 check` prints a rich table; wide enough that no message is wrapped inside a cell."""
    monkeypatch.setenv("COLUMNS", "1000")


def checked(result: Run, code: int, *needles: str) -> None:
    """`ho21 check`: the exit code, no traceback, and every needle in its table."""
    report = f"exit {result.code} (expected {code})\n--- stdout\n{result.out}\n--- stderr\n{result.err}"
    assert result.code == code, report
    assert "Traceback" not in result.out + result.err, report
    assert result.err == "", report
    for needle in needles:
        assert needle in result.out, f"{needle!r} missing\n{report}"


def ok(result: Run) -> Run:
    assert result.code == 0, f"exit {result.code}\n--- stdout\n{result.out}\n--- stderr\n{result.err}"
    assert "Traceback" not in result.out + result.err
    return result


def edit(path: Path, old: str, new: str) -> None:
    """Change a file by hand; the text to change must be there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def manifest_of(root: Path, key: str = M) -> Path:
    return root / key / "meeting.toml"


def codes(root: Path, key: str = M, today: date = date(2025, 12, 20)) -> list[tuple[str, str]]:
    _, problems = run_check(root, key, today=today)
    return [(p.severity.value, p.code) for p in problems if about_the_innkalling(p)]


def problem_texts(root: Path, key: str = M, today: date = date(2025, 12, 20)) -> list[str]:
    _, problems = run_check(root, key, today=today)
    return [f"{p.place}: {p.what}" for p in problems if about_the_innkalling(p)]


def make_docx(path: Path, *paragraphs: str) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def rezip(src: Path, dest: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the .docx ``src`` with each member passed through ``change``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, change(item.filename, zin.read(item)))
    return dest


def encrypted_pdf(path: Path, text: str, *, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(tiny_pdf(text))))
    writer.encrypt(user_password=user_password, owner_password="eier")
    buffer = io.BytesIO()
    writer.write(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def add_vedlegg_by_hand(root: Path, source: Path, name: str, title: str) -> None:
    """Copy a file into vedlegg/ and name it in the manifest (case Orienteringer), the way a person would."""
    (root / M / "vedlegg").mkdir(exist_ok=True)
    shutil.copyfile(source, root / M / "vedlegg" / name)
    edit(
        manifest_of(root),
        'body = "saker/orienteringer.md"\n',
        f'body = "saker/orienteringer.md"\nvedlegg = [{{file = "vedlegg/{name}", title = "{title}"}}]\n',
    )


def run_module(*args: str | Path, encoding: str = "ascii") -> subprocess.CompletedProcess[bytes]:
    """``python -m ho21cli ARGS`` in a terminal that can only show ``encoding``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))}
    env.update(PYTHONIOENCODING=encoding, LC_ALL="C", COLUMNS="200", LANGUAGE="en")  # messages as the tests read them
    return subprocess.run(
        [sys.executable, "-m", "ho21cli", *map(str, args)], capture_output=True, env=env, cwd=REPO, timeout=60
    )


# -- 1. password-protected PDF vedlegg --------------------------------------------------------


def test_password_protected_pdf_is_refused_at_add_case(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    locked = encrypted_pdf(tmp_path / "kilde" / "låst brev.pdf", "Hemmelig brev", user_password="hemmelig")
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Brev", "--vedlegg", locked, "--root", archive)
    refused(result, 3, f"{locked}: is protected by a password", "without the password")
    assert snapshot(archive) == before


def test_password_protected_pdf_put_in_by_hand_stops_check_and_pdf_build(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    root = buildable
    locked = encrypted_pdf(tmp_path / "kilde" / "brev.pdf", "Hemmelig brev", user_password="hemmelig")
    add_vedlegg_by_hand(root, locked, "brev-laast.pdf", "Brev fra HOD")
    before = snapshot(root)
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        1,
        "vedlegg/brev-laast.pdf is protected by a password",
    )
    assert codes(root) == [("feil", "vedlegg")]
    refused(
        ho21("build-innkalling", M, "--pdf", "--root", root), 1, "vedlegg/brev-laast.pdf is protected by a password"
    )
    refused(ho21("build-innkalling", M, "--draft", "--root", root), 1, "vedlegg/brev-laast.pdf is protected")
    assert snapshot(root) == before
    assert not (root / M / "build").exists()


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def test_pdf_with_only_an_owner_password_is_accepted_and_in_the_packet(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    root = buildable
    restricted = encrypted_pdf(tmp_path / "kilde" / "brev.pdf", "Brev med utskriftssperre", user_password="")
    body = write(tmp_path / "kilde" / "brev.md", "## Bakgrunn\n\nDepartementet har skrevet.\n")
    ok(
        ho21(
            "add-case",
            M,
            "--title",
            "Brev fra HOD",
            "--body",
            body,
            "--vedlegg",
            f"{restricted}=Brevet",
            "--root",
            root,
        )
    )
    [case] = [c for c in load_meeting(manifest_of(root)).cases if c.id == "brev-fra-hod"]
    assert (root / M / case.vedlegg[0].file).read_bytes() == restricted.read_bytes()
    assert codes(root) == []
    built = ok(ho21("build-innkalling", M, "--pdf", "--root", root))
    packet = root / M / "build" / "sakspapirer-2026-1.pdf"
    assert str(packet) in built.out
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(str(packet)).pages]
    at = next(i for i, t in enumerate(texts) if "Brev med utskriftssperre" in t)
    assert "Sak 6/1/2026 Brev fra HOD" in texts[at - 1]  # right after its cover page


# -- 2. damaged PDF ----------------------------------------------------------------------------


def _damaged_pdf(kind: str) -> bytes:
    whole = tiny_pdf("Et brev som ble kuttet")
    if kind == "truncated":
        return whole[: len(whole) // 2]
    return b"%PDF-1.7\n" + bytes(range(256)) * 8  # garbage after the signature


@pytest.mark.parametrize("kind", ["truncated", "garbage"])
def test_damaged_pdf_is_refused_at_add_case_and_by_check(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path, kind: str
) -> None:
    root = buildable
    damaged = tmp_path / "kilde" / "skadet brev.pdf"
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_bytes(_damaged_pdf(kind))
    before = snapshot(root)
    refused(ho21("add-case", M, "--title", "Brev", "--vedlegg", damaged, "--root", root), 3, f"{damaged}: is damaged")
    assert snapshot(root) == before

    add_vedlegg_by_hand(root, damaged, "skadet.pdf", "Brev")
    before = snapshot(root)
    checked(ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root), 1, "vedlegg/skadet.pdf is damaged")
    assert codes(root) == [("feil", "vedlegg")]
    refused(ho21("build-innkalling", M, "--draft", "--root", root), 1, "vedlegg/skadet.pdf is damaged")
    assert snapshot(root) == before


def test_damaged_pdf_message_is_the_only_thing_on_stderr(archive: Path, tmp_path: Path) -> None:
    """In a real terminal (no pytest log capture), pypdf's own log lines ("EOF marker not
    found") must not come before the one message."""
    damaged = tmp_path / "kilde" / "skadet.pdf"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(_damaged_pdf("truncated"))
    before = snapshot(archive)
    done = run_module("add-case", M, "--title", "Brev", "--vedlegg", damaged, "--root", archive, encoding="utf-8")
    refused(Run(done.returncode, done.stdout.decode(), done.stderr.decode()), 3, f"{damaged}: is damaged")
    assert snapshot(archive) == before


# -- 3. damaged .docx ----------------------------------------------------------------------------


def _damaged_docx(path: Path, kind: str) -> Path:
    good = make_docx(path.with_name("god.docx"), "Vedleggstekst som er hel")

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        if kind == "cut":
            return data[: len(data) // 2]
        if kind == "declared-entity":  # well-formed, and python-docx parses it; Word and the merge would not keep it
            declaration = '<!DOCTYPE w:document [<!ENTITY foo "Rådet">]>'.encode()
            data = re.sub(rb"(<\?xml[^>]*\?>\s*)", lambda m: m.group(1) + declaration, data, count=1)
            assert declaration in data
        return data.replace(b"Vedleggstekst", b"Vedleggstekst &foo;")

    return rezip(good, path, change)


@pytest.mark.parametrize("kind", ["cut", "undefined-entity", "declared-entity"])
def test_damaged_docx_is_refused_at_add_case(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, kind: str
) -> None:
    damaged = _damaged_docx(tmp_path / "kilde" / "skadet.docx", kind)
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Med vedlegg", "--vedlegg", damaged, "--root", archive)
    refused(result, 3, f"{damaged}: is damaged: word/document.xml")
    assert snapshot(archive) == before


@pytest.mark.parametrize("part", ["word/fontTable.xml", "word/styles.xml", "word/_rels/document.xml.rels"])
def test_the_damaged_part_is_named_whoever_reads_it(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, part: str
) -> None:
    """python-docx keeps the font table as bytes, parses the styles (and fails on them), and
    parses the relationships: the check names the damaged part in each case."""
    good = make_docx(tmp_path / "kilde" / "god.docx", "Vedleggstekst som er hel")
    with zipfile.ZipFile(good) as zf:
        assert part in zf.namelist()
    damaged = rezip(good, tmp_path / "kilde" / "skadet.docx", lambda name, data: data[:-40] if name == part else data)
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Med vedlegg", "--vedlegg", damaged, "--root", archive)
    refused(result, 3, f"{damaged}: is damaged: {part}")
    assert snapshot(archive) == before


@pytest.mark.parametrize("kind", ["cut", "undefined-entity"])
def test_damaged_docx_put_in_by_hand_keeps_the_earlier_build(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path, kind: str
) -> None:
    root = buildable
    good = make_docx(tmp_path / "kilde" / "mandat.docx", "Mandatteksten")
    body = write(tmp_path / "kilde" / "mandat.md", "## Bakgrunn\n\nSe vedlegget.\n")
    ok(ho21("add-case", M, "--title", "Mandat", "--body", body, "--vedlegg", good, "--root", root))
    ok(ho21("build-innkalling", M, "--root", root))
    assert (root / M / "vedlegg" / "mandat-1.docx").read_bytes() == good.read_bytes()
    damaged = _damaged_docx(tmp_path / "kilde" / "skadet.docx", kind)
    shutil.copyfile(damaged, root / M / "vedlegg" / "mandat-1.docx")
    before = snapshot(root)
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        1,
        "Sak 6/1/2026: vedlegg 1 (Mandat)",
        "vedlegg/mandat-1.docx is damaged: word/document.xml",
    )
    assert codes(root) == [("feil", "vedlegg")]
    refused(ho21("build-innkalling", M, "--root", root), 1, "vedlegg/mandat-1.docx is damaged: word/document.xml")
    refused(ho21("build-innkalling", M, "--draft", "--root", root), 1, "vedlegg/mandat-1.docx is damaged")
    assert snapshot(root) == before


# -- 4. a .docx that is something else -----------------------------------------------------------


def _ole(with_encryption: bool) -> bytes:
    stream = "EncryptionInfo".encode("utf-16-le") if with_encryption else "WordDocument".encode("utf-16-le")
    return OLE + bytes(504) + stream + bytes(1024)


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        ("encrypted", "is protected by a password"),
        ("old-doc", "is an old Word document (.doc) renamed to .docx"),
        ("docm", "is a macro-enabled Word document (.docm) renamed to .docx"),
    ],
    ids=["encrypted", "old-doc", "docm"],
)
def test_docx_that_is_something_else_is_named_for_what_it_is(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, kind: str, what: str
) -> None:
    path = tmp_path / "kilde" / "dokument.docx"
    path.parent.mkdir(parents=True)
    if kind == "docm":
        good = make_docx(tmp_path / "kilde" / "god.docx", "Makroer")
        rezip(
            good, path, lambda name, data: data.replace(MAIN_DOCX, MAIN_DOCM) if name == "[Content_Types].xml" else data
        )
    else:
        path.write_bytes(_ole(kind == "encrypted"))
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Med vedlegg", "--vedlegg", path, "--root", archive)
    refused(result, 3, f"{path}: {what}")
    assert snapshot(archive) == before


# -- 5. an image that is a link out of the meeting ----------------------------------------------


@needs_system_file
def test_image_linking_outside_the_meeting_is_refused_by_check_and_build(
    buildable: Path, ho21: Callable[..., Run]
) -> None:
    root = buildable
    saker = root / M / "saker"
    (saker / "kart.png").symlink_to(SYSTEM_FILE)
    body = saker / "orienteringer.md"
    body.write_text(body.read_text(encoding="utf-8") + "\n![Kart over regionene](kart.png)\n", encoding="utf-8")
    before = snapshot(root)
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        1,
        "Sak 4/1/2026: image kart.png",
        "saker/kart.png: is a link to a file outside the meeting folder",
    )
    assert codes(root) == [("feil", "image")]
    refused(ho21("build-innkalling", M, "--root", root), 1, "is a link to a file outside the meeting folder")
    refused(ho21("build-innkalling", M, "--draft", "--root", root), 1, "is a link to a file outside")
    assert snapshot(root) == before
    assert not (root / M / "build").exists()


@needs_system_file
def test_body_image_that_links_to_a_system_file_is_refused_at_add_case(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    body = write(tmp_path / "kilde" / "b.md", "## Bakgrunn\n\n![Et bilde](bilde.png)\n")
    (body.parent / "bilde.png").symlink_to(SYSTEM_FILE)
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Med bilde", "--body", body, "--root", archive)
    refused(result, 3, "the image «bilde.png» is not an image Word can show")
    assert snapshot(archive) == before
    assert not (archive / M / "saker").exists()


# -- 6. an empty file where a built saksfremlegg was ---------------------------------------------


def test_emptied_saksfremlegg_is_a_warning_and_is_replaced_only_with_force(
    buildable: Path, ho21: Callable[..., Run]
) -> None:
    root = buildable
    ok(ho21("build-innkalling", M, "--root", root))
    [path] = (root / M / "build" / "saksfremlegg").glob("sak-04-*.docx")
    path.write_bytes(b"")
    before = snapshot(root)
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        0,
        f"build/saksfremlegg/{path.name}",
        "was changed after ho21 wrote it and is empty",
    )
    assert codes(root) == [("advarsel", "edited-output")]
    refused(ho21("build-innkalling", M, "--root", root), 4, "changed after ho21 wrote them", path.name, "--force")
    assert snapshot(root) == before
    ok(ho21("build-innkalling", M, "--force", "--root", root))
    assert headings(open_docx(path), 1) == ["Sak 4/1/2026 Orienteringer"]
    assert codes(root) == []


# -- 7. a folder where the referat goes -------------------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_folder_in_place_of_the_referat(archive: Path, ho21: Callable[..., Run], force: bool) -> None:
    folder = archive / M / "referat-2026-1.docx"
    folder.mkdir()
    write(folder / "notat.txt", "noe en person la her")
    before = snapshot(archive)
    result = ho21("draft-referat", M, *(["--force"] if force else []), "--root", archive)
    refused(result, 3, f"{folder}: is a folder", "Move or rename the folder")
    assert snapshot(archive) == before
    left = sorted(p.name for p in (archive / M).iterdir() if p.name != ".ho21.lock")
    assert left == ["meeting.toml", "referat-2026-1.docx"]


# -- 8. a terminal that cannot show æøå -------------------------------------------------------------


def test_ascii_terminal_lists_cases_and_shows_errors_without_crashing(archive: Path) -> None:
    listed = run_module("list-cases", M, "--root", archive)
    out, err = listed.stdout.decode("ascii", "replace"), listed.stderr.decode("ascii", "replace")
    assert listed.returncode == 0, err
    assert "Traceback" not in out + err
    assert "Sak 2/1/2026" in out and "Eventuelt" in out
    assert "Sp?rsm?l om habilitet" in out  # shown with «?», not a crash

    before = snapshot(archive)
    failed = run_module("add-case", M, "--title", "Ø", "--inhabil", "Ærlig Åse", "--root", archive)
    err = failed.stderr.decode("ascii", "replace")
    assert failed.returncode == 3, err
    assert "Traceback" not in err
    assert err.startswith("Error: ") and err.count("Error: ") == 1, err
    assert "--inhabil" in err and "is not a member in the roster" in err
    assert failed.stdout == b""
    assert snapshot(archive) == before


# -- 9. a UTF-8 BOM from Notepad ---------------------------------------------------------------------


def test_bom_in_manifest_profile_and_body_is_read_as_text(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    body = root / M / "saker" / "orienteringer.md"
    for path in (manifest_of(root), root / "profil.toml", body):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    checked(ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root), 0, "0 errors, 1 warning.", "not been built")
    ok(ho21("build-innkalling", M, "--root", root))
    [fremlegg] = (root / M / "build" / "saksfremlegg").glob("sak-04-*.docx")
    paras = paragraphs(open_docx(fremlegg))
    assert [p.text for p in paras if p.style == "Heading 2"][:1] == ["Orienteringer"]
    assert [p.text for p in paras if p.style == "Heading 3"] == ["Fra sekretariatet"]
    text = all_text(open_docx(root / M / "build" / "innkalling-2026-1.docx"))
    assert "\ufeff" not in text and "## Orienteringer" not in text
    assert "HelseOmsorg21-rådet" in text  # the profile's name, read without the BOM

    ok(ho21("add-case", M, "--title", "Etter Notisblokk", "--ettersendes", "--root", root))
    meeting = load_meeting(manifest_of(root))
    assert [c.title for c in meeting.cases][4:8] == [
        "Oversikt meldinger og strategier",
        "Etter Notisblokk",
        "Eventuelt",
        "Evaluering av møtet",
    ]
    assert meeting.date == date(2026, 1, 14)
    ok(ho21("build-innkalling", M, "--root", root))
    checked(ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root), 0, "No problems found")


# -- 10. names typed on a Mac (decomposed) ---------------------------------------------------------


def test_decomposed_name_is_stored_in_the_roster_spelling(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    name = "Åse Bjørnå"
    edit(
        root / "profil.toml",
        'name = "Øivind Enger"\norg = "Sarsia"\n',
        f'name = "Øivind Enger"\norg = "Sarsia"\n\n[[members]]\nname = "{name}"\norg = "Sametinget"\n',
    )
    typed = unicodedata.normalize("NFD", name)
    assert typed != name
    ok(ho21("add-case", M, "--title", "Samisk helse", "--ettersendes", "--inhabil", typed, "--root", root))
    ok(ho21("edit-case", M, "habilitet", "--inhabil", typed, "--root", root))
    ok(ho21("attendance", M, "--absent", typed, "--root", root))
    meeting = load_meeting(manifest_of(root))
    cases = {c.id: c for c in meeting.cases}
    assert cases["samisk-helse"].inhabil == [name]
    assert cases["habilitet"].inhabil == [name]
    assert meeting.attendance.absent == [name]
    raw = manifest_of(root).read_text(encoding="utf-8")
    # three uses, and the [roster] the held meeting keeps since its attendance was recorded
    assert typed not in raw and raw.count(name) == 4
    assert codes(root) == []


# -- 11. invisible titles --------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["\u200b", " ", "\u200b\u00a0\u2060"], ids=["zero-width", "space", "mixed"])
def test_invisible_title_is_refused(archive: Path, ho21: Callable[..., Run], title: str) -> None:
    before = snapshot(archive)
    refused(ho21("add-case", M, "--title", title, "--root", archive), 3, "--title: the case title has no visible text")
    refused(
        ho21("edit-case", M, "eventuelt", "--title", title, "--root", archive),
        3,
        "--title: the case title has no visible text",
    )
    assert snapshot(archive) == before


@pytest.mark.parametrize("written", ["\u200b", "\\u200B"], ids=["character", "toml-escape"])
def test_invisible_title_in_a_hand_edited_manifest(buildable: Path, ho21: Callable[..., Run], written: str) -> None:
    root = buildable
    edit(manifest_of(root), 'title = "Orienteringer"', f'title = "{written}"')
    before = snapshot(root)
    checked(ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root), 1, "Sak 4/1/2026", "has no visible text")
    assert codes(root) == [("feil", "blank-title")]
    refused(ho21("build-innkalling", M, "--root", root), 1, "has no visible text")
    assert snapshot(root) == before


# -- 12. a body outside the meeting folder -----------------------------------------------------------


def test_body_outside_the_meeting_is_not_read_nor_written(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    root = buildable
    outside = write(root.parent / "utenfor.md", "## Bakgrunn\n\nHemmelig tekst fra utenfor arkivet.\n")
    outside_bytes = outside.read_bytes()
    edit(manifest_of(root), 'body = "saker/orienteringer.md"', 'body = "../../utenfor.md"')
    before = snapshot(root)
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        1,
        "../../utenfor.md: lies outside the meeting folder",
    )
    inputs, problems = run_check(root, M, today=date(2025, 12, 20))
    assert inputs.bodies["orienteringer"].data is None  # nothing was read from there
    found = {(p.severity.value, p.code) for p in problems if about_the_innkalling(p)}
    assert ("feil", "body") in found and found <= {("feil", "body"), ("feil", "missing-saksfremlegg")}
    refused(ho21("build-innkalling", M, "--draft", "--root", root), 1, "lies outside the meeting folder")
    assert snapshot(root) == before

    new = write(tmp_path / "kilde" / "ny.md", "## Orienteringer\n\nNy tekst i mappen.\n")
    ok(ho21("edit-case", M, "orienteringer", "--body", new, "--root", root))
    assert outside.read_bytes() == outside_bytes
    [case] = [c for c in load_meeting(manifest_of(root)).cases if c.id == "orienteringer"]
    assert case.body == "saker/orienteringer-2.md"  # saker/orienteringer.md is still there
    assert (root / M / case.body).read_bytes() == new.read_bytes()
    after = snapshot(root)
    assert after["2026-1/saker/orienteringer.md"] == before["2026-1/saker/orienteringer.md"]
    assert codes(root) == []


# -- 13. a body edited by hand in saker/ ----------------------------------------------------------------


def test_new_body_never_overwrites_a_hand_edited_body(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    first = write(tmp_path / "kilde" / "b.md", "## Bakgrunn\n\nFørste utkast.\n")
    ok(ho21("add-case", M, "--title", "Ny sak", "--body", first, "--root", archive))
    stored = archive / M / "saker" / "ny-sak.md"
    assert stored.read_bytes() == first.read_bytes()
    stored.write_text("## Bakgrunn\n\nRettet for hånd i saker/.\n", encoding="utf-8")
    hand = stored.read_bytes()
    other = write(tmp_path / "kilde" / "other.md", "## Bakgrunn\n\nAndre utkast.\n")
    ok(ho21("edit-case", M, "ny-sak", "--body", other, "--root", archive))
    assert stored.read_bytes() == hand
    [case] = [c for c in load_meeting(manifest_of(archive)).cases if c.id == "ny-sak"]
    assert case.body == "saker/ny-sak-2.md"
    assert (archive / M / case.body).read_bytes() == other.read_bytes()


# -- 14. two bodies with an image of the same name --------------------------------------------------------


RED, BLUE = png(12, 8, (200, 30, 30)), png(8, 12, (30, 30, 200))


def _images_by_case(path: Path) -> dict[str, list[bytes]]:
    """The image blobs shown under each Heading 1 of a built .docx, in order."""
    doc = docx.Document(str(path))
    out: dict[str, list[bytes]] = {}
    current = ""
    for p in doc.paragraphs:
        if p.style is not None and p.style.name == "Heading 1":
            current = p.text
        for blip in p._p.iter(f"{A}blip"):
            out.setdefault(current, []).append(doc.part.related_parts[blip.get(f"{R}embed")].blob)
    return out


def test_two_bodies_with_the_same_image_name_keep_their_own_images(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    root = buildable
    for folder, title, image in (("a", "Rød sak", RED), ("b", "Blå sak", BLUE)):
        body = write(tmp_path / folder / "sak.md", f"## Bakgrunn\n\n![Figur for {title}](bilde.png)\n")
        (body.parent / "bilde.png").write_bytes(image)
        ok(ho21("add-case", M, "--title", title, "--body", body, "--root", root))
    cases = {c.id: c for c in load_meeting(manifest_of(root)).cases}
    red_body, blue_body = cases["rod-sak"].body, cases["bla-sak"].body
    assert red_body and blue_body and Path(red_body).parent != Path(blue_body).parent
    assert (root / M / Path(red_body).parent / "bilde.png").read_bytes() == RED
    assert (root / M / Path(blue_body).parent / "bilde.png").read_bytes() == BLUE

    ok(ho21("build-innkalling", M, "--root", root))
    innkalling = root / M / "build" / "innkalling-2026-1.docx"
    with zipfile.ZipFile(innkalling) as zf:
        media = {zf.read(n) for n in zf.namelist() if n.startswith("word/media/")}
    assert {RED, BLUE} <= media
    shown = _images_by_case(innkalling)
    assert shown["Sak 6/1/2026 Rød sak"] == [RED]
    assert shown["Sak 7/1/2026 Blå sak"] == [BLUE]
    [red_fremlegg] = (root / M / "build" / "saksfremlegg").glob("sak-06-*.docx")
    [blue_fremlegg] = (root / M / "build" / "saksfremlegg").glob("sak-07-*.docx")
    assert _images_by_case(red_fremlegg) == {"Sak 6/1/2026 Rød sak": [RED]}
    assert _images_by_case(blue_fremlegg) == {"Sak 7/1/2026 Blå sak": [BLUE]}


# -- 15. send twice ------------------------------------------------------------------------------------


def test_second_send_is_refused_unless_forced(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    ok(ho21("build-innkalling", M, "--root", root))
    ok(ho21("send", M, "--date", "2026-01-04", "--root", root))
    assert load_meeting(manifest_of(root)).sent == date(2026, 1, 4)
    before = snapshot(root)
    refused(
        ho21("send", M, "--date", "2026-01-06", "--root", root),
        4,
        "the innkalling of meeting 1/2026 was already recorded as sent 4 January 2026",
        "--force",
    )
    assert snapshot(root) == before
    ok(ho21("send", M, "--force", "--date", "2026-01-06", "--root", root))
    assert load_meeting(manifest_of(root)).sent == date(2026, 1, 6)


# -- 16. meeting dates ----------------------------------------------------------------------------------


def test_date_in_another_year_than_the_number(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    edit(manifest_of(root), "date = 2026-01-14", "date = 2027-01-13")
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        1,
        "meeting 1/2026 is dated 2027-01-13, in another year",
    )
    assert codes(root) == [("feil", "date-year")]


def test_meetings_out_of_date_order(archive: Path, ho21: Callable[..., Run]) -> None:
    ok(ho21("new-meeting", "--date", "2026-03-04", "--root", archive))
    edit(manifest_of(archive, "2026-2"), "date = 2026-03-04", "date = 2026-01-07")
    for key in (M, "2026-2"):
        assert ("feil", "date-order") in codes(archive, key), key
        checked(ho21("check", key, "--as-of", BEFORE_DEADLINE, "--root", archive), 1, "is not dated")


def test_new_meeting_before_an_existing_one_takes_its_place_by_date(archive: Path, ho21: Callable[..., Run]) -> None:
    result = ho21("new-meeting", "--date", "2026-01-07", "--root", archive)
    assert result.code == 0, result.err
    assert "Meeting 1/2026 is now meeting 2/2026" in result.out  # issue 10: meetings follow their dates
    assert load_meeting(archive / "2026-1" / "meeting.toml").date == date(2026, 1, 7)
    assert load_meeting(archive / "2026-2" / "meeting.toml").date == date(2026, 1, 14)
    before = snapshot(archive)
    refused(
        ho21("new-meeting", "--date", "2026-01-10", "--number", "3", "--root", archive),
        3,
        "--date: meeting 2026-2 is dated 2026-01-14",
        "numbered in date order",
    )
    assert snapshot(archive) == before


# -- 17. a meeting that ends before it starts ------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [("15:00", "10:00"), ("10:00", "10:00")])
def test_end_before_start_is_refused(archive: Path, ho21: Callable[..., Run], start: str, end: str) -> None:
    before = snapshot(archive)
    result = ho21("new-meeting", "--date", "2026-03-01", "--start", start, "--end", end, "--root", archive)
    refused(result, 3, f"the meeting ends ({end}) before it starts ({start})")
    assert snapshot(archive) == before
    assert not (archive / "2026-2").exists()


def test_end_before_start_in_a_hand_edited_manifest(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    edit(manifest_of(root), 'end = "15:00"', 'end = "09:30"')
    before = snapshot(root)
    checked(
        ho21("check", M, "--as-of", BEFORE_DEADLINE, "--root", root),
        1,
        "the meeting ends (09:30) before it starts (10:00)",
    )
    assert codes(root) == [("feil", "time-order")]
    refused(ho21("build-innkalling", M, "--root", root), 1, "the meeting ends (09:30)")
    assert snapshot(root) == before


# -- 18. the council's own numbering in references ----------------------------------------------------------

MUNICIPAL = """[numbering]
saksliste = "PS {n}/{yy}"
saksfremlegg = "PS {n}/{yy}"
referat = "PS {n}/{yy}"
reference = "PS {n}/{yy}"
meeting = "{meeting}-{yy}"
"""


@pytest.mark.parametrize(("reference", "known"), [("PS 99/26", False), ("PS 3/26", True)])
def test_references_in_the_municipal_numbering(
    buildable: Path, ho21: Callable[..., Run], reference: str, known: bool
) -> None:
    root = buildable
    profile = root / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("[numbering]")
    end = text.index("\n[", start + 1)
    profile.write_text(text[:start] + MUNICIPAL + text[end:], encoding="utf-8")
    [body] = (root / M / "saker").glob("orienteringer*.md")
    body.write_text(body.read_text(encoding="utf-8") + f"\nSe {reference} om dette.\n", encoding="utf-8")

    found = codes(root)
    if known:
        assert found == []
    else:
        assert found == [("feil", "unknown-reference")]
        checked(
            ho21("check", "1-26", "--as-of", BEFORE_DEADLINE, "--root", root),
            1,
            f"refers to «{reference}», which is not a case of meeting 1-26 (1-7)",
        )
    listed = ok(ho21("list-cases", "1-26", "--root", root))
    assert "meeting 1-26" in listed.out
    assert "PS 1/26" in listed.out and "PS 7/26" in listed.out


# -- 19. two meetings built into one folder ------------------------------------------------------------------


def test_two_meetings_share_an_output_folder(buildable: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    root, out = buildable, tmp_path / "felles utdata"
    body = write(tmp_path / "kilde" / "midlertidig.md", "## Bakgrunn\n\nEn sak som blir trukket.\n")
    ok(ho21("add-case", M, "--title", "Midlertidig sak", "--body", body, "--root", root))
    ok(ho21("new-meeting", "--date", "2026-02-11", "--root", root))

    first = ok(ho21("build-innkalling", M, "--out", out, "--root", root))
    assert "moved aside" not in first.out
    after_first = snapshot(out)
    ok(ho21("build-innkalling", "2026-2", "--out", out, "--draft", "--root", root))
    after_second = snapshot(out)
    assert {k: v for k, v in after_second.items() if k in after_first and k != ".ho21-build.toml"} == {
        k: v for k, v in after_first.items() if k != ".ho21-build.toml"
    }
    assert (out / "innkalling-2026-1.docx").is_file() and (out / "innkalling-2026-2.docx").is_file()
    second_files = set(after_second) - set(after_first)
    assert "innkalling-2026-2.docx" in second_files

    [stale] = (out / "saksfremlegg").glob("sak-06-midlertidig*.docx")
    stale_bytes = stale.read_bytes()
    ok(ho21("remove-case", M, "midlertidig-sak", "--root", root))
    rebuilt = ok(ho21("build-innkalling", M, "--out", out, "--root", root))
    assert "moved aside (nothing was deleted)" in rebuilt.out
    aside = out / "utgått" / "saksfremlegg" / stale.name
    assert str(aside) in rebuilt.out
    assert aside.read_bytes() == stale_bytes
    assert not stale.exists()
    now = snapshot(out)
    assert {k: now[k] for k in second_files} == {k: after_second[k] for k in second_files}  # 2026-2 untouched
    assert "sak-06-eventuelt.docx" in {p.name for p in (out / "saksfremlegg").iterdir()}


# -- 20. the disk fills up during a rebuild ----------------------------------------------------------------------


class Stand:
    """A forwarding stand-in for a module, so one function can fail without patching the real one."""

    def __init__(self, real: Any, **overrides: Any) -> None:
        self._real = real
        self.__dict__.update(overrides)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _fill_the_disk(monkeypatch: pytest.MonkeyPatch, how: str, at_call: int) -> dict[str, int]:
    """From the ``at_call``-th file ho21 writes, the disk is full."""
    calls = {"n": 0}
    if how == "outputs-write":  # ho21cli.storage.outputs.atomic_write_bytes raises the OSError itself
        real = files.atomic_write_bytes  # the function outputs.py imported

        def filling(path: Path, data: bytes) -> None:
            calls["n"] += 1
            if calls["n"] == at_call:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(path, data)

        monkeypatch.setattr(outputs, "atomic_write_bytes", filling)
    else:  # the disk itself: the write of a file's bytes fails

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            fh = os.fdopen(fd, *args, **kwargs)
            return FullFile(fh) if calls["n"] >= at_call else fh

        monkeypatch.setattr(files, "os", Stand(os, fdopen=fdopen))
    return calls


@pytest.mark.parametrize("how", ["outputs-write", "disk-write"])
@pytest.mark.parametrize("at_call", [1, 9])
def test_full_disk_during_a_rebuild_keeps_the_earlier_build(
    buildable: Path,
    ho21: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    at_call: int,
) -> None:
    root = buildable
    ok(ho21("build-innkalling", M, "--root", root))
    build = root / M / "build"
    before = snapshot(build)
    body = write(tmp_path / "kilde" / "ny.md", "## Bakgrunn\n\nEn ny sak gjør det neste bygget annerledes.\n")
    ok(ho21("add-case", M, "--title", "Ny sak", "--body", body, "--root", root))  # 9 outputs now

    calls = _fill_the_disk(monkeypatch, how, at_call)
    result = ho21("build-innkalling", M, "--root", root)
    refused(result, 5, "the disk is full while writing", "Free some space")
    assert calls["n"] == at_call
    assert snapshot(build) == before
    assert [p.name for p in build.rglob("*") if ".ho21-new" in p.name or p.name.endswith(".tmp")] == []

    monkeypatch.undo()
    ok(ho21("build-innkalling", M, "--root", root))
    assert "Sak 6/1/2026 Ny sak" in headings(open_docx(build / "innkalling-2026-1.docx"), 1)


# -- 21. LibreOffice fails during a build with --pdf ------------------------------------------------


def test_a_failed_pdf_conversion_leaves_the_earlier_build_as_it_was(
    buildable: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ho21cli.errors import EnvironmentProblem

    assert ho21("build-innkalling", M, "--root", buildable).code == 0
    before = snapshot(buildable)

    def broken_soffice(docs: list[Path], out_dir: Path, *, timeout: float = 300, pdfa: bool = False) -> list[Path]:
        raise EnvironmentProblem("LibreOffice made no PDF for innkalling-2026-1.docx")

    monkeypatch.setattr("ho21cli.render.pdf.soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("ho21cli.render.pdf.convert", broken_soffice)
    result = ho21("build-innkalling", M, "--pdf", "--root", buildable)
    assert result.code == 5 and "LibreOffice made no PDF" in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(buildable) == before  # no new .docx swapped in without its PDF
