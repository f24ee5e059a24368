"""Every numbering scheme a council uses: what is written is read back as the same case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ho21cli.core.numbering import DocKind, MeetingId, NumberFormats, Numbering, check_formats
from ho21cli.errors import InputError

SCHEMES = {
    # HO21 today: Sak 13/2/2026
    "full": NumberFormats(),
    # saksliste and referat of some years: Sak 40/4/24
    "short": NumberFormats(
        saksliste="Sak {n}/{meeting}/{yy}",
        saksfremlegg="Sak {n}/{meeting}/{yy}",
        referat="Sak {n}/{meeting}/{yy}",
        reference="sak {n}/{meeting}/{yy}",
    ),
    # the council in 2015: Sak 18/15, no meeting number
    "2015": NumberFormats(
        saksliste="Sak {n}/{yy}", saksfremlegg="Sak {n}/{yy}", referat="Sak {n}/{yy}", reference="sak {n}/{yy}"
    ),
    # a municipality: PS 12/24, meetings "møte 2-26"
    "municipal": NumberFormats(
        saksliste="PS {n}/{yy}",
        saksfremlegg="PS {n}/{yy}",
        referat="PS {n}/{yy}",
        reference="PS {n}/{yy}",
        meeting="{meeting}-{yy}",
    ),
    # mixed: full numbers in the documents, short in the referat
    "mixed": NumberFormats(referat="Sak {n}/{meeting}/{yy}", meeting="{meeting}/{yy}"),
}

cases = st.integers(min_value=1, max_value=999)
meetings = st.integers(min_value=1, max_value=12)
years = st.integers(min_value=2000, max_value=2099)


def expected(fmt: str, n: int, meeting: int, year: int) -> tuple[int, int | None, int]:
    return n, (meeting if "{meeting}" in fmt else None), year


@pytest.mark.parametrize("scheme", SCHEMES)
def test_schemes_are_valid(scheme: str) -> None:
    assert check_formats(SCHEMES[scheme], where="numbering") is SCHEMES[scheme]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", list(DocKind))
@given(n=cases, meeting=meetings, year=years)
def test_every_written_number_parses_back_to_the_same_case(
    scheme: str, kind: DocKind, n: int, meeting: int, year: int
) -> None:
    numbering = Numbering(SCHEMES[scheme])
    written = numbering.case(n, meeting, year, kind)
    parsed = numbering.parse_case(written)
    assert parsed is not None, written
    assert (parsed.n, parsed.meeting, parsed.year) == expected(SCHEMES[scheme].of(kind), n, meeting, year)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", list(DocKind))
@given(n=cases, meeting=meetings, year=years, before=st.sampled_from(["Se ", "(", "jf. ", ""]))
def test_a_number_in_running_text_is_found_once(
    scheme: str, kind: DocKind, n: int, meeting: int, year: int, before: str
) -> None:
    numbering = Numbering(SCHEMES[scheme])
    written = numbering.case(n, meeting, year, kind)
    found = numbering.find_references(f"{before}{written}. Neste setning 14/1/2026.")
    assert [(r.n, r.meeting, r.year) for r in found] == [expected(SCHEMES[scheme].of(kind), n, meeting, year)]
    assert found[0].text == written


@pytest.mark.parametrize("scheme", SCHEMES)
@given(meeting=meetings, year=years)
def test_every_meeting_label_parses_back(scheme: str, meeting: int, year: int) -> None:
    numbering = Numbering(SCHEMES[scheme])
    assert numbering.parse_meeting(numbering.meeting_label(meeting, year)) == MeetingId(year, meeting)


@pytest.mark.parametrize(
    ("scheme", "text", "found"),
    [
        ("full", "oppfølging av Sak 37/3/2025 og sak 9/1/2026", [(37, 3, 2025), (9, 1, 2026)]),
        ("full", "SAK 9/1/2026", [(9, 1, 2026)]),
        ("full", "sak 9/1/20267", []),  # not a number of this form
        ("full", "13/2/2026", []),  # no «sak»: a date, not a case
        ("short", "Sak 40/4/24 og Sak 40/4/2024", [(40, 4, 2024)]),  # the long year is not this form
        ("2015", "Sak 18/15 og sak 19/15", [(18, None, 2015), (19, None, 2015)]),
        ("2015", "Sak 13/2/2026", []),  # another form: not read as «Sak 13/2…»
        ("municipal", "PS 12/24, ps 13/24", [(12, None, 2024), (13, None, 2024)]),
    ],
)
def test_references_in_text(scheme: str, text: str, found: list[tuple[int, int | None, int]]) -> None:
    assert [(r.n, r.meeting, r.year) for r in Numbering(SCHEMES[scheme]).find_references(text)] == found


def test_meeting_label_in_the_municipal_form() -> None:
    numbering = Numbering(SCHEMES["municipal"])
    assert numbering.meeting_label(2, 2026) == "2-26"
    assert numbering.case(12, 2, 2024) == "PS 12/24"


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        (NumberFormats(saksliste="Sak {n}"), "lacks {year}"),
        (NumberFormats(reference="{meeting}/{year}"), "lacks {n}"),
        (NumberFormats(meeting="{year}"), "lacks {meeting}"),
        (NumberFormats(saksliste="Sak {n}{yy}"), "nothing between them"),
    ],
)
def test_a_form_that_cannot_be_read_back_is_refused(formats: NumberFormats, message: str) -> None:
    with pytest.raises(InputError) as info:
        check_formats(formats, where="profil.toml: numbering")
    assert message in info.value.what
