#!/usr/bin/env python3
"""Benchmark ho21 against plain baselines, in one run.

    .venv/bin/python bench/run.py            # 12, 50 and 200 cases, 5 repetitions
    .venv/bin/python bench/run.py --quick    # 12 and 50 cases, 3 repetitions
    .venv/bin/python bench/run.py --reps 7

(Run with any python 3.11+: the script restarts itself with the project's .venv.)

What it does:

1. builds synthetic archives under bench/_work/ (fresh each run) through ho21's own API
   (new_meeting, add_case, edit_case): meetings of 12, 50 and 200 cases in all, every case
   with a Norwegian Markdown body of 1-3 pages, every third case with a small .docx vedlegg.
   Creating is not timed.
2. times, as subprocesses, with one untimed warm-up run each:
   a. ``ho21 build-innkalling MEETING --root ROOT --force``;
   b. the baseline: a plain docxcompose merge (bench/baselines/bare_merge.py) of ho21's own
      rendered saksfremlegg and the vedlegg, in ho21's order, one page break before each;
   c. ``ho21 --help`` and ``ho21 add-case`` against a Typer hello-world (bench/baselines/typer_hello.py);
   d. with LibreOffice: ho21's PDF step (``build-innkalling --pdf`` minus the plain build) against
      one bare ``soffice --headless --convert-to pdf`` of the same innkalling.
3. prints the ratios with their targets (PASS/FAIL) and writes them with the machine to
   bench/RESULTS.md. The exit code is 0 whenever the benchmark ran, whether targets pass or not.

The parts: harness.py runs and times the commands and makes the tables; workload.py makes the
meetings; suite.py says what is measured against what, and the targets; baselines/ holds the
baseline programs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `bench` as a package, however run

from bench.harness import (
    BENCH,
    REPO,
    VENV,
    WORK,
    Row,
    load_average,
    machine,
    markdown_ratios,
    markdown_timings,
    print_tables,
    say,
)
from bench.suite import Results, bench_build, bench_pdf, bench_startup, ratio_rows, timing_rows
from bench.workload import make_archive

RESULTS = BENCH / "RESULTS.md"


def ensure_venv() -> None:
    """Run inside the project's venv (restart there if needed), or stop with a clear message."""
    python = VENV / "bin" / "python"
    if not python.exists():
        sys.stderr.write(
            f"error: the project's virtual environment is missing ({python} not found).\n"
            f"Create it first, from {REPO}:\n"
            "  python3 -m venv .venv && .venv/bin/pip install -e '.[test]'\n"
        )
        sys.exit(2)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    missing = []
    for module in ("ho21cli", "docx", "docxcompose", "typer", "rich"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    ho21 = Path(sys.executable).parent / "ho21"
    if missing or not ho21.exists():
        what = ", ".join(missing) if missing else f"the ho21 command ({ho21})"
        sys.stderr.write(
            f"error: {what} not installed in {VENV}.\nInstall ho21 into it: {VENV}/bin/pip install -e '.[test]'\n"
        )
        sys.exit(2)


def write_results(res: Results, rows: list[Row], total: float, command: str) -> None:
    info = machine()
    info["load average (1/5/15 min)"] = f"{res.load[0]} at the start, {res.load[-1]} at the end"
    lines = [
        "# ho21 benchmark results",
        "",
        f"Written by `{command}` (bench/run.py); {res.reps} repetitions after one untimed warm-up each, unless the note says otherwise.",
        "Times in seconds, wall clock, each command a separate process. Ratios use medians.",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in info.items()),
        "",
        "## Timings",
        "",
        *markdown_timings(timing_rows(res)),
        "",
        "## Ratios and targets",
        "",
        *markdown_ratios(rows),
        "",
        "Inputs: synthetic meetings built through ho21's API (every case with a 1-3 page Norwegian body,",
        "a small .docx vedlegg for every third case): "
        + ", ".join(f"{a.size} cases / {a.vedlegg} vedlegg" for a in res.archives.values())
        + ".",
        "Case counts include the 7 standard cases of every meeting.",
        "The baseline is a plain docxcompose merge (bench/baselines/bare_merge.py) of ho21's own rendered",
        "saksfremlegg and the vedlegg, so it leaves out the templating ho21 does. The PDF step is",
        "`build-innkalling --pdf` minus the plain build (12 cases); LibreOffice starts are counted by a",
        "logging `soffice` shim first on PATH. The bare soffice uses a fresh -env:UserInstallation for",
        "each start, as ho21 does. Bytecode caching is on for every command (PYTHONPYCACHEPREFIX in",
        "bench/_work), and the warm-up runs fill the caches.",
        "",
        f"Whole run: {total:.0f} s (creating the archives: {res.create_seconds:.0f} s, not timed).",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    ensure_venv()
    parser = argparse.ArgumentParser(description="Benchmark ho21 (see the module docstring).")
    parser.add_argument("--quick", action="store_true", help="12 and 50 cases, 3 repetitions")
    parser.add_argument("--reps", type=int, default=None, help="timed repetitions (default 5; --quick 3)")
    args = parser.parse_args()
    reps = args.reps if args.reps is not None else (3 if args.quick else 5)
    if reps < 1:
        parser.error("--reps must be at least 1")

    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the tables into 80 columns
        console = Console(width=120)
    started = time.perf_counter()
    load_start = load_average()
    res = Results(sizes=[12, 50] if args.quick else [12, 50, 200], reps=reps, quick=args.quick)
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)

    t0 = time.perf_counter()
    for size in res.sizes:
        say(console, f"creating a meeting of {size} cases through ho21's API ...")
        res.archives[size] = make_archive(size, WORK / f"arkiv-{size}")
    res.create_seconds = time.perf_counter() - t0

    bench_build(res, console)
    bench_startup(res, console)
    bench_pdf(res, console)

    res.load = [load_start, load_average()]
    rows = ratio_rows(res)
    print_tables(console, res.reps, timing_rows(res), rows)
    total = time.perf_counter() - started
    command = "python bench/run.py" + (" --quick" if args.quick else "") + (f" --reps {args.reps}" if args.reps else "")
    write_results(res, rows, total, command)
    console.print(f"Whole run {total:.0f} s. Written to {RESULTS.relative_to(REPO)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
