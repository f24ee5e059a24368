"""The benchmark's harness: running commands in their own process group, timing them, reporting.

Only the standard library is imported at the top, so that bench/run.py can import this module
before it has made sure it runs inside the project's venv; rich is imported where it is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
BENCH = REPO / "bench"
BASELINES = BENCH / "baselines"  # the programs run as baselines (and the soffice shim)
WORK = BENCH / "_work"  # made fresh each run; in .gitignore
RUSAGE = BASELINES / "rusage.py"  # every command runs through it: see its docstring

SUBPROCESS_TIMEOUT = 900.0


class BenchError(Exception):
    pass


# -- running and timing -------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One finished command: wall clock, CPU and peak memory (from wait4), its standard output."""

    seconds: float
    cpu: float  # user + system seconds of the command and every child it waited for
    max_rss_mb: float  # the largest resident set of the command or any child it waited for (MiB)
    stdout: str


def run(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` in its own session, through baselines/rusage.py (which times it and reads its
    CPU time and peak memory with wait4); its whole process group is gone afterwards."""
    shown = " ".join([Path(cmd[0]).name, *cmd[1:]])
    with tempfile.TemporaryDirectory(prefix="ho21-bench-") as tmp:
        report = Path(tmp) / "rusage"
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", str(RUSAGE), str(report), "--", *cmd],
            cwd=cwd,
            env=env or base_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=SUBPROCESS_TIMEOUT)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            raise BenchError(f"`{shown}` took over {SUBPROCESS_TIMEOUT:.0f} s and was stopped") from None
        except BaseException:  # Ctrl-C: leave nothing running
            kill_group(proc)
            raise
        elapsed = time.perf_counter() - start
        kill_group(proc)  # anything the command left behind in its group (LibreOffice helpers)
        if proc.returncode != 0:
            lines = (err or out).decode("utf-8", "replace").strip().splitlines() or ["(no output)"]
            raise BenchError(f"`{shown}` exited {proc.returncode}: {lines[-1][:200]}")
        try:
            seconds, cpu, rss_kib = report.read_text(encoding="ascii").split()
            return Run(float(seconds), float(cpu), int(rss_kib) / 1024, out.decode("utf-8", "replace"))
        except (OSError, ValueError):  # no report: the wall clock from here, without CPU or memory
            return Run(elapsed, float("nan"), float("nan"), out.decode("utf-8", "replace"))


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def base_env() -> dict[str, str]:
    """The environment of every measured command.

    Bytecode caching is on, as in any installed program, but the caches go to bench/_work/pycache
    (PYTHONPYCACHEPREFIX) so nothing is written outside bench/; the warm-up runs fill them.
    """
    env = dict(os.environ)
    for name in ("HO21_ROOT", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return env


@dataclass
class Timing:
    """The timed runs of one measurement, in round order (warm-up not included)."""

    label: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)  # MB
    inner: list[float] = field(default_factory=list)  # seconds the program printed itself, if it does
    said: str = ""  # the last line the program printed (its last run)
    error: str = ""
    note: str = ""
    runs: int = 0  # warm-up included

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.error

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def max(self) -> float:
        return max(self.times)

    def add(self, result: Run) -> None:
        self.times.append(result.seconds)
        if not math.isnan(result.cpu):
            self.cpu.append(result.cpu)
        if not math.isnan(result.max_rss_mb):
            self.rss.append(result.max_rss_mb)
        lines = result.stdout.strip().splitlines()
        self.said = lines[-1].strip() if lines else ""
        with contextlib.suppress(ValueError):
            self.inner.append(float(self.said))


@dataclass
class Spec:
    """One command to measure: ``prepare()`` runs once before its first run, ``before()`` before
    every run; both untimed."""

    key: str
    label: str
    argv: list[str]
    prepare: Callable[[], None] | None = None
    before: Callable[[], None] | None = None
    env: dict[str, str] | None = None
    cwd: Path | None = None
    note: str = ""


def interleaved(specs: list[Spec], reps: int, console: Console, title: str) -> dict[str, Timing]:
    """One untimed warm-up round, then ``reps`` timed rounds; each round runs every command once,
    in the order given, so a change in the machine's load falls on all of them alike. A command
    that fails is dropped from the later rounds and keeps its error."""
    timings = {s.key: Timing(s.label, note=s.note) for s in specs}
    for round_no in range(reps + 1):
        say(console, f"{title}: " + ("warm-up round" if round_no == 0 else f"round {round_no} of {reps}") + " ...")
        for spec in specs:
            timing = timings[spec.key]
            if timing.error:
                continue
            try:
                if round_no == 0 and spec.prepare is not None:
                    spec.prepare()
                if spec.before is not None:
                    spec.before()
                result = run(spec.argv, cwd=spec.cwd, env=spec.env)
            except (BenchError, OSError) as exc:
                timing.error = str(exc)
                continue
            timing.runs += 1
            if round_no:
                timing.add(result)
    return timings


# -- ratios and verdicts ------------------------------------------------------------------


@dataclass
class Row:
    what: str
    value: str
    target: str
    verdict: str  # PASS, FAIL, info, n/a


@dataclass(frozen=True)
class Ratio:
    """A ratio of medians, and the range of the per-round ratios when the runs were paired."""

    value: float
    low: float | None = None
    high: float | None = None


def ratio(a: Timing | None, b: Timing | None) -> Ratio | None:
    """a ÷ b by medians. Two measurements of the same interleaved rounds also give the range
    of the ratios round by round (the i-th run of each is from the same round)."""
    if a is None or b is None or not a.ok or not b.ok or b.median <= 0:
        return None
    value = a.median / b.median
    if len(a.times) == len(b.times) > 1 and all(t > 0 for t in b.times):
        per_round = [x / y for x, y in zip(a.times, b.times, strict=True)]
        return Ratio(value, min(per_round), max(per_round))
    return Ratio(value)


def derived(label: str, times: list[float], *, note: str = "") -> Timing:
    """A Timing computed from others (a difference, a CPU series), for ratios and the table."""
    return Timing(label, times=list(times), note=note, runs=len(times))


def verdict(value: Ratio | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value.value <= limit else "FAIL"


def fmt_ratio(value: Ratio | None, failed: str = "not measured") -> str:
    if value is None:
        return failed
    if value.low is None or value.high is None:
        return f"{value.value:.2f}×"
    return f"{value.value:.2f}× ({value.low:.2f}–{value.high:.2f})"


def fmt_s(timing: Timing, attr: str) -> str:
    if not timing.ok:
        return "—"
    value: float = getattr(timing, attr)
    return f"{value:.3f}"


def fmt_cpu(timing: Timing) -> str:
    return f"{statistics.median(timing.cpu):.2f}" if timing.ok and timing.cpu else "—"


def fmt_rss(timing: Timing) -> str:
    return f"{max(timing.rss):.0f}" if timing.ok and timing.rss else "—"


# -- the machine --------------------------------------------------------------------------


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        arch = subprocess.run(["uname", "-m"], capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        arch = platform.machine()
    cores = os.cpu_count() or 0
    with contextlib.suppress(AttributeError):
        usable = len(os.sched_getaffinity(0))
        if usable != cores:
            cores_text = f"{cores} ({usable} usable)"
            return _machine(arch, cpu, cores_text)
    return _machine(arch, cpu, str(cores))


def _machine(arch: str, cpu: str, cores: str) -> dict[str, str]:
    return {
        "date": dt.date.today().isoformat(),
        "uname -m": arch,
        "CPU": cpu,
        "cores": cores,
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "LibreOffice": libreoffice_version(),
    }


def libreoffice_version() -> str:
    found = soffice_path()
    if not found:
        return "not installed"
    try:
        out = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return found
    return out.strip().splitlines()[0] if out.strip() else found


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# -- the report tables --------------------------------------------------------------------


def say(console: Console, text: str) -> None:
    console.print(f"[dim]{text}[/dim]")


TIMING_COLUMNS = ("measurement", "runs", "min", "median", "max", "CPU s", "peak MB", "note")
NUMERIC = {"runs", "min", "median", "max", "CPU s", "peak MB"}


def timing_cells(t: Timing) -> list[str]:
    return [
        t.label,
        str(len(t.times)) if t.ok else "—",
        fmt_s(t, "min"),
        fmt_s(t, "median"),
        fmt_s(t, "max"),
        fmt_cpu(t),
        fmt_rss(t),
        t.error or t.note,
    ]


def print_tables(console: Console, timings: list[Timing], rows: list[Row]) -> None:
    from rich.table import Table

    table = Table(title="Timings (seconds, wall clock; timed runs after one warm-up round)")
    for col in TIMING_COLUMNS:
        table.add_column(col, justify="right" if col in NUMERIC else "left")
    for t in timings:
        table.add_row(*timing_cells(t))
    ratios = Table(title="Ratios (of medians; per-round range in brackets) and targets")
    for col in ("ratio", "value", "target", "result"):
        ratios.add_column(col)
    colour = {"PASS": "green", "FAIL": "red"}
    for r in rows:
        style = colour.get(r.verdict)
        ratios.add_row(r.what, r.value, r.target, f"[{style}]{r.verdict}[/{style}]" if style else r.verdict)
    console.print(table)
    console.print(ratios)


def markdown_timings(timings: list[Timing]) -> list[str]:
    head = "| " + " | ".join(TIMING_COLUMNS) + " |"
    align = "|" + "|".join("---:" if c in NUMERIC else "---" for c in TIMING_COLUMNS) + "|"
    return [head, align, *("| " + " | ".join(c.replace("|", "/") for c in timing_cells(t)) + " |" for t in timings)]


def markdown_ratios(rows: list[Row]) -> list[str]:
    return [
        "| ratio | value | target | result |",
        "|---|---|---|---|",
        *(f"| {r.what} | {r.value} | {r.target} | {r.verdict} |" for r in rows),
    ]
