"""Option and argument values as Python values, without a pydantic model per parameter.

Typer (0.29) turns every value of a command line into its Python type through a pydantic
``TypeAdapter`` built for each parameter of the command, used or not: importing pydantic
and building the adapters is about 80 ms of every ho21 command, more than ho21's own
start-up. ho21's parameters are plain (text, paths, whole numbers, flags, lists of text,
choices), and for those values Typer's adapters only do what is written below: the same
functions Typer calls (``coerce_cli_path``, ``coerce_cli_choice``), or what the adapter
does to a str. Anything else (a number out of its bounds, a choice not offered, a type
not listed, a value of another type) goes to Typer's own adapter, built when first needed,
so its answer and its error message stay Typer's.

Used only with the Typer versions in TESTED_TYPER (tests/test_values.py gives every
parameter of ho21 the same values both ways and compares); with another Typer every value
goes through Typer's own adapters, as Typer does it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Final, get_args, get_origin

# Typer versions this is checked against: at least the first (major, minor), below the second.
TESTED_TYPER: Final = ((0, 29), (0, 30))

_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def tested_typer(installed: str) -> bool:
    match = re.match(r"(\d+)\.(\d+)", installed)
    if match is None:
        return False
    low, high = TESTED_TYPER
    return low <= (int(match[1]), int(match[2])) < high


@functools.cache
def _shortcut_allowed() -> bool:
    import typer

    return tested_typer(typer.__version__)


def plain_values(param: Any) -> None:
    """Give a Typer parameter the plain coercion, when its type is one of the plain ones."""
    if not _shortcut_allowed():
        return
    kind = plain_kind(param.type_descriptor)
    if kind is not None:
        param._runtime_param = PlainValue(param.type_descriptor, kind)


def plain_kind(descriptor: Any) -> str | None:
    """'str', 'path', 'int', 'bool', 'choice' or 'list[str]' for the parameters handled here; None
    for the rest (Typer's own adapter)."""
    annotation = descriptor.annotation
    info = descriptor.parameter_info
    if info.parser is not None or descriptor.file_annotation is not None:
        return None
    if get_origin(annotation) is list:
        return "list[str]" if get_args(annotation) == (str,) else None
    if annotation is bool:
        return "bool"
    if annotation is str:
        return "str"
    if annotation is int:
        return None if info.clamp else "int"
    if annotation is Path and info.path_type is None:
        return "path"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    return None


@dataclass
class PlainValue:
    """What Typer keeps as a parameter's ``_runtime_param``, for one plain parameter."""

    descriptor: Any
    kind: str
    _typers_own: Any = field(default=None, repr=False)  # built when first needed

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """As Typer's ``RuntimeParam.coerce``: a value not given is None, or () for a list."""
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        plain = self._plain(value, param, ctx)
        return plain if plain is not _NOT_PLAIN else self._own().coerce(value, param=param, ctx=ctx)

    def _plain(self, value: Any, param: Any, ctx: Any) -> Any:
        """The value as Typer's adapter would give it, or _NOT_PLAIN to let the adapter answer."""
        from typer._param_types import coerce_cli_choice, coerce_cli_path

        info = self.descriptor.parameter_info
        if self.kind == "list[str]":
            plain_list = isinstance(value, (list, tuple)) and all(type(v) is str for v in value)
            return list(value) if plain_list else _NOT_PLAIN
        if self.kind in ("str", "bool"):
            return value if type(value) is self.descriptor.annotation else _NOT_PLAIN
        if self.kind == "path":
            if isinstance(value, Path) or (type(value) is str and value):
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            return _NOT_PLAIN
        if self.kind == "int":
            if type(value) is str and _WHOLE_NUMBER.fullmatch(value):
                value = int(value)
            if type(value) is not int:
                return _NOT_PLAIN
            too_small = info.min is not None and value < info.min
            too_large = info.max is not None and value > info.max
            return _NOT_PLAIN if too_small or too_large else value  # out of bounds: Typer's words
        if self.kind == "choice":  # Typer's adapter calls the same function on any value
            try:
                choices = list(self.descriptor.annotation)
                return coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx)
            except ValueError:  # not one of them: Typer's adapter words the error
                return _NOT_PLAIN
        return _NOT_PLAIN

    def _own(self) -> Any:
        """Typer's own coercion for this parameter (pydantic), built the first time it is needed."""
        if self._typers_own is None:
            from typer._coercion import build_runtime_param

            self._typers_own = build_runtime_param(self.descriptor)
        return self._typers_own


_NOT_PLAIN: Final = object()
