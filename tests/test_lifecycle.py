"""A meeting's whole life runs under each numbering scheme.

In a fresh archive, through the real CLI entry point: new-meeting (which writes
profil.toml), the profile's [numbering] edited by hand to the scheme, the
cases made ready, a topical case that refers to another by its number and by
[[sak:id]], check, build-innkalling --pdf, send, attendance, draft-referat
--pdf, referat-sent, and the next meeting. The documents are read back and
every number and meeting label must be in the scheme's own form.

Each scheme's life runs once (a module fixture) and is looked at by several
tests; it starts LibreOffice twice (the innkalling and the referat).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from ho21cli.cli.app import main
from ho21cli.core.numbering import MeetingId
from ho21cli.storage.archive import Archive
from tests.conftest import Run, write
from tests.docx_read import headings, open_docx, paragraphs, section_text, table_rows
from tests.makers import outline

HAVE_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(
    not HAVE_SOFFICE, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
)
PDF = ["--pdf"] if HAVE_SOFFICE else []  # without LibreOffice the life runs on and only the PDF tests skip

COUNCIL = "HelseOmsorg21-rådet"
SHORT = "HO21"
YEAR = 2026
PREVIOUS = (4, 2025)  # the meeting before 1/2026, named by hand in the first "Godkjenning av referat"
TOPICAL = ["Helsereformutvalget", "Tilgang til helsedata"]
OPENING = [
    "Godkjenning av innkalling og saksliste",
    "Spørsmål om habilitet",
    None,  # Godkjenning av referat fra møte <label>
    "Orienteringer",
    "Oversikt meldinger og strategier",
]
CLOSING = ["Eventuelt", "Evaluering av møtet"]
ORIENTERINGER = "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n"


@dataclass(frozen=True)
class Scheme:
    """A profile's [numbering] table."""

    saksliste: str
    saksfremlegg: str
    referat: str
    reference: str
    meeting: str

    def case(self, kind: str, n: int, meeting: int, year: int = YEAR) -> str:
        form: str = getattr(self, kind)
        return form.format(n=n, meeting=meeting, year=year, yy=f"{year % 100:02d}")

    def label(self, meeting: int, year: int = YEAR) -> str:
        return self.meeting.format(meeting=meeting, year=year, yy=f"{year % 100:02d}")


SCHEMES = {
    "full": Scheme(
        "Sak {n}/{meeting}/{year}",
        "Sak {n}/{meeting}/{year}",
        "Sak {n}/{meeting}/{year}",
        "sak {n}/{meeting}/{year}",
        "{meeting}/{year}",
    ),
    "short": Scheme(
        "Sak {n}/{meeting}/{yy}",
        "Sak {n}/{meeting}/{yy}",
        "Sak {n}/{meeting}/{yy}",
        "sak {n}/{meeting}/{yy}",
        "{meeting}/{yy}",
    ),
    "2015": Scheme("Sak {n}/{yy}", "Sak {n}/{yy}", "Sak {n}/{yy}", "sak {n}/{yy}", "{meeting}/{year}"),
    "municipal": Scheme("PS {n}/{yy}", "PS {n}/{yy}", "PS {n}/{yy}", "PS {n}/{yy}", "{meeting}-{yy}"),
}
DEFAULT = SCHEMES["full"]  # what new-meeting writes into profil.toml


def test_the_schemes_write_the_numbers_councils_use() -> None:
    """The expectations below are computed with these forms; pin them to real numbers first."""
    assert SCHEMES["full"].case("saksliste", 13, 2) == "Sak 13/2/2026" and SCHEMES["full"].label(2) == "2/2026"
    assert SCHEMES["short"].case("saksliste", 40, 4, 2024) == "Sak 40/4/24"
    assert SCHEMES["2015"].case("saksliste", 18, 1, 2015) == "Sak 18/15"
    assert SCHEMES["municipal"].case("saksliste", 12, 1, 2024) == "PS 12/24"
    assert f"møte {SCHEMES['municipal'].label(2)}" == "møte 2-26"


# -- one life per scheme ---------------------------------------------------------------


@dataclass
class Life:
    name: str
    scheme: Scheme
    root: Path
    steps: dict[str, Run] = field(default_factory=dict)

    @property
    def label1(self) -> str:
        return self.scheme.label(1)

    @property
    def label2(self) -> str:
        return self.scheme.label(2)

    def titles1(self) -> list[str]:
        referat = f"Godkjenning av referat fra møte {self.scheme.label(*PREVIOUS)}"
        opening = [t or referat for t in OPENING]
        return [*opening, *TOPICAL, *CLOSING]

    def ref(self, title: str) -> str:
        """A case of meeting 1 in the reference form (running text)."""
        return self.scheme.case("reference", self.titles1().index(title) + 1, 1)

    def run(self, step: str, *args: str | Path) -> Run:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([*(str(a) for a in args), "--root", str(self.root)])
            except Exception:  # a crash: recorded, so the step's test shows it and the others still run
                code = -1
                err.write(traceback.format_exc())
        self.steps[step] = Run(code, out.getvalue(), err.getvalue())
        return self.steps[step]

    def step(self, step: str) -> Run:
        """A step's result; a step that failed fails the test that needs it, with its output."""
        result = self.steps[step]
        assert result.code == 0, f"{step}: exit {result.code}\n--- stdout\n{result.out}\n--- stderr\n{result.err}"
        return result


def set_numbering(profile: Path, scheme: Scheme) -> None:
    """Edit the five lines of [numbering] by hand, as a secretary would."""
    text = profile.read_text(encoding="utf-8")
    for key in ("saksliste", "saksfremlegg", "referat", "reference", "meeting"):
        old = f'{key} = "{getattr(DEFAULT, key)}"\n'
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {profile}"
        text = text.replace(old, f'{key} = "{getattr(scheme, key)}"\n')
    profile.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module", params=list(SCHEMES))
def life(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Life]:
    name: str = request.param
    scheme = SCHEMES[name]
    base = tmp_path_factory.mktemp(f"life-{name}")
    lv = Life(name, scheme, base / "arkiv med æøå")
    kilde = base / "kilde"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", "1000")  # rich tables: one line per row
        lv.run("new-meeting 1", "new-meeting", "--date", "2026-01-14")
        set_numbering(lv.root / "profil.toml", scheme)
        lv.run(
            "orienteringer 1", "edit-case", "2026-1", "orienteringer", "--body", write(kilde / "o.md", ORIENTERINGER)
        )
        previous = ("--meeting", "2025-4", "--date", "2025-11-26", "--referat-sent", "2025-12-03")
        lv.run("previous meeting 1", "previous-meeting", "2026-1", *previous)
        body = write(kilde / "helsereform.md", "## Bakgrunn\n\nRegjeringen har oppnevnt et helsereformutvalg.\n")
        lv.run("add topical 1", "add-case", "2026-1", "--title", TOPICAL[0], "--body", body)
        ref = lv.ref(TOPICAL[0])
        body = write(
            kilde / "helsedata.md",
            f"## Bakgrunn\n\nSaken henger sammen med {ref}, se også [[sak:helsereformutvalget]].\n",
        )
        lv.run("add topical 2", "add-case", "2026-1", "--title", TOPICAL[1], "--kind", "diskusjon", "--body", body)
        lv.run("check 1", "check", "2026-1", "--as-of", "2025-12-20")
        lv.run("build 1", "build-innkalling", "2026-1", *PDF)
        lv.run("send 1", "send", "2026-1", "--date", "2026-01-04")
        lv.run(
            "attendance 1", "attendance", "2026-1", "--absent", "Guri Rørtveit", "--note", f"Toril Hernes=t.o. {ref}"
        )
        lv.run("draft-referat 1", "draft-referat", "2026-1", *PDF)
        lv.run("referat-sent 1", "referat-sent", "2026-1", "--date", "2026-01-21")
        lv.run("new-meeting 2", "new-meeting", "--date", "2026-03-11")
        lv.run("orienteringer 2", "edit-case", "2026-2", "orienteringer", "--body", kilde / "o.md")
        lv.run("check 2", "check", "2026-2", "--as-of", "2026-02-20")
        lv.run("build 2", "build-innkalling", "2026-2")
        lv.run("list-cases 2026-1", "list-cases", "2026-1")
        lv.run("list-cases 2026-2", "list-cases", "2026-2")
        lv.run("list-cases label 1", "list-cases", lv.label1)
        lv.run("list-cases label 2", "list-cases", lv.label2)
        # last, as it spoils meeting 2: a number in the scheme's form that names no case
        bad = write(kilde / "feil.md", f"{ORIENTERINGER}\nSe {scheme.case('reference', 99, 2)}.\n")
        lv.run("bad reference 2", "edit-case", "2026-2", "orienteringer", "--body", bad)
        lv.run("check 2 bad reference", "check", "2026-2", "--as-of", "2026-02-20")
    yield lv


# -- reading back ------------------------------------------------------------------------


def listed(out: str) -> list[tuple[str, str]]:
    """(number, title) rows of a `list-cases` table."""
    rows = []
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")] if line.startswith("│") else []
        if len(cells) == 3:
            rows.append((cells[0], cells[1]))
    return rows


def header_text(doc: docx.document.Document) -> str:
    return " | ".join(p.text for p in doc.sections[0].header.paragraphs if p.text)


def saksliste(doc: docx.document.Document) -> list[list[str]]:
    found = [table_rows(t) for t in doc.tables if table_rows(t)[:1] == [["Sak", "Tittel"]]]
    assert len(found) == 1, [table_rows(t)[:1] for t in doc.tables]
    return found[0][1:]


def flat(text: str) -> str:
    return " ".join(text.split())


# -- the tests -----------------------------------------------------------------------------


def test_every_step_succeeds(life: Life) -> None:
    for step in life.steps:
        if step != "check 2 bad reference":
            life.step(step)
    assert f"No problems found in meeting {life.label1}." in life.step("check 1").out
    assert f"Meeting {life.label1}: innkalling sent 4 January 2026." in life.step("send 1").out
    assert f"(t.o. {life.ref(TOPICAL[0])})" in life.step("attendance 1").out


def test_list_cases_numbers_meeting_1_in_the_scheme(life: Life) -> None:
    titles = life.titles1()
    expected = [(life.scheme.case("saksliste", n, 1), t) for n, t in enumerate(titles, start=1)]
    assert listed(life.step("list-cases 2026-1").out) == expected


def test_innkalling_saksliste_headings_and_page_header(life: Life) -> None:
    life.step("build 1")
    doc = open_docx(life.root / "2026-1" / "build" / "innkalling-2026-1.docx")
    titles = life.titles1()
    assert saksliste(doc) == [[life.scheme.case("saksliste", n, 1), t] for n, t in enumerate(titles, start=1)]
    assert headings(doc, 1) == [
        "Saksliste",
        *(f"{life.scheme.case('saksfremlegg', n, 1)} {t}" for n, t in enumerate(titles, start=1)),
    ]
    assert header_text(doc).split("\t")[0] == f"{SHORT} møte {life.label1}"
    assert doc.core_properties.title == f"Innkalling {COUNCIL} møte {life.label1}"
    ref = life.ref(TOPICAL[0])
    assert f"Saken henger sammen med {ref}, se også {ref}." in [p.text for p in doc.paragraphs]


def test_each_saksfremlegg_docx_is_headed_in_the_saksfremlegg_form(life: Life) -> None:
    build = life.step("build 1")
    files = [Path(line) for line in build.out.splitlines() if "/saksfremlegg/" in line]
    titles = life.titles1()
    assert len(files) == len(titles), build.out
    for n, (path, title) in enumerate(zip(files, titles, strict=True), start=1):
        assert headings(open_docx(path), 1)[0] == f"{life.scheme.case('saksfremlegg', n, 1)} {title}", path


@pytest.mark.soffice
@needs_soffice
def test_innkalling_pdf_bookmarks_are_the_case_headings(life: Life) -> None:
    from pypdf import PdfReader

    life.step("build 1")
    reader = PdfReader(str(life.root / "2026-1" / "build" / "innkalling-2026-1.pdf"))
    items = outline(reader)
    titles = life.titles1()
    assert [title for depth, title, _ in items if depth == 0] == [
        "Saksliste",
        *(f"{life.scheme.case('saksfremlegg', n, 1)} {t}" for n, t in enumerate(titles, start=1)),
    ]
    for _, title, page in items:
        assert title in flat(reader.pages[page].extract_text()), (title, page)
    assert flat(reader.pages[1].extract_text()).startswith(f"{SHORT} møte {life.label1} ")
    assert reader.metadata is not None and reader.metadata.title == f"Innkalling {COUNCIL} møte {life.label1}"


def test_referat_title_and_case_headings(life: Life) -> None:
    life.step("draft-referat 1")
    doc = open_docx(life.root / "2026-1" / "referat-2026-1.docx")
    assert paragraphs(doc)[0].text == f"{COUNCIL}, referat møte {life.label1}"
    titles = life.titles1()
    assert headings(doc, 1) == [f"{life.scheme.case('referat', n, 1)} {t}" for n, t in enumerate(titles, start=1)]
    facts = {row[0]: row[1].split("\n") for row in table_rows(doc.tables[0])}
    assert facts["Forfall"] == ["Guri Rørtveit, Folkehelseinstituttet"]
    assert (
        f"Toril Hernes, Norges teknisk-naturvitenskapelige universitet (t.o. {life.ref(TOPICAL[0])})"
        in facts["Til stede"]
    )


@pytest.mark.soffice
@needs_soffice
def test_referat_pdf_names_the_meeting_in_the_scheme(life: Life) -> None:
    from pypdf import PdfReader

    life.step("draft-referat 1")
    path = life.root / "2026-1" / "referat-2026-1.pdf"
    assert path.is_file(), life.steps["draft-referat 1"].out
    first = flat(PdfReader(str(path)).pages[0].extract_text())
    assert f"referat møte {life.label1}" in first
    assert first.startswith(f"{SHORT} møte {life.label1} ")


def test_next_meeting_continues_the_series_and_names_the_previous_meeting(life: Life) -> None:
    created = life.step("new-meeting 2").out
    one = Archive(life.root).load(MeetingId(2026, 1))
    two = Archive(life.root).load(MeetingId(2026, 2))
    first = one.first_case + len(one.cases)  # right after meeting 1's last case
    assert two.first_case == first
    assert f"Meeting {life.label2}, cases {first}-{first + len(two.cases) - 1}:" in created
    referat_title = f"Godkjenning av referat fra møte {life.label1}"
    titles2 = [t or referat_title for t in OPENING] + CLOSING
    assert [c.title for c in two.cases] == titles2
    expected = [(life.scheme.case("saksliste", first + i, 2), t) for i, t in enumerate(titles2)]
    assert listed(life.step("list-cases 2026-2").out) == expected


def test_next_meetings_innkalling_has_the_referat_as_vedlegg_1(life: Life) -> None:
    life.step("check 2")
    life.step("build 2")
    doc = open_docx(life.root / "2026-2" / "build" / "innkalling-2026-2.docx")
    first = Archive(life.root).load(MeetingId(2026, 2)).first_case
    referat_heading = f"{life.scheme.case('saksfremlegg', first + 2, 2)} Godkjenning av referat fra møte {life.label1}"
    assert saksliste(doc)[0] == [life.scheme.case("saksliste", first, 2), OPENING[0]]
    assert referat_heading in headings(doc, 1)
    assert header_text(doc).split("\t")[0] == f"{SHORT} møte {life.label2}"
    paras = paragraphs(doc)
    texts = [p.text for p in paras]
    bakgrunn = section_text(paras, "Bakgrunn", after=texts.index(referat_heading))
    assert bakgrunn[0].startswith(
        f"Utkast til referat fra møte {life.label1} ble sendt ut 21. januar med merknadsfrist 28. januar."
    ), bakgrunn
    vedlegg = f"Vedlegg 1: Utkast til referat fra møte {life.label1}"
    assert vedlegg in texts
    assert f"{COUNCIL}, referat møte {life.label1}" in texts[texts.index(vedlegg) + 1 :]


def test_the_councils_own_label_names_a_meeting(life: Life) -> None:
    by_label = life.step("list-cases label 1").out
    assert by_label == life.step("list-cases 2026-1").out
    assert f"{COUNCIL}, meeting {life.label1}" in by_label
    assert life.step("list-cases label 2").out == life.step("list-cases 2026-2").out


def test_check_reads_a_number_in_the_schemes_form(life: Life) -> None:
    """The topical case's reference passed check (above); one to a case that does not exist does not."""
    result = life.steps["check 2 bad reference"]
    assert result.code == 1, result.out + result.err
    assert f"refers to «{life.scheme.case('reference', 99, 2)}», which is not a case of meeting {life.label2}" in (
        " ".join(result.out.split())
    )
