"""Case and meeting numbers: formatting, reading references back, the yearly series."""

from __future__ import annotations

from datetime import date

import pytest

from ho21cli.core.model import Case, Meeting
from ho21cli.core.numbering import (
    MeetingId,
    check_format,
    format_meeting,
    format_number,
    next_meeting_number,
    number_of,
    previous_meeting,
    resolve_case_ref,
)
from ho21cli.errors import InputError

FULL = "Sak {n}/{meeting}/{year}"
SHORT = "Sak {n}/{meeting}/{yy}"
FORM_2015 = "Sak {n}/{yy}"
MUNICIPAL = "PS {n}/{yy}"


def meeting_2_2026() -> Meeting:
    """Meeting 2/2026 with cases 13-24 (ids c13 ... c24)."""
    cases = [Case(id=f"c{n}", title=f"Sak nummer {n}") for n in range(13, 25)]
    return Meeting(year=2026, number=2, date=date(2026, 3, 14), first_case=13, cases=cases)


# -- format_number -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "n", "meeting", "year", "expected"),
    [
        (FULL, 13, 2, 2026, "Sak 13/2/2026"),
        (FULL, 40, 4, 2024, "Sak 40/4/2024"),
        (SHORT, 40, 4, 2024, "Sak 40/4/24"),
        (SHORT, 1, 1, 2005, "Sak 1/1/05"),  # two-digit year keeps its leading zero
        (FORM_2015, 18, 3, 2015, "Sak 18/15"),
        (MUNICIPAL, 12, 5, 2024, "PS 12/24"),
        ("sak {n}/{meeting}/{year}", 37, 3, 2025, "sak 37/3/2025"),
    ],
)
def test_format_number_in_the_councils_forms(fmt: str, n: int, meeting: int, year: int, expected: str) -> None:
    assert format_number(fmt, n=n, meeting=meeting, year=year) == expected


def test_format_meeting() -> None:
    assert format_meeting("{meeting}/{year}", number=2, year=2026) == "2/2026"
    assert format_meeting("møte {meeting}/{yy}", number=4, year=2024) == "møte 4/24"


def test_number_of_follows_the_case_position() -> None:
    meeting = meeting_2_2026()
    case = meeting.cases[4]
    assert number_of(meeting, case, FULL) == "Sak 17/2/2026"
    meeting.cases.insert(0, Case(id="ny", title="Ny sak"))
    assert number_of(meeting, case, FULL) == "Sak 18/2/2026"
    assert number_of(meeting, meeting.cases[0], SHORT) == "Sak 13/2/26"


# -- resolve_case_ref ---------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "index"),
    [
        ("13", 0),
        ("17", 4),
        (" 24 ", 11),
        ("17/2/2026", 4),
        ("Sak 17/2/2026", 4),
        ("sak 17/2/2026", 4),
        ("SAK 17/2/2026", 4),
        ("17/2/26", 4),  # the short year form read with the full form's pattern
        ("Sak 17/2/26", 4),
        ("c20", 7),
    ],
)
def test_resolve_case_ref_full_form(ref: str, index: int) -> None:
    meeting = meeting_2_2026()
    assert resolve_case_ref(meeting, ref, FULL) == index
    assert meeting.cases[index].id == f"c{13 + index}"


def test_resolve_case_ref_short_form() -> None:
    meeting = meeting_2_2026()
    assert resolve_case_ref(meeting, "Sak 18/2/26", SHORT) == 5
    assert resolve_case_ref(meeting, "18/2/26", SHORT) == 5


def test_resolve_case_ref_2015_and_municipal_forms() -> None:
    meeting = meeting_2_2026()
    assert resolve_case_ref(meeting, "Sak 18/26", FORM_2015) == 5
    assert resolve_case_ref(meeting, "18/26", FORM_2015) == 5
    assert resolve_case_ref(meeting, "PS 20/26", MUNICIPAL) == 7


def test_resolve_case_ref_follows_renumbering() -> None:
    meeting = meeting_2_2026()
    meeting.cases.pop(0)  # case c13 removed: c14 is now number 13
    assert resolve_case_ref(meeting, "13", FULL) == 0
    assert meeting.cases[resolve_case_ref(meeting, "Sak 13/2/2026", FULL)].id == "c14"
    assert resolve_case_ref(meeting, "c14", FULL) == 0


@pytest.mark.parametrize("ref", ["12", "25", "0", "Sak 25/2/2026"])
def test_number_outside_the_meeting_is_refused(ref: str) -> None:
    meeting = meeting_2_2026()
    with pytest.raises(InputError) as info:
        resolve_case_ref(meeting, ref, FULL)
    n = int(ref.split()[-1].split("/")[0])
    assert info.value.what == f"there is no case {n} in meeting 2/2026"
    assert info.value.fix is not None
    assert "Its cases are 13-24" in info.value.fix
    assert "ho21 list-cases 2026-2" in info.value.fix


def test_unknown_id_is_refused() -> None:
    meeting = meeting_2_2026()
    with pytest.raises(InputError) as info:
        resolve_case_ref(meeting, "helsereformutvalget", FULL)
    assert info.value.what == "no case «helsereformutvalget» in meeting 2/2026"
    assert info.value.fix is not None
    assert info.value.fix.startswith("Its cases are 13-24;")


def test_unknown_ref_in_an_empty_meeting_says_there_are_no_cases() -> None:
    meeting = Meeting(year=2026, number=1, date=date(2026, 1, 14), first_case=1)
    with pytest.raises(InputError) as info:
        resolve_case_ref(meeting, "1", FULL)
    assert info.value.what == "there is no case 1 in meeting 1/2026"
    assert info.value.fix == "The meeting has no cases yet."


@pytest.mark.parametrize(
    ("ref", "fmt"),
    [
        ("Sak 17/1/2026", FULL),  # another meeting of the same year
        ("17/2/2025", FULL),  # same meeting number, another year
        ("Sak 17/2/25", FULL),  # short year of another year
        ("Sak 17/3/26", SHORT),
        ("18/25", FORM_2015),
        ("PS 18/25", MUNICIPAL),
    ],
)
def test_ref_of_another_meeting_is_refused(ref: str, fmt: str) -> None:
    meeting = meeting_2_2026()
    with pytest.raises(InputError) as info:
        resolve_case_ref(meeting, ref, fmt)
    assert info.value.what == f"«{ref}» is a case of another meeting than 2/2026"
    assert info.value.fix == "Name a case of this meeting, or give the other meeting."


def test_ref_in_another_form_is_not_taken_for_a_number() -> None:
    meeting = meeting_2_2026()
    with pytest.raises(InputError) as info:
        resolve_case_ref(meeting, "PS 18/26", FORM_2015)
    assert info.value.what == "no case «PS 18/26» in meeting 2/2026"


def test_superscript_digit_ref_is_an_input_error() -> None:
    meeting = meeting_2_2026()
    with pytest.raises(InputError):
        resolve_case_ref(meeting, "²", FULL)


# -- meeting numbers and the yearly series --------------------------------------


def test_next_meeting_number() -> None:
    existing = [MeetingId(2025, 1), MeetingId(2025, 2), MeetingId(2025, 3), MeetingId(2026, 1)]
    assert next_meeting_number(existing, 2026) == 2
    assert next_meeting_number(existing, 2025) == 4
    assert next_meeting_number(existing, 2027) == 1
    assert next_meeting_number([], 2026) == 1


def test_next_meeting_number_after_a_gap() -> None:
    assert next_meeting_number([MeetingId(2026, 1), MeetingId(2026, 3)], 2026) == 4


def test_previous_meeting_within_the_year() -> None:
    existing = [MeetingId(2025, 3), MeetingId(2026, 1), MeetingId(2026, 2)]
    assert previous_meeting(existing, 2026, 2) == MeetingId(2026, 1)
    assert previous_meeting(existing, 2026, 3) == MeetingId(2026, 2)


def test_previous_meeting_across_a_year_change() -> None:
    existing = [MeetingId(2024, 4), MeetingId(2025, 2), MeetingId(2025, 3), MeetingId(2026, 1)]
    assert previous_meeting(existing, 2026, 1) == MeetingId(2025, 3)
    assert previous_meeting(existing, 2025, 1) == MeetingId(2024, 4)
    assert previous_meeting(existing, 2024, 4) is None


def test_previous_meeting_ignores_order_of_input() -> None:
    existing = [MeetingId(2026, 1), MeetingId(2024, 4), MeetingId(2025, 3), MeetingId(2025, 1)]
    assert previous_meeting(existing, 2026, 2) == MeetingId(2026, 1)
    assert previous_meeting(existing, 2025, 9) == MeetingId(2025, 3)


# -- check_format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", [FULL, SHORT, FORM_2015, MUNICIPAL, "{meeting}/{year}"])
def test_check_format_accepts_known_fields(fmt: str) -> None:
    assert check_format(fmt, where="profil.toml: numbering.saksliste") == fmt


@pytest.mark.parametrize(("fmt", "field"), [("Sak {nr}/{year}", "nr"), ("Sak {n}/{aar}", "aar"), ("Sak {0}", "0")])
def test_check_format_rejects_unknown_fields(fmt: str, field: str) -> None:
    with pytest.raises(InputError) as info:
        check_format(fmt, where="profil.toml: numbering.saksliste")
    assert info.value.what == f"number format «{fmt}» uses unknown field(s) ['{field}']"
    assert info.value.where == "profil.toml: numbering.saksliste"
    assert info.value.fix is not None
    assert "{n}, {meeting}, {year} and {yy}" in info.value.fix


def test_check_format_rejects_stray_brace() -> None:
    with pytest.raises(InputError) as info:
        check_format("Sak {n", where="w")
    assert info.value.what.startswith("number format «Sak {n» is malformed")


def test_check_format_rejects_empty_field() -> None:
    with pytest.raises(InputError) as info:
        check_format("Sak {}", where="w")
    assert "empty {}" in info.value.what


def test_format_with_a_repeated_field_is_refused_or_readable() -> None:
    fmt = "Sak {n} ({n})"
    try:
        check_format(fmt, where="w")
    except InputError:
        return
    meeting = meeting_2_2026()
    assert resolve_case_ref(meeting, "Sak 13 (13)", fmt) == 0
