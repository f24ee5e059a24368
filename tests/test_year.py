"""The year: meetings planned ahead, a case series that stays right (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ho21cli.actions.cases import list_cases
from tests.conftest import Run, snapshot


def numbers(root: Path, key: str) -> list[str]:
    _, rows = list_cases(root, key)
    return [r.number for r in rows]


def plan_year(root: Path, ho21: Callable[..., Run]) -> None:
    """Meetings 1-3 of 2026 created in January, as the council plans them."""
    for day in ("2026-01-14", "2026-03-11", "2026-06-10"):
        assert ho21("new-meeting", "--date", day, "--root", root).code == 0


def test_planned_meetings_follow_every_change_of_the_meetings_before_them(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert (numbers(root, "2026-2")[0], numbers(root, "2026-3")[0]) == ("Sak 8/2/2026", "Sak 15/3/2026")
    for title in ("Helsereformutvalget", "Tilgang til helsedata"):
        assert ho21("add-case", "2026-1", "--title", title, "--root", root).code == 0
    assert numbers(root, "2026-1")[-1] == "Sak 9/1/2026"
    assert (numbers(root, "2026-2")[0], numbers(root, "2026-3")[0]) == ("Sak 10/2/2026", "Sak 17/3/2026")
    assert ho21("remove-case", "2026-1", "helsereformutvalget", "--root", root).code == 0
    assert (numbers(root, "2026-2")[0], numbers(root, "2026-3")[0]) == ("Sak 9/2/2026", "Sak 16/3/2026")


def test_a_change_that_would_run_into_a_sent_meeting_is_refused(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    manifest = root / "2026-2" / "meeting.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("[meeting]\n", "[meeting]\nsent = 2026-02-27\nfirst_case = 8\n"),
        encoding="utf-8",
    )
    before = snapshot(root)
    result = ho21("add-case", "2026-1", "--title", "For sent", "--root", root)
    assert result.code == 4, result.err
    assert "meeting 2/2026 was sent 27. februar 2026 with cases 8-14" in result.err
    assert "would make meeting 1/2026 end at 8 and run into them" in result.err
    assert snapshot(root) == before
    assert ho21("add-case", "2026-3", "--title", "Etter", "--root", root).code == 0  # after the sent one: fine
    assert numbers(root, "2026-3")[0] == "Sak 15/3/2026"
