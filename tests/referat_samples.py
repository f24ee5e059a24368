"""Referats finished the way a secretary finishes them in Word, for the referat check.

Each builder takes the skeleton `ho21 draft-referat` wrote for meeting 1/2026 (the
``drafted`` archive of tests/test_referat_false_alarms.py: the standard cases and
6 «Helsereformutvalget», 7 «Tilgang til helsedata"), opened with python-docx, writes
real Norwegian minutes over every mark and edits it as people do: footnote marks,
editorial notes in brackets, other agencies' case numbers, headings with a no-break
space or a dash after the number, a bold «Vedtak:», a vedtak of several paragraphs,
lists, a table. It returns the vedtak `referat-approved` must store for the cases it
changed, by title. Every sample is a correct referat: the check must find nothing.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

PLACEHOLDER = "[Skriv referat fra behandlingen av saken her.]"
HELSEREFORM = "Helsereformutvalget"
HELSEDATA = "Tilgang til helsedata"

# What the secretary writes in each case, over the yellow mark, by case number.
MINUTES = {
    3: "Utkast til referat var sendt ut 3. desember 2025, og ingen merknader kom inn.",
    5: "Sekretariatet gikk gjennom oversikten over meldinger og strategier.",
    6: "Per Morten Sandset innledet om utvalgets mandat. Leif Rune Skymoen og Toril Hernes stilte spørsmål.",
    7: "Rådet drøftet tilgangen til helsedata for forskning og innovasjon.",
    8: "Ingen saker ble tatt opp under eventuelt.",
    9: "Møtet ble evaluert som godt. Neste møte er onsdag 11. mars 2026.",
}

Sample = Callable[[Any], dict[str, str]]


# -- editing as in Word ----------------------------------------------------------------------


def is_heading(p: Paragraph) -> bool:
    return p.style is not None and p.style.name.startswith("Heading")


def section(doc: Any, n: int) -> list[Paragraph]:
    """The paragraphs of case ``n`` of meeting 1/2026, its heading first."""
    paras = doc.paragraphs
    number = re.compile(rf"Sak\s*{n}/1/2026(?!\d)")
    start = next(i for i, p in enumerate(paras) if is_heading(p) and number.match(p.text))
    out = [paras[start]]
    for p in paras[start + 1 :]:
        if is_heading(p):
            break
        out.append(p)
    return out


def type_over(paragraph: Paragraph, text: str) -> None:
    """Select the paragraph's text and type: the first run's formatting stays, the yellow goes."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""
    for run in runs:
        run.font.highlight_color = None


def add_after(paragraph: Paragraph, text: str, style: str | None = None, *, bold: bool = False) -> Paragraph:
    """A new paragraph after ``paragraph`` (Enter, then typing), in ``style`` or the same one."""
    element = copy.deepcopy(paragraph._p)
    for child in list(element):
        if child.tag != qn("w:pPr"):
            element.remove(child)
    paragraph._p.addnext(element)
    new = Paragraph(element, paragraph._parent)
    if style is not None:
        new.style = style
    run = new.add_run(text)
    run.bold = bold or None
    return new


def vedtak_paragraph(doc: Any, n: int) -> Paragraph:
    """The (first) paragraph of case ``n``'s vedtak: the one after «Vedtak»."""
    paras = section(doc, n)
    label = next(i for i, p in enumerate(paras) if p.text.strip().rstrip(":").casefold() == "vedtak")
    return paras[label + 1]


def write_the_minutes(doc: Any) -> None:
    """Every mark written over: the minutes of each case, the count of eventuelt items."""
    for n, text in MINUTES.items():
        mark = next(p for p in section(doc, n) if p.text == PLACEHOLDER)
        type_over(mark, text)
    antall = next(p for p in section(doc, 1) if p.text.startswith("[Antall]"))
    type_over(antall, "To saker ble meldt inn til eventuelt.")


def retitle(doc: Any, n: int, heading: str) -> None:
    type_over(section(doc, n)[0], heading)


# -- the samples -----------------------------------------------------------------------------


def footnote_marks(doc: Any) -> dict[str, str]:
    """Footnote-like marks typed by hand, and the notes at the end of the case."""
    minutes = section(doc, 7)[1]
    type_over(minutes, "Rådet drøftet tilgangen til helsedata[1] og ventetiden for søknader[2].")
    note = add_after(minutes, "[1] Helsedataservice, årsrapport 2025.")
    add_after(note, "[2] Tall fra Helsedirektoratet per desember 2025.")
    return {}


def editorial_notes(doc: Any) -> dict[str, str]:
    """«[Red.anm.: …]» and «[sic]» in the minutes, and in a vedtak."""
    type_over(
        section(doc, 6)[1],
        "Sandset viste til utvalgets «helhetlige tilnærming [sic]». "
        "[Red.anm.: Utvalgets mandat ble sendt rådet 16. januar 2026.]",
    )
    vedtak = "Det settes ned en arbeidsgruppe. [Red.anm.: Arbeidsgruppen ble oppnevnt i etterkant av møtet.]"
    type_over(vedtak_paragraph(doc, 6), vedtak)
    return {HELSEREFORM: vedtak}


def other_agencies_numbers(doc: Any) -> dict[str, str]:
    """Other agencies' case numbers in running text, in their own forms."""
    type_over(
        section(doc, 7)[1],
        "Helsedirektoratet har saken til behandling (sak 25/1234 i Helsedirektoratet). "
        "Sekretariatet viste til brevet fra departementet, vår ref. 24/5678, og til Datatilsynets "
        "vurdering, jf. sak 2023/4567. Se også Sak 25/01234 og sak 2025/123.",
    )
    return {}


def no_break_and_tab_headings(doc: Any) -> dict[str, str]:
    """Headings with a no-break space, a tab or a thin space between the number and the title."""
    retitle(doc, 6, f"Sak 6/1/2026\u00a0{HELSEREFORM}")
    retitle(doc, 7, f"Sak\u00a07/1/2026\t{HELSEDATA}")
    retitle(doc, 9, "Sak 9/1/2026\u2009Evaluering\u00a0av møtet")
    return {}


def dash_headings(doc: Any) -> dict[str, str]:
    """Headings with a dash (of any kind) or a colon between the number and the title."""
    retitle(doc, 6, f"Sak 6/1/2026 \u2014 {HELSEREFORM}")
    retitle(doc, 7, f"Sak 7/1/2026\u00a0\u2013 {HELSEDATA}")
    retitle(doc, 8, "Sak 8/1/2026 \u2010 Eventuelt")
    retitle(doc, 9, "Sak 9/1/2026 - Evaluering av møtet")
    retitle(doc, 5, "Sak 5/1/2026: Oversikt meldinger og strategier")
    return {}


def bold_vedtak_labels(doc: Any) -> dict[str, str]:
    """«Vedtak:» typed as a bold Normal paragraph instead of the template's label style."""
    for p in doc.paragraphs:
        if p.text == "Vedtak" and not is_heading(p):
            p.style = "Normal"
            type_over(p, "Vedtak:")
            p.runs[0].bold = True
    return {}


def vedtak_of_several_paragraphs(doc: Any) -> dict[str, str]:
    """A vedtak of three paragraphs and a list, the way the council worded it in the meeting."""
    first = vedtak_paragraph(doc, 6)
    lines = [
        "Det settes ned en arbeidsgruppe med Marte Kvittum Tangen og Tarje Bjørgum.",
        "Arbeidsgruppen skal:",
        "kartlegge rådets innspill til utvalget",
        "legge frem et utkast på møtet onsdag 11. mars 2026.",
        "Sekretariatet følger opp, jf. Sak 7/1/2026.",
    ]
    type_over(first, lines[0])
    second = add_after(first, lines[1])
    item = add_after(second, lines[2], "List Bullet")
    item = add_after(item, lines[3], "List Bullet")
    add_after(item, lines[4], "Vedtak")
    return {HELSEREFORM: "\n".join(lines)}


def lists_and_a_table(doc: Any) -> dict[str, str]:
    """A bullet list in the minutes and a table of follow-up tasks."""
    minutes = section(doc, 7)[1]
    type_over(minutes, "Rådet pekte på tre forhold:")
    item = add_after(minutes, "lang saksbehandlingstid hos Helsedataservice", "List Bullet")
    item = add_after(item, "ulik praksis mellom regionene", "List Bullet")
    item = add_after(item, "behovet for felles veiledning [1]", "List Bullet")
    after = add_after(item, "Oppfølgingen er avtalt slik:")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ("Tiltak", "Ansvar", "Frist"),
            ("Innspill til departementet", "Sekretariatet", "1. mars"),
            ("Ny orientering", "Toril Hernes", "Neste møte"),
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    after._p.addnext(table._tbl)
    return {}


def til_orientering_notes(doc: Any) -> dict[str, str]:
    """«t.o.» notes pointing to other cases of the meeting, in the council's form."""
    type_over(section(doc, 8)[1], "Saken om møteplanen ble tatt t.o. sak 9/1/2026.")
    type_over(section(doc, 5)[2], "Oversikten ble tatt t.o., jf. sak 4/1/2026 og referatet fra møte 4/2025.")
    return {}


def genitive_names(doc: Any) -> dict[str, str]:
    """Roster members' names in the genitive and in running text."""
    type_over(
        section(doc, 6)[1],
        "Per Morten Sandsets innledning ble fulgt av Leif Rune Skymoens og Guri Rørtveits innspill. "
        "Marte Kvittum Tangens forslag om en arbeidsgruppe fikk støtte, også Tarje Bjørgums.",
    )
    return {}


def everything_at_once(doc: Any) -> dict[str, str]:
    """A secretary who does all of it in one referat."""
    expected: dict[str, str] = {}
    for sample in (
        footnote_marks,
        other_agencies_numbers,
        dash_headings,
        bold_vedtak_labels,
        vedtak_of_several_paragraphs,
        til_orientering_notes,
    ):
        expected |= sample(doc)
    retitle(doc, 7, f"Sak 7/1/2026\u00a0\u2013\u00a0{HELSEDATA}")
    return expected


SAMPLES: dict[str, Sample] = {
    sample.__name__: sample
    for sample in (
        footnote_marks,
        editorial_notes,
        other_agencies_numbers,
        no_break_and_tab_headings,
        dash_headings,
        bold_vedtak_labels,
        vedtak_of_several_paragraphs,
        lists_and_a_table,
        til_orientering_notes,
        genitive_names,
        everything_at_once,
    )
}


def finished(doc: Any, sample: Sample) -> dict[str, str]:
    """The skeleton ``doc`` finished: the minutes written, then ``sample``'s edits."""
    write_the_minutes(doc)
    return sample(doc)
