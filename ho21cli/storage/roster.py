"""Changing the roster in ``profil.toml``: a new appointment, or the end of one.

The profile is a file people edit by hand, so it is rewritten through tomlkit:
only the table that changes is touched, and the comments and blank lines around
it stay where they were. The rules (what may be added or ended) are in
``ho21cli.core.roster``; the caller holds the archive's lock (``folder_lock``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Whitespace
from tomlkit.items import Table as TomlTable

from ho21cli.core.model import Person, Profile, Role
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_text
from ho21cli.storage.profile import PROFILE_NAME, ROSTER_KEYS, parse_profile
from ho21cli.storage.tomlfile import Table, read_toml

_KEY_OF = {role: key for key, role in ROSTER_KEYS.items()}

Trivia = list[tuple[Any, Any]]  # tomlkit body items without a key: blank lines, comments


@dataclass(frozen=True)
class ProfileText:
    """The profile as read: its text (to edit) and its meaning (to check against)."""

    path: Path
    text: str
    profile: Profile


def profile_path(root: Path) -> Path:
    """``profil.toml`` of the archive at ``root``; a folder without one is said plainly."""
    path = root / PROFILE_NAME
    if not path.is_file():
        raise InputError(
            _("no council profile ({file}) in {folder}").format(file=PROFILE_NAME, folder=root),
            fix=_("Run the command in your archive folder, give --root DIR, or start one with `ho21 new-meeting`."),
        )
    return path


def read_profile(root: Path) -> ProfileText:
    path = profile_path(root)
    text, data = read_toml(path)
    return ProfileText(path, text, parse_profile(Table(data, path.name)))


def parsed_profile(path: Path, text: str) -> Profile:
    """The profile ``text`` holds, read as ho21 reads ``path``."""
    return parse_profile(Table(tomllib.loads(text), path.name))


def write_profile(path: Path, text: str) -> None:
    """Write the edited profile atomically, after reading it back as ho21 will: an edit
    that would make the profile unreadable is never written."""
    parsed_profile(path, text)
    atomic_write_text(path, text)


def with_person(text: str, person: Person) -> str:
    """``text`` with a new ``[[members]]`` (or observers, secretariat) table for ``person``,
    after the last one of its kind."""
    doc = _parse(text)
    key = _KEY_OF[person.role]
    table = _new_table(person)
    existing = doc.get(key)
    if existing is None:
        aot = tomlkit.aot()
        aot.append(table)
        doc.append(key, aot)
    elif isinstance(existing, AoT):
        _append_after(existing, table)
    else:
        raise InputError(
            _("«{key}» is not written as [[{key}]] tables").format(key=key),
            where=PROFILE_NAME,
            fix=_("Write each entry as a [[{key}]] table (name = …, org = …), as in the built-in profile.").format(
                key=key
            ),
        )
    return _tidy(tomlkit.dumps(doc))


def with_end(text: str, role: Role, index: int, day: date) -> str:
    """``text`` with ``to = day`` in entry ``index`` of ``role``'s list (the file's order)."""
    doc = _parse(text)
    entry = doc[_KEY_OF[role]][index]
    if isinstance(entry, TomlTable):
        tail = _cut_tail(entry)
        entry["to"] = day
        entry.value.body.extend(tail)
    else:  # an inline table: { name = "…", org = "…" }
        entry["to"] = day
    return _tidy(tomlkit.dumps(doc))


def _new_table(person: Person) -> TomlTable:
    table = tomlkit.table()
    table["name"] = person.name
    if person.org:
        table["org"] = person.org
    if person.title:
        table["title"] = person.title
    if person.start is not None:
        table["from"] = person.start
    if person.end is not None:
        table["to"] = person.end
    return table


def _cut_tail(table: TomlTable) -> Trivia:
    """Take off what follows the table's last key. tomlkit keeps the blank line and the
    comments written above the *next* header at the end of this table; a key added
    after them would land under that comment."""
    body = table.value.body
    last_key = max((i for i, (key, _) in enumerate(body) if key is not None), default=-1)
    tail = body[last_key + 1 :]
    del body[last_key + 1 :]  # only trivia after the last key: the key index stays valid
    return tail


def _append_after(aot: AoT, table: TomlTable) -> None:
    """Append ``table`` to ``aot``; the comments above the next header (after the last
    table's final blank line) move down with it, so they stay above that header."""
    previous = aot[-1] if len(aot) else None
    moved: Trivia = []
    if isinstance(previous, TomlTable):
        tail = _cut_tail(previous)
        blanks = [i for i, (_, item) in enumerate(tail) if isinstance(item, Whitespace)]
        cut = blanks[-1] + 1 if blanks and any(isinstance(i, Comment) for _, i in tail[blanks[-1] :]) else len(tail)
        kept, moved = tail[:cut], tail[cut:]
        if not kept or not isinstance(kept[-1][1], Whitespace):
            kept.append((None, tomlkit.nl()))  # a blank line between the tables
        previous.value.body.extend(kept)
    table.add(tomlkit.nl())
    table.value.body.extend(moved)
    aot.append(table)


def _parse(text: str) -> tomlkit.TOMLDocument:
    """The document, its last line ended: a table added after it must start on a line of its own."""
    return tomlkit.parse(text if text.endswith("\n") else text + "\n")


def _tidy(text: str) -> str:
    """One newline at the end: a table added last brings its blank line along."""
    return text.rstrip("\n") + "\n"
