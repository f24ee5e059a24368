"""The referat finished in Word: read back, checked by `ho21 check`, made into a PDF, approved.

The referat is edited here with python-docx the way a secretary edits it in Word:
text typed over the marked places, a case pasted in from the previous meeting's
referat, a weekday changed. `ho21 check` must report exactly those points, and
once they are fixed `referat-pdf` makes the PDF of the edited text and
`referat-approved` stores each vedtak exactly as written.
"""

from __future__ import annotations

import copy
import shutil
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ho21cli.actions.gates import run_check
from ho21cli.core.model import Case, Meeting, Profile
from ho21cli.core.numbering import NumberFormats
from ho21cli.core.referat_check import (
    FinishedReferat,
    People,
    ReferatParagraph,
    case_sections,
    check_referat,
    heading_number,
    name_problems,
    vedtak_of,
    weekday_problems,
)
from ho21cli.core.validation import Problem
from tests.conftest import EXAMPLE, Run, refused, snapshot, write

M = "2026-1"
NAME = "referat-2026-1.docx"
PLACEHOLDER = "[Skriv referat fra behandlingen av saken her.]"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)",
)

# What the secretary writes in each case (over the yellow placeholder), by case number.
DISCUSSION = {
    3: "Utkast til referat var sendt ut, og ingen merknader kom inn.",
    5: "Sekretariatets oversikt ble gjennomgått.",
    6: "Gunnar Bovim innledet om utvalgets mandat. Leif Rune Skymoen og Hjørdis Møller Sandborg stilte spørsmål.",
    7: "Skymoens innlegg om registrene ble diskutert, se sak 6/1/2026. Neste møte er onsdag 11. mars 2026.",
    8: "Ingen saker.",
    9: "Møtet ble evaluert som godt.",
}
VEDTAK_6 = "Det settes ned en arbeidsgruppe med Marte Kvittum Tangen og Tarje Bjørgum.\nSekretariatet følger opp."


# -- making and editing the referat --------------------------------------------------------


@pytest.fixture
def drafted(buildable: Path, ho21: Callable[..., Run]) -> Path:
    """Meeting 1/2026 with two topical cases (6 and 7) and its referat skeleton."""
    for args in (
        ("--title", "Helsereformutvalget", "--forslag", "Det settes ned en arbeidsgruppe."),
        ("--title", "Tilgang til helsedata", "--kind", "diskusjon"),
    ):
        result = ho21("add-case", M, *args, "--ettersendes", "--root", buildable)
        assert result.code == 0, result.err
    result = ho21("draft-referat", M, "--root", buildable)
    assert result.code == 0, result.err
    return buildable


def referat_of(root: Path) -> Path:
    return root / M / NAME


def open_referat(root: Path) -> Any:
    return docx.Document(str(referat_of(root)))


def is_heading(p: Paragraph) -> bool:
    return p.style is not None and p.style.name.startswith("Heading")


def section(doc: Any, number: str) -> list[Any]:
    """The paragraphs of the case headed ``number`` ("Sak 6/1/2026"), heading first."""
    paras = doc.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text.startswith(number + " ") and is_heading(p))
    out = [paras[start]]
    for p in paras[start + 1 :]:
        if is_heading(p):
            break
        out.append(p)
    return out


def type_over(paragraph: Any, text: str, *, keep_mark: bool = False) -> None:
    """Select the paragraph's text and type: the first run's formatting stays (its yellow too)."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""
    if not keep_mark:
        for run in runs:
            run.font.highlight_color = None


def replace_in_xml(doc: Any, old: str, new: str) -> None:
    hits = [t for t in doc.element.body.iter(qn("w:t")) if t.text and old in t.text]
    assert hits, f"{old!r} not in the referat"
    for t in hits:
        t.text = t.text.replace(old, new)


def pasted_case(heading: str = "Sak 38/3/25 Tilgang til helsedata") -> list[Any]:
    """A case heading and its section, copied from the previous meeting's finished referat."""
    old = docx.Document(str(EXAMPLE / "2025-3" / "referat-2025-3.docx"))
    paras = old.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text == heading)
    out = [paras[start]._p]
    for p in paras[start + 1 :]:
        if is_heading(p):
            break
        out.append(p._p)
    return [copy.deepcopy(p) for p in out]


def finish(root: Path, *, mark_left_in: int | None = None) -> None:
    """The secretary's work: every marked place written, the count of eventuelt given, a
    two-paragraph vedtak in case 6. With ``mark_left_in``, that case's text stays yellow."""
    doc = open_referat(root)
    for n, text in DISCUSSION.items():
        placeholder = next(p for p in section(doc, f"Sak {n}/1/2026") if p.text == PLACEHOLDER)
        type_over(placeholder, text, keep_mark=n == mark_left_in)
    antall = next(p for p in section(doc, "Sak 1/1/2026") if p.text.startswith("[Antall]"))
    type_over(antall, "To saker ble meldt inn til eventuelt.")
    vedtak = section(doc, "Sak 6/1/2026")[-1]
    first, second = VEDTAK_6.split("\n")
    type_over(vedtak, first)
    extra = copy.deepcopy(vedtak._p)
    vedtak._p.addnext(extra)
    Paragraph(extra, vedtak._parent).runs[0].text = second
    doc.save(str(referat_of(root)))


def referat_codes(root: Path) -> list[tuple[str, str, str]]:
    _, problems = run_check(root, M, today=date(2026, 1, 20))
    return [(p.severity.value, p.code, p.place) for p in problems if p.code.startswith("referat-")]


def referat_problems(root: Path) -> list[Problem]:
    _, problems = run_check(root, M, today=date(2026, 1, 20))
    return [p for p in problems if p.code.startswith("referat-")]


def manifest(root: Path, key: str = M) -> dict[str, Any]:
    return tomllib.loads((root / key / "meeting.toml").read_text(encoding="utf-8"))


# -- the core case --------------------------------------------------------------------------


def test_check_reports_exactly_what_the_person_left_wrong_then_the_approval_stores_the_vedtak(
    drafted: Path, ho21: Callable[..., Run]
) -> None:
    # the skeleton as drafted, after the meeting: not finished, and what its gates would refuse
    codes = referat_codes(drafted)
    assert codes[0] == ("advarsel", "referat-not-finished", "referat-2026-1.docx")
    assert [c[1] for c in codes[1:]] == ["referat-placeholder"] * 7
    _, before_the_day = run_check(drafted, M, today=date(2026, 1, 13))  # one warning until it is held
    assert [p.code for p in before_the_day if p.code.startswith("referat-")] == ["referat-not-finished"]
    finish(drafted, mark_left_in=6)
    doc = open_referat(drafted)
    heading8 = section(doc, "Sak 8/1/2026")[0]
    for element in pasted_case():
        heading8._p.addprevious(element)
    replace_in_xml(doc, "Onsdag 14. januar 2026", "Mandag 14. januar 2026")
    doc.save(str(referat_of(drafted)))

    problems = referat_problems(drafted)
    assert [(p.severity.value, p.code, p.place) for p in problems] == [
        ("feil", "referat-weekday", f"{NAME}: Dato"),
        ("advarsel", "referat-highlight", f"{NAME}: Sak 6/1/2026"),
        ("feil", "referat-other-meeting", f"{NAME}: Sak 38/3/25"),
    ]
    weekday, mark, pasted = problems
    assert "14 January 2026 is a Wednesday (onsdag)" in weekday.what
    assert "«Onsdag 14. januar 2026»" in weekday.fix
    assert DISCUSSION[6][:40] in mark.what
    assert pasted.what == "Sak 38/3/25 «Tilgang til helsedata» is a case of meeting 3/2025, pasted in?"
    result = ho21("check", M, "--as-of", "2026-01-20", "--root", drafted)
    assert result.code == 1 and "pasted" in result.out and "Dato" in result.out

    before = snapshot(drafted)
    result = ho21("referat-approved", M, "--date", "2026-01-20", "--root", drafted)
    refused(result, 1, "2 error(s)", "pasted in?", "is a Wednesday", "ho21 check 2026-1")
    assert snapshot(drafted) == before

    # The secretary fixes the three points.
    doc = open_referat(drafted)
    for p in section(doc, "Sak 38/3/25"):
        p._p.getparent().remove(p._p)
    replace_in_xml(doc, "Mandag 14. januar 2026", "Onsdag 14. januar 2026")
    for run in section(doc, "Sak 6/1/2026")[1].runs:
        run.font.highlight_color = None
    doc.save(str(referat_of(drafted)))
    assert referat_codes(drafted) == []

    edited = referat_of(drafted).read_bytes()
    result = ho21("referat-approved", M, "--date", "2026-01-20", "--root", drafted)
    assert result.code == 0, result.err
    assert "Vedtak, meeting 1/2026" in result.out
    assert "approved 20 January 2026 by the chair (leder); 9 vedtak stored" in result.out
    assert referat_of(drafted).read_bytes() == edited  # the person's document is never written to
    data = manifest(drafted)
    assert data["referat"]["approved"] == date(2026, 1, 20) and data["referat"]["approved_by"] == "leder"
    vedtak = {case["title"]: case.get("vedtak") for case in data["cases"]}
    assert vedtak == {
        "Godkjenning av innkalling og saksliste": "Innkalling og saksliste godkjennes.",
        "Spørsmål om habilitet": "Det er ikke knyttet inhabilitet til sakene på rådsmøtet.",
        "Godkjenning av referat fra møte 4/2025": "Referatet godkjennes.",
        "Orienteringer": "Tas til orientering.",
        "Oversikt meldinger og strategier": "Oversikten oppdateres med de innspill som kommer i møtet.",
        "Helsereformutvalget": VEDTAK_6,
        "Tilgang til helsedata": "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet.",
        "Eventuelt": "Intet.",
        "Evaluering av møtet": "Intet.",
    }

    # Approved once: a second approval changes nothing unless told to.
    before = snapshot(drafted)
    refused(ho21("referat-approved", M, "--date", "2026-01-21", "--root", drafted), 4, "20 January 2026", "--force")
    assert snapshot(drafted) == before
    assert ho21("referat-approved", M, "--date", "2026-01-21", "--force", "--root", drafted).code == 0
    assert manifest(drafted)["referat"]["approved"] == date(2026, 1, 21)


@pytest.mark.soffice
@needs_soffice
def test_referat_pdf_holds_the_edited_text_and_leaves_the_docx_alone(drafted: Path, ho21: Callable[..., Run]) -> None:
    from pypdf import PdfReader

    before = snapshot(drafted)
    refused(ho21("referat-pdf", M, "--root", drafted), 1, "error(s) to fix", "«[Antall]»")  # the skeleton
    assert snapshot(drafted) == before
    finish(drafted)
    edited = referat_of(drafted).read_bytes()
    result = ho21("referat-pdf", M, "--root", drafted)
    assert result.code == 0, result.err
    pdf = drafted / M / "referat-2026-1.pdf"
    assert result.out.strip() == str(pdf)
    text = " ".join("".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages).split())
    for expected in (
        "To saker ble meldt inn til eventuelt.",
        DISCUSSION[6],
        " ".join(VEDTAK_6.split()),
        "Sak 6/1/2026 Helsereformutvalget",
    ):
        assert expected in text
    assert PLACEHOLDER not in text
    assert referat_of(drafted).read_bytes() == edited
    other = drafted.parent / "ut"
    assert ho21("referat-pdf", M, "--out", other, "--root", drafted).code == 0
    assert (other / "referat-2026-1.pdf").is_file()


@pytest.mark.soffice
@needs_soffice
def test_draft_referat_pdf_over_an_existing_referat_is_refused_also_with_force(
    drafted: Path, ho21: Callable[..., Run]
) -> None:
    finish(drafted)
    before = snapshot(drafted)
    refused(ho21("draft-referat", M, "--pdf", "--root", drafted), 4, "has a referat already", "ho21 referat-pdf 2026-1")
    refused(
        ho21("draft-referat", M, "--pdf", "--force", "--root", drafted),
        4,
        "--force does not change this",
        "ho21 referat-pdf 2026-1",
    )
    assert snapshot(drafted) == before


# -- what the check finds --------------------------------------------------------------------


def test_a_number_in_another_form_is_an_error_that_says_the_right_form(drafted: Path) -> None:
    finish(drafted)
    doc = open_referat(drafted)
    type_over(section(doc, "Sak 9/1/2026")[1], "Se Sak 7/1/26 og sak 21-2-2025, og sak 6/1/2026.")
    heading = section(doc, "Sak 8/1/2026")[0]
    type_over(heading, "Sak 8/1/26 Eventuelt")
    doc.save(str(referat_of(drafted)))
    problems = referat_problems(drafted)
    assert [(p.code, p.place, p.what, p.fix.split(":")[0]) for p in problems] == [
        (
            "referat-number-form",
            f"{NAME}: Sak 8/1/2026",
            "the heading writes «Sak 8/1/26», not the council's form «Sak 8/1/2026»",
            "Write «Sak 8/1/2026»",
        ),
        (
            "referat-number-form",
            f"{NAME}: Sak 9/1/2026",
            "«Sak 7/1/26» is not written in the council's form",
            "Write «Sak 7/1/2026»",
        ),
        (
            "referat-number-form",
            f"{NAME}: Sak 9/1/2026",
            "«sak 21-2-2025» is not written in the council's form",
            "Write «sak 21/2/2025»",
        ),
    ]


def test_a_misspelt_name_is_an_error_naming_the_roster_spelling(drafted: Path) -> None:
    finish(drafted)
    doc = open_referat(drafted)
    type_over(
        section(doc, "Sak 7/1/2026")[1],
        "Skymoene og Hjørdis Sandborg Møller innledet. Hennes innlegg og Rådets Arbeid var gode, sa Per Sandset.",
    )
    doc.save(str(referat_of(drafted)))
    problems = referat_problems(drafted)
    assert [(p.code, p.place, p.what, p.fix) for p in problems] == [
        (
            "referat-name",
            f"{NAME}: Sak 7/1/2026",
            "«Skymoene»: the roster spells the name «Leif Rune Skymoen»",
            "Write «Skymoen» (names are spelt as in the roster).",
        ),
        (
            "referat-name",
            f"{NAME}: Sak 7/1/2026",
            "«Hjørdis Sandborg Møller»: the roster spells the name «Hjørdis Møller Sandborg»",
            "Write «Hjørdis Møller Sandborg» (names are spelt as in the roster).",
        ),
    ]


def test_a_missing_case_a_case_twice_and_cases_out_of_order(drafted: Path) -> None:
    finish(drafted)
    doc = open_referat(drafted)
    for p in section(doc, "Sak 7/1/2026"):
        p._p.getparent().remove(p._p)
    doc.save(str(referat_of(drafted)))
    problems = referat_problems(drafted)
    assert [(p.code, p.place) for p in problems] == [("referat-missing-case", f"{NAME}: Sak 7/1/2026")]
    assert problems[0].what == "«Tilgang til helsedata» is not in the referat"
    assert "after Sak 6/1/2026" in problems[0].fix

    doc = open_referat(drafted)
    moved = section(doc, "Sak 4/1/2026")
    twice = [copy.deepcopy(p._p) for p in section(doc, "Sak 2/1/2026")]
    after = section(doc, "Sak 9/1/2026")[-1]._p
    for p in reversed(moved):
        after.addnext(p._p)
    for element in twice:
        section(doc, "Sak 5/1/2026")[0]._p.addprevious(element)
    doc.save(str(referat_of(drafted)))
    assert [(p.code, p.place) for p in referat_problems(drafted)] == [
        ("referat-case-twice", f"{NAME}: Sak 2/1/2026"),
        ("referat-case-order", f"{NAME}: Sak 4/1/2026"),
        ("referat-missing-case", f"{NAME}: Sak 7/1/2026"),
    ]


def test_a_wrong_title_and_a_placeholder_left(drafted: Path) -> None:
    finish(drafted)
    doc = open_referat(drafted)
    type_over(section(doc, "Sak 7/1/2026")[0], "Sak 7/1/2026 Tilgang  til helsedata")  # spacing does not count
    type_over(section(doc, "Sak 6/1/2026")[0], "Sak 6/1/2026 Helsereformen")
    type_over(section(doc, "Sak 9/1/2026")[1], "Møtet varte i NN timer.", keep_mark=True)
    doc.save(str(referat_of(drafted)))
    problems = referat_problems(drafted)
    assert [(p.severity.value, p.code, p.place) for p in problems] == [
        ("feil", "referat-title", f"{NAME}: Sak 6/1/2026"),
        ("feil", "referat-placeholder", f"{NAME}: Sak 9/1/2026"),  # not also a yellow-mark warning
    ]
    assert problems[0].what == "is headed «Helsereformen», the saksliste says «Helsereformutvalget»"


def test_a_postponed_case_says_so_and_gets_no_vedtak(buildable: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("add-case", M, "--title", "Helsereformutvalget", "--ettersendes", "--root", buildable).code == 0
    path = buildable / M / "meeting.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('title = "Helsereformutvalget"\n', 'title = "Helsereformutvalget"\npostponed = true\n')
    )
    assert ho21("draft-referat", M, "--root", buildable).code == 0
    write_over_every_mark(buildable)
    assert referat_codes(buildable) == []
    result = ho21("referat-approved", M, "--date", "2026-01-20", "--root", buildable)
    assert result.code == 0, result.err
    assert "(postponed)" in result.out
    cases = {c["title"]: c for c in manifest(buildable)["cases"]}
    assert "vedtak" not in cases["Helsereformutvalget"] and cases["Eventuelt"]["vedtak"] == "Intet."

    doc = open_referat(buildable)
    type_over(section(doc, "Sak 6/1/2026")[1], "Saken ble diskutert.")
    doc.save(str(referat_of(buildable)))
    assert referat_codes(buildable) == [("feil", "referat-postponed", f"{NAME}: Sak 6/1/2026")]


def write_over_every_mark(root: Path) -> None:
    doc = open_referat(root)
    for p in doc.paragraphs:
        if p.text == PLACEHOLDER:
            type_over(p, "Saken ble diskutert.")
        elif p.text.startswith("[Antall]"):
            type_over(p, "Ingen saker ble meldt inn til eventuelt.")
    doc.save(str(referat_of(root)))


# -- refusals ----------------------------------------------------------------------------------


def test_without_a_referat_both_commands_point_to_draft_referat(buildable: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(buildable)
    refused(
        ho21("referat-approved", M, "--date", "2026-01-20", "--root", buildable),
        3,
        "has no referat yet",
        "ho21 draft-referat 2026-1",
    )
    if shutil.which("soffice"):
        refused(ho21("referat-pdf", M, "--root", buildable), 3, "has no referat yet", "ho21 draft-referat 2026-1")
    assert snapshot(buildable) == before


def test_approval_refuses_bad_dates_and_approvers(drafted: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(drafted)
    result = ho21("referat-approved", M, "--date", "2026-01-20", "--root", drafted)
    refused(result, 1, "7 error(s)", "«[Antall]»")  # the skeleton as drafted: judged here
    assert snapshot(drafted) == before
    finish(drafted)
    assert ho21("new-meeting", "--date", "2026-03-11", "--root", drafted).code == 0
    before = snapshot(drafted)
    for args, needles in (
        (("--date", "2026-01-13"), ("--date", "before the meeting")),
        (("--date", "2026-03-11", "--by", "2026-5"), ("--by", "there is no meeting 5/2026")),
        (("--date", "2026-01-14", "--by", "2026-1"), ("--by", "is not after meeting 1/2026")),
        (("--date", "2026-03-12", "--by", "2/2026"), ("--date", "is held 11 March 2026")),
        (("--date", "2026-03-11", "--by", "2/2026"), ("--by", "has no record of being held")),  # never sent
        (("--date", "20-01-2026"), ("--date", "not a valid date")),
    ):
        refused(ho21("referat-approved", M, *args, "--root", drafted), 3, *needles)
    assert snapshot(drafted) == before
    sent = drafted / "2026-2" / "meeting.toml"  # recorded by hand: sending needs a build of its own
    sent.write_text(sent.read_text(encoding="utf-8").replace("[meeting]\n", "[meeting]\nsent = 2026-03-01\n"))
    result = ho21("referat-approved", M, "--date", "2026-03-11", "--by", "2/2026", "--root", drafted)
    assert result.code == 0, result.err
    assert "by meeting 2/2026" in result.out
    assert manifest(drafted)["referat"]["approved_by"] == "2026-2"


def test_an_unreadable_referat_is_one_error(drafted: Path, ho21: Callable[..., Run]) -> None:
    write(referat_of(drafted), "ikke et Word-dokument")
    problems = referat_problems(drafted)
    assert [(p.code, p.what) for p in problems] == [("referat-unreadable", f"{NAME} is not a Word (.docx) document")]
    before = snapshot(drafted)
    refused(ho21("referat-approved", M, "--date", "2026-01-20", "--root", drafted), 1, "is not a Word (.docx) document")
    assert snapshot(drafted) == before


# -- the pure functions ----------------------------------------------------------------------------


def para(text: str, **kw: Any) -> ReferatParagraph:
    return ReferatParagraph(text, **kw)


def h(text: str) -> ReferatParagraph:
    return ReferatParagraph(text, heading=True)


def meeting_of(titles: list[str], *, first: int = 1, postponed: frozenset[int] = frozenset()) -> Meeting:
    cases = [Case(id=f"c{i}", title=t, postponed=i in postponed) for i, t in enumerate(titles, start=first)]
    return Meeting(year=2026, number=2, date=date(2026, 3, 11), first_case=first, cases=cases)


PROFILE = Profile(name="Rådet", short_name="R", til="", fra="")


def check(paragraphs: list[ReferatParagraph], meeting: Meeting, profile: Profile = PROFILE) -> list[tuple[str, str]]:
    referat = FinishedReferat("r.docx", tuple(paragraphs))
    return [(p.code, p.place) for p in check_referat(referat, meeting, profile)]


def case_block(number: str, title: str, vedtak: str = "Tas til orientering.") -> Iterator[ReferatParagraph]:
    yield h(f"{number} {title}")
    yield para("Tekst.")
    yield para("Vedtak", bold=True)
    yield para(vedtak)


def test_vedtak_is_read_exactly_as_written() -> None:
    body = [para("Diskusjon."), para("Vedtak:"), para(""), para("Første  linje. "), para(""), para("Andre."), para("")]
    assert vedtak_of(body) == "Første  linje. \n\nAndre."
    assert vedtak_of([para("Vedtak"), para("Rådet tar saken til orientering."), h("Neste møte"), para("x")]) == (
        "Rådet tar saken til orientering."
    )
    assert vedtak_of([para("Forslag til vedtak"), para("x")]) is None
    assert vedtak_of([para("VEDTAK"), para("")]) == ""


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (h("Sak 24/2/26 Godkjenning av referat"), (24, 2, 2026, "Godkjenning av referat")),
        (h("Sak 24/2/2026: Godkjenning"), (24, 2, 2026, "Godkjenning")),
        (h("Sak 21-2-2024 Orienteringer"), (21, 2, 2024, "Orienteringer")),
        (h("18/2/2024 Orienteringer"), (18, 2, 2024, "Orienteringer")),
        (h("Sak 18/15 Strategi"), (18, None, 2015, "Strategi")),
        (para("Sak 38/3/24 Tilgang til helsedata"), (38, 3, 2024, "Tilgang til helsedata")),  # pasted without style
        (para("sak 38/3/24 ble behandlet i forrige møte."), None),
        (para("18/2/2024 Orienteringer"), None),  # a date, perhaps
        (para("Sak 24/2/26 ble utsatt", bold=True), (24, 2, 2026, "ble utsatt")),
        (para("Sak 24/2/26 Tittel", table_row="Sak"), None),
        (h("Sakene 30-41"), None),
    ],
)
def test_case_headings_in_any_form(paragraph: ReferatParagraph, expected: tuple[Any, ...] | None) -> None:
    found = heading_number(paragraph, PROFILE.numbers)
    assert (found and (found[0].n, found[0].meeting, found[0].year, found[1])) == expected


def test_check_of_a_made_referat() -> None:
    meeting = meeting_of(["Innkalling", "Helsedata", "Eventuelt"], first=13)
    good = [
        para("Rådet, referat møte 2/2026"),
        para("Onsdag 11. mars 2026", table_row="Dato"),
        *case_block("Sak 13/2/2026", "Innkalling"),
        *case_block("Sak 14/2/2026", "Helsedata"),
        *case_block("Sak 15/2/2026", "Eventuelt"),
    ]
    assert check(good, meeting) == []
    sections = case_sections(FinishedReferat("r.docx", tuple(good)), PROFILE.numbers)[1]
    assert [(s.ref.n, s.title, s.vedtak) for s in sections] == [
        (13, "Innkalling", "Tas til orientering."),
        (14, "Helsedata", "Tas til orientering."),
        (15, "Eventuelt", "Tas til orientering."),
    ]
    pasted = [*good[:6], *case_block("Sak 38/3/2024", "Gammel sak"), *good[6:]]
    assert check(pasted, meeting) == [("referat-other-meeting", "r.docx: Sak 38/3/2024")]
    unknown = [*good, *case_block("Sak 16/2/2026", "Ny sak")]
    assert check(unknown, meeting) == [("referat-unknown-case", "r.docx: Sak 16/2/2026")]
    swapped = [*good[:2], *good[6:10], *good[2:6], *good[10:]]
    assert check(swapped, meeting) == [("referat-case-order", "r.docx: Sak 13/2/2026")]
    no_vedtak = [*good[:-2]]
    assert check(no_vedtak, meeting) == [("referat-no-vedtak", "r.docx: Sak 15/2/2026")]


def test_a_council_with_the_short_form_and_a_municipal_form() -> None:
    short = Profile(name="R", short_name="R", til="", fra="", numbering=NumberFormats(referat="Sak {n}/{meeting}/{yy}"))
    meeting = meeting_of(["Innkalling"], first=24)
    assert check([*case_block("Sak 24/2/26", "Innkalling")], meeting, short) == []
    assert check([*case_block("Sak 24/2/2026", "Innkalling")], meeting, short) == [
        ("referat-number-form", "r.docx: Sak 24/2/26")
    ]
    forms = NumberFormats(*(["PS {n}/{yy}"] * 4))
    municipal = Profile(name="K", short_name="K", til="", fra="", numbering=forms)
    assert check([*case_block("PS 24/26", "Innkalling"), para("Se PS 24/26 og Sak 24/2/26.")], meeting, municipal) == [
        ("referat-number-form", "r.docx: PS 24/26")
    ]


def test_weekdays_are_computed_from_the_date() -> None:
    assert weekday_problems("onsdag 14. januar 2026, lørdag 14. mars 2026, tirsdag den 3. februar", 2026) == []
    (problem,) = weekday_problems("Møtet er mandag 14. mars 2026.", 2026)
    assert problem == (
        "«mandag 14. mars 2026»: 14 March 2026 is a Saturday (lørdag)",
        "Write «lørdag 14. mars 2026» (the weekday follows from the date).",
    )
    assert weekday_problems("fredag 9. januar", 2025) == []  # no year: the next year fits (9 January 2026)
    assert weekday_problems("fredag 31. februar", 2026) == [
        ("«fredag 31. februar» is not a date", "Correct the day or the month.")
    ]


def test_names_are_compared_conservatively() -> None:
    names = ("Leif Rune Skymoen", "Hjørdis Møller Sandborg", "Toril Hernes", "Taran Borge", "Ole Johan Borge")
    people = People(names, frozenset(word.casefold() for name in names for word in name.split()))
    assert name_problems("Skymoene mente at Skymoens forslag var godt.", people) == [
        ("Skymoene", "Leif Rune Skymoen", "Skymoen")
    ]
    assert name_problems("Møller Sandborg og Sandborg Møller.", people) == [
        ("Sandborg Møller", "Hjørdis Møller Sandborg", "Møller Sandborg")
    ]
    assert name_problems("Lief Rune Skymoen og Taran Borg.", people) == [
        ("Lief", "Leif Rune Skymoen", "Leif"),
        ("Borg", "Taran Borge", "Borge"),
    ]
    ordinary = (
        "Hennes innlegg ble diskutert. Rådet, Helsedirektoratet og Borger i Norge. Ola Borge og Marta Ebbing "
        "deltok; Hjørdis Sandborg og Per Sandset. Hernes' innspill. Skymoen, Borge."
    )
    assert name_problems(ordinary, people) == []


def test_the_councils_own_referat_of_3_2025(example: Path) -> None:
    """The real referat (seed 003): its headings write "/25" where the profile says "/2025", and
    one heading says "møtet" where the saksliste says "møte"; its names and weekday are right."""
    _, problems = run_check(example, "2025-3", today=date(2025, 11, 1))
    found = [(p.code, p.place) for p in problems if p.code.startswith("referat-")]
    assert found == [
        *[("referat-number-form", f"referat-2025-3.docx: Sak {n}/3/2025") for n in (30, 31, 32)],
        ("referat-title", "referat-2025-3.docx: Sak 32/3/2025"),
        *[("referat-number-form", f"referat-2025-3.docx: Sak {n}/3/2025") for n in range(33, 42)],
    ]


def test_the_reader_takes_the_text_word_shows(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    from ho21cli.render.referat_reader import read_referat

    doc = docx.Document()
    outlined = doc.add_paragraph("Sak 7/1/2026 Tilgang til helsedata")
    outlined.paragraph_format.element.get_or_add_pPr().append(
        parse_xml('<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="0"/>')
    )
    doc.add_heading("Sak 8/1/2026 Eventuelt", level=2)
    tracked = doc.add_paragraph("Rådet ")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    tracked._p.append(parse_xml(f'<w:ins xmlns:w="{w}" w:id="1" w:author="HB"><w:r><w:t>godkjente</w:t></w:r></w:ins>'))
    tracked._p.append(
        parse_xml(f'<w:del xmlns:w="{w}" w:id="2" w:author="HB"><w:r><w:delText>avviste</w:delText></w:r></w:del>')
    )
    tracked.add_run(" saken.").add_break()
    tracked.add_run("Ny linje.")
    marked = doc.add_paragraph()
    marked.add_run("[Antall]").font.highlight_color = WD_COLOR_INDEX.YELLOW
    bold = doc.add_paragraph()
    bold.add_run("Sak 9/1/2026 Evaluering").bold = True
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dato", "Onsdag 14. januar 2026"
    path = tmp_path / "r.docx"
    doc.save(str(path))
    read = read_referat("r.docx", path.read_bytes())
    assert isinstance(read, FinishedReferat)
    assert read.tracked_changes
    assert [(p.text, p.heading, p.highlighted, p.bold, p.table_row) for p in read.paragraphs] == [
        ("Sak 7/1/2026 Tilgang til helsedata", True, False, False, None),
        ("Sak 8/1/2026 Eventuelt", True, False, True, None),  # the Heading style is bold
        ("Rådet godkjente saken.\nNy linje.", False, False, False, None),
        ("[Antall]", False, True, False, None),
        ("Sak 9/1/2026 Evaluering", False, False, True, None),
        ("Dato", False, False, False, "Dato"),
        ("Onsdag 14. januar 2026", False, False, False, "Dato"),
    ]
    refusal = read_referat("r.docx", b"PK\x03\x04 not really")
    assert not isinstance(refusal, FinishedReferat) and "not a Word" in refusal.what
