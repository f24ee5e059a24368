"""The year's case series, computed: where each meeting starts, and what a sent meeting fixes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ho21cli.core.numbering import MeetingId
from ho21cli.core.series import SeriesEntry, first_cases, series_conflict, spans


def m(number: int) -> MeetingId:
    return MeetingId(2026, number)


def test_planned_meetings_follow_each_other() -> None:
    entries = [SeriesEntry(m(1), 9), SeriesEntry(m(2), 7), SeriesEntry(m(3), 8)]
    assert first_cases(entries) == {m(1): 1, m(2): 10, m(3): 17}


def test_adding_to_meeting_one_moves_the_planned_meetings_at_once() -> None:
    before = [SeriesEntry(m(1), 7), SeriesEntry(m(2), 7)]
    after = [SeriesEntry(m(1), 9), SeriesEntry(m(2), 7)]
    assert first_cases(before)[m(2)] == 8
    assert first_cases(after)[m(2)] == 10  # no "Sak 9/1/2026" beside "Sak 9/2/2026"
    assert series_conflict(after) is None


def test_an_archive_may_start_mid_year() -> None:
    entries = [SeriesEntry(m(3), 12, fixed_first=25), SeriesEntry(m(4), 10)]
    assert first_cases(entries) == {m(3): 25, m(4): 37}
    assert series_conflict(entries) is None


def test_a_sent_meeting_keeps_its_numbers_and_a_change_that_collides_is_named() -> None:
    sent = SeriesEntry(m(2), 7, fixed_first=8)
    assert series_conflict([SeriesEntry(m(1), 7), sent]) is None
    conflict = series_conflict([SeriesEntry(m(1), 8), sent])
    assert conflict is not None and conflict.overlap
    assert (conflict.before.mid, conflict.before.last, conflict.sent.mid, conflict.sent.first) == (m(1), 8, m(2), 8)
    gap = series_conflict([SeriesEntry(m(1), 6), sent])
    assert gap is not None and not gap.overlap


def test_meetings_after_a_sent_meeting_follow_it() -> None:
    entries = [SeriesEntry(m(1), 7, fixed_first=1), SeriesEntry(m(2), 5), SeriesEntry(m(3), 0), SeriesEntry(m(4), 4)]
    assert [(s.first, s.last) for s in spans(entries)] == [(1, 7), (8, 12), (13, 12), (13, 16)]


@settings(max_examples=200, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 15), min_size=1, max_size=6),
    sent=st.lists(st.booleans(), min_size=6, max_size=6),
    changes=st.lists(st.tuples(st.integers(0, 5), st.integers(-3, 3)), max_size=12),
)
def test_changes_that_pass_never_share_a_number_or_leave_a_gap(
    sizes: list[int], sent: list[bool], changes: list[tuple[int, int]]
) -> None:
    """Any sequence of changes, each refused when it conflicts with a sent meeting: the year's
    numbers stay unique and gap-free, and a sent meeting's numbers never change."""
    entries = [SeriesEntry(m(i + 1), n) for i, n in enumerate(sizes)]
    firsts = first_cases(entries)
    entries = [  # send some: their numbers are fixed from now on
        SeriesEntry(e.mid, e.cases, firsts[e.mid] if sent[i] else None) for i, e in enumerate(entries)
    ]
    frozen = {e.mid: (e.fixed_first, e.cases) for e in entries if e.fixed_first is not None}
    for at, delta in changes:
        i = at % len(entries)
        e = entries[i]
        if e.fixed_first is not None:
            continue  # a sent meeting's cases are not renumbered (late cases go last: not modelled)
        changed = [*entries[:i], SeriesEntry(e.mid, max(0, e.cases + delta), None), *entries[i + 1 :]]
        if series_conflict(changed) is None:
            entries = changed
        numbers = [n for s in spans(entries) for n in range(s.first, s.last + 1)]
        assert len(numbers) == len(set(numbers))
        assert numbers == list(range(1, len(numbers) + 1))
        for mid, (first, cases) in frozen.items():
            span = next(s for s in spans(entries) if s.mid == mid)
            assert (span.first, span.last) == (first, first + cases - 1)
