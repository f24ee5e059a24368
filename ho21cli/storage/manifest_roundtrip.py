"""Rewriting a manifest a person has edited: tomlkit changes only the values
that changed, so comments and hand-made layout survive."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Whitespace
from tomlkit.items import Table as TomlTable


@dataclass(frozen=True)
class ManifestValues:
    """The manifest as plain values (made by ``storage.manifest``), to be applied to a text."""

    schema: int
    meeting: dict[str, Any]
    attendance: dict[str, Any]
    referat: dict[str, Any]
    previous: dict[str, Any]
    cases: list[dict[str, Any]]  # each with its "id"


def round_trip(values: ManifestValues, previous_text: str) -> str:
    """Apply ``values`` to the previous text in place, keeping comments and layout."""
    doc = tomlkit.parse(previous_text)
    if "schema" not in doc:
        doc["schema"] = values.schema
    if "meeting" not in doc:
        doc["meeting"] = tomlkit.table()
    _sync_table(doc["meeting"], values.meeting)
    _sync_optional_table(doc, "attendance", values.attendance)
    _sync_optional_table(doc, "referat", values.referat)
    _sync_optional_table(doc, "previous", values.previous)
    _sync_cases(doc, values.cases)
    # Moving tables around leaves their blank lines behind; keep at most one.
    return re.sub(r"\n{3,}", "\n\n", tomlkit.dumps(doc)).rstrip("\n") + "\n"


def _sync_table(table: Any, values: dict[str, Any]) -> None:
    """Set changed values in place and drop keys that are now default."""
    for key in [k for k in table if k not in values]:
        del table[key]
    for key, value in values.items():
        if key not in table or _plain(table[key]) != value:
            table[key] = _inline(value)


def _sync_optional_table(doc: tomlkit.TOMLDocument, key: str, values: dict[str, Any]) -> None:
    """A table that is left out while it is empty."""
    if not values:
        if key in doc:
            del doc[key]
        return
    if key not in doc:
        doc[key] = tomlkit.table()
    _sync_table(doc[key], values)


def _inline(value: Any) -> Any:
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        return inline
    if isinstance(value, list) and value and isinstance(value[0], dict):
        array = tomlkit.array()
        for item in value:
            inline = tomlkit.inline_table()
            inline.update(item)
            array.append(inline)
        return array.multiline(len(value) > 1)
    return value


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _detach_leading_comments(table: TomlTable) -> list[tuple[Any, Any]]:
    """Comments written above the *next* ``[[cases]]`` header.

    tomlkit keeps them at the end of the table before; a blank line separates
    them from that table's own trailing comments. Taking them off lets them
    travel with the case they were written for.
    """
    body = table.value.body
    last_key = max((i for i, (key, _) in enumerate(body) if key is not None), default=-1)
    blanks = [i for i in range(last_key + 1, len(body)) if isinstance(body[i][1], Whitespace)]
    if not blanks:
        return []
    moved = body[blanks[-1] + 1 :]
    if not any(isinstance(item, Comment) for _, item in moved):
        return []
    del body[blanks[-1] + 1 :]  # only trivia after the last key: the key index stays valid
    return moved


def _last_table(doc: tomlkit.TOMLDocument) -> TomlTable | None:
    tables = [item for key, item in doc.body if key is not None and isinstance(item, TomlTable)]
    return tables[-1] if tables else None


def _sync_cases(doc: tomlkit.TOMLDocument, cases: list[dict[str, Any]]) -> None:
    existing: dict[str, TomlTable] = {}
    leading: dict[str, list[tuple[Any, Any]]] = {}
    old = doc.get("cases")
    if isinstance(old, AoT):
        tables = list(old)
        existing = {str(t.get("id")): t for t in tables}
        for before, table in itertools.pairwise(tables):
            leading[str(table.get("id"))] = _detach_leading_comments(before)
    aot = tomlkit.aot()
    previous: TomlTable | None = _last_table(doc)  # what stands above the first [[cases]]
    for case in cases:
        case_id = str(case["id"])
        table = existing.get(case_id) or tomlkit.table()
        _sync_table(table, case)
        (previous if previous is not None else table).value.body.extend(leading.get(case_id, []))
        aot.append(table)
        previous = table
    if "cases" in doc:
        del doc["cases"]
    if cases:
        doc.append("cases", aot)
