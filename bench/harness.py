"""The benchmark's harness: running commands in their own process group, timing them, reporting.

Only the standard library is imported at the top, so that bench/run.py can import this module
before it has made sure it runs inside the project's venv; rich is imported where it is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import shutil
import signal
import statistics
import subprocess
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

SUBPROCESS_TIMEOUT = 900.0
LONG_RUN = 15.0  # seconds: see measure()
LONG_RUN_REPS = 3


class BenchError(Exception):
    pass


# -- running and timing -------------------------------------------------------------------


def run(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Run ``cmd`` in its own session; return seconds. Its whole process group is gone afterwards."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env or base_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    shown = " ".join([Path(cmd[0]).name, *cmd[1:]])
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
    return elapsed


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
    label: str
    times: list[float] = field(default_factory=list)
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


def measure(
    label: str,
    cmd: list[str],
    reps: int,
    *,
    before: Callable[[], None] | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Timing:
    """``reps`` timed runs after one untimed warm-up; ``before()`` runs untimed before each run.

    To keep a full run near six minutes, a command whose first run takes over LONG_RUN seconds
    has that first run timed instead of thrown away (start-up caching is lost in the noise there)
    and at most LONG_RUN_REPS repetitions.
    """
    timing = Timing(label)
    try:
        if before is not None:
            before()
        first = run(cmd, cwd=cwd, env=env)
        timing.runs += 1
        if first > LONG_RUN:
            timing.times.append(first)
            reps = min(reps, LONG_RUN_REPS)
            timing.note = f"{reps} reps, no warm-up (long run)"
        while len(timing.times) < reps:
            if before is not None:
                before()
            timing.times.append(run(cmd, cwd=cwd, env=env))
            timing.runs += 1
    except BenchError as exc:
        timing.error = str(exc)
    return timing


# -- ratios and verdicts ------------------------------------------------------------------


@dataclass
class Row:
    what: str
    value: str
    target: str
    verdict: str  # PASS, FAIL, info, n/a


def ratio(a: Timing | None, b: Timing | None) -> float | None:
    if a is None or b is None or not a.ok or not b.ok or b.median <= 0:
        return None
    return a.median / b.median


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def fmt_ratio(value: float | None, failed: str = "not measured") -> str:
    return f"{value:.2f}×" if value is not None else failed


def fmt_s(timing: Timing, attr: str) -> str:
    if not timing.ok:
        return "—"
    value: float = getattr(timing, attr)
    return f"{value:.3f}"


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


def print_tables(console: Console, reps: int, timings: list[Timing], rows: list[Row]) -> None:
    from rich.table import Table

    table = Table(title=f"Timings (seconds; {reps} repetitions after one warm-up unless noted)")
    for col in ("measurement", "min", "median", "note"):
        table.add_column(col, justify="right" if col in ("min", "median") else "left")
    for t in timings:
        table.add_row(t.label, fmt_s(t, "min"), fmt_s(t, "median"), t.error or t.note)
    ratios = Table(title="Ratios (of medians) and targets")
    for col in ("ratio", "value", "target", "result"):
        ratios.add_column(col)
    colour = {"PASS": "green", "FAIL": "red"}
    for r in rows:
        style = colour.get(r.verdict)
        ratios.add_row(r.what, r.value, r.target, f"[{style}]{r.verdict}[/{style}]" if style else r.verdict)
    console.print(table)
    console.print(ratios)


def markdown_timings(timings: list[Timing]) -> list[str]:
    return [
        "| measurement | min | median | note |",
        "|---|---:|---:|---|",
        *(
            f"| {t.label} | {fmt_s(t, 'min')} | {fmt_s(t, 'median')} | {(t.error or t.note).replace('|', '/')} |"
            for t in timings
        ),
    ]


def markdown_ratios(rows: list[Row]) -> list[str]:
    return [
        "| ratio | value | target | result |",
        "|---|---|---|---|",
        *(f"| {r.what} | {r.value} | {r.target} | {r.verdict} |" for r in rows),
    ]
