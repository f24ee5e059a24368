"""Baseline: merge already-rendered .docx files with docxcompose, one page break before each.

    python bench/baselines/bare_merge.py LISTING OUT.docx [--stock]

LISTING is a text file with one .docx path a line, in the order to merge: the first is the
master, every other one is appended to it.

By default docxcompose answers its style look-ups through the same shortcut ho21 uses:
``ho21cli.render.compose.ShortcutComposer`` is docxcompose's Composer with that shortcut and
nothing else (tests/test_compose_equivalence.py holds its output equal to docxcompose's own),
so the comparison with ho21 is fair. Like ho21, it uses the shortcut only with a docxcompose it
was checked against (2.2.x) and is docxcompose's own Composer otherwise. ``--stock`` always
uses docxcompose's own Composer.

Prints which composer it used ("shortcut" or "stock").
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document


def composer_for(master: Any, *, stock: bool) -> tuple[Any, str]:
    if stock:
        from docxcompose.composer import Composer

        return Composer(master), "stock"
    from ho21cli.render.compose import ShortcutComposer, _fast_path

    return ShortcutComposer(master), "shortcut" if _fast_path() else "stock"


def main() -> None:
    listing, out = Path(sys.argv[1]), sys.argv[2]
    paths = listing.read_text(encoding="utf-8").splitlines()
    master = Document(paths[0])
    composer, kind = composer_for(master, stock="--stock" in sys.argv[3:])
    for path in paths[1:]:
        doc = Document(path)
        if doc.paragraphs:
            doc.paragraphs[0].paragraph_format.page_break_before = True
        composer.append(doc)
    master.save(out)
    print(kind)


if __name__ == "__main__":
    main()
