"""Norwegian dates and times, ids and "did you mean" suggestions."""

from __future__ import annotations

from datetime import date

import pytest

from ho21cli.core.dates import (
    capitalized,
    clock,
    day_month,
    days_before,
    full_date,
    long_date,
    parse_date,
    parse_time,
    time_span,
    weekday,
)
from ho21cli.core.text import closest, one_line, slugify, unique_id
from ho21cli.errors import InputError

# -- dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 12), "mandag"),
        (date(2026, 1, 13), "tirsdag"),
        (date(2026, 1, 14), "onsdag"),
        (date(2026, 1, 15), "torsdag"),
        (date(2026, 1, 16), "fredag"),
        (date(2026, 3, 14), "lørdag"),
        (date(2026, 3, 15), "søndag"),
    ],
)
def test_weekday_is_computed(day: date, name: str) -> None:
    assert weekday(day) == name


def test_full_date() -> None:
    assert full_date(date(2026, 1, 14)) == "onsdag 14. januar 2026"
    assert full_date(date(2026, 3, 14)) == "lørdag 14. mars 2026"
    assert full_date(date(2025, 12, 1)) == "mandag 1. desember 2025"
    assert full_date(date(2024, 2, 29)) == "torsdag 29. februar 2024"


def test_day_month_and_long_date() -> None:
    assert day_month(date(2025, 10, 17)) == "17. oktober"
    assert long_date(date(2025, 5, 7)) == "7. mai 2025"
    assert capitalized(full_date(date(2026, 1, 14))) == "Onsdag 14. januar 2026"
    assert capitalized("") == ""


def test_days_before_crosses_months_and_years() -> None:
    assert days_before(date(2026, 1, 14), 10) == date(2026, 1, 4)
    assert days_before(date(2026, 1, 5), 10) == date(2025, 12, 26)
    assert days_before(date(2026, 3, 5), 10) == date(2026, 2, 23)


def test_time_span() -> None:
    assert time_span("10:00", "15:00") == "kl. 10.00 – 15.00"
    assert time_span("09:30", None) == "kl. 09.30"
    assert time_span(None, None) == ""
    assert clock("10:00") == "10.00"


def test_parse_date() -> None:
    assert parse_date("2026-01-14", where="w") == date(2026, 1, 14)
    assert parse_date("  2026-03-14\n", where="w") == date(2026, 3, 14)


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-13-01", "14.01.2026", "2026-1-14", "", "i morgen"])
def test_parse_date_errors(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(text, where="2026-2/meeting.toml: meeting.date")
    assert info.value.what == f"«{text}» is not a valid date"
    assert info.value.where == "2026-2/meeting.toml: meeting.date"
    assert info.value.fix is not None and "YYYY-MM-DD" in info.value.fix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.30", "09:30"),
        ("9:30", "09:30"),
        ("09.30", "09:30"),
        ("10:00", "10:00"),
        ("10.00", "10:00"),
        (" 15:00 ", "15:00"),
        ("0:00", "00:00"),
        ("23:59", "23:59"),
    ],
)
def test_parse_time_normalises(text: str, expected: str) -> None:
    assert parse_time(text, where="w") == expected


@pytest.mark.parametrize("text", ["24:00", "10:60", "9:5", "930", "kl. 10", "10", "", "-1:00", "10:00:00"])
def test_parse_time_errors(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_time(text, where="profil.toml: start")
    assert info.value.what == f"«{text}» is not a time of day"
    assert info.value.where == "profil.toml: start"
    assert info.value.fix == "Write the time as HH:MM, e.g. 10:00."


# -- ids -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Spørsmål om habilitet", "sporsmal-om-habilitet"),
        ("Ærlig Åpen Øl", "aerlig-apen-ol"),
        ("Blåbærsyltetøy", "blabaersyltetoy"),
        ("Godkjenning av referat", "godkjenning-av-referat"),
        ("Møte 3/2025", "mote-3-2025"),
        ("Café naïve", "cafe-naive"),
        ("Straße", "strasse"),
        ("  --Helse--  ", "helse"),
        ("!!!", "sak"),
        ("", "sak"),
        ("مرحبا", "sak"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_long_titles_without_a_trailing_dash() -> None:
    slug = slugify("Godkjenning av referat fra møte 3/2025 og mer", max_length=20)
    assert len(slug) <= 20
    assert slug.startswith("godkjenning-av")
    assert not slug.endswith("-")


def test_slugify_never_exceeds_max_length() -> None:
    assert len(slugify("Helse" * 20, max_length=32)) <= 32


def test_unique_id() -> None:
    assert unique_id("eventuelt", set()) == "eventuelt"
    assert unique_id("eventuelt", {"eventuelt"}) == "eventuelt-2"
    assert unique_id("eventuelt", {"eventuelt", "eventuelt-2", "eventuelt-3"}) == "eventuelt-4"
    assert unique_id("eventuelt", {"eventuelt-2"}) == "eventuelt"


def test_one_line() -> None:
    assert one_line("  Godkjenning\n av\tinnkalling  ") == "Godkjenning av innkalling"
    assert one_line("Linje\x0bto") == "Linje to"


# -- closest ---------------------------------------------------------------------


def test_closest_suggests_the_right_spelling() -> None:
    keys = ["id", "title", "kind", "saksbehandlere", "forslag"]
    assert closest("titel", keys) == "title"
    assert closest("saksbehandler", keys) == "saksbehandlere"
    assert closest("FORSLAG", keys) == "forslag"
    assert closest("Title", ["TITLE"]) == "TITLE"  # returns the choice as written


def test_closest_gives_none_when_nothing_is_near() -> None:
    assert closest("xyz", ["id", "title", "kind"]) is None
    assert closest("title", []) is None
