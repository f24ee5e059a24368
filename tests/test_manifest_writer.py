"""The manifest writer: plain layout for files nobody edited, tomlkit for those a person touched."""

from __future__ import annotations

import tomllib
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ho21cli.core.model import Attendance, Case, CaseKind, Guest, Meeting, ReferatSent, Vedlegg
from ho21cli.storage.manifest import parse_meeting, plain_manifest, render_manifest
from ho21cli.storage.tomlfile import Table

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


def parse(source: str) -> Meeting:
    return parse_meeting(Table(tomllib.loads(source), "meeting.toml"))


def meeting(cases: list[Case]) -> Meeting:
    return Meeting(2026, 1, date(2026, 1, 14), 1, "10:00", "15:00", "Forskningsrådets lokaler", "", cases)


@settings(max_examples=200, deadline=None)
@example(titles=["0 \x1b"], forslag="")
@given(titles=st.lists(text.filter(lambda t: " ".join(t.split()) == t and t), min_size=1, max_size=5), forslag=text)
def test_plain_writer_round_trips_any_text(titles: list[str], forslag: str) -> None:
    from ho21cli.core.text import clean_text

    cases = [
        Case(
            id=f"c{i}",
            title=t,
            kind=CaseKind.DISKUSJON,
            forslag=forslag or None,
            vedlegg=[Vedlegg("vedlegg/a.docx", t)],
        )
        for i, t in enumerate(titles)
    ]
    m = meeting(cases)
    back = parse(plain_manifest(m))
    # a title is one line: the spaces a control character leaves behind are folded too ("0 \x1b")
    assert [c.title for c in back.cases] == [" ".join(clean_text(t).split()) for t in titles]
    assert [c.vedlegg[0].title for c in back.cases] == [clean_text(t) for t in titles]
    assert all(c.forslag == (clean_text(forslag) if forslag else None) for c in back.cases)


def test_plain_layout_with_every_table() -> None:
    m = meeting([Case(id="a", title='R&D «x» "y" \\ z\x7f', inhabil=["Guri Rørtveit"])])
    m.attendance = Attendance(
        absent=["Mari Trommald"],
        notes={"Per Olav Østbyhaug": "t.o. sak 9/1/2026"},
        guests=[Guest("Gunnar Bovim", "HRU", "sak 6")],
    )
    m.referat_sent = ReferatSent(date(2026, 1, 21), date(2026, 1, 28))
    m.sent = date(2026, 1, 4)
    source = plain_manifest(m)
    assert source.startswith("# Møtemanifest for ho21.")
    assert '"Per Olav Østbyhaug" = "t.o. sak 9/1/2026"' in source
    assert "sent = 2026-01-04" in source
    back = parse(source)
    assert back.cases[0].title == 'R&D «x» "y" \\ z\x7f'
    assert back.attendance == m.attendance and back.referat_sent == m.referat_sent and back.sent == m.sent


def test_an_unedited_file_stays_plain_and_an_edited_one_keeps_its_comments() -> None:
    m = meeting([Case(id="a", title="A"), Case(id="b", title="B")])
    first = render_manifest(m)
    assert first == plain_manifest(m)
    m.cases.reverse()
    assert render_manifest(m, first) == plain_manifest(m)
    edited = first.replace('id = "b"', 'id = "b"\n# HOD ba om denne saken')
    m2 = parse(edited)
    m2.cases.reverse()
    again = render_manifest(m2, edited)
    assert "# HOD ba om denne saken" in again
    assert again.index('id = "b"') < again.index("# HOD ba om denne saken") < again.index('id = "a"')
