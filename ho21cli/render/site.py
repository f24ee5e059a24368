"""The published web site as HTML and CSS: the møtekalender and a page per meeting.

Pure functions from the plain data of core/publishing.py to text. Plain HTML and one
style sheet, no JavaScript: the pages work from a folder as from any web server. Every
text that comes from the archive goes through ``esc`` (html.escape); nothing a person
wrote is ever put into the markup as markup.

Universal design (WCAG 2.1 AA): ``lang="nb"``, one h1 and headings in order, a skip link
to ``<main id="innhold">``, a visible focus, tables with a caption and ``<th scope>``,
link texts that say where they go, dark text on white, and a print style.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ho21cli.core import dates
from ho21cli.core.attendance import AttendanceLists
from ho21cli.core.publishing import (
    CALENDAR_PAGE,
    MEETING_PAGE,
    STYLESHEET,
    Calendar,
    CalendarMeeting,
    MeetingLink,
    MeetingPage,
    PublicCase,
    PublicDocument,
    PublicReferat,
)

SKIP_LINK = "Hopp til hovedinnholdet"
POSTPONED = "Saken ble utsatt."


def esc(text: str) -> str:
    """Text from the archive, safe in an element or an attribute."""
    return html.escape(text, quote=True)


def file_size(size: int) -> str:
    """«120 kB», «1,4 MB»: as a Norwegian reader writes it."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def meeting_href(key: str, *, from_meeting: bool) -> str:
    """A meeting's page, from the calendar or from another meeting's page."""
    return f"{'../' if from_meeting else ''}{key}/{MEETING_PAGE}"


# -- the frame of every page -----------------------------------------------------------------


def document(title: str, *, css: str, council: str, home: str | None, nav: list[str], main: list[str]) -> str:
    """A whole page: head, the banner with the skip link and the navigation, and ``main``."""
    home_line = f'<a href="{esc(home)}">{esc(council)}</a>' if home else esc(council)
    nav_html = ['<nav aria-label="Møtenavigasjon">', '<ul class="navigasjon">', *nav, "</ul>", "</nav>"] if nav else []
    lines = [
        "<!DOCTYPE html>",
        '<html lang="nb">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f'<link rel="stylesheet" href="{esc(css)}">',
        "</head>",
        "<body>",
        '<header class="topp">',
        f'<a class="hopp" href="#innhold">{SKIP_LINK}</a>',
        f'<p class="avsender">{home_line}</p>',
        *nav_html,
        "</header>",
        '<main id="innhold" tabindex="-1">',
        *main,
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


# -- the calendar ----------------------------------------------------------------------------


def calendar_html(cal: Calendar) -> str:
    """The møtekalender: every year, the newest first, with its meetings, their date and status."""
    main = [f"<h1>Møtekalender for {esc(cal.council)}</h1>"]
    if not cal.years:
        main.append("<p>Ingen møter er planlagt ennå.</p>")
    else:
        main.append(
            "<p>Sakslister og saksdokumenter publiseres når innkallingen er sendt, og referatet med vedtakene "
            "når det er godkjent.</p>"
        )
    if len(cal.years) > 1:
        main += ['<nav aria-label="År">', '<ul class="aar">']
        main += [f'<li><a href="#aar-{y.year}">Møter i {y.year}</a></li>' for y in cal.years]
        main += ["</ul>", "</nav>"]
    for year in cal.years:
        main += [
            f'<section aria-labelledby="aar-{year.year}">',
            f'<h2 id="aar-{year.year}">{year.year}</h2>',
            "<table>",
            f"<caption>Møter i {year.year}</caption>",
            '<thead><tr><th scope="col">Møte</th><th scope="col">Dato</th>'
            '<th scope="col">Tid og sted</th><th scope="col">Status</th></tr></thead>',
            "<tbody>",
            *(_calendar_row(m) for m in year.meetings),
            "</tbody>",
            "</table>",
            "</section>",
        ]
    return document(f"Møtekalender – {cal.council}", css=STYLESHEET, council=cal.council, home=None, nav=[], main=main)


def _calendar_row(m: CalendarMeeting) -> str:
    name = f"Møte {esc(m.label)}"
    cell = f'<a href="{esc(meeting_href(m.key, from_meeting=False))}">{name}</a>' if m.linked else name
    where = ", ".join(part for part in (dates.time_span(m.start, m.end), m.place) if part)
    return (
        f'<tr><th scope="row">{cell}</th>'
        f'<td><time datetime="{m.day.isoformat()}">{esc(dates.full_date(m.day))}</time></td>'
        f"<td>{esc(where)}</td>"
        f"<td>{esc(dates.capitalized(m.status.value))}</td></tr>"
    )


# -- a meeting's page ------------------------------------------------------------------------


def meeting_title(page: MeetingPage) -> str:
    """«HelseOmsorg21-rådet, møte 1/2026»: the page's h1, its title and eInnsyn's offentligTittel."""
    return f"{page.council}, møte {page.label}"


def meeting_html(page: MeetingPage) -> str:
    """The meeting's page: when and where, the saksliste with the public documents, and once the
    referat is approved, who came and each case's vedtak."""
    nav = [f'<li><a href="../{CALENDAR_PAGE}">Tilbake til møtekalenderen</a></li>']
    if page.previous:
        nav.append(_neighbour(page.previous, "Forrige møte", "prev"))
    if page.next:
        nav.append(_neighbour(page.next, "Neste møte", "next"))
    main = [f"<h1>{esc(meeting_title(page))}</h1>", *_facts(page), *_saksliste(page)]
    if page.referat is not None:
        main += _referat(page, page.referat)
    return document(
        meeting_title(page),
        css=f"../{STYLESHEET}",
        council=page.council,
        home=f"../{CALENDAR_PAGE}",
        nav=nav,
        main=main,
    )


def _neighbour(link: MeetingLink, what: str, rel: str) -> str:
    href = esc(meeting_href(link.key, from_meeting=True))
    return f'<li><a href="{href}" rel="{rel}">{what}: møte {esc(link.label)}</a></li>'


def _facts(page: MeetingPage) -> list[str]:
    place = ", ".join(part for part in (page.place, page.address) if part)
    rows = [("Dato", f'<time datetime="{page.day.isoformat()}">{esc(dates.full_date(page.day))}</time>')]
    time = dates.time_span(page.start, page.end)
    if time:
        rows.append(("Tid", esc(time)))
    if place:
        rows.append(("Sted", esc(place)))
    rows.append(("Status", esc(dates.capitalized(page.status.value))))
    return ['<dl class="fakta">', *(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in rows), "</dl>"]


def _saksliste(page: MeetingPage) -> list[str]:
    lines = [
        '<section aria-labelledby="saksliste">',
        '<h2 id="saksliste">Saksliste</h2>',
    ]
    if not page.cases:
        return [*lines, "<p>Møtet har ingen saker.</p>", "</section>"]
    lines += [
        "<table>",
        f"<caption>Saksliste for møte {esc(page.label)}, med saksfremlegg og vedlegg</caption>",
        '<thead><tr><th scope="col">Sak</th><th scope="col">Tittel</th><th scope="col">Dokumenter</th></tr></thead>',
        "<tbody>",
        *(_case_row(c, page) for c in page.cases),
        "</tbody>",
        "</table>",
        "</section>",
    ]
    return lines


def _case_row(case: PublicCase, page: MeetingPage) -> str:
    title = esc(case.title) + (" (ettersendt sak)" if case.ettersendt else "")
    return f'<tr><th scope="row">{esc(case.number)}</th><td>{title}</td><td>{_documents_cell(case, page)}</td></tr>'


def _documents_cell(case: PublicCase, page: MeetingPage) -> str:
    if case.exempt:
        return f'<span class="unntatt">{esc(case.exemption)}</span>'
    items = []
    if case.ettersendes:
        items.append("Saksfremlegget ettersendes.")
    items += [_document_link(d) for d in case.documents]
    for w in case.withheld:
        text = f"Vedlegg {w.vedlegg}, {esc(w.title[:1].lower() + w.title[1:])}, publiseres ikke: et referat publiseres når det er godkjent."
        if w.meeting_key in page.linked:
            href = esc(meeting_href(w.meeting_key, from_meeting=True))
            text += f' <a href="{href}">Møtesiden for møte {esc(w.meeting_label)}</a>'
        items.append(text)
    if not items:
        return ""
    return '<ul class="dokumenter">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _document_link(d: PublicDocument) -> str:
    about = "PDF" if d.size is None else f"PDF, {file_size(d.size)}"
    return f'<a href="{esc(d.rel)}">{esc(d.link_text)} ({about})</a>'


# -- the approved referat --------------------------------------------------------------------


def _referat(page: MeetingPage, referat: PublicReferat) -> list[str]:
    lines = [
        '<section aria-labelledby="referat">',
        '<h2 id="referat">Referat</h2>',
        f"<p>{_approval(page, referat)}</p>",
    ]
    lines += _attendance(referat.attendance, referat.secretariat_heading)
    lines += ['<h3 id="vedtak">Vedtak</h3>']
    for case in page.cases:
        lines += [f"<h4>{esc(case.number)} {esc(case.title)}</h4>", *_vedtak(case)]
    lines.append("</section>")
    return lines


def _approval(page: MeetingPage, referat: PublicReferat) -> str:
    day = esc(dates.long_date(referat.approved))
    by = referat.by_meeting
    if by is None:
        return f"Referatet ble godkjent av leder {day}."
    name = f"møte {esc(by.label)}"
    if by.key in page.linked:
        name = f'<a href="{esc(meeting_href(by.key, from_meeting=True))}">{name}</a>'
    return f"Referatet ble godkjent i {name} {day}."


def _attendance(lists: AttendanceLists, secretariat_heading: str) -> list[str]:
    groups = [
        ("Til stede", lists.present, True),
        ("Observatører", lists.observers, False),
        ("Forfall", lists.absent, True),
        (secretariat_heading, lists.secretariat, False),
        ("Gjester", lists.guests, False),
    ]
    lines = []
    for heading, names, always in groups:
        if not names and not always:
            continue
        lines.append(f"<h3>{esc(heading)}</h3>")
        lines.append(_list(names) if names else "<p>Ingen.</p>")
    return lines


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def _vedtak(case: PublicCase) -> list[str]:
    if case.exempt:
        return [f'<p class="unntatt">{esc(case.exemption)}</p>']
    if case.postponed:
        return [f"<p>{POSTPONED}</p>"]
    if not case.vedtak:
        return ["<p>Ingen vedtak.</p>"]
    return [
        '<div class="vedtak">',
        *(f"<p>{esc(line)}</p>" for line in case.vedtak.splitlines() if line.strip()),
        "</div>",
    ]


# -- the style sheet -------------------------------------------------------------------------

# Colours checked for WCAG 2.1 AA: text #1b1b1b on white 17:1, links #0b4f8a 8.5:1 (visited
# #5a2d82 10:1), the focus ring #1b1b1b on #ffd666 behind it; borders #6b6b6b are 5.3:1.
CSS = """\
/* Written by ho21 publish. Plain CSS, no JavaScript. */
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; }
body {
  margin: 0;
  font-family: "Segoe UI", system-ui, -apple-system, Roboto, "Liberation Sans", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  color: #1b1b1b;
  background: #ffffff;
}
.topp, main { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
.topp { padding-top: 1rem; border-bottom: 1px solid #6b6b6b; }
.avsender { margin: 0 0 .5rem; font-weight: 600; }
main { padding-bottom: 3rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
a { color: #0b4f8a; text-decoration: underline; text-underline-offset: .15em; }
a:visited { color: #5a2d82; }
a:hover { text-decoration-thickness: .15em; }
a:focus, main:focus-visible {
  outline: 3px solid #1b1b1b;
  outline-offset: 2px;
}
a:focus { background: #ffd666; color: #1b1b1b; }
a:focus:not(:focus-visible) { outline: none; background: none; color: #0b4f8a; }
main:focus:not(:focus-visible) { outline: none; }
.hopp {
  position: absolute;
  left: -10000px;
  top: auto;
}
.hopp:focus {
  position: static;
  display: inline-block;
  margin-bottom: .5rem;
  padding: .25rem .5rem;
}
.navigasjon, .aar { list-style: none; margin: 0 0 .75rem; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.fakta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
.fakta dt { font-weight: 600; }
.fakta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .5rem .75rem .5rem 0; border-bottom: 1px solid #6b6b6b; }
thead th { border-bottom: 2px solid #1b1b1b; }
tbody th { font-weight: 600; white-space: nowrap; }
.dokumenter { margin: 0; padding-left: 1.1rem; }
.dokumenter li + li { margin-top: .25rem; }
.unntatt { font-style: italic; }
.vedtak p { margin: .25rem 0; font-style: italic; }
@media (max-width: 40rem) {
  tbody th { white-space: normal; }
  .fakta { grid-template-columns: 1fr; }
}
@media print {
  body { font-size: 11pt; color: #000000; }
  .hopp, nav { display: none; }
  .topp { border: 0; }
  a, a:visited { color: #000000; }
  .dokumenter a::after { content: " (" attr(href) ")"; font-size: 90%; }
  tr, h2, h3, h4 { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}
"""
