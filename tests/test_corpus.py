"""Real Word documents that nobody here wrote, as vedlegg: what comes through, and what not.

The corpus (tests/corpus/sources.toml, fetched by tests/corpus.py) goes into one meeting,
a few vedlegg per case, built once with ``build-innkalling --draft --pdf``. The same
pieces (ho21's saksfremlegg, a «Vedlegg N: …» heading, the vedlegg) are also merged by
docxcompose alone. Then every file is checked in both (tests/corpus_checks.py): its text
in order, its images, the list labels LibreOffice shows, its notes and comments, the
integrity of its part of the package, the orientation and size of its pages, and the PDF.

What ho21 loses today is listed in KNOWN_GAPS, file by file and check by check: the test
fails on a loss that is not listed, and on a listed one that no longer happens (then
remove it from the list). The docxcompose results are for comparison only. ``pytest -s``
prints the summary; it is also written to tests/_cache/corpus-report.md.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ho21cli.render.inspect import vedlegg_refusal
from tests import corpus_checks as cc
from tests.conftest import Run, write
from tests.corpus import CACHE, CorpusFile, corpus

M = "2026-1"
PER_CASE = 4  # vedlegg per case
CHECKS = ("text", "images", "list labels", "notes", "integrity", "orientation", "page size", "empty pages", "pdf")
LIBREOFFICE_CHECKS = ("list labels", "orientation", "page size", "empty pages", "pdf")  # on what LibreOffice made
PACKAGE = "(the whole package)"  # the row for problems of the merged package as a whole
PDF_WITH_BOOKMARKS = 'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}'
TEXT_UTF8 = "txt:Text (encoded):UTF8"
SOFFICE_TIMEOUT = 600

# What ho21 loses today, by (file id, check). Keep it in step with the code: the test fails
# when a gap appears that is not listed here, and when a listed one no longer happens.
KNOWN_GAPS: dict[tuple[str, str], str] = {
    # Empty today. Fixed since the corpus came: an undefined list id joined ho21's list 1; a
    # vedlegg whose first section starts «continuous» began on the saksfremlegg's page; an
    # empty page followed a vedlegg with pages of its own when another came right after it.
}

Results = dict[str, dict[str, list[str]]]  # file id -> check -> problems


@dataclass
class Merged:
    """One merged document and what LibreOffice made of it."""

    docx: cc.Docx
    txt: str | None
    pdf_path: Path
    pdf: cc.Pdf | None
    crashed: dict[str, str] = field(default_factory=dict)  # file id -> why it is not in the document
    left_out: dict[str, str] = field(default_factory=dict)  # file id -> why LibreOffice's checks have nothing


@dataclass
class Meeting:
    """The corpus as vedlegg of one meeting: where each file is and what its heading says."""

    groups: list[list[CorpusFile]]  # the vedlegg of each case, in order
    headings: dict[str, str]  # file id -> «Vedlegg N: title»
    copies: dict[str, Path]  # file id -> a copy with a short unique name, for LibreOffice


def convert(docs: list[Path], out_dir: Path, target: str, *, again: list[Path] | None = None) -> None:
    """Convert every document with one LibreOffice start (outputs named after each stem); those
    of ``again`` that were not converted get one more start (LibreOffice can stop midway)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    extension = target.split(":")[0]
    for batch in (docs, [d for d in again or [] if not (out_dir / f"{d.stem}.{extension}").is_file()]):
        if not batch:
            continue
        with tempfile.TemporaryDirectory(prefix="corpus-lo-") as profile:
            command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
            command += ["--convert-to", target, "--outdir", str(out_dir), *map(str, batch)]
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)


def read_text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def read_pdf(path: Path) -> cc.Pdf | None:
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        return cc.read_pdf(path)
    except Exception:  # a PDF pypdf cannot read counts as not converted
        return None


def add_cases(files: list[CorpusFile], root: Path, ho21: Callable[..., Run], tmp_path: Path) -> Meeting:
    meeting = Meeting([files[i : i + PER_CASE] for i in range(0, len(files), PER_CASE)], {}, {})
    (tmp_path / "kilder").mkdir()
    n = 0
    for k, group in enumerate(meeting.groups, start=1):
        body = write(tmp_path / f"sak{k}.md", f"## Bakgrunn\n\nKorpussak {k}: vedlegg fra offentlige testsamlinger.\n")
        args: list[str | Path] = ["add-case", M, "--title", f"Korpussak {k}", "--body", body]
        for i, f in enumerate(group, start=1):
            n += 1
            title = f"Korpus {n:02d} {f.id.replace('/', ' ')}"
            meeting.headings[f.id] = f"Vedlegg {i}: {title}"
            meeting.copies[f.id] = tmp_path / "kilder" / f"{n:03d}.docx"
            shutil.copyfile(f.local, meeting.copies[f.id])
            args += ["--vedlegg", f"{f.local}={title}"]
        added = ho21(*args, "--root", root)
        assert added.code == 0, added.err
    return meeting


def bare_merge(
    saksfremlegg: list[Path], vedlegg: dict[Path, list[tuple[str, CorpusFile]]], out: Path
) -> dict[str, str]:
    """docxcompose alone: the saksfremlegg in order, each followed by its vedlegg, each of those
    after a «Vedlegg N: …» heading; a page break before each saksfremlegg and heading, as
    bench/baselines/bare_merge.py does. Answers the vedlegg docxcompose could not append."""
    from docx import Document
    from docxcompose.composer import Composer

    def heading(text: str) -> object:
        doc = Document(str(saksfremlegg[0]))
        body = doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
        doc.add_paragraph(text, style="Heading 2").paragraph_format.page_break_before = True
        return doc

    crashed: dict[str, str] = {}
    composer = Composer(Document(str(saksfremlegg[0])))
    for i, sf in enumerate(saksfremlegg):
        if i:
            doc = Document(str(sf))
            doc.paragraphs[0].paragraph_format.page_break_before = True
            composer.append(doc)
        for text, f in vedlegg.get(sf, []):
            composer.append(heading(text))
            try:
                composer.append(Document(str(f.local)))
            except Exception as exc:  # docxcompose raises anything on a package it cannot follow
                crashed[f.id] = f"docxcompose could not append it: {type(exc).__name__}: {exc}"
    composer.save(str(out))
    return crashed


def check_file(
    f: CorpusFile,
    start: str,
    boundaries: set[str],
    source: cc.Docx,
    alone_txt: str,
    alone_pdf: cc.Pdf | None,
    m: Merged,
) -> dict[str, list[str]]:
    if f.id in m.crashed:
        return {check: [m.crashed[f.id]] for check in CHECKS}
    section = m.docx.section(start, boundaries)
    found = {
        "text": cc.text_in_order(source, section),
        "images": cc.images(source, m.docx, section),
        "notes": cc.notes(source, m.docx, section),
        "integrity": cc.integrity(source, m.docx, section),
    }
    if f.id in m.left_out:
        return found | {check: [m.left_out[f.id]] for check in LIBREOFFICE_CHECKS}
    lines = cc.text_section(m.txt, start, boundaries) if m.txt is not None else None
    pages = cc.pdf_pages(m.pdf, start, boundaries) if m.pdf is not None else None
    return found | {
        "list labels": cc.list_labels(source, alone_txt, lines)
        if m.txt is not None
        else ["LibreOffice made no text of the merged document"],
        "orientation": cc.orientation(alone_pdf, m.pdf, pages),
        "page size": cc.page_size(alone_pdf, m.pdf, pages),
        "empty pages": cc.empty_pages(alone_pdf, m.pdf, pages),
        "pdf": cc.pdf_converts(m.pdf_path, m.pdf, pages),
    }


def failing(ids: list[str], total: int) -> str:
    if not ids:
        return "–"
    if len(ids) == total:
        return "all"
    return ", ".join(ids) if len(ids) <= 12 else f"{len(ids)} files"


def report(files: list[CorpusFile], results: dict[str, Results], notes: list[str]) -> str:
    names = list(results)
    lines = [f"# {len(files)} real-world .docx files through {' and '.join(names)}", "", *notes, ""]
    lines.append(
        "| check | " + " | ".join(f"{n} passes" for n in names) + " | " + " | ".join(f"{n} fails" for n in names) + " |"
    )
    lines.append("| --- |" + " --- |" * (2 * len(names)))
    for check in CHECKS:
        passes = [f"{sum(not r[f.id][check] for f in files)}/{len(files)}" for r in results.values()]
        fails = [failing([f.id for f in files if r[f.id][check]], len(files)) for r in results.values()]
        lines.append(f"| {check} | " + " | ".join(passes + fails) + " |")
    whole = [f"no ({len(r[PACKAGE]['integrity'])})" if r[PACKAGE]["integrity"] else "yes" for r in results.values()]
    lines.append("| whole package sound | " + " | ".join(whole) + " |" + " |" * len(names))
    for name, r in results.items():
        lines += ["", f"## What {name} loses", ""]
        lines += [
            f"- {fid} — {check}: " + "; ".join(p) for fid, checks in r.items() for check, p in checks.items() if p
        ]
    return "\n".join(lines) + "\n"


def test_refused_corpus_files_are_refused_for_their_reason() -> None:
    refused = corpus("refused")
    assert refused
    wrong = {}
    for f in refused:
        refusal = vedlegg_refusal(f.name, f.local.read_bytes())
        if refusal is None or refusal.what != f.reason:
            wrong[f.id] = refusal.what if refusal else "accepted"
    assert wrong == {}, "tests/corpus/sources.toml says other reasons"


@pytest.mark.soffice
@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)",
)
def test_corpus_through_ho21_and_bare_docxcompose(
    buildable: Path,
    ho21: Callable[..., Run],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    began = time.perf_counter()
    files = corpus()
    refused = {f.id: r.what for f in files if (r := vedlegg_refusal(f.name, f.local.read_bytes())) is not None}
    assert refused == {}, "a corpus file is refused: move it to [[refused]] in tests/corpus/sources.toml"

    # ho21: one meeting, one build.
    meeting = add_cases(files, buildable, ho21, tmp_path)
    took_add = time.perf_counter() - began
    built = ho21("build-innkalling", M, "--draft", "--pdf", "--root", buildable)
    assert "Traceback" not in built.err, built.err
    assert built.code == 0, f"ho21 could not build the corpus: {built.err}"
    build = buildable / M / "build"
    innkalling = build / f"innkalling-{M}.docx"
    ho21_docx = cc.Docx.open(innkalling)
    took_build = time.perf_counter() - began - took_add
    case_headings = {
        text for p in ho21_docx.body_children() if re.match(r"Sak \d+/\d+/\d+ ", text := cc.norm(cc.paragraph_text(p)))
    }
    boundaries = {*meeting.headings.values(), *case_headings, "Saksfremlegg"}

    # docxcompose: the same pieces. LibreOffice cannot open a document whose note or comment
    # references lead nowhere, so the others are merged once more for LibreOffice's checks.
    saksfremlegg = sorted((build / "saksfremlegg").glob("sak-*.docx"))
    by_case = {
        next(p for p in saksfremlegg if p.name.endswith(f"-korpussak-{k}.docx")): [
            (meeting.headings[f.id], f) for f in group
        ]
        for k, group in enumerate(meeting.groups, start=1)
    }
    bare_path, rest_path = tmp_path / "docxcompose.docx", tmp_path / "docxcompose-rest.docx"
    crashed = bare_merge(saksfremlegg, by_case, bare_path)
    bare_docx = cc.Docx.open(bare_path)
    dangling = sorted(
        f.id
        for f in files
        if cc.dangling_references(bare_docx, bare_docx.section(meeting.headings[f.id], boundaries) or [])
    )
    if dangling:
        bare_merge(
            saksfremlegg, {sf: [(h, f) for h, f in v if f.id not in dangling] for sf, v in by_case.items()}, rest_path
        )
    took_bare = time.perf_counter() - began - took_add - took_build

    # LibreOffice: each source alone, and the merged documents, in two starts.
    out = tmp_path / "lo"
    rest = [rest_path] if dangling else []
    alone = list(meeting.copies.values())
    convert([*alone, innkalling, bare_path, *rest], out, TEXT_UTF8, again=[*alone, innkalling])
    convert([*alone, bare_path, *rest], out, PDF_WITH_BOOKMARKS, again=alone)
    took_lo = time.perf_counter() - began - took_add - took_build - took_bare

    ho21_pdf = build / f"innkalling-{M}.pdf"
    notes: list[str] = []
    bare = Merged(
        bare_docx,
        read_text(out / "docxcompose.txt"),
        out / "docxcompose.pdf",
        read_pdf(out / "docxcompose.pdf"),
        crashed,
    )
    if bare.pdf is None and dangling:
        bare.txt, bare.pdf_path = read_text(out / f"{rest_path.stem}.txt"), out / f"{rest_path.stem}.pdf"
        bare.pdf = read_pdf(bare.pdf_path)
        bare.left_out = dict.fromkeys(
            dangling, "left out: LibreOffice cannot open the merge with its dangling references"
        )
        notes.append(
            f"LibreOffice cannot open docxcompose's merge of all {len(files)} files. For docxcompose, "
            f"{', '.join(LIBREOFFICE_CHECKS)} are checked on a second merge without the {len(dangling)} "
            f"files whose note or comment references dangle ({', '.join(dangling)})."
        )
    merged = {
        "ho21": Merged(ho21_docx, read_text(out / f"{innkalling.stem}.txt"), ho21_pdf, read_pdf(ho21_pdf)),
        "bare docxcompose": bare,
    }
    results: dict[str, Results] = {name: {} for name in merged}
    for f in files:
        source = cc.Docx.open(f.local)
        alone_txt = read_text(out / f"{meeting.copies[f.id].stem}.txt") or ""
        alone_pdf = read_pdf(out / f"{meeting.copies[f.id].stem}.pdf")
        for name, m in merged.items():
            results[name][f.id] = check_file(f, meeting.headings[f.id], boundaries, source, alone_txt, alone_pdf, m)
    for name, m in merged.items():
        results[name][PACKAGE] = {check: [] for check in CHECKS} | {"integrity": cc.package_problems(m.docx)}

    took = time.perf_counter() - began
    notes.insert(
        0,
        f"{took:.0f} s in all: fetching the corpus (when not cached) and add-case {took_add:.0f} s, "
        f"build-innkalling --pdf {took_build:.0f} s, the docxcompose merges {took_bare:.0f} s, "
        f"LibreOffice {took_lo:.0f} s, the checks {took - took_add - took_build - took_bare - took_lo:.0f} s.",
    )
    summary = report(files, results, notes)
    (CACHE / "corpus-report.md").write_text(summary, encoding="utf-8")
    if request.config.getoption("capture") == "no":  # pytest -s: show it
        with capsys.disabled():
            print("\n" + summary)
    else:  # shown when the test fails
        print(summary)

    found = {(fid, check) for fid, checks in results["ho21"].items() for check in CHECKS if checks[check]}
    new = {k: results["ho21"][k[0]][k[1]] for k in sorted(found - set(KNOWN_GAPS))}
    gone = sorted(set(KNOWN_GAPS) - found)
    assert not new and not gone, (
        "KNOWN_GAPS is out of date.\n"
        + "".join(f"  new gap {fid!r}, {check!r}: {'; '.join(p)}\n" for (fid, check), p in new.items())
        + "".join(f"  no longer a gap (remove it): {fid!r}, {check!r}\n" for fid, check in gone)
    )
