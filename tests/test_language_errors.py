"""One language per run, for the errors too: usage errors and damaged files.

A usage error is worded by click (inside Typer), a damaged file by the library that reads it
(tomllib, zipfile and zlib, lxml, pypdf), all in English. ho21 says each of them in its own
words, in the run's language: here every case runs once in bokmål (no locale set, as on the
council's machines) and once in English, in a fresh process each (the language is chosen at
start), and the bokmål run is read for English words.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Run, refused, snapshot
from tests.makers import tiny_pdf
from tests.test_language import run_in

# run_in's runner, with a crash in one command reported as that command's output (a traceback)
# instead of ending the process and so every case after it.
CRASH_PROOF_RUNNER = """
import json, sys, traceback
from ho21cli.cli.app import main
for args in json.loads(sys.argv[1]):
    print("\\n@@@ ho21 " + " ".join(args), flush=True)
    try:
        code = main(args)
    except Exception:
        traceback.print_exc(file=sys.stdout)
        code = -1
    sys.stdout.flush(); sys.stderr.flush()
    print("@@@ exit " + str(code), flush=True)
"""

M = "2026-1"


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for _i in range(40):  # enough text that word/document.xml is compressed over some kilobytes
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info.filename)))
    return out.getvalue()


def cut_short_docx() -> bytes:
    """The first half of a document: a download or a copy that stopped."""
    whole = _docx("Vedleggstekst som ble kuttet")
    return whole[: len(whole) // 2]


def corrupt_compression_docx() -> bytes:
    """word/document.xml's compressed bytes garbled: zlib cannot unpack them."""
    data = bytearray(_docx("Vedleggstekst med ødelagt pakking"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0x55
    return bytes(data)


def not_well_formed_docx() -> bytes:
    """word/document.xml with a paragraph opened and never closed."""
    return _rezip(
        _docx("Vedleggstekst med ugyldig XML"),
        lambda name, data: data.replace(b"</w:body>", b"<w:p></w:body>", 1) if name == "word/document.xml" else data,
    )


def cut_short_pdf() -> bytes:
    whole = tiny_pdf("Et brev som ble kuttet")
    return whole[: len(whole) // 2]


def garbled_pdf() -> bytes:
    """A PDF signature and end marker with noise between: no page to read."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


@dataclass(frozen=True)
class Case:
    """One mistake: the command line (``{root}``: the archive, ``{dir}``: the files' folder),
    its exit code, and what each language's message must say (the file, the fix)."""

    args: tuple[str, ...]
    code: int
    bokmaal: tuple[str, ...]
    english: tuple[str, ...]


R = ("--root", "{root}")
CASES = {
    "unknown-option": Case(
        ("new-meeting", "--bogus"),
        2,
        ("Ukjent valg: --bogus", "Kjør 'ho21 new-meeting --help'"),
        ("No such option: --bogus", "Try 'ho21 new-meeting --help'"),
    ),
    "near-miss-option": Case(("list-cases", M, "--rot", "{root}"), 2, ("Mente du --root?",), ("Did you mean --root?",)),
    "extra-argument": Case(
        ("list-cases", M, "ekstra", *R),
        2,
        ("Uventede ekstra argumenter (ekstra)", "Bruk: ho21 list-cases"),
        ("Got unexpected extra argument(s) (ekstra)", "Usage: ho21 list-cases"),
    ),
    "missing-argument": Case(("list-cases",), 2, ("Argumentet 'MØTE' mangler",), ("Missing argument 'MEETING'",)),
    "missing-option": Case(("new-meeting", *R), 2, ("Valget '--date' mangler",), ("Missing option '--date'",)),
    "bad-date": Case(
        ("new-meeting", "--date", "2026-02-30", *R),
        3,
        ("«2026-02-30» er ikke en gyldig dato", "ÅÅÅÅ-MM-DD"),
        ("«2026-02-30» is not a valid date", "YYYY-MM-DD"),
    ),
    "bad-number": Case(
        ("new-meeting", "--date", "2026-05-05", "--number", "x", *R),
        2,
        ("Ugyldig verdi for '--number'", "heltall"),
        ("Invalid value for '--number'", "whole number"),
    ),
    "unknown-command": Case(
        ("ingen-slik-kommando",), 2, ("Kommandoen 'ingen-slik-kommando' finnes ikke",), ("No such command",)
    ),
    "option-without-value": Case(
        ("new-meeting", "--date"), 2, ("Valget '--date' må ha en verdi",), ("Option '--date' needs a value",)
    ),
    "manifest-toml": Case(
        ("list-cases", M, *R),
        3,
        ("2026-1/meeting.toml: er ikke gyldig TOML på linje {line}, kolonne 12", "linjen fortsetter", "Rett linjen"),
        ("2026-1/meeting.toml: is not valid TOML at line {line}, column 12", "the line goes on", "Fix the line"),
    ),
    "profile-toml": Case(
        ("list-cases", M, *R),
        3,
        ("profil.toml: er ikke gyldig TOML på linje {line}, kolonne", "ikke avsluttet", "Rett linjen"),
        ("profil.toml: is not valid TOML at line {line}, column", "not closed", "Fix the line"),
    ),
    "cut-short-docx": Case(
        ("add-case", M, "--title", "Brev", "--vedlegg", "{dir}/avkuttet.docx", *R),
        3,
        ("avkuttet.docx: er skadet: slutten av filen mangler", "Kopier eller last ned filen på nytt"),
        ("avkuttet.docx: is damaged: the end of the file is missing", "Copy or download the file again"),
    ),
    "corrupt-compression-docx": Case(
        ("add-case", M, "--title", "Brev", "--vedlegg", "{dir}/pakking.docx", *R),
        3,
        ("pakking.docx: er skadet: delen word/document.xml i filen kan ikke pakkes ut", "Kopier eller last ned"),
        ("pakking.docx: is damaged: its part word/document.xml cannot be unpacked", "Copy or download"),
    ),
    "corrupt-compression-body": Case(
        ("add-case", M, "--title", "Brev", "--body", "{dir}/pakking.docx", *R),
        3,
        ("pakking.docx: er skadet: delen word/document.xml i filen kan ikke pakkes ut",),
        ("pakking.docx: is damaged: its part word/document.xml cannot be unpacked",),
    ),
    "not-well-formed-docx": Case(
        ("add-case", M, "--title", "Brev", "--vedlegg", "{dir}/ugyldig.docx", *R),
        3,
        ("ugyldig.docx: er skadet: word/document.xml er ikke gyldig XML (linje 2, kolonne", "Åpne den i Word"),
        ("ugyldig.docx: is damaged: word/document.xml is not well-formed XML (line 2, column", "Open it in Word"),
    ),
    "cut-short-pdf": Case(
        ("add-case", M, "--title", "Brev", "--vedlegg", "{dir}/avkuttet.pdf", *R),
        3,
        ("avkuttet.pdf: er skadet: slutten av filen mangler", "eksporter den som PDF på nytt"),
        ("avkuttet.pdf: is damaged: the end of the file is missing", "export it again as PDF"),
    ),
    "garbled-pdf": Case(
        ("add-case", M, "--title", "Brev", "--vedlegg", "{dir}/rot.pdf", *R),
        3,
        ("rot.pdf: er skadet: sidene i den kan ikke leses", "Eksporter den som PDF på nytt"),
        ("rot.pdf: is damaged: its pages cannot be read", "Export it again as PDF"),
    ),
}


def prepare(folder: Path, case: str) -> dict[str, str]:
    """A fresh archive for ``case`` (damaged as the case needs) and the files it gives ho21."""
    from ho21cli.cli.app import main

    root, files = folder / "arkiv", folder / "filer"
    assert main(["new-meeting", "--date", "2026-01-14", "--root", str(root)]) == 0
    fields = {"root": str(root), "dir": str(files), "line": ""}
    if case == "manifest-toml":
        fields["line"] = str(_break(root / M / "meeting.toml", "number = 1\n", "number = 1 x\n"))
    if case == "profile-toml":
        text = (root / "profil.toml").read_text(encoding="utf-8")
        name = re.search(r'^name = "[^"]*"', text, re.M)
        assert name is not None
        fields["line"] = str(_break(root / "profil.toml", name.group(0), name.group(0)[:-1]))  # no closing quote
    made = {
        "avkuttet.docx": cut_short_docx,
        "pakking.docx": corrupt_compression_docx,
        "ugyldig.docx": not_well_formed_docx,
        "avkuttet.pdf": cut_short_pdf,
        "rot.pdf": garbled_pdf,
    }
    for name, make in made.items():
        files.mkdir(parents=True, exist_ok=True)
        (files / name).write_bytes(make())
    return fields


def _break(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def runs(output: str) -> list[Run]:
    """The output of ``run_in``, split by command: (exit code, everything it printed)."""
    found = re.findall(r"^@@@ ho21 .*?\n(.*?)^@@@ exit (-?\d+)$", output, re.M | re.S)
    return [Run(int(code), text, text) for text, code in found]


BEFORE: dict[str, dict[str, str]] = {}  # each case's archive before ho21 ran


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Run, dict[str, str]]]:
    """Every case once in each language, in one process per language (one archive per case)."""
    out = {}
    for language, env in [("nb", {}), ("en", {"LANGUAGE": "en"})]:
        top = tmp_path_factory.mktemp(f"feil-{language}")
        prepared = {case: prepare(top / case, case) for case in CASES}
        BEFORE.update({fields["root"]: snapshot(Path(fields["root"])) for fields in prepared.values()})
        commands = [[a.format(**prepared[case]) for a in CASES[case].args] for case in CASES]
        done = runs(run_in(env, commands, top, runner=CRASH_PROOF_RUNNER).replace(str(top), "<MAPPE>"))
        assert len(done) == len(CASES)
        for case, run in zip(CASES, done, strict=True):
            out[(language, case)] = (run, prepared[case])
    return out


# Words of the libraries' and click's English that a bokmål message must not hold.
ENGLISH = re.compile(
    r"\b(Usage|Try|Error|Did you mean|unexpected|Missing|Invalid|No such|Illegal|Stream|ended|line|column"
    r"|expected|Expected|File|not a zip|Opening|tag|mismatch|decompress\w*|zlib|Traceback|damaged|cannot|Option"
    r"|requires|argument|is|not|the|and|with|from|has|must|Show|exit|version)\b",
    re.IGNORECASE,
)
# What is the same in both languages: paths, file names, option and command names.
NEUTRAL = re.compile(r"<MAPPE>\S*|\S+\.(?:toml|docx|pdf|xml)\b|--[\w-]+|'ho21[^']*'|ho21 [\w-]+|word/\S+")


def english_in(text: str) -> list[str]:
    return [m.group(0) for line in text.splitlines() for m in ENGLISH.finditer(NEUTRAL.sub(" ", line))]


@pytest.mark.parametrize("case", list(CASES))
def test_bokmaal_run_says_it_in_bokmaal(outputs: dict[tuple[str, str], tuple[Run, dict[str, str]]], case: str) -> None:
    run, fields = outputs[("nb", case)]
    expected = CASES[case]
    report = f"exit {run.code}, expected {expected.code}:\n{run.out}"
    assert run.code == expected.code, report
    assert "Traceback" not in run.out, report
    assert run.out.count("Feil:") == 1, report  # one message
    assert not english_in(run.out), f"English in the bokmål run: {english_in(run.out)}\n{report}"
    for needle in expected.bokmaal:
        assert needle.format(**fields) in run.out, f"{needle!r} missing\n{report}"


BOKMAAL = re.compile(r"\b(Feil|Bruk|Kjør|linje|kolonne|mangler|skadet|finnes|gyldig|verdi|Mente du)\b")


@pytest.mark.parametrize("case", list(CASES))
def test_english_run_says_it_in_english(outputs: dict[tuple[str, str], tuple[Run, dict[str, str]]], case: str) -> None:
    run, fields = outputs[("en", case)]
    expected = CASES[case]
    report = f"exit {run.code}, expected {expected.code}:\n{run.out}"
    assert run.code == expected.code, report
    assert "Traceback" not in run.out, report
    assert run.out.count("Error:") == 1, report
    assert not BOKMAAL.search(NEUTRAL.sub(" ", run.out)), report
    for needle in expected.english:
        assert needle.format(**fields) in run.out, f"{needle!r} missing\n{report}"


def test_the_english_word_check_can_fail() -> None:
    """The check sees what leaked before: tomllib's, pypdf's and click's own words."""
    assert english_in("Feil: <MAPPE>/meeting.toml: er ikke gyldig TOML: Illegal character '\\n' (at line 5, column 3)")
    assert english_in("Feil: <MAPPE>/skadet.pdf: er skadet: Stream has ended unexpectedly")
    assert english_in("Feil: Got unexpected extra argument(s) (ekstra)")
    assert not english_in(
        "Feil: <MAPPE>/meeting.toml: er ikke gyldig TOML på linje 5, kolonne 3: en nøkkel uten «= verdi»"
    )


# -- --version, and ho21 alone -----------------------------------------------------------------


def test_version_prints_the_installed_version(ho21: Callable[..., Run]) -> None:
    from importlib.metadata import version

    result = ho21("--version")
    assert (result.code, result.out, result.err) == (0, f"ho21 {version('ho21')}\n", "")
    assert "--version" in ho21("--help").out


def test_ho21_alone_shows_its_help_and_no_error(tmp_path: Path) -> None:
    """The help is the answer to `ho21` with nothing after it, in the run's language, not an error holding it."""
    text = run_in({}, [[], ["templates"]], tmp_path)
    assert "Feil:" not in text and "Error" not in text, text
    assert text.count("Bruk: ho21") == 2 and "Kommandoer:" in text and "Vis versjonen av ho21 og avslutt." in text
    assert re.findall(r"^@@@ exit (\d+)$", text, re.M) == ["2", "2"]  # as click gives it: no command was run


def test_nothing_is_changed(outputs: dict[tuple[str, str], tuple[Run, dict[str, str]]]) -> None:
    """A refused command leaves the archive as it was (the snapshots are taken in ``outputs``)."""
    for (language, case), (_run, fields) in outputs.items():
        assert snapshot(Path(fields["root"])) == BEFORE[fields["root"]], (language, case)


# -- the system's own errors ----------------------------------------------------------------------


def test_a_system_error_is_named_by_its_code_not_the_systems_english(
    archive: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error while the manifest is written: the system's description («Input/output
    error») is English in every run; its name (EIO) is the same in both languages."""
    import errno
    import os

    import ho21cli.storage.files as files
    from tests.test_bad_input import Stand

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files, "os", Stand(os, fsync=fsync))
    before = snapshot(archive)
    result = ho21("add-case", M, "--title", "Ny sak", "--root", archive)
    refused(result, 5, "meeting.toml: the system reported error EIO while writing", "Run the command again")
    assert "Input/output" not in result.err
    assert snapshot(archive) == before
