"""The ids and names of a document's styles, read from the XML and remembered.

python-docx builds a Python object per style to answer "which styles are there"; the
merge and the renderers ask that for every element they place. Here the styles part is
read with plain lxml once and remembered; docxcompose and ho21 only ever append styles,
so when styles have been added only those are read (the merge adds a vedlegg's styles
one by one and asks again after each: reading the whole, growing part every time made the
merge quadratic in the number of styles a meeting's vedlegg bring).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class _Entry:
    """What one styles part held when last read, and where reading it stopped."""

    count: int  # children of the styles element read so far (styles and the rest)
    last: Any  # the last of them, held: lxml gives the same proxy for a node while one is alive
    raw: list[tuple[str | None, str | None]] = field(default_factory=list)  # as python-docx gives them
    names: list[tuple[str, str | None]] = field(default_factory=list)  # as style_names gives them
    ids: set[str | None] = field(default_factory=set)


# Weak keys: an entry goes with its styles part, so a later part that happens to get the
# same id() can never be answered with another document's names.
_CACHE: weakref.WeakKeyDictionary[Any, _Entry] = weakref.WeakKeyDictionary()


def style_names(styles_element: Any) -> list[tuple[str, str | None]]:
    """(style id, display name) for every style, as python-docx would name them.

    A style without an id gives "".
    """
    return _entries(styles_element).names


def python_docx_names(styles_element: Any) -> list[tuple[str | None, str | None]]:
    """(style id, name) for every style exactly as python-docx gives them (None where missing)."""
    return _entries(styles_element).raw


def style_ids(styles_element: Any) -> set[str | None]:
    """The ids of every style (None for a style without one)."""
    return _entries(styles_element).ids


def _entries(styles_element: Any) -> _Entry:
    try:
        entry = _CACHE.get(styles_element)
    except TypeError:  # an element that takes no weak reference: not cached
        return _read(styles_element)
    count = len(styles_element)
    if entry is not None and count >= entry.count and _still_there(styles_element, entry):
        if count > entry.count:  # styles appended since: read only those
            _add(entry, styles_element[entry.count :])
            entry.count, entry.last = count, styles_element[count - 1]
        return entry
    entry = _read(styles_element)
    _CACHE[styles_element] = entry
    return entry


def _still_there(styles_element: Any, entry: _Entry) -> bool:
    """Is what was read still the start of the part? (Not when a style was removed or put
    in front of the last one read: then everything is read again.)"""
    if entry.count == 0:
        return True
    return styles_element[entry.count - 1] is entry.last


def _read(styles_element: Any) -> _Entry:
    count = len(styles_element)
    entry = _Entry(count, styles_element[count - 1] if count else None)
    _add(entry, styles_element)
    return entry


def _add(entry: _Entry, children: Any) -> None:
    """Read the styles among ``children`` into new lists (a caller may still hold the old ones)."""
    from docx.styles import BabelFish

    raw = []
    for el in children:
        if el.tag != f"{_W}style":
            continue
        name = el.find(f"{_W}name")
        value = name.get(f"{_W}val") if name is not None else None
        raw.append((el.get(f"{_W}styleId"), BabelFish.internal2ui(value) if value is not None else None))
    if raw:
        entry.raw = [*entry.raw, *raw]
        entry.names = [*entry.names, *((style_id or "", name) for style_id, name in raw)]
        entry.ids = entry.ids | {style_id for style_id, _name in raw}
