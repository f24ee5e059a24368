"""ho21 runs where POSIX-only modules do not exist (Windows): they are made unimportable here (issue 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE, KILDE

# Modules CPython has on Linux and macOS only (https://docs.python.org/3/library/unix.html).
POSIX_ONLY = ["fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog"]

RUNNER = """
import sys
for name in {blocked!r}:
    sys.modules[name] = None  # import raises ImportError, as on Windows
from ho21cli.cli.app import main
raise SystemExit(main(sys.argv[1:]))
"""


def ho21_without_posix(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = RUNNER.format(blocked=POSIX_ONLY)
    return subprocess.run(
        [sys.executable, "-c", code, *(str(a) for a in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_the_main_commands_run_without_posix_only_modules(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "arkiv med æøå"
    # A lock file left by a local run would hold the soft lock filelock falls back on here;
    # Windows itself has msvcrt, which locks the file as fcntl does.
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build", ".ho21.lock"))
    steps = [
        ("--help",),
        ("new-meeting", "--date", "2026-03-11", "--root", root),
        (
            "add-case",
            "2026-2",
            "--title",
            "Ny sak",
            "--body",
            KILDE / "2026-1" / "innovasjon-i-helsetjenesten.md",
            "--root",
            root,
        ),
        ("list-cases", "2026-2", "--root", root),
        ("check", "2026-1", "--as-of", "2026-01-10", "--root", root),  # before the day: the skeleton is no error
        ("build-innkalling", "2026-1", "--root", root, "--force"),
        ("draft-referat", "2026-1", "--root", root, "--force"),
    ]
    for step in steps:
        result = ho21_without_posix(*step, cwd=tmp_path)
        assert result.returncode == 0, f"{step}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
    assert (root / "2026-1" / "build" / "innkalling-2026-1.docx").is_file()
    assert "Ny sak" in (root / "2026-2" / "meeting.toml").read_text(encoding="utf-8")
