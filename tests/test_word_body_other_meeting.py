"""A Word body that carries another meeting's case headings (issue 24): an innkalling or a referat
given as a case's body would print «Sak 1/1/2026 …» inside meeting 2's innkalling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ho21cli.actions.gates import run_check
from tests.conftest import Run, refused, snapshot

M2 = "2026-2"


@pytest.fixture
def two_meetings(example: Path, ho21: Callable[..., Run]) -> Path:
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    assert ho21("new-meeting", "--date", "2026-03-11", "--root", example).code == 0
    return example


@pytest.mark.parametrize(
    ("document", "expected"),
    [("2026-1/build/innkalling-2026-1.docx", 12), ("2026-1/referat-2026-1.docx", 11)],
    ids=["innkalling", "referat"],
)
def test_another_meetings_document_as_a_body_is_an_error_naming_the_meeting(
    two_meetings: Path, ho21: Callable[..., Run], document: str, expected: int
) -> None:
    root = two_meetings
    assert ho21("add-case", M2, "--title", "Innspill", "--body", root / document, "--root", root).code == 0
    _, problems = run_check(root, M2, today=date(2026, 2, 20))
    [found] = [p for p in problems if p.code == "word-other-meeting"]
    assert found.severity.value == "feil" and found.place.startswith("Sak 18/2/2026: saker/innspill")
    assert f"has {expected} case headings of meeting 1/2026" in found.what
    assert "«Sak 2/1/2026 Spørsmål om habilitet»" in found.what
    before = snapshot(root)
    refused(ho21("build-innkalling", M2, "--root", root), 1, "case headings of meeting 1/2026")
    assert snapshot(root) == before


def test_a_saksfremlegg_of_this_meeting_is_not_taken_for_another_meetings(
    two_meetings: Path, ho21: Callable[..., Run]
) -> None:
    """The build's own saksfremlegg of meeting 1, given back as a body of meeting 1: its own number."""
    root = two_meetings
    [own] = (root / "2026-1" / "build" / "saksfremlegg").glob("sak-06-*.docx")
    assert ho21("edit-case", "2026-1", "6", "--body", own, "--root", root).code == 0
    _, problems = run_check(root, "2026-1", today=date(2025, 12, 20))
    assert not [p for p in problems if p.code == "word-other-meeting"]
