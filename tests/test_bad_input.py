"""Hostile and clumsy input: every failure is one clear message, a documented exit
code, no traceback, and not a single changed file.

Manifests and profiles are edited by hand here, the way a secretary would, and
then a command is run on them through the real CLI entry point.
"""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

import ho21cli.storage.files as files
from ho21cli.cli.app import main
from ho21cli.errors import ConflictError, InputError
from ho21cli.storage.manifest import load_meeting
from tests.conftest import REPO, Run, refused, snapshot, write
from tests.docx_read import all_text, headings, open_docx, table_rows
from tests.makers import FullFile

M = "2026-1"
STANDARD_TITLES = [
    "Godkjenning av innkalling og saksliste",
    "Spørsmål om habilitet",
    "Godkjenning av referat fra møte [forrige møte]",
    "Orienteringer",
    "Oversikt meldinger og strategier",
    "Eventuelt",
    "Evaluering av møtet",
]


# -- helpers -------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    """Change a file by hand; the text to change must be there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the line that holds ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def manifest_of(root: Path) -> Path:
    return root / M / "meeting.toml"


def titles_in(root: Path) -> list[str]:
    return [c.title for c in load_meeting(manifest_of(root)).cases]


def tmp_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def make_docx(path: Path, *paragraphs: str, title: str | None = None) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    if title is not None:
        d.core_properties.title = title
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


# A forwarding stand-in for a module, so one function can fail without patching
# the real os or tempfile module for everything else in the process.
class Stand:
    def __init__(self, real: Any, **overrides: Any) -> None:
        self._real = real
        self.__dict__.update(overrides)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


# -- malformed TOML ------------------------------------------------------------------

COMMANDS = {
    "list-cases": ["list-cases", M],
    "add-case": ["add-case", M, "--title", "Ny sak"],
    "build-innkalling": ["build-innkalling", M],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_malformed_manifest_names_the_file_and_line(archive: Path, ho21: Callable[..., Run], command: str) -> None:
    path = manifest_of(archive)
    edit(path, "number = 1\n", "number = 1 x\n")  # a stray word after a value
    line = line_of(path, "number = 1 x")
    before = snapshot(archive)
    result = ho21(*COMMANDS[command], "--root", archive)
    refused(result, 3, str(path), "is not valid TOML", f"at line {line}", "Fix the line")
    assert snapshot(archive) == before


@pytest.mark.parametrize("command", list(COMMANDS))
def test_malformed_profile_names_the_file_and_line(archive: Path, ho21: Callable[..., Run], command: str) -> None:
    path = archive / "profil.toml"
    edit(path, 'name = "HelseOmsorg21-rådet"', 'name = "HelseOmsorg21-rådet')  # unclosed quote
    line = line_of(path, 'name = "HelseOmsorg21-rådet')
    before = snapshot(archive)
    result = ho21(*COMMANDS[command], "--root", archive)
    refused(result, 3, str(path), "is not valid TOML", f"at line {line}", "Fix the line")
    assert snapshot(archive) == before


def test_unquoted_impossible_date_in_manifest_names_the_line(archive: Path, ho21: Callable[..., Run]) -> None:
    path = manifest_of(archive)
    edit(path, "date = 2026-01-14", "date = 2026-02-30")  # TOML's own date type: a syntax error
    line = line_of(path, "date = 2026-02-30")
    before = snapshot(archive)
    refused(ho21("add-case", M, "--title", "X", "--root", archive), 3, "meeting.toml", f"at line {line}")
    assert snapshot(archive) == before


def test_manifest_that_is_not_utf8_says_so(archive: Path, ho21: Callable[..., Run]) -> None:
    path = manifest_of(archive)
    path.write_bytes(path.read_bytes().replace("Spørsmål".encode(), "Spørsmål".encode("latin-1")))
    before = snapshot(archive)
    refused(
        ho21("add-case", M, "--title", "X", "--root", archive), 3, "meeting.toml", "not UTF-8", "Save the file as UTF-8"
    )
    assert snapshot(archive) == before


# -- unknown and misspelled keys ---------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "what", "fix"),
    [
        (f"{M}/meeting.toml", 'title = "Eventuelt"', 'titel = "Eventuelt"',
         f"{M}/meeting.toml: cases[5]", "unknown key «titel»", "Did you mean «title»?"),
        (f"{M}/meeting.toml", "date = 2026-01-14", "dato = 2026-01-14",
         f"{M}/meeting.toml: meeting", "unknown key «dato»", "Did you mean «date»?"),
        ("profil.toml", 'short_name = "HO21"', 'shortname = "HO21"',
         "profil.toml", "unknown key «shortname»", "Did you mean «short_name»?"),
        ("profil.toml", 'saksliste = "Sak {n}/{meeting}/{year}"', 'sakliste = "Sak {n}/{meeting}/{year}"',
         "profil.toml: numbering", "unknown key «sakliste»", "Did you mean «saksliste»?"),
    ],
    ids=["case-titel", "meeting-dato", "profile-shortname", "profile-numbering-sakliste"],
)  # fmt: skip
def test_misspelled_key_is_named_with_the_right_spelling(
    archive: Path, ho21: Callable[..., Run], file: str, old: str, new: str, where: str, what: str, fix: str
) -> None:
    edit(archive / file, old, new)
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Ny sak", "--root", archive)
    refused(result, 3, f"{where}: {what}", fix)
    assert snapshot(archive) == before


# -- wrong types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("number = 1", 'number = 1\nfirst_case = "en"',
         f"{M}/meeting.toml: meeting: «first_case» must be a whole number, not str 'en'"),
        ("number = 1", "number = true",
         f"{M}/meeting.toml: meeting: «number» must be a whole number, not bool True"),
        ('saksbehandlere = ["Henrietta Blankson"]\n\n[[cases]]\nid = "habilitet"',
         'saksbehandlere = "Henrietta"\n\n[[cases]]\nid = "habilitet"',
         f"{M}/meeting.toml: cases[0]: «saksbehandlere» must be a list of texts in quotes, not str 'Henrietta'"),
        ('standard = "eventuelt"', 'standard = "eventuelt"\nettersendes = "ja"',
         f"{M}/meeting.toml: cases[5]: «ettersendes» must be true or false, not str 'ja'"),
    ],
    ids=["first_case-text", "number-bool", "saksbehandlere-text", "ettersendes-text"],
)  # fmt: skip
@pytest.mark.parametrize("command", ["list-cases", "add-case"])
def test_wrong_type_names_file_table_and_key(
    archive: Path, ho21: Callable[..., Run], old: str, new: str, message: str, command: str
) -> None:
    edit(manifest_of(archive), old, new)
    before = snapshot(archive)
    refused(ho21(*COMMANDS[command], "--root", archive), 3, message)
    assert snapshot(archive) == before


@pytest.mark.parametrize("file", [f"{M}/meeting.toml", "profil.toml"])
def test_file_from_a_newer_ho21_says_upgrade(archive: Path, ho21: Callable[..., Run], file: str) -> None:
    edit(archive / file, "schema = 1\n", "schema = 99\n")
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Ny sak", "--root", archive)
    refused(result, 3, f"{file}: was written by a newer ho21 (schema 99", "Upgrade ho21")
    assert snapshot(archive) == before


# -- dates and times ----------------------------------------------------------------------


def test_impossible_date_in_manifest(archive: Path, ho21: Callable[..., Run]) -> None:
    edit(manifest_of(archive), "date = 2026-01-14", 'date = "2026-02-30"')
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Ny sak", "--root", archive)
    refused(result, 3, f"{M}/meeting.toml: meeting.date", "«2026-02-30» is not a valid date", "YYYY-MM-DD")
    assert snapshot(archive) == before


@pytest.mark.parametrize(
    ("args", "where", "what", "fix"),
    [
        (["--date", "2026-02-30"], "--date", "«2026-02-30» is not a valid date", "check that the day exists"),
        (["--date", "14.01.2026"], "--date", "«14.01.2026» is not a valid date", "YYYY-MM-DD"),
        (["--date", "2026-03-04", "--start", "25:00"], "--start", "«25:00» is not a time of day", "HH:MM"),
        (["--date", "2026-03-04", "--end", "15:60"], "--end", "«15:60» is not a time of day", "HH:MM"),
    ],
    ids=["feb-30", "norwegian-order", "hour-25", "minute-60"],
)
def test_bad_date_or_time_on_the_command_line(
    archive: Path, tmp_path: Path, ho21: Callable[..., Run], args: list[str], where: str, what: str, fix: str
) -> None:
    before = snapshot(archive)
    refused(ho21("new-meeting", *args, "--root", archive), 3, f"{where}: {what}", fix)
    assert snapshot(archive) == before
    fresh = tmp_path / "ny arkiv"  # nothing at all is created for a bad option
    refused(ho21("new-meeting", *args, "--root", fresh), 3, f"{where}: {what}", fix)
    assert not fresh.exists()


def test_impossible_referat_sent_date(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    refused(ho21("referat-sent", M, "--date", "2026-02-30", "--root", archive), 3, "--date: «2026-02-30»")
    assert snapshot(archive) == before


# -- user text is data, never template code ---------------------------------------------------

HOSTILE = (
    "R&D <w:p> </w:t> {{ 7*7 }} {% for x in y %} {# c #} ${x} %s "
    "æøå ÆØÅ שלום עולם مرحبا \u200fRTL\u202e override\u202c 🎉 👩\u200d⚕️"
)


def test_hostile_text_everywhere_comes_out_as_typed(buildable: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    root = buildable
    body = write(
        tmp_path / "kilde" / "hostile.md",
        f"## Bakgrunn\n\n{HOSTILE}\n\nkontroll\x01tegn og\x0bny linje\n\n- {HOSTILE}\n\n"
        f"| Kolonne | Verdi |\n|---|---|\n| celle | {HOSTILE} |\n",
    )
    vedlegg = make_docx(tmp_path / "kilde" / "mal.docx", "Vedleggstekst {{ 7*7 }} {% if x %} <w:p> & slutt")
    title = f"{HOSTILE} kontroll\x01tegn\x0bslutt"
    result = ho21(
        "add-case", M, "--title", title, "--body", body, "--forslag", HOSTILE,
        "--saksbehandler", f"Saksbehandler {HOSTILE}", "--vedlegg", f"{vedlegg}=Vedlegg {HOSTILE}", "--root", root,
    )  # fmt: skip
    assert result.code == 0, result.err
    edit(manifest_of(root), 'place = "Forskningsrådets lokaler"', 'place = "Sted {{ 7*7 }} {% raw %} & <w:p>"')

    result = ho21("build-innkalling", M, "--root", root)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    doc = open_docx(root / M / "build" / "innkalling-2026-1.docx")  # every XML part parses strictly
    text = all_text(doc)
    shown_title = f"{HOSTILE} kontrolltegn slutt"  # \x01 cannot be in XML; Word's \x0b is a line break
    assert ["Sak 6/1/2026", shown_title] in table_rows(doc.tables[1])
    assert f"Sak 6/1/2026 {shown_title}" in headings(doc, 1)
    paras = [p.text for p in doc.paragraphs]
    assert paras.count(HOSTILE) == 3  # the paragraph, the bullet, the forslag
    assert "kontrolltegn og\nny linje" in paras
    assert f"Vedlegg 1: Vedlegg {HOSTILE}" in paras
    assert "Vedleggstekst {{ 7*7 }} {% if x %} <w:p> & slutt" in paras  # a vedlegg is never rendered either
    assert "Sted {{ 7*7 }} {% raw %} & <w:p>" in text
    assert f"Saksbehandler {HOSTILE}" in text
    assert f"celle\t{HOSTILE}" in text
    assert "49" not in text
    assert "\x01" not in text
    assert f"Vedlegg\t1. Vedlegg {HOSTILE}" in text  # the vedlegg list in the header table
    # nine places hold HOSTILE (saksliste, heading, paragraph, bullet, cell, forslag, saksbehandler,
    # vedlegg list, vedlegg heading), plus the vedlegg's own text and the place
    assert text.count(HOSTILE) == 9
    assert text.count("{{ 7*7 }}") == 11
    assert text.count("{% for x in y %}") == 9
    assert text.count("{# c #}") == 9

    [fremlegg_path] = (root / M / "build" / "saksfremlegg").glob("sak-06-*.docx")
    fremlegg = open_docx(fremlegg_path)
    assert f"Sak 6/1/2026 {shown_title}" in headings(fremlegg, 1)
    assert [p.text for p in fremlegg.paragraphs].count(HOSTILE) == 3
    assert "49" not in all_text(fremlegg)


# -- vedlegg that are not what they claim -----------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _zip_bomb(path: Path, megabytes: int) -> Path:
    """A small .docx whose one image unpacks to ``megabytes`` MB of zeros."""
    real = make_docx(path.with_name("real.docx"), "Ekte tekst")
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in src.infolist():
            zf.writestr(item, src.read(item))
        chunk = bytes(1024 * 1024)
        with zf.open("word/media/image1.png", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    return path


@pytest.mark.parametrize(
    ("kind", "what", "fix"),
    [
        ("text", "is not a Word (.docx) document", "Save it as .docx"),
        ("empty", "is empty", "Save the document again from Word"),
        ("zip", "is a zip file but not a Word document", ""),
        ("fake-pdf", "is not a PDF file", ""),
        ("txt", "vedlegg must be .docx or .pdf, not «.txt»", "Save it as a Word document"),
        ("missing", "vedlegg file not found", "Check the path"),
        ("folder", "is a folder, not a file", "Give the path of the file itself"),
    ],
)
def test_vedlegg_that_is_not_a_document_is_refused(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, kind: str, what: str, fix: str
) -> None:
    src = tmp_path / "kilde med æøå"
    src.mkdir()
    path = {
        "text": src / "notat.docx",
        "empty": src / "tom.docx",
        "zip": src / "arkiv.docx",
        "fake-pdf": src / "skannet.pdf",
        "txt": src / "notat.txt",
        "missing": src / "finnes ikke.docx",
        "folder": src / "mappe.docx",
    }[kind]
    if kind in ("text", "txt", "fake-pdf"):
        path.write_text("Dette er bare tekst, ikke et dokument.\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "zip":
        _zip(path, {"readme.txt": b"hei", "word/other.xml": b"<x/>"})
    elif kind == "folder":
        path.mkdir()
    before = snapshot(tmp_path)
    result = ho21("add-case", M, "--title", "Med vedlegg", "--vedlegg", path, "--root", archive)
    refused(result, 3, f"{path}: {what}", fix)
    assert snapshot(tmp_path) == before


def test_zip_bomb_vedlegg_is_refused_quickly(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    import time

    from ho21cli.render import inspect as docs

    bomb = _zip_bomb(tmp_path / "bombe.docx", (docs.MAX_UNPACKED >> 20) + 50)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk, huge unpacked
    with zipfile.ZipFile(bomb) as zf:
        assert sum(i.file_size for i in zf.infolist()) > docs.MAX_UNPACKED
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = ho21("add-case", M, "--title", "Bombe", "--vedlegg", bomb, "--root", archive)
    assert time.monotonic() - started < 2.0  # refused from the zip directory, not by unpacking it
    refused(result, 3, f"{bomb}: unpacks to", "MB, more than ho21 accepts", "attach it as a PDF")
    assert snapshot(tmp_path) == before


# -- templates ----------------------------------------------------------------------------------


def _use_template(root: Path, kind: str, rel: str) -> None:
    edit(root / "profil.toml", f'# {kind} = "maler/{kind}.docx"', f'{kind} = "{rel}"')


def _template_with(root: Path, rel: str, *paragraphs: str) -> Path:
    tpl = docx.Document(str(REPO / "templates" / "saksfremlegg.docx"))
    for text in paragraphs:
        tpl.add_paragraph(text)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(path))
    return path


@pytest.mark.parametrize(
    ("paragraph", "what", "fix"),
    [
        ("{% if %} ødelagt", "the template has a Jinja syntax error", "fix the {{ }} or {% %} tag"),
        ("{{ sak.hemmelig }}", "the template uses a value ho21 does not provide", "names a template can use"),
        ("{{ ''.__class__.__mro__ }}", "the template tried something unsafe", ""),
    ],
    ids=["syntax", "unknown-value", "sandbox"],
)
def test_broken_saksfremlegg_template_names_the_template_and_keeps_the_old_build(
    buildable: Path, ho21: Callable[..., Run], paragraph: str, what: str, fix: str
) -> None:
    root = buildable
    assert ho21("build-innkalling", M, "--root", root).code == 0
    rel = "maler med æøå/min saksfremlegg.docx"
    path = _template_with(root, rel, paragraph)
    _use_template(root, "saksfremlegg", rel)
    before = snapshot(root)
    result = ho21("build-innkalling", M, "--root", root)
    refused(result, 1, f"{path}: {what}", fix)  # an error `ho21 check` reports too
    assert snapshot(root) == before  # the earlier build is whole


def test_template_that_is_not_a_docx_or_is_missing(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    _use_template(root, "saksfremlegg", "maler/saksfremlegg.docx")
    before = snapshot(root)
    refused(ho21("build-innkalling", M, "--root", root), 1, "profil.toml: templates.saksfremlegg", "was not found")
    assert snapshot(root) == before
    write(root / "maler" / "saksfremlegg.docx", "ikke en mal")
    before = snapshot(root)
    refused(ho21("build-innkalling", M, "--root", root), 1, "saksfremlegg.docx: is not a Word (.docx) file")
    assert snapshot(root) == before
    assert not (root / M / "build").exists()


# -- paths with spaces and æøå work --------------------------------------------------------------


def test_paths_with_spaces_and_norwegian_letters_work(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert " " in str(archive) and "æøå" in str(archive)
    body = write(tmp_path / "mine saker æøå" / "bakgrunn for sak ø.md", "## Bakgrunn\n\nTekst fra en mappe med å.\n")
    vedlegg = make_docx(tmp_path / "vedlegg ÆØÅ" / "mandat for utvalget å.docx", "Mandatteksten")
    result = ho21(
        "add-case", M, "--title", "Sak fra æøå-mappe", "--body", body, "--vedlegg", vedlegg, "--root", archive
    )
    assert result.code == 0, result.err
    assert "Sak 6/1/2026  Sak fra æøå-mappe" in result.out
    meeting = load_meeting(manifest_of(archive))
    case = meeting.cases[5]
    assert case.title == "Sak fra æøå-mappe"
    assert (archive / M / str(case.body)).read_text(encoding="utf-8") == body.read_text(encoding="utf-8")
    assert [v.title for v in case.vedlegg] == ["Mandat for utvalget å"]
    assert (archive / M / case.vedlegg[0].file).read_bytes() == vedlegg.read_bytes()

    monkeypatch.setenv("HO21_ROOT", str(archive))  # the same archive without --root
    listed = ho21("list-cases", M)
    assert listed.code == 0 and "Sak fra æøå-mappe" in listed.out
    monkeypatch.delenv("HO21_ROOT")
    monkeypatch.chdir(body.parent)  # relative paths from a folder with æøå
    relative = ho21("add-case", M, "--title", "Relativ", "--body", "bakgrunn for sak ø.md", "--root", archive)
    assert relative.code == 0, relative.err
    assert titles_in(archive)[5:8] == ["Sak fra æøå-mappe", "Relativ", "Eventuelt"]

    orient = write(
        tmp_path / "mine saker æøå" / "orienteringer.md", "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n"
    )
    assert ho21("edit-case", M, "orienteringer", "--body", orient, "--root", archive).code == 0
    previous = ("--meeting", "4/2025", "--date", "2025-11-26", "--referat-sent", "2025-12-03")
    assert ho21("previous-meeting", M, *previous, "--root", archive).code == 0
    built = ho21("build-innkalling", M, "--root", archive)
    assert built.code == 0, built.err
    text = all_text(open_docx(archive / M / "build" / "innkalling-2026-1.docx"))
    assert "Tekst fra en mappe med å." in text
    assert "Vedlegg 1: Mandat for utvalget å" in text
    assert "Mandatteksten" in text


# -- the machine: permission, full disk, interruption ---------------------------------------------


def _deny(*args: object, **kwargs: object) -> Any:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize(
    "where",
    [
        "fdopen",
        "mkstemp",
    ],
)
def test_read_only_meeting_folder_is_a_machine_problem(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # As root, chmod does not stop writes; simulate what a read-only folder does.
    if where == "fdopen":
        monkeypatch.setattr(files, "os", Stand(os, fdopen=_deny))
    else:
        monkeypatch.setattr(files, "tempfile", Stand(tempfile, mkstemp=_deny))
    body = write(tmp_path / "kilde" / "sak.md", "## Bakgrunn\n\nTekst.\n")
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Ny sak", "--body", body, "--root", archive)
    refused(result, 5, "no permission", "writable")
    assert "permission" in result.err
    assert snapshot(archive) == before
    assert tmp_leftovers(archive / M) == []


def _full_disk(at: str, ok_writes: int) -> Stand:
    """``os`` for ho21's file writes: ``ok_writes`` files are written, then the disk is full
    (at ``write`` time, or only when the data is flushed to disk at ``fsync``)."""
    calls = {"n": 0}

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        fh = os.fdopen(fd, *args, **kwargs)
        return FullFile(fh) if at == "write" and calls["n"] > ok_writes else fh

    def fsync(fd: int) -> None:
        if at == "fsync" and calls["n"] > ok_writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        os.fsync(fd)

    return Stand(os, fdopen=fdopen, fsync=fsync)


@pytest.mark.parametrize("at", ["write", "fsync"])
@pytest.mark.parametrize(
    ("ok_writes", "with_body", "failing_file"),
    [(0, False, "meeting.toml"), (0, True, "saker/ny-sak.md"), (1, True, "meeting.toml")],
    ids=["manifest", "body-copy", "manifest-after-body-copy"],
)
def test_full_disk_leaves_every_file_as_it_was(
    archive: Path,
    ho21: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ok_writes: int,
    with_body: bool,
    failing_file: str,
    at: str,
) -> None:
    assert ho21("add-case", M, "--title", "Før", "--root", archive).code == 0
    body = write(tmp_path / "kilde" / "sak.md", "## Bakgrunn\n\nTekst.\n")
    before = snapshot(archive)
    titles = titles_in(archive)
    monkeypatch.setattr(files, "os", _full_disk(at, ok_writes))
    args = ["--body", body] if with_body else []
    result = ho21("add-case", M, "--title", "Ny sak", *args, "--root", archive)
    refused(result, 5, f"{archive / M / failing_file}: the disk is full while writing", "Free some space")
    assert snapshot(archive) == before  # a body copied before the manifest failed is gone again
    assert tmp_leftovers(archive / M) == []
    monkeypatch.undo()
    assert titles_in(archive) == titles  # the old manifest still loads
    assert ho21("add-case", M, "--title", "Ny sak", *args, "--root", archive).code == 0
    assert titles_in(archive)[5:8] == ["Før", "Ny sak", "Eventuelt"]


def _interrupt_manifest_write(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Ctrl-C after the body is copied, while the manifest is written (the second fsync)."""
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        os.fsync(fd)

    monkeypatch.setattr(files, "os", Stand(os, fsync=fsync))
    return calls


def test_interrupt_during_the_manifest_write_leaves_files_as_they_were(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = write(tmp_path / "kilde" / "sak.md", "## Bakgrunn\n\nTekst.\n")
    calls = _interrupt_manifest_write(monkeypatch)
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Ny sak", "--body", body, "--root", archive)
    assert result.code == 130
    assert "Traceback" not in result.out + result.err
    assert calls["n"] == 2
    assert snapshot(archive) == before  # the copied body is removed again
    assert tmp_leftovers(archive / M) == []


def test_interrupt_says_that_files_are_as_they_were(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = write(tmp_path / "kilde" / "sak.md", "## Bakgrunn\n\nTekst.\n")
    _interrupt_manifest_write(monkeypatch)
    result = ho21("add-case", M, "--title", "Ny sak", "--body", body, "--root", archive)
    assert result.code == 130
    assert "Interrupted; every file is as it was before the last write" in result.err


# -- unknown references and contradictory options ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["remove-case", M, "99"], ["no case 99 in meeting 1/2026", "1-7", "list-cases"]),
        (["remove-case", M, "Sak 3/2/2026"], ["«Sak 3/2/2026» is a case of another meeting", "Name a case of this meeting"]),
        (["edit-case", M, "finnes-ikke", "--title", "X"], ["finnes-ikke", "list-cases"]),
        (["move-case", M, "2", "--after", "42"], ["42", "1-7"]),
        (["add-case", M, "--title", "X", "--before", "0"], ["0", "1-7"]),
        (["list-cases", "2026-7"], ["no meeting 7/2026", "Meetings in this archive: 2026-1"]),
        (["add-case", "møte 1", "--title", "X"], ["«møte 1» is not a meeting", "YEAR-NUMBER"]),
        (["add-case", M, "--title", "X", "--before", "2", "--after", "3"], ["--before or --after, not both"]),
        (["move-case", M, "2"], ["--before REF or --after REF"]),
        (["move-case", M, "2", "--before", "2"], ["cannot be moved relative to itself"]),
        (["add-case", M, "--title", " \t "], ["--title: the case title has no visible text"]),
        (["add-case", M, "--title", "\x01\x02"], ["--title: the case title has no visible text"]),
        (["add-case", M, "--title", "X", "--inhabil", "Guri Rørtveitt"], ["--inhabil", "Did you mean «Guri Rørtveit»?"]),
    ],
    ids=[
        "ref-out-of-range", "ref-other-meeting", "ref-unknown-id", "move-anchor-unknown", "before-zero",
        "meeting-unknown", "meeting-malformed", "before-and-after", "move-neither", "move-itself",
        "blank-title", "control-title", "inhabil-misspelt",
    ],
)  # fmt: skip
def test_unknown_reference_or_contradiction_is_refused(
    archive: Path, ho21: Callable[..., Run], args: list[str], needles: list[str]
) -> None:
    before = snapshot(archive)
    refused(ho21(*args, "--root", archive), 3, *needles)
    assert snapshot(archive) == before


def test_archive_without_profile_says_how_to_start(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    empty = tmp_path / "tom mappe"
    empty.mkdir()
    refused(ho21("list-cases", M, "--root", empty), 3, "no council profile (profil.toml)", "ho21 new-meeting")
    assert list(empty.iterdir()) == []


def test_existing_meeting_is_not_replaced(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    result = ho21("new-meeting", "--date", "2026-02-11", "--number", "1", "--root", archive)
    refused(result, 4, "meeting 1/2026 already exists", "--number")
    assert snapshot(archive) == before


def test_refused_new_meeting_in_a_fresh_archive_writes_nothing(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "nytt arkiv"
    (root / M).mkdir(parents=True)  # a folder made by hand, no manifest
    before = snapshot(root)
    result = ho21("new-meeting", "--date", "2026-01-14", "--root", root)
    refused(result, 4, "exists but has no manifest", "Move or rename that folder")
    assert snapshot(root) == before


def test_body_that_is_a_folder_is_bad_input(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    folder = tmp_path / "saker"
    folder.mkdir()
    before = snapshot(archive)
    refused(ho21("add-case", M, "--title", "X", "--body", folder, "--root", archive), 3, str(folder))
    assert snapshot(archive) == before


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (
            ["add-case", M, "--title", "X", "--kind", "beslutning"],
            ["Invalid value for '--kind'", "beslutning", "vedtak"],
        ),
        (["add-case", M], ["Missing option '--title'"]),
        (["add-case", M, "--title", "X", "--vedleg", "a.docx"], ["No such option", "--vedleg", "--vedlegg"]),
    ],
    ids=["bad-choice", "missing-option", "misspelt-option"],
)
def test_wrong_option_is_a_usage_error(
    archive: Path, ho21: Callable[..., Run], args: list[str], needles: list[str]
) -> None:
    before = snapshot(archive)
    result = ho21(*args, "--root", archive)
    assert result.code == 2, result.err
    assert "Traceback" not in result.out + result.err
    for needle in needles:
        assert needle in result.err, result.err
    assert "Try 'ho21 add-case --help' for help." in result.err  # what to do
    assert snapshot(archive) == before


# -- --debug -------------------------------------------------------------------------------------


def test_debug_lets_the_error_through_with_its_traceback(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    with pytest.raises(InputError) as info:
        main(["--debug", "list-cases", "2026-7", "--root", str(archive)])
    assert "there is no meeting 7/2026" in str(info.value)
    with pytest.raises(ConflictError, match="already exists"):
        main(["new-meeting", "--date", "2026-02-11", "--number", "1", "--debug", "--root", str(archive)])
    assert snapshot(archive) == before
    refused(ho21("list-cases", "2026-7", "--root", archive), 3, "there is no meeting 7/2026")  # without --debug


# -- Windows line endings from a hand edit ------------------------------------------------------


def test_manifest_saved_with_windows_line_endings_still_works(archive: Path, ho21: Callable[..., Run]) -> None:
    path = manifest_of(archive)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = ho21("add-case", M, "--title", "Etter Notisblokk", "--root", archive)
    assert result.code == 0, result.err
    assert titles_in(archive) == [*STANDARD_TITLES[:5], "Etter Notisblokk", *STANDARD_TITLES[5:]]
    assert ho21("remove-case", M, "etter-notisblokk", "--root", archive).code == 0
    assert titles_in(archive) == STANDARD_TITLES
