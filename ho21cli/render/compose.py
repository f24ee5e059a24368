"""docxcompose, without its slowest habit.

docxcompose asks python-docx for the list of all styles (building a Python
object per style) for every paragraph it appends: with Word's ~160 default
styles that was two thirds of an innkalling build. Its composer only needs
the ids and names, which the style elements give directly. The proxies
below answer those questions from the XML and pass everything else through.

That leans on how docxcompose's Composer uses a document: it iterates
``doc.styles`` for ``style_id`` and ``name`` only, and reaches everything else
(``element``, ``part``, ``sections``, ``styles.element``, ``styles.default``,
``styles[name]``) as attributes. It was checked for the versions in
TESTED_DOCXCOMPOSE (tests/test_compose_equivalence.py composes the same
documents with this Composer and with docxcompose's own and compares the
packages part by part). With any other installed version Composer is
docxcompose's own, unchanged: slower, but right.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

from ho21cli.render.styles import python_docx_names

# docxcompose versions the proxies are checked against: at least the first (major, minor),
# below the second. Keep in step with the docxcompose pin in pyproject.toml; to widen it, run
# tests/test_compose_equivalence.py against the new version (it forces the proxies on).
TESTED_DOCXCOMPOSE: Final = ((2, 2), (2, 3))


def tested_docxcompose(installed: str | None) -> bool:
    """Whether a docxcompose version string is in TESTED_DOCXCOMPOSE."""
    match = re.match(r"(\d+)\.(\d+)", installed or "")
    if match is None:
        return False
    low, high = TESTED_DOCXCOMPOSE
    return low <= (int(match[1]), int(match[2])) < high


def _installed_docxcompose() -> str | None:
    """The installed docxcompose's version (its package has no ``__version__``).

    Read from the name of its ``.dist-info`` folder beside the package, which pip writes as
    NAME-VERSION.dist-info: importlib.metadata, and the email parser it imports, cost more
    than a tenth of a 12-case build's own work. Any other kind of install asks importlib.metadata."""
    import docxcompose

    site = Path(docxcompose.__file__).resolve().parent.parent
    found = sorted(site.glob("docxcompose-*.dist-info"))
    if len(found) == 1:
        return found[0].name.removeprefix("docxcompose-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("docxcompose")
    except PackageNotFoundError:
        return None


@functools.cache
def _fast_path() -> bool:
    """Use the proxies? Once per process: only with a docxcompose they were checked against."""
    return tested_docxcompose(_installed_docxcompose())


class _Styles:
    def __init__(self, styles: Any) -> None:
        self._styles = styles

    def __iter__(self) -> Iterator[SimpleNamespace]:
        # python-docx's own values: style_id is None when the style has no id
        for style_id, name in python_docx_names(self._styles.element):
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


class ShortcutComposer:
    """``docxcompose.composer.Composer`` over the fast style view; the same results as docxcompose's own.

    With a docxcompose outside TESTED_DOCXCOMPOSE this is docxcompose's own Composer.
    tests/test_compose_equivalence.py holds it to that; bench/ uses it as the fair baseline.
    """

    def __init__(self, master: Any) -> None:
        from docxcompose.composer import Composer as Base

        self._fast = _fast_path()
        self._base = self._make(Base, master)
        self.doc = master

    def _make(self, base: Any, master: Any) -> Any:
        composer = base(master)
        if self._fast:
            composer.doc = _Document(master)
        return composer

    def append(self, document: Any) -> None:
        self._base.append(self._view(document))

    def insert(self, index: int, document: Any) -> None:
        self._base.insert(index, self._view(document))

    def _view(self, document: Any) -> Any:
        return _Document(document) if self._fast else document


class Composer(ShortcutComposer):
    """ho21's merge: docxcompose's, made faithful and linear (ho21cli/render/merge.py).

    Each vedlegg keeps its own lists (start values, restarts, heading numbering),
    its footnotes, endnotes and comments; ids are given out as each document comes
    in, never by a pass over the whole document. Call ``finish`` before saving.
    """

    def __init__(self, master: Any) -> None:
        from ho21cli.render.merge import faithful_composer

        self._fast = _fast_path()
        self._base = self._make(faithful_composer(), master)
        self.doc = master

    def insert(self, index: int, document: Any) -> None:
        from ho21cli.render.merge import number_lists_directly

        number_lists_directly(document)
        self._base.insert(index, self._view(document))

    def insert_before(self, anchor: Any, document: Any) -> list[Any]:
        """Merge ``document`` before the body element ``anchor``; the elements that came in."""
        from ho21cli.render.merge import number_lists_directly

        number_lists_directly(document)
        return list(self._base.insert_before(anchor, self._view(document)))

    def finish(self) -> None:
        """Write what is kept in memory while documents come in (notes and comments)."""
        self._base.finish()
