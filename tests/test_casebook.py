"""Adding, moving and removing cases; numbers always follow the order."""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ho21cli.core.casebook import Position, add_case, default_insert_index, move_case, remove_case
from ho21cli.core.model import Case, CaseKind, Meeting, Profile, StandardCase, Vedlegg
from ho21cli.errors import InputError
from ho21cli.storage.manifest import parse_meeting, render_manifest
from ho21cli.storage.tomlfile import Table

PROFILE = Profile(
    name="HelseOmsorg21-rådet",
    short_name="HO21",
    til="HelseOmsorg21-rådet",
    fra="Ole Johan Borge",
    opening_cases=(
        StandardCase("innkalling", "Godkjenning av innkalling og saksliste"),
        StandardCase("habilitet", "Spørsmål om habilitet"),
    ),
    closing_cases=(
        StandardCase("eventuelt", "Eventuelt"),
        StandardCase("evaluering", "Evaluering av møtet"),
    ),
)


def new_meeting(topical: list[str] | None = None, first_case: int = 13) -> Meeting:
    """Meeting 2/2026: innkalling, habilitet, the topical cases, eventuelt, evaluering."""
    cases = [
        Case("innkalling", "Godkjenning av innkalling og saksliste", standard="innkalling"),
        Case("habilitet", "Spørsmål om habilitet", standard="habilitet"),
    ]
    cases += [Case(cid, f"Sak om {cid}") for cid in (topical or [])]
    cases += [
        Case("eventuelt", "Eventuelt", standard="eventuelt"),
        Case("evaluering", "Evaluering av møtet", standard="evaluering"),
    ]
    # fixed_first: as if the archive started with this meeting, so the manifest keeps where it starts
    return Meeting(
        year=2026, number=2, date=date(2026, 3, 14), first_case=first_case, fixed_first=first_case, cases=cases
    )


def numbers(meeting: Meeting) -> list[tuple[int, str]]:
    return [(n, c.id) for n, c in meeting.numbered()]


def ids(meeting: Meeting) -> list[str]:
    return [c.id for c in meeting.cases]


# -- add_case -------------------------------------------------------------------


def test_default_position_is_before_the_closing_cases() -> None:
    meeting = new_meeting(["a"])
    assert default_insert_index(meeting, PROFILE) == 3
    index = add_case(meeting, PROFILE, Case("b", "B"))
    assert index == 3
    assert numbers(meeting) == [
        (13, "innkalling"),
        (14, "habilitet"),
        (15, "a"),
        (16, "b"),
        (17, "eventuelt"),
        (18, "evaluering"),
    ]
    assert meeting.last_case == 18


def test_default_position_without_closing_cases_is_the_end() -> None:
    meeting = new_meeting(["a"])
    meeting.cases = meeting.cases[:3]
    assert add_case(meeting, PROFILE, Case("b", "B")) == 3
    assert ids(meeting) == ["innkalling", "habilitet", "a", "b"]


def test_default_position_in_an_empty_meeting() -> None:
    meeting = Meeting(year=2026, number=1, date=date(2026, 1, 14), first_case=1)
    assert add_case(meeting, PROFILE, Case("a", "A")) == 0
    assert numbers(meeting) == [(1, "a")]


def test_only_trailing_closing_cases_count() -> None:
    # Eventuelt moved into the middle by hand: only the trailing Evaluering is skipped.
    meeting = new_meeting(["a"])
    meeting.cases.insert(2, meeting.cases.pop(3))
    assert ids(meeting) == ["innkalling", "habilitet", "eventuelt", "a", "evaluering"]
    assert add_case(meeting, PROFILE, Case("b", "B")) == 4
    assert ids(meeting) == ["innkalling", "habilitet", "eventuelt", "a", "b", "evaluering"]


def test_add_before() -> None:
    meeting = new_meeting(["a", "b"])
    index = add_case(meeting, PROFILE, Case("x", "X"), Position(before=2))
    assert index == 2
    assert numbers(meeting)[1:5] == [(14, "habilitet"), (15, "x"), (16, "a"), (17, "b")]
    assert meeting.last_case == 19


def test_add_after() -> None:
    meeting = new_meeting(["a", "b"])
    index = add_case(meeting, PROFILE, Case("x", "X"), Position(after=2))
    assert index == 3
    assert numbers(meeting) == [
        (13, "innkalling"),
        (14, "habilitet"),
        (15, "a"),
        (16, "x"),
        (17, "b"),
        (18, "eventuelt"),
        (19, "evaluering"),
    ]


def test_add_after_the_last_case() -> None:
    meeting = new_meeting(["a"])
    index = add_case(meeting, PROFILE, Case("x", "X"), Position(after=4))
    assert index == 5
    assert numbers(meeting)[-1] == (18, "x")


def test_add_before_the_first_case() -> None:
    meeting = new_meeting(["a"])
    add_case(meeting, PROFILE, Case("x", "X"), Position(before=0))
    assert numbers(meeting)[:2] == [(13, "x"), (14, "innkalling")]


def test_add_refuses_a_duplicate_id() -> None:
    meeting = new_meeting(["a"])
    with pytest.raises(InputError) as info:
        add_case(meeting, PROFILE, Case("a", "En annen A"))
    assert info.value.what == "meeting 2026-2 already has a case with id «a»"
    assert len(meeting.cases) == 5


def test_position_refuses_before_and_after() -> None:
    with pytest.raises(InputError) as info:
        Position(before=1, after=2)
    assert info.value.what == "a case goes either before or after another, not both"


# -- move_case ------------------------------------------------------------------


def test_move_down_before() -> None:
    meeting = new_meeting(["a", "b", "c", "d"])  # a=15 b=16 c=17 d=18
    new_index = move_case(meeting, 2, Position(before=5))  # a before d
    assert new_index == 4
    assert numbers(meeting)[2:6] == [(15, "b"), (16, "c"), (17, "a"), (18, "d")]


def test_move_down_after() -> None:
    meeting = new_meeting(["a", "b", "c", "d"])
    new_index = move_case(meeting, 2, Position(after=5))  # a after d
    assert new_index == 5
    assert numbers(meeting)[2:7] == [(15, "b"), (16, "c"), (17, "d"), (18, "a"), (19, "eventuelt")]


def test_move_up_before() -> None:
    meeting = new_meeting(["a", "b", "c", "d"])
    new_index = move_case(meeting, 5, Position(before=2))  # d before a
    assert new_index == 2
    assert numbers(meeting)[2:6] == [(15, "d"), (16, "a"), (17, "b"), (18, "c")]


def test_move_up_after() -> None:
    meeting = new_meeting(["a", "b", "c", "d"])
    new_index = move_case(meeting, 5, Position(after=2))  # d after a
    assert new_index == 3
    assert numbers(meeting)[2:6] == [(15, "a"), (16, "d"), (17, "b"), (18, "c")]


def test_move_to_the_neighbouring_place_is_a_no_op() -> None:
    meeting = new_meeting(["a", "b"])
    before = ids(meeting)
    assert move_case(meeting, 3, Position(after=2)) == 3
    assert move_case(meeting, 2, Position(before=3)) == 2
    assert ids(meeting) == before


def test_move_to_the_very_start_and_end() -> None:
    meeting = new_meeting(["a"])
    move_case(meeting, 2, Position(before=0))
    assert numbers(meeting)[0] == (13, "a")
    move_case(meeting, 0, Position(after=4))
    assert numbers(meeting)[-1] == (17, "a")
    assert numbers(meeting)[0] == (13, "innkalling")


def test_move_needs_a_position() -> None:
    meeting = new_meeting(["a"])
    with pytest.raises(InputError) as info:
        move_case(meeting, 2, Position())
    assert info.value.what == "say where the case goes: before or after another case"


def test_move_relative_to_itself_is_refused() -> None:
    meeting = new_meeting(["a"])
    before = ids(meeting)
    with pytest.raises(InputError) as info:
        move_case(meeting, 2, Position(after=2))
    assert info.value.what == "a case cannot be moved relative to itself"
    assert ids(meeting) == before


# -- remove_case ----------------------------------------------------------------


def test_remove_renumbers_later_cases() -> None:
    meeting = new_meeting(["a", "b", "c"])
    removed = remove_case(meeting, 3)
    assert removed.id == "b"
    assert numbers(meeting) == [
        (13, "innkalling"),
        (14, "habilitet"),
        (15, "a"),
        (16, "c"),
        (17, "eventuelt"),
        (18, "evaluering"),
    ]
    assert meeting.last_case == 18


def test_remove_the_first_case() -> None:
    meeting = new_meeting([], first_case=1)
    remove_case(meeting, 0)
    assert numbers(meeting) == [(1, "habilitet"), (2, "eventuelt"), (3, "evaluering")]


# -- properties ------------------------------------------------------------------


def round_trip(meeting: Meeting) -> Meeting:
    text = render_manifest(meeting)
    return parse_meeting(Table(tomllib.loads(text), "2026-2/meeting.toml"))


TITLE = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(unicodedata.normalize("NFC", s).split()))  # as typed titles are stored
    .filter(bool)
)

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 1000), st.sampled_from(["default", "before", "after"]), TITLE),
        st.tuples(st.just("move"), st.integers(0, 1000), st.integers(0, 1000), st.booleans()),
        st.tuples(st.just("remove"), st.integers(0, 1000)),
        st.tuples(st.just("edit"), st.integers(0, 1000), st.sampled_from(list(CaseKind)), TITLE),
    ),
    max_size=25,
)


def apply(meeting: Meeting, op: tuple[Any, ...], counter: list[int], expected: Counter[str]) -> None:
    kind = op[0]
    size = len(meeting.cases)
    if kind == "add":
        _, at, how, title = op
        counter[0] += 1
        case = Case(f"ny-{counter[0]}", title, saksbehandlere=["Henrietta Blankson"])
        if how == "default" or size == 0:
            where = Position()
        elif how == "before":
            where = Position(before=at % size)
        else:
            where = Position(after=at % size)
        index = add_case(meeting, PROFILE, case, where)
        assert meeting.cases[index] is case
        expected[case.id] += 1
    elif kind == "move" and size >= 2:
        _, src, anchor, before = op
        src, anchor = src % size, anchor % size
        case = meeting.cases[src]
        where = Position(before=anchor) if before else Position(after=anchor)
        if src == anchor:
            with pytest.raises(InputError):
                move_case(meeting, src, where)
            return
        anchor_case = meeting.cases[anchor]
        new_index = move_case(meeting, src, where)
        assert meeting.cases[new_index] is case
        # the case now sits directly before/after its anchor
        anchor_index = meeting.cases.index(anchor_case)
        assert new_index == (anchor_index - 1 if before else anchor_index + 1)
    elif kind == "remove" and size >= 1:
        removed = remove_case(meeting, op[1] % size)
        expected[removed.id] -= 1
        if expected[removed.id] == 0:
            del expected[removed.id]
    elif kind == "edit" and size >= 1:
        _, at, case_kind, title = op
        case = meeting.cases[at % size]
        case.kind, case.title = case_kind, title


@settings(max_examples=150, deadline=None)
@given(first_case=st.integers(1, 60), ops=OPS)
def test_any_edit_sequence_keeps_numbers_contiguous_and_cases_unique(
    first_case: int, ops: list[tuple[Any, ...]]
) -> None:
    meeting = new_meeting(["a", "b"], first_case=first_case)
    meeting.cases[2].vedlegg = [Vedlegg("vedlegg/a.pdf", "Notat")]
    meeting.cases[3].forslag = "Rådet tar saken til orientering.\nSekretariatet følger opp."
    expected = Counter(ids(meeting))
    counter = [0]
    for op in ops:
        apply(meeting, op, counter, expected)
        numbered = meeting.numbered()
        nums = [n for n, _ in numbered]
        assert nums == list(range(first_case, first_case + len(meeting.cases)))
        assert len(set(ids(meeting))) == len(meeting.cases)
        assert Counter(ids(meeting)) == expected
    assert meeting.last_case == first_case + len(meeting.cases) - 1

    again = round_trip(meeting)
    assert again.cases == meeting.cases
    assert (again.year, again.number, again.date, again.first_case) == (2026, 2, date(2026, 3, 14), first_case)
    assert again.numbered() == meeting.numbered()


@settings(max_examples=60, deadline=None)  # tomlkit rewrites are slow; 60 runs of up to 25 steps
@given(ops=OPS)
def test_rewriting_the_previous_manifest_gives_the_same_cases(ops: list[tuple[Any, ...]]) -> None:
    """Each step rewrites the manifest from the one before, as `ho21` does on disk."""
    meeting = new_meeting(["a", "b"])
    text = render_manifest(meeting)
    expected = Counter(ids(meeting))
    counter = [0]
    for op in ops:
        apply(meeting, op, counter, expected)
        text = render_manifest(meeting, text)
        again = parse_meeting(Table(tomllib.loads(text), "2026-2/meeting.toml"))
        assert again.cases == meeting.cases
    assert render_manifest(meeting, text) == text  # nothing changed: nothing rewritten
