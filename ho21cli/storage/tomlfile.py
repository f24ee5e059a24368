"""Reading TOML tables with messages that name the file, the key and the fix."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ho21cli.core.text import clean_text, closest
from ho21cli.errors import InputError
from ho21cli.i18n import N_, _
from ho21cli.storage.files import os_error


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its parsed content; syntax errors name the line."""
    try:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))  # Notepad's BOM; macOS NFD
    except UnicodeDecodeError:
        raise InputError(_("is not UTF-8 text"), where=str(path), fix=_("Save the file as UTF-8.")) from None
    except OSError as exc:
        raise os_error(exc, path, _("reading")) from exc
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            toml_syntax_error(str(exc)),
            where=str(path),
            fix=_(
                "Fix the line named above (an editor with TOML support shows it), or restore the file from a backup."
            ),
        ) from None


# What tomllib's reasons mean, in ho21's words: its own are English only. The first that
# matches says it; tomllib's messages are the same from Python 3.11 to 3.14.
TOML_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Illegal character '\\n'|Unterminated string"),
        N_('a text in quotes is not closed (it needs a " at its end, on the same line)'),
    ),
    (re.compile(r"Illegal character|Found invalid character"), N_("a character TOML does not allow there")),
    (
        re.compile(r"Expected newline or end of document"),
        N_("the line goes on after its value (one key = value per line; text goes in quotes)"),
    ),
    (re.compile(r"Invalid date"), N_("a date that does not exist, or is not written as YYYY-MM-DD")),
    (re.compile(r"Invalid value"), N_('a value TOML does not know (text goes in quotes: title = "…")')),
    (re.compile(r"Expected '=' after a key"), N_("a key without «= value»")),
    (
        re.compile(r"Invalid initial character for a key|Invalid statement"),
        N_("a line that is neither key = value nor a [table] heading"),
    ),
    (re.compile(r"twice|Cannot overwrite|Cannot redefine|Cannot mutate|Duplicate"), N_("a key or table given twice")),
    (re.compile(r"Unclosed array"), N_("a list [ … ] that is not closed")),
    (re.compile(r"Unclosed inline table"), N_("a table { … } that is not closed")),
    (re.compile(r"Expected '\]\]?' at the end"), N_("a [table] heading that is not closed")),
    (
        re.compile(r"Unescaped '\\'|Invalid hex value|Unicode scalar"),
        N_("a backslash in a text in quotes (write \\\\ for one, or use 'single quotes')"),
    ),
)
TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def toml_syntax_error(message: str) -> str:
    """tomllib's ``message`` («Illegal character '\\n' (at line 15, column 34)») in the run's
    language: where in the file, and what is wrong there."""
    reason = next((_(text) for pattern, text in TOML_REASONS if pattern.search(message)), _("a syntax error"))
    position = TOML_POSITION.search(message)
    if position is None:
        return _("is not valid TOML: {reason}").format(reason=reason)
    if position.group(1) is None:
        return _("is not valid TOML at the end of the file: {reason}").format(reason=reason)
    return _("is not valid TOML at line {line}, column {column}: {reason}").format(
        line=position.group(1), column=position.group(2), reason=reason
    )


def _example(kind: type | tuple[type, ...]) -> str:
    examples = {str: 'title = "Helsereformutvalget"', int: "first_case = 13", bool: "ettersendes = true"}
    examples[list] = 'saksbehandlere = ["Henrietta Blankson"]'
    return examples.get(kind, "") if isinstance(kind, type) else ""


@dataclass(frozen=True)
class Table:
    """One TOML table and where it is, for precise messages."""

    data: Mapping[str, Any]
    file: str
    path: str = ""

    @property
    def where(self) -> str:
        return f"{self.file}: {self.path}" if self.path else self.file

    def _child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                guess = closest(key, allowed)
                hint = (
                    _("Did you mean «{guess}»?").format(guess=guess)
                    if guess
                    else _("Known keys: {keys}.").format(keys=", ".join(allowed))
                )
                raise InputError(_("unknown key «{key}»").format(key=key), where=self.where, fix=hint)

    def _typed(self, key: str, kind: type | tuple[type, ...], label: str, default: Any) -> Any:
        """``label`` is marked with ``N_`` and translated only for the message."""
        if key not in self.data:
            return default
        value = self.data[key]
        if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
            example = _example(kind)
            raise InputError(
                _("«{key}» must be {kind}, not {type} {value}").format(
                    key=key, kind=_(label), type=type(value).__name__, value=repr(value)
                ),
                where=self.where,
                fix=_("Write it as {kind}, e.g. {example}.").format(kind=_(label), example=example)
                if example
                else _("Write it as {kind}.").format(kind=_(label)),
            )
        return value

    def require(self, key: str) -> None:
        if key not in self.data:
            raise InputError(
                _("«{key}» is missing").format(key=key),
                where=self.where,
                fix=_("Add a line: {key} = ...").format(key=key),
            )

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        if required:
            self.require(key)
        return clean_text(self._typed(key, str, N_("text in quotes"), default))

    def opt_str(self, key: str) -> str | None:
        value = self._typed(key, str, N_("text in quotes"), None)
        return clean_text(value) if value is not None else None

    def whole(self, key: str, default: int = 0, *, required: bool = False, minimum: int = 0) -> int:
        if required:
            self.require(key)
        value = self._typed(key, int, N_("a whole number"), default)
        if value < minimum:
            raise InputError(
                _("«{key}» must be at least {minimum}, not {value}").format(key=key, minimum=minimum, value=value),
                where=self.where,
            )
        return int(value)

    def flag(self, key: str, default: bool = False) -> bool:
        return bool(self._typed(key, bool, N_("true or false"), default))

    def day(self, key: str) -> date:
        self.require(key)
        value = self.data[key]
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str):
            from ho21cli.core.dates import parse_date

            return parse_date(value, where=f"{self.file}: {self._child(key)}")
        raise InputError(_("«{key}» must be a date like 2026-01-14").format(key=key), where=self.where)

    def opt_day(self, key: str) -> date | None:
        """A date that may be left out: a TOML date (2026-01-14) or the text "2026-01-14"."""
        return self.day(key) if key in self.data else None

    def str_list(self, key: str) -> list[str]:
        values = self._typed(key, list, N_("a list of texts in quotes"), [])
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise InputError(
                    _("«{key}»[{index}] must be text in quotes, not {value}").format(key=key, index=i, value=repr(v)),
                    where=self.where,
                )
        return [clean_text(v) for v in values]

    def table(self, key: str) -> Table:
        value = self._typed(key, dict, N_("a table"), {})
        return Table(value, self.file, self._child(key))

    def tables(self, key: str) -> list[Table]:
        values = self._typed(key, list, N_("a list of tables"), [])
        out = []
        for i, v in enumerate(values):
            if not isinstance(v, dict):
                raise InputError(_("«{key}»[{index}] must be a table").format(key=key, index=i), where=self.where)
            out.append(Table(v, self.file, f"{self._child(key)}[{i}]"))
        return out
