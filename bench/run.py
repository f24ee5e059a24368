#!/usr/bin/env python3
"""Benchmark ho21 against its floor and plain baselines, in one run (issue 12).

    .venv/bin/python bench/run.py              # 12, 200 and 400 cases; about 5 minutes
    .venv/bin/python bench/run.py --quick      # smoke run: 12, 24 and 48 cases, 2 rounds
    .venv/bin/python bench/run.py --reps 7 --large-reps 3

(Run with any python 3.11+: the script restarts itself with the project's .venv.)

What it does:

1. builds synthetic archives under bench/_work/ (fresh each run) through ho21's own API
   (new_meeting, add_case, edit_case): meetings of 12, 200 and 400 cases in all, every case
   with a Norwegian Markdown body of 1-3 pages, every third case with a small .docx vedlegg.
   Creating is not timed.
2. times, as subprocesses, interleaved (one untimed warm-up round, then timed rounds in which
   every command of the group runs once, always in the same order):
   a. at 12 cases: ``ho21 build-innkalling MEETING --root ROOT --force``; the floor (lxml parse
      + serialise + zip of the finished innkalling, bench/baselines/floor.py); the input floor
      (lxml parse of what a merge reads of each .docx vedlegg, bench/baselines/input_floor.py,
      information only); a docxcompose merge
      of the same pieces (front page, ho21's saksfremlegg, the vedlegg; bench/baselines/bare_merge.py)
      with ho21's style shortcut, and the same with stock docxcompose (information only);
      ``build-innkalling --pdf`` and a bare ``soffice --convert-to pdf`` of the same innkalling;
   b. at 200 and 400 cases: the builds, their floors and input floors, the docxcompose merge with the shortcut
      at 200 (information only), ``--pdf`` and bare soffice at 200 (fewer rounds: --large-reps);
   c. ``ho21 --help`` and ``ho21 add-case`` against a Typer hello-world (bench/baselines/typer_hello.py).
   Every command is waited for with wait4, which gives its CPU time and peak memory too.
3. prints the ratios with their targets (PASS/FAIL) and writes them with the machine to
   bench/RESULTS.md (--quick writes bench/_work/RESULTS-quick.md instead, and judges only the
   12-case targets). The exit code is 0 whenever the benchmark ran, whether targets pass or not.

The parts: harness.py runs and times the commands and makes the tables; workload.py makes the
meetings and the baselines' pieces; suite.py says what is measured against what, and the
targets; baselines/ holds the baseline programs.
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
from bench.suite import (
    HUGE,
    LARGE,
    QUICK_SIZES,
    SMALL,
    STARTUP_REPS,
    Results,
    bench_large,
    bench_small,
    bench_startup,
    detect_pdf,
    floor_note,
    ratio_rows,
    timing_rows,
)
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


def write_results(res: Results, rows: list[Row], total: float, command: str, path: Path) -> None:
    info = machine()
    info["load average (1/5/15 min)"] = f"{res.load[0]} at the start, {res.load[-1]} at the end"
    small, large, huge = res.sizes
    startup_reps = res.reps if res.quick else max(res.reps, STARTUP_REPS)
    lines = [
        "# ho21 benchmark results" + (" (--quick smoke run: not the figures of record)" if res.quick else ""),
        "",
        f"Written by `{command}` (bench/run.py). Each group of commands runs interleaved: one untimed",
        "warm-up round, then timed rounds in which every command runs once, in the same order:",
        f"{res.reps} rounds at {small} cases, {res.large_reps} at {large} and {huge} cases (long runs),"
        f" {startup_reps} for start-up.",
        "Times in seconds, wall clock, each command a separate process; CPU is user + system time of",
        "the command and its children, peak MB the largest resident set among them (both from wait4,",
        "as getrusage(RUSAGE_CHILDREN) reports them, for that one command); the peak column shows the",
        "largest run. Ratios use medians; the range in brackets is that of the ratios round by round.",
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
        + ". Case counts include the 7 standard cases of every meeting.",
        "",
        "The floor (bench/baselines/floor.py) reads every part of the finished innkalling (a copy",
        "of what ho21 built), parses and serialises every XML part with plain lxml and writes the",
        "zip as python-docx does (ZIP_DEFLATED); it is a separate process like the others, so it",
        "includes Python's start-up and the lxml import, and its note gives its work alone.",
        "",
        "The input floor (bench/baselines/input_floor.py, information only) reads what any merge must",
        "read of the meeting's .docx vedlegg as they are stored: from each, the content types, the",
        "relationships, the main document part and the parts a merge takes content from (styles,",
        "numbering, notes, comments), each parsed with plain lxml; nothing is merged or written. The",
        "floor does not include it: the finished innkalling holds one styles part, where its vedlegg",
        "brought one each. «build ÷ (floor + reading the vedlegg)» compares the build with the floor's",
        "run plus the input floor's own work (its start-up not counted twice), round by round.",
        "",
        "The baselines (bench/baselines/bare_merge.py) merge with docxcompose the same pieces ho21",
        "puts together, one page break before each: the front page and saksliste (cut out of ho21's",
        "innkalling), each case's saksfremlegg as ho21 wrote it, and each case's .docx vedlegg as",
        "stored in the archive; only ho21's one-paragraph «Vedlegg N» headings are left out, and",
        "the templating ho21 does is not in them. The target uses the merge with the style",
        "shortcut ho21 uses (ShortcutComposer in ho21cli/render/compose.py: docxcompose plus that shortcut);",
        "the stock docxcompose merge is information only. The merge with the shortcut runs at",
        f"{res.large} cases too, for information: how far the library alone is from the floor there.",
        "",
        "The --pdf step is `build-innkalling --pdf` minus the plain build of the same round. The",
        "bare soffice converts a copy of the same innkalling with `--convert-to pdf` (no filter",
        "options) and a fresh -env:UserInstallation for each start in the temp folder, as ho21",
        "does. ho21 itself asks for a tagged PDF/UA with bookmarks; the information-only row",
        f'"soffice with ho21\'s PDF/UA export options" ({small} cases) converts with those options,',
        "to show how much of the step is LibreOffice's own. LibreOffice starts are counted by a",
        "logging `soffice` shim first on PATH (warm-up included). Bytecode caching is on for every",
        "command (PYTHONPYCACHEPREFIX in bench/_work), and the warm-up rounds fill the caches.",
        "",
        f"Whole run: {total:.0f} s (creating the archives: {res.create_seconds:.0f} s, not timed).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    ensure_venv()
    parser = argparse.ArgumentParser(description="Benchmark ho21 (see the module docstring).")
    parser.add_argument("--quick", action="store_true", help="smoke run: 12, 24 and 48 cases, 2 rounds")
    parser.add_argument("--reps", type=int, default=None, help="timed rounds at 12 cases (default 11; --quick 2)")
    parser.add_argument(
        "--large-reps", type=int, default=None, help="timed rounds at 200 and 400 cases (default 5; --quick 2)"
    )
    args = parser.parse_args()
    reps = args.reps if args.reps is not None else (2 if args.quick else 11)  # a shared machine varies: medians of many
    large_reps = args.large_reps if args.large_reps is not None else (2 if args.quick else 5)
    if reps < 1 or large_reps < 1:
        parser.error("--reps and --large-reps must be at least 1")

    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the tables into 80 columns
        console = Console(width=160)
    started = time.perf_counter()
    load_start = load_average()
    sizes = QUICK_SIZES if args.quick else (SMALL, LARGE, HUGE)
    res = Results(sizes=sizes, reps=reps, large_reps=large_reps, quick=args.quick)
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)

    t0 = time.perf_counter()
    for size in res.sizes:
        say(console, f"creating a meeting of {size} cases through ho21's API ...")
        res.archives[size] = make_archive(size, WORK / f"arkiv-{size}")
    res.create_seconds = time.perf_counter() - t0

    detect_pdf(res)
    bench_small(res, console)
    bench_large(res, console)
    bench_startup(res, console)
    floor_note(res)

    res.load = [load_start, load_average()]
    rows = ratio_rows(res)
    print_tables(console, timing_rows(res), rows)
    total = time.perf_counter() - started
    command = "python bench/run.py" + (" --quick" if args.quick else "")
    command += (f" --reps {args.reps}" if args.reps else "") + (
        f" --large-reps {args.large_reps}" if args.large_reps else ""
    )
    out = WORK / "RESULTS-quick.md" if args.quick else RESULTS
    write_results(res, rows, total, command, out)
    console.print(f"Whole run {total:.0f} s. Written to {out.relative_to(REPO)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
