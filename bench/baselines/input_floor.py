"""The input floor: what reading a meeting's .docx vedlegg costs any merge, and nothing else.

    python bench/baselines/input_floor.py LISTING

LISTING names one .docx a line. From each, the package's content types and relationships,
its main document part (found through them) with its relationships, and the parts a merge
takes content from (styles, numbering, footnotes, endnotes and comments, where the document
has them) are read and parsed with lxml.etree.fromstring. Nothing is merged or written.
Prints the seconds of that work alone (after the imports) as its last line.
"""

from __future__ import annotations

import posixpath
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

OFFICE_DOCUMENT = "/officeDocument"
MERGED_FROM = ("/styles", "/numbering", "/footnotes", "/endnotes", "/comments")


def read_vedlegg(path: str) -> None:
    with zipfile.ZipFile(path) as zf:
        etree.fromstring(zf.read("[Content_Types].xml"))
        main = next(
            rel.get("Target", "")
            for rel in etree.fromstring(zf.read("_rels/.rels"))
            if rel.get("Type", "").endswith(OFFICE_DOCUMENT)
        ).lstrip("/")
        etree.fromstring(zf.read(main))
        folder, name = posixpath.split(main)
        rels = etree.fromstring(zf.read(posixpath.join(folder, "_rels", name + ".rels")))
        for rel in rels:
            if rel.get("Type", "").endswith(MERGED_FROM) and rel.get("TargetMode") != "External":
                etree.fromstring(zf.read(posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))))


def main() -> None:
    paths = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    start = time.perf_counter()
    for path in paths:
        read_vedlegg(path)
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
