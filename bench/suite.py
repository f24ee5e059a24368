"""What the benchmark measures, against which baseline, and the targets it judges by."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.harness import (
    BASELINES,
    WORK,
    BenchError,
    Row,
    Timing,
    base_env,
    fmt_ratio,
    measure,
    ratio,
    run,
    say,
    soffice_path,
    verdict,
)
from bench.workload import MEETING, Archive, baseline_inputs

if TYPE_CHECKING:
    from rich.console import Console

BARE_MERGE = BASELINES / "bare_merge.py"
TYPER_HELLO = BASELINES / "typer_hello.py"
SOFFICE_SHIM = BASELINES / "soffice_shim.sh"

TARGET_BUILD = 1.0  # ho21 build (12 cases) ≤ 1.0 × baseline
TARGET_GROWTH = 20.0  # time(200 cases) ≤ 20 × time(12 cases)
STARTUP_REPS = 15
TARGET_STARTUP = 1.3  # --help and add-case ≤ 1.3 × Typer hello-world
TARGET_PDF_STARTS = 1  # one LibreOffice start per build


def ho21_command() -> str:
    return str(Path(sys.executable).parent / "ho21")


@dataclass
class Results:
    sizes: list[int]
    reps: int
    quick: bool
    archives: dict[int, Archive] = field(default_factory=dict)
    build: dict[int, Timing] = field(default_factory=dict)
    baseline: dict[int, Timing] = field(default_factory=dict)
    startup: dict[str, Timing] = field(default_factory=dict)
    soffice: str | None = None
    pdf_option: bool = False
    bare_pdf: Timing | None = None
    ho21_pdf: Timing | None = None
    pdf_starts: float | None = None
    create_seconds: float = 0.0
    load: list[str] = field(default_factory=list)  # load average at the start and the end


# -- the measurements ---------------------------------------------------------------------


def bench_build(res: Results, console: Console) -> None:
    ho21 = ho21_command()
    for size in res.sizes:
        archive = res.archives[size]
        say(console, f"build-innkalling, {size} cases ...")
        res.build[size] = measure(
            f"ho21 build-innkalling ({size} cases)",
            [ho21, "build-innkalling", MEETING, "--root", str(archive.root), "--force"],
            res.reps,
        )
        timing = Timing(f"baseline docxcompose merge ({size} cases)")
        res.baseline[size] = timing
        try:
            inputs = baseline_inputs(archive)
        except (BenchError, OSError) as exc:
            timing.error = f"no input: {exc}"
            continue
        listing = WORK / f"baseline-{size}.txt"
        listing.write_text("\n".join(map(str, inputs)) + "\n", encoding="utf-8")
        timing.note = f"{len(inputs)} files"
        say(console, f"baseline merge, {size} cases ({len(inputs)} files) ...")
        measured = measure(
            timing.label,
            [sys.executable, str(BARE_MERGE), str(listing), str(WORK / f"baseline-{size}.docx")],
            res.reps,
        )
        measured.note = "; ".join(n for n in (timing.note, measured.note) if n)
        res.baseline[size] = measured


def bench_startup(res: Results, console: Console) -> None:
    ho21, python, hello = ho21_command(), sys.executable, str(TYPER_HELLO)
    say(console, "start-up: --help and add-case against Typer hello-world ...")
    reps = max(res.reps, STARTUP_REPS)  # a start-up is short and noisy: more runs are cheap
    res.startup["help"] = measure("ho21 --help", [ho21, "--help"], reps, cwd=WORK)
    res.startup["hello_help"] = measure("python hello.py --help", [python, hello, "--help"], reps, cwd=WORK)
    copy = WORK / "addcase-arkiv"
    shutil.copytree(res.archives[min(res.sizes)].root, copy)
    manifest = copy / MEETING / "meeting.toml"
    pristine = manifest.read_bytes()

    def restore() -> None:
        manifest.write_bytes(pristine)

    res.startup["add_case"] = measure(
        "ho21 add-case (12 cases)",
        [ho21, "add-case", MEETING, "--title", "Benchmarksak", "--root", str(copy)],
        reps,
        before=restore,
        cwd=WORK,
    )
    restore()
    res.startup["hello"] = measure("python hello.py hello x", [python, hello, "hello", "x"], reps, cwd=WORK)
    for timing in res.startup.values():
        timing.note = timing.note or f"{reps} repetitions"


def bench_pdf(res: Results, console: Console) -> None:
    res.soffice = soffice_path()
    try:
        res.pdf_option = (
            "--pdf"
            in subprocess.run(
                [ho21_command(), "build-innkalling", "--help"], capture_output=True, text=True, timeout=120, check=False
            ).stdout
        )
    except subprocess.TimeoutExpired:
        res.pdf_option = False
    if not res.soffice:
        return
    soffice = res.soffice
    archive = res.archives[min(res.sizes)]
    docx = archive.meeting_dir / "build" / f"innkalling-{MEETING}.docx"
    if not docx.is_file():
        res.bare_pdf = Timing("bare soffice --convert-to pdf", error="no innkalling .docx (the build failed)")
        return
    source = WORK / "pdf-source" / docx.name  # a copy, so ho21's build cannot change it under us
    source.parent.mkdir()
    shutil.copyfile(docx, source)

    def bare(profile: str) -> float:  # a fresh profile in the temp folder for each start, as ho21 does
        return run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(WORK / "pdf-bare"),
                str(source),
            ]
        )

    say(console, "bare soffice --convert-to pdf ...")
    timing = Timing(f"bare soffice --convert-to pdf ({archive.size} cases)")
    try:
        for i in range(res.reps + 1):
            with tempfile.TemporaryDirectory(prefix="ho21-bench-lo-") as profile:
                elapsed = bare(profile)
            if i:
                timing.times.append(elapsed)
        if not (WORK / "pdf-bare" / f"{source.stem}.pdf").is_file():
            timing.error = "soffice made no PDF"
    except BenchError as exc:
        timing.error = str(exc)
    res.bare_pdf = timing
    if not res.pdf_option:
        return
    # Count LibreOffice starts: shims named soffice/libreoffice first on PATH log every start.
    shims, log = WORK / "shim", WORK / "soffice-starts.log"
    shims.mkdir()
    env = base_env()
    env["HO21_BENCH_SOFFICE_LOG"] = str(log)
    for name in ("soffice", "libreoffice"):
        real = shutil.which(name)
        if real:
            shim = shims / name
            shutil.copyfile(SOFFICE_SHIM, shim)
            shim.chmod(0o755)
            env[f"HO21_BENCH_REAL_{name.upper()}"] = real
    env["PATH"] = f"{shims}{os.pathsep}{env.get('PATH', '')}"
    say(console, "ho21 build-innkalling --pdf ...")
    res.ho21_pdf = measure(
        f"ho21 build-innkalling --pdf ({archive.size} cases)",
        [ho21_command(), "build-innkalling", MEETING, "--root", str(archive.root), "--force", "--pdf"],
        res.reps,
        env=env,
    )
    if res.ho21_pdf.ok and log.is_file():
        starts = len(log.read_text(encoding="utf-8").split())
        res.pdf_starts = starts / res.ho21_pdf.runs


# -- ratios and targets -------------------------------------------------------------------


def ratio_rows(res: Results) -> list[Row]:
    rows: list[Row] = []
    small, large = min(res.sizes), max(res.sizes)
    for size in res.sizes:
        r = ratio(res.build[size], res.baseline[size])
        if size == small:
            rows.append(
                Row(f"build {size} cases / baseline", fmt_ratio(r), f"≤ {TARGET_BUILD:.1f}×", verdict(r, TARGET_BUILD))
            )
        else:
            rows.append(Row(f"build {size} cases / baseline", fmt_ratio(r), "—", "info"))
    growth = ratio(res.build[large], res.build[small])
    target = f"≤ {TARGET_GROWTH:.0f}×" + ("" if large == 200 else " (set for 200/12)")
    rows.append(Row(f"ho21 growth {large}/{small} cases", fmt_ratio(growth), target, verdict(growth, TARGET_GROWTH)))
    base_growth = ratio(res.baseline[large], res.baseline[small])
    rows.append(Row(f"baseline growth {large}/{small} cases", fmt_ratio(base_growth), "—", "info"))
    startup = [
        ("help", "hello_help", "ho21 --help / hello.py --help"),
        ("add_case", "hello", "ho21 add-case / hello.py hello x"),
    ]
    for key, ref, label in startup:
        r = ratio(res.startup.get(key), res.startup.get(ref))
        rows.append(Row(label, fmt_ratio(r), f"≤ {TARGET_STARTUP}×", verdict(r, TARGET_STARTUP)))
    rows.append(pdf_row(res))
    return rows


def pdf_row(res: Results) -> Row:
    target = f"{TARGET_PDF_STARTS} LibreOffice start per build"
    if not res.soffice:
        return Row("PDF step / bare soffice", "skipped: soffice not installed", target, "n/a")
    if not res.pdf_option:
        return Row("PDF step / bare soffice", "ho21 --pdf: not implemented yet", target, "n/a")
    small = min(res.sizes)
    pdf, plain, bare = res.ho21_pdf, res.build.get(small), res.bare_pdf
    if pdf is None or not pdf.ok:
        return Row("PDF step / bare soffice", f"failed: {pdf.error if pdf else 'not run'}", target, "FAIL")
    if plain is None or not plain.ok or bare is None or not bare.ok:
        return Row("PDF step / bare soffice", "not measured (a reference failed)", target, "n/a")
    step = pdf.median - plain.median
    r = step / bare.median if bare.median > 0 else None
    if res.pdf_starts is not None:
        starts = f"{res.pdf_starts:g} start/build"
        ok = abs(res.pdf_starts - TARGET_PDF_STARTS) < 1e-9
    else:  # ho21 found LibreOffice without PATH: judge by time (two starts would take about twice as long)
        starts = "starts not counted"
        ok = r is not None and r <= 1.5
    value = f"{fmt_ratio(r)} ({step:.2f} s vs {bare.median:.2f} s), {starts}"
    return Row("PDF step / bare soffice", value, target, "PASS" if ok else "FAIL")


def timing_rows(res: Results) -> list[Timing]:
    rows: list[Timing] = []
    for size in res.sizes:
        rows += [res.build[size], res.baseline[size]]
    rows += [res.startup[k] for k in ("help", "hello_help", "add_case", "hello") if k in res.startup]
    if res.bare_pdf:
        rows.append(res.bare_pdf)
    if res.ho21_pdf:
        rows.append(res.ho21_pdf)
    return rows
