"""docxcompose, without its slowest habit.

docxcompose asks python-docx for the list of all styles (building a Python
object per style) for every paragraph it appends: with Word's ~160 default
styles that was two thirds of an innkalling build. Its composer only needs
the ids and names, which the style elements give directly. The proxies
below answer those questions from the XML and pass everything else through.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CACHE: dict[int, tuple[tuple[int, str, str], list[tuple[str, str | None]]]] = {}


def style_names(styles_element: Any) -> list[tuple[str, str | None]]:
    """(style id, display name) for every style, as python-docx would name them.

    Read with plain lxml and remembered per styles part until a style is added
    (docxcompose only ever appends styles).
    """
    from docx.styles import BabelFish

    key = _fingerprint(styles_element)
    cached = _CACHE.get(id(styles_element))
    if cached is not None and cached[0] == key:
        return cached[1]
    names: list[tuple[str, str | None]] = []
    for el in styles_element.iterchildren(f"{_W}style"):
        name = el.find(f"{_W}name")
        value = name.get(f"{_W}val") if name is not None else None
        names.append((el.get(f"{_W}styleId") or "", BabelFish.internal2ui(value) if value is not None else None))
    if len(_CACHE) > 64:  # one build touches a few dozen documents
        _CACHE.clear()
    _CACHE[id(styles_element)] = (key, names)
    return names


def _fingerprint(styles_element: Any) -> tuple[int, str, str]:
    """Changes when a style is added; with the id, a reused id of another part won't match."""
    if len(styles_element) == 0:
        return (0, "", "")
    return (
        len(styles_element),
        str(styles_element[0].get(f"{_W}styleId")),
        str(styles_element[-1].get(f"{_W}styleId")),
    )


class _Styles:
    def __init__(self, styles: Any) -> None:
        self._styles = styles

    def __iter__(self) -> Iterator[SimpleNamespace]:
        for style_id, name in style_names(self._styles.element):
            yield SimpleNamespace(style_id=style_id, name=name)

    def __getitem__(self, key: str) -> Any:
        return self._styles[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._styles, name)


class _Document:
    def __init__(self, document: Any) -> None:
        self._document = document

    @property
    def styles(self) -> _Styles:
        return _Styles(self._document.styles)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._document, name)


class Composer:
    """``docxcompose.composer.Composer`` over the fast style view; same results."""

    def __init__(self, master: Any) -> None:
        from docxcompose.composer import Composer as Base

        self._base = Base(master)
        self._base.doc = _Document(master)
        self.doc = master

    def append(self, document: Any) -> None:
        self._base.append(_Document(document))

    def insert(self, index: int, document: Any) -> None:
        self._base.insert(index, _Document(document))
