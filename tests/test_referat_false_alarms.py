"""The referat check refuses no correct referat (issue 24), and still catches the real errors.

Each sample of tests/referat_samples.py is a referat finished as a secretary finishes
it in Word; `ho21 check` must find nothing in it, and `referat-approved` must take it
and store its vedtak as written. One test per class of false alarm the check raised:
brackets that are not the skeleton's marks, other agencies' case numbers, a heading
with a no-break space or a dash before its title.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from ho21cli.actions.gates import run_check
from tests import referat_samples as samples
from tests.conftest import Run

M = "2026-1"
NAME = "referat-2026-1.docx"
TODAY = date(2026, 1, 20)


@pytest.fixture
def drafted(buildable: Path, ho21: Callable[..., Run]) -> Path:
    """Meeting 1/2026 with two topical cases (6 and 7) and its referat skeleton."""
    for args in (
        ("--title", samples.HELSEREFORM, "--forslag", "Det settes ned en arbeidsgruppe."),
        ("--title", samples.HELSEDATA, "--kind", "diskusjon"),
    ):
        result = ho21("add-case", M, *args, "--ettersendes", "--root", buildable)
        assert result.code == 0, result.err
    result = ho21("draft-referat", M, "--root", buildable)
    assert result.code == 0, result.err
    return buildable


def edit(root: Path, change: Callable[[Any], Any]) -> Any:
    path = root / M / NAME
    doc = docx.Document(str(path))
    out = change(doc)
    doc.save(str(path))
    return out


def referat_findings(root: Path) -> list[tuple[str, str, str]]:
    _, problems = run_check(root, M, today=TODAY)
    return [(p.code, p.place, p.what) for p in problems if p.code.startswith("referat-")]


def stored_vedtak(root: Path) -> dict[str, str | None]:
    data = tomllib.loads((root / M / "meeting.toml").read_text(encoding="utf-8"))
    return {case["title"]: case.get("vedtak") for case in data["cases"]}


# -- one test per false alarm ----------------------------------------------------------------


def test_brackets_that_are_not_the_skeletons_marks_are_text(drafted: Path) -> None:
    edit(drafted, lambda doc: samples.finished(doc, samples.footnote_marks))
    edit(drafted, samples.editorial_notes)
    assert referat_findings(drafted) == []


def test_other_agencies_case_numbers_in_running_text_are_left_alone(drafted: Path) -> None:
    edit(drafted, lambda doc: samples.finished(doc, samples.other_agencies_numbers))
    assert referat_findings(drafted) == []


def test_any_whitespace_or_dash_between_a_headings_number_and_title(drafted: Path) -> None:
    edit(drafted, lambda doc: samples.finished(doc, samples.dash_headings))
    edit(drafted, samples.no_break_and_tab_headings)
    assert referat_findings(drafted) == []


# -- finished referats pass, and are approved ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_a_finished_referat_passes_the_check_and_is_approved(
    name: str, drafted: Path, ho21: Callable[..., Run]
) -> None:
    expected = edit(drafted, lambda doc: samples.finished(doc, samples.SAMPLES[name]))
    assert referat_findings(drafted) == []
    result = ho21("check", M, "--as-of", "2026-01-20", "--root", drafted)
    assert result.code == 0, result.out + result.err
    result = ho21("referat-approved", M, "--date", "2026-01-20", "--root", drafted)
    assert result.code == 0, result.out + result.err
    stored = stored_vedtak(drafted)
    assert all(stored[title] for title in stored)  # every case's vedtak read
    for title, vedtak in expected.items():
        assert stored[title] == vedtak


# -- the real errors are still caught ----------------------------------------------------------


def test_a_real_placeholder_a_pasted_case_and_a_number_in_another_form_are_still_errors(
    drafted: Path, ho21: Callable[..., Run]
) -> None:
    edit(drafted, lambda doc: samples.finished(doc, samples.everything_at_once))
    assert referat_findings(drafted) == []

    def spoil(doc: Any) -> None:
        minutes = samples.section(doc, 7)[1]
        samples.type_over(minutes, "Se Sak 24/2/26. " + samples.PLACEHOLDER)
        samples.add_after(samples.section(doc, 1)[1], "[Antall] saker ble meldt inn.")
        heading = samples.section(doc, 8)[0]
        pasted = samples.add_after(samples.section(doc, 7)[-1], "Sak 38/3/2024 Tilgang til helsedata", "Heading 1")
        samples.add_after(pasted, "Saken ble diskutert.")
        assert heading.text.startswith("Sak 8/1/2026")

    edit(drafted, spoil)
    found = referat_findings(drafted)
    assert [(code, place) for code, place, _ in found] == [
        ("referat-placeholder", f"{NAME}: Sak 1/1/2026"),
        ("referat-placeholder", f"{NAME}: Sak 7/1/2026"),
        ("referat-number-form", f"{NAME}: Sak 7/1/2026"),
        ("referat-other-meeting", f"{NAME}: Sak 38/3/2024"),
    ]
    assert "«[Antall]»" in found[0][2] and f"«{samples.PLACEHOLDER}»" in found[1][2]
    assert found[2][2] == "«Sak 24/2/26» is not written in the council's form"
    assert found[3][2] == "Sak 38/3/2024 «Tilgang til helsedata» is a case of meeting 3/2024, pasted in?"
    result = ho21("referat-approved", M, "--date", "2026-01-20", "--root", drafted)
    assert result.code == 1
    assert "pasted in?" in result.out + result.err
