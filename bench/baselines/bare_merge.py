"""Baseline: merge already-rendered .docx files with docxcompose, one page break before each.

    python bench/baselines/bare_merge.py LISTING OUT.docx

LISTING is a text file with one .docx path a line, in the order to merge.
"""

import sys
from pathlib import Path

from docx import Document
from docxcompose.composer import Composer


def main() -> None:
    paths = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    composer = Composer(Document(paths[0]))
    for path in paths[1:]:
        doc = Document(path)
        if doc.paragraphs:
            doc.paragraphs[0].paragraph_format.page_break_before = True
        composer.append(doc)
    composer.save(sys.argv[2])


if __name__ == "__main__":
    main()
