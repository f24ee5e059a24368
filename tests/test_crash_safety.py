"""Crash safety of manifest writes, tested with real processes.

A driver process runs `ho21 add-case` / `ho21 remove-case` in a loop (through
ho21's own ``main``) and logs every operation that returned. It is killed with
SIGKILL at random moments, many times. After each kill the manifest must load
and hold exactly the state before or after one operation: never a torn file,
never half an operation. Two drivers editing the same meeting at once must
never lose an update.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ho21cli.core.model import Meeting
from ho21cli.storage.manifest import load_meeting
from tests.conftest import REPO, Run, snapshot
from tests.test_crash_renumbering import DRIVER as COMMAND_DRIVER

M = "2026-1"
KILLS = 30
SEED = 20260114

DRIVER = r"""
import contextlib
import io
import sys

from ho21cli.cli.app import main

root, log_path, mode, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
log = open(log_path, "a", encoding="utf-8", buffering=1)  # one write() per line


def ho21(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--root", root])
    return code, err.getvalue()


def busy(code, err):
    return code == 5 and "another ho21 command is working on this meeting" in err


code, err = ho21("list-cases", "2026-1")  # warm up: every import done before the first write
if code:
    log.write(f"fail list-cases {code} {err!r}\n")
    sys.exit(3)
log.write("ready\n")
for i in range(count):
    title = f"{tag}x{i}"  # its id is the same in lower case
    code, err = ho21("add-case", "2026-1", "--title", title)
    if code == 0:
        log.write(f"added {title}\n")
    elif busy(code, err):
        log.write(f"busy {title}\n")
        continue
    else:
        log.write(f"fail add {title} {code} {err!r}\n")
        sys.exit(3)
    if mode == "churn":
        code, err = ho21("remove-case", "2026-1", title.lower())
        while busy(code, err):
            log.write(f"busy remove {title}\n")
            code, err = ho21("remove-case", "2026-1", title.lower())
        if code:
            log.write(f"fail remove {title} {code} {err!r}\n")
            sys.exit(3)
        log.write(f"removed {title}\n")
log.write("done\n")
"""


@dataclass(frozen=True)
class State:
    """What an operation changes: the cases, in order (titles and ids), and the meeting."""

    titles: tuple[str, ...]
    ids: tuple[str, ...]
    meeting: tuple[object, ...]


def state_of(meeting: Meeting) -> State:
    return State(
        titles=tuple(c.title for c in meeting.cases),
        ids=tuple(c.id for c in meeting.cases),
        meeting=(meeting.year, meeting.number, meeting.date, meeting.first_case, meeting.start, meeting.end),
    )


def with_case(state: State, title: str) -> State:
    """``state`` after `add-case --title TITLE`: just before the two closing standard cases."""
    return State(
        titles=(*state.titles[:-2], title, *state.titles[-2:]),
        ids=(*state.ids[:-2], title.lower(), *state.ids[-2:]),
        meeting=state.meeting,
    )


def read_state(manifest: Path) -> State:
    tomllib.loads(manifest.read_text(encoding="utf-8"))  # strict TOML, whole file
    return state_of(load_meeting(manifest))


def log_lines(path: Path) -> list[str]:
    """Complete lines only: a line is logged with one write() after its operation returned."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return text.split("\n")[:-1]


def leftovers(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".meeting.toml.") and p.name.endswith(".tmp")}


def start_driver(tmp_path: Path, root: Path, log: Path, mode: str, tag: str, count: int) -> subprocess.Popen[bytes]:
    driver = tmp_path / "driver.py"
    if not driver.exists():
        driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("HO21_ROOT", None)
    return subprocess.Popen(
        [sys.executable, str(driver), str(root), str(log), mode, tag, str(count)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for_line(log: Path, line: str, proc: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while line not in log_lines(log):
        if proc.poll() is not None:
            stderr = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"driver ended early ({proc.returncode}): {log_lines(log)}\n{stderr}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"driver not {line} after {timeout} s: {log_lines(log)}")
        time.sleep(0.005)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A fresh archive with meeting 1/2026, made by a real `python -m ho21cli` process."""
    root = tmp_path / "arkiv med æøå"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    made = subprocess.run(
        [sys.executable, "-m", "ho21cli", "new-meeting", "--date", "2026-01-14", "--root", str(root)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    return root


def test_sigkill_at_random_moments_never_tears_the_manifest(root: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder = root / M
    manifest = folder / "meeting.toml"
    # A leftover from some earlier crash, not even TOML: it must never be read as the manifest.
    stray = folder / ".meeting.toml.crashed0.tmp"
    stray.write_text("[[cases]\ntitle = halvskrevet", encoding="utf-8")
    state = read_state(manifest)
    standard = state
    completed_ops = 0
    tmp_before = leftovers(folder)

    for run in range(KILLS):
        log = tmp_path / f"run-{run}.log"
        proc = start_driver(tmp_path, root, log, "churn", f"K{run}", 10_000)
        wait_for_line(log, "ready", proc)
        time.sleep(rng.uniform(0.0, 0.3))
        assert proc.poll() is None, f"driver {run} ended before it was killed: {log_lines(log)}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        assert proc.returncode == -signal.SIGKILL
        lines = log_lines(log)
        assert not [line for line in lines if line.startswith("fail")], lines

        # The states this run went through: S, S+T0, S, S+T1, S, ...
        ops = [line for line in lines if line.startswith(("added ", "removed "))]
        expected = [state]
        for i in range((len(ops) + 2) // 2):
            expected += [with_case(state, f"K{run}x{i}"), state]
        for k, line in enumerate(ops):  # the log itself follows the loop
            assert line == ("added " if k % 2 == 0 else "removed ") + f"K{run}x{k // 2}"
        now = read_state(manifest)
        k = len(ops)
        # Killed after the k-th logged operation: its state, or the next one's if that one had
        # already renamed its file into place when the kill came.
        assert now in (expected[k], expected[k + 1]), (
            f"run {run}: after {k} logged operations the manifest holds {now.titles}, "
            f"expected {expected[k].titles} or {expected[k + 1].titles}"
        )
        completed_ops += k
        state = now

        tmp_now = leftovers(folder)
        assert tmp_before <= tmp_now, "a leftover temporary file was removed or renamed into place"
        assert len(tmp_now - tmp_before) <= 1, f"one kill left {sorted(tmp_now - tmp_before)}"
        tmp_before = tmp_now

    assert completed_ops >= KILLS, f"only {completed_ops} operations in {KILLS} runs: the kills came too early"
    assert stray.read_text(encoding="utf-8") == "[[cases]\ntitle = halvskrevet"
    # What a finished run leaves: a case that was added but not yet removed, and nothing else.
    extra = [t for t in state.titles if t not in standard.titles]
    assert len(extra) <= KILLS and all(t.startswith("K") for t in extra)
    assert [t for t in state.titles if t in standard.titles] == list(standard.titles)

    # A run that is not killed leaves no temporary files, and a new process reads the result.
    log = tmp_path / "clean.log"
    proc = start_driver(tmp_path, root, log, "churn", "Clean", 3)
    assert proc.wait(timeout=60) == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert log_lines(log)[-1] == "done"
    assert leftovers(folder) == tmp_before
    assert read_state(manifest) == state
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    listed = subprocess.run(
        [sys.executable, "-m", "ho21cli", "list-cases", M],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert "Evaluering av møtet" in listed.stdout
    for title in extra:
        assert title in listed.stdout


@pytest.mark.parametrize(("mode_a", "mode_b"), [("add", "add"), ("churn", "add")])
def test_two_processes_on_one_meeting_never_lose_an_update(
    root: Path, tmp_path: Path, mode_a: str, mode_b: str
) -> None:
    manifest = root / M / "meeting.toml"
    base = read_state(manifest)
    count = 15
    logs = {tag: tmp_path / f"{tag}.log" for tag in ("A", "B")}
    procs = {
        "A": start_driver(tmp_path, root, logs["A"], mode_a, "A", count),
        "B": start_driver(tmp_path, root, logs["B"], mode_b, "B", count),
    }
    for tag, proc in procs.items():
        assert proc.wait(timeout=120) == 0, f"{tag}: {log_lines(logs[tag])}"
    added: dict[str, list[str]] = {}
    busy: dict[str, list[str]] = {}
    for tag, log in logs.items():
        lines = log_lines(log)
        assert lines[0] == "ready" and lines[-1] == "done", lines
        assert not [line for line in lines if line.startswith("fail")], lines
        added[tag] = [line.split()[1] for line in lines if line.startswith("added ")]
        busy[tag] = [line.split()[1] for line in lines if line.startswith("busy ") and line.count(" ") == 1]
        assert len(added[tag]) + len(busy[tag]) == count  # every add succeeded or got the lock message
    assert added["B"], "driver B never got the lock"

    final = read_state(manifest)
    kept = {"A": [] if mode_a == "churn" else added["A"], "B": added["B"]}
    new = [t for t in final.titles if t not in base.titles]
    assert sorted(new) == sorted(kept["A"] + kept["B"])  # every successful add is there, once
    for tag in ("A", "B"):
        assert [t for t in new if t.startswith(tag)] == kept[tag]  # in the order it was added
        assert not set(busy[tag]) & set(final.titles)  # a refused add left nothing behind
    assert [t for t in final.titles if t in base.titles] == list(base.titles)
    assert final.titles[-2:] == base.titles[-2:]  # new cases went before the closing cases
    assert final.meeting == base.meeting
    assert not leftovers(root / M)


# -- builds killed at random moments ---------------------------------------------------------

BUILD_KILLS = 10

BUILD_DRIVER = r"""
import contextlib
import io
import sys

from ho21cli.cli.app import main

root, log_path = sys.argv[1], sys.argv[2]
log = open(log_path, "a", encoding="utf-8", buffering=1)


def ho21(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--root", root])
    return code, err.getvalue()


code, err = ho21("list-cases", "2026-1")
log.write("ready\n")
for i in range(10_000):
    for args in (["edit-case", "2026-1", "eventuelt", "--title", f"Eventuelt {i}"], ["build-innkalling", "2026-1"]):
        code, err = ho21(*args)
        if code:
            log.write(f"fail {args[0]} {code} {err!r}\n")
            sys.exit(3)
    log.write(f"built {i}\n")
"""


def test_a_build_killed_at_any_moment_never_blocks_or_spoils_the_next(root: Path, tmp_path: Path) -> None:
    """After a kill, the next build runs without --force (nothing looks hand-edited), leaves no
    temporary file, and its outputs are exactly the meeting's documents."""
    from ho21cli.storage.build_record import BuildRecord, digest

    rng = random.Random(SEED)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("HO21_ROOT", None)
    orient = tmp_path / "orienteringer.md"
    orient.write_text("## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n", encoding="utf-8")
    for args in (
        ["edit-case", M, "orienteringer", "--body", str(orient)],
        ["previous-meeting", M, "--meeting", "4/2025", "--date", "2025-11-26", "--referat-sent", "2025-12-03"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "ho21cli", *args, "--root", str(root)], env=env, capture_output=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
    driver = tmp_path / "build_driver.py"
    driver.write_text(BUILD_DRIVER, encoding="utf-8")
    build = root / M / "build"
    built_runs = 0
    for run in range(BUILD_KILLS):
        log = tmp_path / f"build-{run}.log"
        proc = subprocess.Popen(
            [sys.executable, str(driver), str(root), str(log)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_line(log, "ready", proc, timeout=60)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        lines = log_lines(log)
        assert not [line for line in lines if line.startswith("fail")], lines
        built_runs += sum(line.startswith("built") for line in lines)

        # The next, ordinary build after the kill: no --force needed, nothing left over.
        again = subprocess.run(
            [sys.executable, "-m", "ho21cli", "build-innkalling", M, "--root", str(root)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode == 0, again.stderr
        assert not [p for p in build.rglob("*") if p.name.endswith(".ho21-new")]
        record = BuildRecord.load(build)
        files = sorted(str(p.relative_to(build)) for p in build.rglob("*.docx") if "utgått" not in p.parts)
        assert files == sorted(record.files)
        assert all(digest((build / rel).read_bytes()) == sha for rel, sha in record.files.items())
        assert len(files) == 1 + len(load_meeting(root / M / "meeting.toml").cases)
    assert built_runs >= 1, "the kills came before any build finished"


# -- remove-meeting killed at each file operation -----------------------------------------------


def archive_state(root: Path) -> dict[str, str]:
    """Every file, without locks and the temporary file an atomic write killed before its rename leaves."""
    return {rel: sha for rel, sha in snapshot(root).items() if not Path(rel).name.endswith(".tmp")}


def test_remove_meeting_killed_at_each_file_operation_is_finished_or_undone_by_the_next_command(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    """Killed before each of its file operations in turn, `remove-meeting` leaves an archive that
    the next command (here `list-cases`) turns into either the archive before it (killed before
    its journal was written) or exactly the archive an uninterrupted run makes."""
    run = ho21
    base = tmp_path / "base"
    for day in ("2026-01-14", "2026-03-11", "2026-06-10", "2026-09-16", "2027-01-13"):
        assert run("new-meeting", "--date", day, "--root", base).code == 0
    assert run("add-case", "2026-3", "--title", "Saken fra juni", "--root", base).code == 0
    # files and references named by a number that changes: 2026-3 becomes 2026-2, 2026-4 becomes 2026-3
    assert run("add-case", "2026-3", "--title", "Saken som utsettes", "--root", base).code == 0
    assert run("postpone-case", "2026-3", "saken-som-utsettes", "--to", "2026-4", "--root", base).code == 0
    assert run("build-innkalling", "2026-3", "--draft", "--root", base).code == 0
    assert run("draft-referat", "2026-3", "--root", base).code == 0
    driver = tmp_path / "remove_driver.py"
    driver.write_text(COMMAND_DRIVER, encoding="utf-8")  # tests/test_crash_renumbering.py's, given the command
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("HO21_ROOT", None)

    def remove(name: str, kill_at: int) -> tuple[Path, list[str], int]:
        root, log = tmp_path / name, tmp_path / f"{name}.log"
        shutil.copytree(base, root)
        args = [sys.executable, str(driver), str(root), str(log), str(kill_at), "remove-meeting", "2026-2"]
        proc = subprocess.run(args, env=env, timeout=60)
        next_command = run("list-cases", "2026-1", "--root", root)
        assert next_command.code == 0, next_command.err
        return root, log_lines(log), proc.returncode

    before = archive_state(base)
    clean, ops, code = remove("clean", 0)
    assert code == 0 and ops[-1].startswith("exit 0"), ops
    after = archive_state(clean)
    assert sorted(p.name for p in clean.iterdir() if p.name[:1].isdigit()) == ["2026-1", "2026-2", "2026-3", "2027-1"]
    assert any(rel.startswith("utgått/2026-2/") for rel in after)
    # files follow their meeting: the referat takes the new number, the old build is set aside
    assert "2026-2/referat-2026-2.docx" in after and not [r for r in after if r.startswith("2026-2/referat-2026-3")]
    assert "2026-2/build/utgått/innkalling-2026-3.docx" in after and "2026-2/build/innkalling-2026-3.docx" not in after
    moved = load_meeting(clean / "2026-3" / "meeting.toml")
    assert [c.postponed_from for c in moved.cases if c.title == "Saken som utsettes"] == ["2026-2"]
    assert run("draft-referat", "2026-2", "--root", clean).code == 4  # ho21 sees the referat as the meeting's
    operations = ops[:-1]
    assert len(operations) >= 8, operations  # the journal, the move aside, two parked renames, manifests
    journal_written = next(i for i, op in enumerate(operations, 1) if op.endswith(".ho21-omnummerering.toml"))

    for k in range(1, len(operations) + 1):
        root, lines, code = remove(f"killed-{k}", k)
        assert code == -signal.SIGKILL, (k, lines)
        state = archive_state(root)
        expected = after if k > journal_written else before
        assert state == expected, (
            f"killed before operation {k} ({operations[k - 1]}): {sorted(set(state.items()) ^ set(expected.items()))}"
        )
        assert not [p.name for p in root.iterdir() if p.name.startswith(".ho21-omnummerering")]
        assert len([p for p in root.rglob("*.tmp")]) <= 1  # at most the one write that was cut short
