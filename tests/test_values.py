"""Command-line values without pydantic (ho21cli/cli/values.py): the same values as Typer's own.

Every parameter of every ho21 command is given the same texts through ho21's plain
coercion and through Typer's adapter for that parameter; the results (or the errors) must
be the same. And a command that uses only plain parameters must not import pydantic.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from ho21cli.cli import values
from ho21cli.cli.app import make_app
from ho21cli.cli.values import PlainValue, plain_kind
from ho21cli.core.model import CaseKind

SAMPLES: list[Any] = [
    "",
    "x",
    "2026-1",
    "17/2/2026",
    " 12 ",
    "12",
    "0",
    "1",
    "1899",
    "2026",
    "3000",
    "-3",
    "007",
    "+4",
    "1_000",
    "1.5",
    "true",
    "false",
    "vedtak",
    "VEDTAK",
    "Orientering",
    "medlem",
    "møte.md",
    "C:\\Users\\sekretariat\\sak.md",
    "~/ho21",
    ".",
    "a=b",
    ("a", "b"),
    ["c"],
    (),
    True,
    False,
    None,
    5,
    1800,
    Path("sak.md"),
    CaseKind.VEDTAK,
    CaseKind.ORIENTERING,
]


def every_parameter() -> Iterator[tuple[str, Any, Any]]:
    """(command path, command, parameter) for every command of ho21, the help options included."""
    top = typer.main.get_command(make_app())

    def walk(path: str, command: Any) -> Iterator[tuple[str, Any, Any]]:
        ctx = typer._click.Context(command)  # type: ignore[attr-defined]
        for param in command.get_params(ctx):
            yield path, command, param
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(f"{path} {name}", sub)

    yield from walk("ho21", top)


def outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error is part of the answer: the same kind, the same words
        return type(exc).__name__, str(getattr(exc, "message", exc))


def test_typer_installed_is_the_one_checked() -> None:
    """Otherwise the plain coercion is off and this file tests nothing: widen TESTED_TYPER after checking."""
    assert values.tested_typer(typer.__version__), typer.__version__
    assert values.tested_typer("0.29.2") and not values.tested_typer("0.30.0")
    assert not values.tested_typer("0.28.9")
    assert not values.tested_typer("unknown")


def test_every_plain_parameter_gives_what_typer_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer._coercion import build_runtime_param

    monkeypatch.chdir(tmp_path)
    (tmp_path / "møte.md").write_text("x", encoding="utf-8")
    compared = kinds = 0
    seen_kinds = set()
    for path, command, param in every_parameter():
        kind = plain_kind(param.type_descriptor)
        if kind is None:
            continue
        kinds += 1
        seen_kinds.add(kind)
        assert isinstance(param._runtime_param, PlainValue), f"{path} {param.name}"
        ctx = typer._click.Context(command)  # type: ignore[attr-defined]
        typers = build_runtime_param(param.type_descriptor)
        for value in SAMPLES:
            ours = outcome(param._runtime_param, value, param, ctx)
            theirs = outcome(typers, value, param, ctx)
            assert ours == theirs, f"{path} {param.name} ({kind}) given {value!r}"
            compared += 1
    assert seen_kinds == {"str", "path", "int", "bool", "choice", "list[str]"}
    assert kinds > 100 and compared == kinds * len(SAMPLES)


@pytest.mark.parametrize(
    "args",
    [
        ["build-innkalling", "--help"],
        ["add-case", "--help"],
        ["check", "2026-1", "--root", "nowhere"],
        ["add-case", "2026-1", "--title", "Sak", "--kind", "vedtak", "--minutes", "20", "--root", "nowhere"],
        ["add-case", "2026-1", "--title", "Sak", "--root", "nowhere"],  # the default kind, an Enum member
        ["year", "2026", "--root", "nowhere"],
    ],
)
def test_plain_commands_do_not_import_pydantic(args: list[str], tmp_path: Path) -> None:
    code = f"import sys\nfrom ho21cli.cli.app import main\nmain({args!r})\nprint('pydantic' in sys.modules)\n"
    env = {**os.environ, "LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr
