"""Word documents other people made, as vedlegg: python-docx's own test documents.

They come from python-docx's source distribution on PyPI (the version that is
installed), fetched once per machine with pip into a cache folder (tests/corpus.py).
Each one is either refused when it is added, with one clear message, or it goes
into an innkalling that builds, with its text in it: `check` promises what `build`
does. Without network access to PyPI the test is skipped, saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from ho21cli.render.inspect import docx_refusal
from tests.conftest import Run, write
from tests.corpus import python_docx_test_documents
from tests.docx_read import all_text, open_docx

M = "2026-1"


@pytest.fixture(scope="module")
def public_documents() -> list[Path]:
    return python_docx_test_documents()


def first_words(path: Path) -> str:
    """A line of the document's own text, to find it again in the innkalling."""
    lines = [p.text.strip() for p in docx.Document(str(path)).paragraphs if len(p.text.strip()) > 12]
    return lines[0] if lines else ""


def squeezed(text: str) -> str:
    """Text without white space: tabs are elements, not characters, in the read-back text."""
    return "".join(text.split())


def test_every_public_test_document_is_refused_clearly_or_built(
    public_documents: list[Path], buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    assert len(public_documents) >= 30
    accepted: list[Path] = []
    for i, path in enumerate(public_documents):
        body = write(tmp_path / f"sak{i}.md", f"## Bakgrunn\n\nVedlegget {path.name} fra python-docx.\n")
        result = ho21(
            "add-case",
            M,
            "--title",
            f"Offentlig testdokument {i}",
            "--body",
            body,
            "--vedlegg",
            path,
            "--root",
            buildable,
        )
        assert "Traceback" not in result.err, result.err
        if docx_refusal(path.read_bytes()) is None:
            assert result.code == 0, f"{path.name}: {result.err}"
            accepted.append(path)
        else:  # refused at once, with the file named and what to do
            assert result.code == 3 and result.err.startswith(f"Error: {path}: "), result.err
    assert len(accepted) >= 30
    check = ho21("check", M, "--as-of", "2025-12-20", "--root", buildable)
    assert check.code == 0, check.out + check.err
    built = ho21("build-innkalling", M, "--root", buildable)
    assert built.code == 0, built.err
    text = squeezed(all_text(open_docx(buildable / M / "build" / f"innkalling-{M}.docx")))
    missing = [p.name for p in accepted if first_words(p) and squeezed(first_words(p)) not in text]
    assert missing == []
