"""The oppfølgingsliste (issue 11): which approved vedtak give a task, and `ho21 follow-up`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ho21cli.core.followup import NextMeeting, Task, followup_list, task_of
from ho21cli.core.model import Case, FollowUp, FollowUpStatus, Meeting, Profile, ReferatApproval
from ho21cli.core.numbering import NumberFormats
from ho21cli.render.inspect import vedlegg_refusal
from ho21cli.storage.manifest import load_meeting, save_meeting
from tests.conftest import Run, refused, snapshot
from tests.docx_read import headings, open_docx, paragraphs, table_rows

HELD = date(2026, 1, 14)
NEXT = NextMeeting("2/2026", date(2026, 3, 11))


def task(vedtak: str, held: date = HELD) -> Task | None:
    return task_of(vedtak, held=held, next_meeting=NEXT)


# --- which vedtak give a task -----------------------------------------------------------


@pytest.mark.parametrize(
    ("vedtak", "who"),
    [
        (
            "Det settes ned en arbeidsgruppe bestående av Guri Rørtveit, Arild Kristensen og Esperanza Diaz.",
            ("Arbeidsgruppen (Guri Rørtveit, Arild Kristensen og Esperanza Diaz)",),
        ),
        ("Det settes ned en arbeidsgruppe bestående av [].", ("Arbeidsgruppen",)),
        (
            "Det settes ned en arbeidsgruppe med representanter fra rådets ulike sektorer. Arbeidsgruppen skal "
            "også utarbeide en tidsplan for arbeidet frem mot endelig innspill.",
            ("Arbeidsgruppen",),
        ),
        (
            "Tarje Bjørgum, Per Morten Sandset og Arild Kristensen deltar i en arbeidsgruppe som skal komme "
            "tilbake til rådet med forslag til konkrete handlingspunkter.",
            ("Arbeidsgruppen (Tarje Bjørgum, Per Morten Sandset og Arild Kristensen)",),
        ),
        ("Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet.", ("Sekretariatet",)),
        ("Rådet ber sekretariatet planlegge seminaret i tråd med innspillene fra rådet.", ("Sekretariatet",)),
        ("Rådet ber Helsedirektoratet om å utrede tilgangen til helsedata.", ("Helsedirektoratet",)),
        ("Sekretariatet bes om å lage et forslag.", ("Sekretariatet",)),
        ("Sekretariatet utarbeider et notat til neste møte.", ("Sekretariatet",)),
        ("Rådsmedlemmer gir innspill til sekretariatet om momenter i høringene.", ("Rådsmedlemmer",)),
        ("Rådet vil invitere leder av Helsereformutvalget til neste rådsmøte.", ("Rådet",)),
        ("Teknologirådet er ansvarlig for prosessen.", ("Teknologirådet",)),
        (
            "Tas til orientering. Rådet ber sekretariatet om å sende innspillet til HOD.",  # asked: a task after all
            ("Sekretariatet",),
        ),
        ("Notatet sendes ut innen 1. mars 2026.", ()),  # a deadline, nobody named
    ],
)
def test_a_vedtak_that_gives_someone_a_task_names_who(vedtak: str, who: tuple[str, ...]) -> None:
    found = task(vedtak)
    assert found is not None, vedtak
    assert found.who == who


def test_a_vedtak_of_several_sentences_gathers_everyone_once() -> None:
    found = task(
        "Rådet slutter seg til sekretariatets forslag om å gi høringssvar til NOU 2025:8. Marte Kvittum Tangen, "
        "Esperanza Diaz og Lilly Ann Elvestad deltar i arbeidsgruppe for oppfølgingen. Rådet ber sekretariatet "
        "også forespørre relevante medlemmer om å delta i arbeidsgruppen.\nSekretariatet sender svaret innen 1. mars."
    )
    assert found is not None
    assert found.who == (
        "Arbeidsgruppen (Marte Kvittum Tangen, Esperanza Diaz og Lilly Ann Elvestad)",
        "Sekretariatet",
    )
    assert found.due is not None and found.due.day == date(2026, 3, 1)


@pytest.mark.parametrize(
    "vedtak",
    [
        "Tas til orientering.",
        "Tas til orientering",
        "Rådet tar rapporten og dets resultater til orientering.",
        "Innkalling og saksliste godkjennes.",
        "Referatet godkjennes.",
        "Intet.",
        "Det er ikke knyttet inhabilitet til noen av sakene på rådsmøtet.",
        "Guri Rørtveit er inhabil for sak 19/2/2026 og forlater møtet under diskusjonen av saken.",
        "Ingen av medlemmene er inhabile.",
        "Oversikten oppdateres med de innspill som kommer i møtet.",
        "Utformes på møtet.",
        "Rådet vedtar forslag til arbeidsform for Rådet med de endringene som ble gitt i møtet.",
        "Rådet slutter seg til sekretariatets forslag.",
        "",
    ],
)
def test_a_vedtak_that_asks_nothing_of_anyone_is_no_task(vedtak: str) -> None:
    assert task(vedtak) is None


@pytest.mark.parametrize(
    ("vedtak", "held", "day", "text"),
    [
        ("Sekretariatet sender innspillet innen 1. mars 2026.", HELD, date(2026, 3, 1), "1. mars 2026"),
        ("Rådet ber HOD om et svar, frist 15. juni.", HELD, date(2026, 6, 15), "15. juni 2026"),
        ("Rådet ber HOD om et svar, frist 15. juni.", date(2026, 11, 4), date(2027, 6, 15), "15. juni 2027"),
        ("Sekretariatet sender notatet innen fredag 6. mars.", HELD, date(2026, 3, 6), "6. mars 2026"),
        ("Rådet ber sekretariatet om et notat. Fristen er 15.06.2026.", HELD, date(2026, 6, 15), "15. juni 2026"),
        (
            "Sekretariatet utarbeider et notat til neste møte.",
            HELD,
            date(2026, 3, 11),
            "neste møte (2/2026, 11. mars 2026)",
        ),
        ("Sekretariatet følger opp saken innen 31. februar.", HELD, None, None),  # no such day: no deadline
        ("Sekretariatet følger opp saken.", HELD, None, None),
    ],
)
def test_the_deadline_is_read_from_the_vedtak(vedtak: str, held: date, day: date | None, text: str | None) -> None:
    found = task(vedtak, held)
    assert found is not None
    if day is None:
        assert found.due is None
    else:
        assert found.due is not None
        assert (found.due.day, found.due.text) == (day, text)


def test_the_next_meeting_is_named_without_a_date_when_there_is_none() -> None:
    found = task_of("Sekretariatet utarbeider et notat til neste møte.", held=HELD)
    assert found is not None and found.due is not None
    assert (found.due.day, found.due.text) == (None, "neste møte")


# --- the list, from meetings ------------------------------------------------------------


def profile(**numbering: str) -> Profile:
    return Profile(name="Rådet", short_name="R", til="Rådet", fra="Leder", numbering=NumberFormats(**numbering))


def meeting(number: int, day: date, first: int, vedtak: list[str | None], *, approved: bool) -> Meeting:
    cases = [Case(id=f"sak-{first + i}", title=f"Sak nummer {first + i}", vedtak=v) for i, v in enumerate(vedtak)]
    return Meeting(
        year=2026,
        number=number,
        date=day,
        first_case=first,
        cases=cases,
        referat_approved=ReferatApproval(date(2026, 3, 11), "2026-2") if approved else None,
    )


def test_the_list_holds_only_approved_vedtak_with_a_task_in_number_order() -> None:
    first = meeting(
        1, HELD, 1, ["Referatet godkjennes.", "Sekretariatet lager et notat til neste møte.", None], approved=True
    )
    first.cases[2].vedtak = "Rådet ber sekretariatet om å følge opp."
    first.cases[2].followup = FollowUp(FollowUpStatus.DONE, "Gjort", date(2026, 2, 1))
    postponed = Case(id="utsatt", title="Utsatt sak", vedtak="Rådet ber HOD om å svare.", postponed=True)
    first.cases.insert(1, postponed)  # number 2: postponed, no vedtak of its own
    second = meeting(2, date(2026, 3, 11), 5, ["Rådet ber KS om innspill."], approved=False)
    third = meeting(3, date(2026, 6, 10), 6, [], approved=False)
    listed = followup_list(
        2026, [third, second, first], profile=profile(saksliste="Sak {n}/{yy}"), as_of=date(2026, 4, 1)
    )
    assert [(i.number, i.title, i.meeting_label, i.status) for i in listed.items] == [
        ("Sak 3/26", "Sak nummer 2", "1/2026", FollowUpStatus.OPEN),
        ("Sak 4/26", "Sak nummer 3", "1/2026", FollowUpStatus.DONE),
    ]
    due = listed.items[0].task.due
    assert due is not None and due.text == "neste møte (2/2026, 11. mars 2026)"
    assert (listed.covered, listed.not_approved, listed.not_held) == (("1/2026",), ("2/2026",), ("3/2026",))


# --- the command --------------------------------------------------------------------------

EXAMPLE_VEDTAK = {
    "innkalling": "Innkalling og saksliste godkjennes.",
    "habilitet": "Det er ikke knyttet inhabilitet til sakene på rådsmøtet.",
    "referat": "Referatet godkjennes.",
    "orienteringer": "Tas til orientering.",
    "meldinger": "Oversikten oppdateres med de innspill som kommer i møtet.",
    "helsereformutvalget": "Det settes ned en arbeidsgruppe bestående av Guri Rørtveit, Arild Kristensen og Esperanza Diaz.",
    "tilgang-til-helsedata": "Rådet ber sekretariatet om å følge opp.",  # marked postponed below: no vedtak
    "innovasjon-i-helsetjenesten": "Sekretariatet utarbeider et notat til neste møte.",
    "kommunenes-samarbeidsarena-for": "Rådet ber Helsedirektoratet om å utrede saken innen 1. mars 2026.",
    "eus-nye-konkurranseevnefond-og": "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet.",
    "eventuelt": "Intet.",
    "evaluering": "Intet.",
}
COMMENT = "# Oppfølging: spør Guri om arbeidsgruppens første møte."


def approve(root: Path, key: str, vedtak: dict[str, str], *, postponed: tuple[str, ...] = ()) -> None:
    """What `referat-approved` records: each case's vedtak and the day the referat was approved."""
    path = root / key / "meeting.toml"
    m = load_meeting(path)
    for case in m.cases:
        case.vedtak = vedtak.get(case.id)
        if case.id in postponed:
            case.postponed = True
    m.referat_approved = ReferatApproval(date(2026, 3, 11), "2026-2")
    save_meeting(path, m)


@pytest.fixture
def approved(example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example with meeting 1/2026's referat approved, and a meeting 2/2026 not yet approved."""
    monkeypatch.setenv("COLUMNS", "300")  # the table's cells on one line each
    approve(example, "2026-1", EXAMPLE_VEDTAK, postponed=("tilgang-til-helsedata",))
    manifest = example / "2026-1" / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    marker = 'id = "helsereformutvalget"\n'
    assert marker in text
    manifest.write_text(text.replace(marker, marker + COMMENT + "\n"), encoding="utf-8")
    assert ho21("new-meeting", "--date", "2026-03-11", "--root", example).code == 0
    added = ho21("add-case", "2026-2", "--title", "Ny sak", "--forslag", "Rådet ber KS om innspill.", "--root", example)
    assert added.code == 0, added.err
    approve(example, "2026-2", {"ny-sak": "Rådet ber KS om innspill."})
    path = example / "2026-2" / "meeting.toml"
    m = load_meeting(path)
    m.referat_approved = None  # its vedtak are written, but the referat is not approved yet
    save_meeting(path, m)
    return example


def rows_of(out: str) -> list[str]:
    """The table's rows, each its lines joined (a cell with a case number and title has two)."""
    rows: list[list[str]] = []
    for line in out.splitlines():
        if re.match(r"\s*Sak \d", line):
            rows.append([line])
        elif rows and line.strip() and not line.startswith(("From ", "Not ")):
            rows[-1].append(line)
    return ["\n".join(row) for row in rows]


def test_the_list_shows_approved_vedtak_with_a_task_and_who_and_when(approved: Path, ho21: Callable[..., Run]) -> None:
    result = ho21("follow-up", "--root", approved)
    assert result.code == 0, result.err
    assert "Oppfølgingsliste 2026" in result.out
    rows = rows_of(result.out)
    assert [row.split()[1] for row in rows] == ["6/1/2026", "8/1/2026", "9/1/2026", "10/1/2026"]
    six, eight, nine, ten = rows
    assert "Helsereformutvalget" in six
    assert "Arbeidsgruppen (Guri Rørtveit, Arild Kristensen og Esperanza Diaz)" in six
    assert "open" in six
    assert "Sekretariatet" in eight and "next meeting (2/2026, 11 March 2026)" in eight
    assert "Helsedirektoratet" in nine and "1 March 2026" in nine
    assert "Sekretariatet" in ten
    assert "Ny sak" not in result.out  # meeting 2/2026: referat not approved
    lines = result.out.splitlines()
    assert "From the approved referat of meeting 1/2026." in lines
    assert any(line.startswith("Not on the list: meeting 2/2026 (") for line in lines), result.out


def test_the_list_of_a_year_without_approved_referat_says_so(approved: Path, ho21: Callable[..., Run]) -> None:
    result = ho21("follow-up", "2025", "--root", approved)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "No approved vedtak of 2025 gives anyone a task.",
        "Not on the list: meeting 3/2025 (referat not approved yet).",
    ]


def test_marking_a_task_writes_its_status_and_keeps_the_manifest_comments(
    approved: Path, ho21: Callable[..., Run]
) -> None:
    manifest = approved / "2026-1" / "meeting.toml"

    def followup_of(case_id: str) -> FollowUp | None:
        return next(c.followup for c in load_meeting(manifest).cases if c.id == case_id)

    result = ho21("follow-up", "done", "6/1/2026", "--note", "Gruppen har hatt første møte", "--root", approved)
    assert result.code == 0, result.err
    assert "Sak 6/1/2026 «Helsereformutvalget»" in result.out and "done" in result.out
    done = followup_of("helsereformutvalget")
    assert done is not None
    assert (done.status, done.note, done.day) == (FollowUpStatus.DONE, "Gruppen har hatt første møte", date.today())
    text = manifest.read_text(encoding="utf-8")
    assert COMMENT in text
    assert text.startswith("# Møtemanifest for ho21.")
    assert 'oppfolging = {status = "done", note = "Gruppen har hatt første møte"' in text

    assert ho21("follow-up", "postponed", "Sak 8/1/2026", "--root", approved).code == 0
    assert ho21("follow-up", "2026", "done", "9", "--root", approved).code == 0
    postponed, marked = followup_of("innovasjon-i-helsetjenesten"), followup_of("kommunenes-samarbeidsarena-for")
    assert postponed is not None and (postponed.status, postponed.note) == (FollowUpStatus.POSTPONED, "")
    assert marked is not None and marked.status is FollowUpStatus.DONE

    result = ho21("follow-up", "--root", approved)
    six, eight, nine, ten = rows_of(result.out)
    assert f"done {date.today().day} " in six and "Gruppen har hatt første møte" in six
    assert "postponed" in eight and "done" in nine and "open" in ten

    assert ho21("follow-up", "open", "6/1/2026", "--root", approved).code == 0
    reopened = followup_of("helsereformutvalget")
    # Without --note the note written earlier is kept (nothing a person wrote is lost).
    assert reopened is not None and (reopened.status, reopened.note) == (
        FollowUpStatus.OPEN,
        "Gruppen har hatt første møte",
    )
    assert COMMENT in manifest.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("ref", "needles"),
    [
        ("99/1/2026", ("there is no case 99 in 2026", "1/2026: 1-12; 2/2026: 13-20")),
        ("40", ("there is no case 40 in 2026",)),
        ("6/2/2026", ("case 6 of 2026 is in meeting 1/2026", "Sak 6/1/2026")),
        ("18/2/2026", ("Sak 18/2/2026 «Ny sak»", "referat of meeting 2/2026 is not approved")),
        ("1/1/2026", ("Sak 1/1/2026", "gives no one a task", "«Innkalling og saksliste godkjennes.»")),
        ("5/1/2026", ("gives no one a task", "Oversikten oppdateres")),
        ("7/1/2026", ("Sak 7/1/2026 «Tilgang til helsedata» was postponed",)),
        ("sak fem", ("«sak fem» is not a case number",)),
    ],
)
def test_marking_a_case_without_a_task_on_the_list_is_refused_and_changes_nothing(
    approved: Path, ho21: Callable[..., Run], ref: str, needles: tuple[str, ...]
) -> None:
    before = snapshot(approved)
    refused(ho21("follow-up", "done", ref, "--root", approved), 3, *needles)
    assert snapshot(approved) == before


@pytest.mark.parametrize(
    ("words", "needle"),
    [
        (["bogus"], "«bogus» is neither a year nor one of done, postponed, open"),
        (["done"], "give one case after done"),
        (["done", "6", "7"], "give one case after done"),
        (["--note", "x"], "--note goes with done, postponed or open"),
        (["--force"], "--force goes with --docx FILE"),
        (["done", "6", "--docx", "x.docx"], "--docx and --force go with the list"),
    ],
)
def test_usage_mistakes_exit_2_and_change_nothing(
    approved: Path, ho21: Callable[..., Run], words: list[str], needle: str
) -> None:
    before = snapshot(approved)
    result = ho21("follow-up", *words, "--root", approved)
    assert result.code == 2, result.err
    assert needle in result.err
    assert snapshot(approved) == before


def test_the_list_as_word_is_a_vedlegg_for_the_next_innkalling(
    approved: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    assert ho21("follow-up", "done", "6/1/2026", "--note", "Satt ned", "--root", approved).code == 0
    out = tmp_path / "oppfolging-2026.docx"
    result = ho21("follow-up", "2026", "--docx", out, "--root", approved)
    assert result.code == 0, result.err
    assert str(out) in result.out

    doc = open_docx(out)
    assert headings(doc) == ["Oppfølgingsliste 2026"]
    assert headings(doc, 1) == ["Oppfølgingsliste 2026"]
    texts = [p.text for p in paragraphs(doc)]
    assert any("møte 1/2026" in t and "Laget" in t for t in texts), texts
    assert any("Referatet fra møte 2/2026 er ikke godkjent" in t for t in texts), texts
    assert doc.core_properties.title == "Oppfølgingsliste 2026"
    [table] = doc.tables
    assert table.style is not None and table.style.name == "Table Grid"
    grid = [col.width for col in table.columns]  # LibreOffice lays a table out by its grid
    assert grid[1] == max(grid) and len(set(grid)) > 1  # the vedtak gets the room
    rows = table_rows(table)
    assert rows[0] == ["Sak", "Vedtak", "Ansvarlig", "Frist", "Status"]
    assert [r[0].split("\n")[0] for r in rows[1:]] == ["Sak 6/1/2026", "Sak 8/1/2026", "Sak 9/1/2026", "Sak 10/1/2026"]
    six = rows[1]
    assert six[0].split("\n")[1:] == ["Helsereformutvalget", "møte 1/2026"]
    assert six[1] == EXAMPLE_VEDTAK["helsereformutvalget"]
    assert six[2] == "Arbeidsgruppen (Guri Rørtveit, Arild Kristensen og Esperanza Diaz)"
    assert six[4].startswith("utført ") and six[4].endswith(": Satt ned")
    assert rows[2][3] == "neste møte (2/2026, 11. mars 2026)"
    assert rows[3][3] == "1. mars 2026"
    assert [r[4] for r in rows[2:]] == ["åpen", "åpen", "åpen"]
    header_xml = table.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml
    body_xml = doc.element.body.xml
    assert body_xml.count("w:tblHeader") == 1  # only the header row repeats

    data = out.read_bytes()
    assert vedlegg_refusal(out.name, data) is None
    added = ho21("add-case", "2026-2", "--title", "Oppfølgingsliste", "--vedlegg", out, "--root", approved)
    assert added.code == 0, added.err
    vedlegg = next(c for c in load_meeting(approved / "2026-2" / "meeting.toml").cases if c.id == "oppfolgingsliste")
    assert [v.title for v in vedlegg.vedlegg] == ["Oppfølgingsliste 2026"]
    assert (approved / "2026-2" / vedlegg.vedlegg[0].file).read_bytes() == data


def test_an_existing_word_file_is_replaced_only_with_force(
    approved: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "oppfolging.docx"
    out.write_bytes(b"someone's own document")
    before = snapshot(approved)
    refused(ho21("follow-up", "--docx", out, "--root", approved), 4, "exists already", "--force")
    assert out.read_bytes() == b"someone's own document"
    assert snapshot(approved) == before
    assert ho21("follow-up", "--docx", out, "--force", "--root", approved).code == 0
    assert headings(open_docx(out)) == ["Oppfølgingsliste 2026"]


def test_the_councils_own_number_form_is_written_and_read(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    profil = archive / "profil.toml"
    text = profil.read_text(encoding="utf-8")
    line = 'saksliste = "Sak {n}/{meeting}/{year}"'
    assert line in text
    profil.write_text(text.replace(line, 'saksliste = "Sak {n}/{yy}"'), encoding="utf-8")
    assert ho21("add-case", "2026-1", "--title", "Helsedata", "--root", archive).code == 0
    approve(archive, "2026-1", {"helsedata": "Rådet ber sekretariatet om å sende et brev innen 1. mars 2026."})
    result = ho21("follow-up", "--root", archive)
    assert result.code == 0, result.err
    assert [row.split()[:2] for row in rows_of(result.out)] == [["Sak", "6/26"]]
    assert ho21("follow-up", "done", "Sak 6/26", "--root", archive).code == 0
    marked = next(c for c in load_meeting(archive / "2026-1" / "meeting.toml").cases if c.id == "helsedata")
    assert marked.followup is not None and marked.followup.status is FollowUpStatus.DONE


def test_a_year_with_no_task_writes_a_list_that_says_so(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    approve(archive, "2026-1", {"innkalling": "Innkalling og saksliste godkjennes.", "eventuelt": "Intet."})
    out = tmp_path / "tom.docx"
    assert ho21("follow-up", "--docx", out, "--root", archive).code == 0
    doc = open_docx(out)
    assert doc.tables == []
    assert "Ingen godkjente vedtak gir noen en oppgave." in [p.text for p in paragraphs(doc)]
    result = ho21("follow-up", "--root", archive)
    assert result.out.splitlines()[0] == "No approved vedtak of 2026 gives anyone a task."
