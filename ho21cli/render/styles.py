"""The ids and names of a document's styles, read from the XML and remembered.

python-docx builds a Python object per style to answer "which styles are there"; the
merge and the renderers ask that for every element they place. Here the styles part is
read with plain lxml once and remembered until a style is added (docxcompose and ho21
only ever append styles).
"""

from __future__ import annotations

import contextlib
import weakref
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# (fingerprint, entries as python-docx gives them, entries as style_names gives them, the ids)
_Entry = tuple[tuple[int, str, str], list[tuple[str | None, str | None]], list[tuple[str, str | None]], set[str | None]]
# Weak keys: an entry goes with its styles part, so a later part that happens to get the
# same id() can never be answered with another document's names.
_CACHE: weakref.WeakKeyDictionary[Any, _Entry] = weakref.WeakKeyDictionary()


def style_names(styles_element: Any) -> list[tuple[str, str | None]]:
    """(style id, display name) for every style, as python-docx would name them.

    Read with plain lxml and remembered per styles part until a style is added
    (docxcompose only ever appends styles). A style without an id gives "".
    """
    return _entries(styles_element)[2]


def python_docx_names(styles_element: Any) -> list[tuple[str | None, str | None]]:
    """(style id, name) for every style exactly as python-docx gives them (None where missing)."""
    return _entries(styles_element)[1]


def style_ids(styles_element: Any) -> set[str | None]:
    """The ids of every style (None for a style without one), remembered as ``style_names``."""
    return _entries(styles_element)[3]


def _entries(styles_element: Any) -> _Entry:
    from docx.styles import BabelFish

    key = _fingerprint(styles_element)
    try:
        cached = _CACHE.get(styles_element)
    except TypeError:  # an element that takes no weak reference: not cached
        cached = None
    if cached is not None and cached[0] == key:
        return cached
    raw: list[tuple[str | None, str | None]] = []
    for el in styles_element.iterchildren(f"{_W}style"):
        name = el.find(f"{_W}name")
        value = name.get(f"{_W}val") if name is not None else None
        raw.append((el.get(f"{_W}styleId"), BabelFish.internal2ui(value) if value is not None else None))
    entry = (key, raw, [(style_id or "", name) for style_id, name in raw], {style_id for style_id, _name in raw})
    with contextlib.suppress(TypeError):  # see above
        _CACHE[styles_element] = entry
    return entry


def _fingerprint(styles_element: Any) -> tuple[int, str, str]:
    """Changes when a style is added (not when one is renamed in place: nothing here does that)."""
    if len(styles_element) == 0:
        return (0, "", "")
    return (
        len(styles_element),
        str(styles_element[0].get(f"{_W}styleId")),
        str(styles_element[-1].get(f"{_W}styleId")),
    )
