#!/usr/bin/env python3
"""Make the vedlegg (.docx attachments) of the bundled example, møte 1/2026.

The text is taken from the innkalling for HelseOmsorg21-rådet møte 1/2026
(14. januar 2026). The one exception is the Mandat for Helsereformutvalget,
which the innkalling lists but does not reproduce: it is a short summary
written from the Bakgrunn of Sak 6/1/2026.

Run:  python make_vedlegg.py            (writes into ./vedlegg/ beside this file)
      python make_vedlegg.py OUTDIR
Needs python-docx (pip install python-docx==1.2.0).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

AUTHOR = "HO21-sekretariatet"


# ---------------------------------------------------------------- helpers


def new_doc(title: str, *, landscape: bool = False) -> Document:
    doc = Document()
    props = doc.core_properties
    props.title = title
    props.author = AUTHOR
    props.language = "nb-NO"
    props.subject = "HelseOmsorg21-rådet, møte 1/2026"
    if landscape:
        sec = doc.sections[0]
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    return doc


def para(doc_or_cell, text: str = "", *, bold_lead: str | None = None, italic: bool = False, style: str | None = None):
    p = doc_or_cell.add_paragraph(style=style)
    if bold_lead:
        p.add_run(bold_lead).bold = True
    if text:
        run = p.add_run(text)
        run.italic = italic
    return p


def bullets(doc_or_cell, items: list[str]) -> None:
    for item in items:
        doc_or_cell.add_paragraph(item, style="List Bullet")


def numbered(doc, items: list[str]) -> None:
    # Word's 'List Number' style shares one counter per document: use it for
    # at most one numbered sequence per file.
    for item in items:
        doc.add_paragraph(item, style="List Number")


def _mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fill_cell(cell, value) -> None:
    """value: a str (lines split on newline) or a list of str/('bullet', str)."""
    lines = value.split("\n") if isinstance(value, str) else list(value)
    first = True
    for line in lines:
        style = None
        if isinstance(line, tuple):
            style, line = "List Bullet", line[1]
        if first:
            p = cell.paragraphs[0]
            if style:
                p.style = style
            p.add_run(line)
            first = False
        else:
            cell.add_paragraph(line, style=style)


def table(doc, header: list[str], rows: list[list], *, font_pt: float | None = None):
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    hdr = t.rows[0]
    _mark_header_row(hdr)
    for cell, text in zip(hdr.cells, header, strict=False):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            _fill_cell(cell, value)
    if font_pt:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for r in p.runs:
                        r.font.size = Pt(font_pt)
    return t


def B(text: str) -> tuple[str, str]:
    """A bulleted line inside a table cell."""
    return ("bullet", text)


# ---------------------------------------------------------------- Sak 3


def referat_mote_3_2025(out: Path) -> None:
    doc = new_doc("HelseOmsorg21-rådet, referat møte 3/2025")
    doc.add_heading("HelseOmsorg21-rådet, referat møte 3/2025", level=1)
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    info = [
        ("Dato", "Onsdag 8. oktober 2025\nKL. 10 - 15"),
        ("Sted", "Forskningsrådets lokaler\nDrammensveien 288"),
        (
            "Til stede",
            "\n".join(
                [
                    "Per Morten Sandset, Universitetet i Oslo",
                    "Arild Kristensen, Norway Health Tech",
                    "Esperanza Diaz, Universitetet i Bergen",
                    "Leif Rune Skymoen, Legemiddelindustriforeningen",
                    "Lilly Ann Elvestad, Funksjonshemmedes fellesorganisasjon",
                    "Marte Kvittum Tangen, fastlege, Tynset",
                    "Tarje Bjørgum, Abelia",
                    "Toril Hernes, Norges teknisk-naturvitenskapelige universitet, digitalt",
                    "Øivind Enger, Sarsia",
                ]
            ),
        ),
        (
            "Observatører, digitalt deler av møtet",
            "\n".join(
                [
                    "Hjørdis Møller Sandborg, HOD",
                    "Taran Borge, HOD",
                    "Haakon Kobbernes, KD",
                ]
            ),
        ),
        (
            "Forfall",
            "\n".join(
                [
                    "Ingrid Stenstadvold Ross, Kreftforeningen",
                    "Guri Rørtveit, Folkehelseinstituttet",
                    "Mari Trommald, Kommunesektorens organisasjon",
                    "Per Olav Østbyhaug, St. Olavs hospital",
                    "Pia Cecilie Bing-Jonsson, Universitetet i Sørøst-Norge",
                ]
            ),
        ),
        (
            "Til stede fra Sekretariatet/Forskningsrådet",
            "\n".join(
                [
                    "Henrietta Blankson, spesialrådgiver",
                    "Tine Thorbjørnsen, spesialrådgiver",
                    "Karianne Solaas, spesialrådgiver",
                    "Ole Johan Borge, avdelingsdirektør",
                ]
            ),
        ),
    ]
    for label, value in info:
        cells = t.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        _fill_cell(cells[1], value)

    def sak(nr: str, title: str, paras: list, vedtak: list[str]) -> None:
        doc.add_heading(f"Sak {nr} {title}", level=2)
        for item in paras:
            if isinstance(item, list):
                bullets(doc, item)
            elif isinstance(item, tuple):
                numbered(doc, list(item))
            else:
                para(doc, item)
        para(doc, bold_lead="Vedtak")
        for v in vedtak:
            para(doc, v, italic=True)

    sak(
        "30/3/25",
        "Godkjenning av innkalling og saksliste",
        [
            "Det ble gjort oppmerksom på at statsbudsjettet legges frem 15. oktober og ikke "
            "7. oktober som det står i sak 35/3/2025.",
            "To saker ble meldt inn til eventuelt.",
        ],
        ["Innkalling og saksliste godkjennes."],
    )
    sak(
        "31/3/25",
        "Spørsmål om habilitet",
        [
            "Inhabilitet ble vurdert for sakene på dagens møte.",
        ],
        ["Det er ikke knyttet inhabilitet til sakene på rådsmøtet."],
    )
    sak(
        "32/3/25",
        "Godkjenning av referat fra møtet 2/2025",
        [
            "Utkast til referat var oppdatert med noen justeringer som var meldt inn til merknadsfristen.",
        ],
        ["Referatet godkjennes."],
    )
    sak(
        "33/3/25",
        "Orienteringer",
        [
            "Det ble orientert om følgende:",
            [
                "Kronikken «Fra forskningsfront til verdiskaping: Hvor ble det av broen?» er publisert "
                "i Khrono 31.7.25 og lagt ut på rådets nettside.",
                "Kronikk om kunnskapsberedskap. Denne er ikke publisert ennå og vil bearbeides før det prøves på nytt.",
                "Rådets arrangementer på Arendalsuka 2025.",
                "Rådets frokostmøte Deichman Bjørvika 10. november: «Forebygging og folkehelsearbeid i "
                "kommunene: Hvordan legge til rette for forskning som fører til handling?»",
                "Status og fremdrift for LinkedIn profilene til HelseOmsorg21-monitor og HelseOmsorg21-monitor.",
                "Eksportsatsingen og veikart for helsenæring og tilhørende møter i topplederforum og "
                "eksportstyret for økt eksport og verdiskaping fra helseindustri.",
                "Årsrapporter fra Forskningscentre for klinisk behandling.",
            ],
        ],
        ["Tas til orientering."],
    )
    sak(
        "34/3/25",
        "Oversikt meldinger og strategier",
        [
            "Saken er fast på alle rådsmøtene og skal bidra til bedre forutsigbarhet og beredskap i "
            "forbindelse med rådets behandling av strategier og meldinger.",
            "Sekretariats forslag til oppfølging av de forskjellige meldingene og strategiene ble diskutert.",
        ],
        [
            "Rådet slutter seg til sekretariatets forslag om å gi høringssvar til NOU 2025:8 Folkehelse – "
            "verdier, kunnskap og prioritering. Marte Kvittum Tangen, Esperanza Diaz og Lilly Ann Elvestad "
            "deltar i arbeidsgruppe for oppfølgingen. Rådet ber sekretariatet også forespørre relevante "
            "medlemmer som ikke var til stede på møtet om å delta i arbeidsgruppen.",
            "Rådet vil invitere leder av Helsereformutvalget til neste rådsmøte og vil da ta stilling til "
            "om hvem som bør inngå i en arbeidsgruppe for innspill til utvalgets arbeid.",
            "Meldinger der rådet ikke vil ha en oppfølging, fjernes fra listen.",
        ],
    )
    sak(
        "35/3/25",
        "Statsbudsjettet for 2026",
        [
            "Statsbudsjettet legges frem 15. oktober. Rådet, fortrinnsvis ved rådsleder, bør delta i "
            "relevante stortingshøringer i de ulike komiteene.",
        ],
        [
            "Rådsmedlemmer gir innspill til sekretariatet om momenter de mener det er viktige for rådet "
            "å fronte i høringene."
        ],
    )
    sak(
        "36/3/25",
        "Gevinstanalyse av helseteknologi",
        [
            "Tone Varslot Stave, leder av helsesatsingen i Innovasjon Norge og Kari Rolfsjord, "
            "prosjektleder Menon Economics presenterte resultatene fra rapporten «Gevinstanalyse av "
            "helseteknologi – En kartlegging av utvalgte helseteknologier utviklet gjennom "
            "innovasjonspartnerskap eller innovasjonskontrakt». Presentasjonen er vedlagt referatet.",
            "Rapporten viser blant annet at det er utfordrende å få nye produkter, tjenester eller "
            "arbeidsprosesser til å skalere til nye avdelinger, andre kommuner og andre helseforetak.",
            "I rådets kommentarer til rapporten, var incentivordninger, behov for organisatoriske "
            "endringer og implementering i faglig retningslinjer noe av det som ble trukket frem som "
            "viktig for å oppnå ønsket endring.",
        ],
        ["Rådet tar rapporten og dets resultater til orientering."],
    )
    sak(
        "37/3/25",
        "Innovasjon i anskaffelsesprosesser",
        [
            "Omstillingsevnen i tjenestene må økes.",
            "Rådet diskuterte behovet for en handlingsplan, balansen mellom forskning og drift i "
            "helsetjenester, hvordan skape kultur og insentiver for innovative tiltak i driften, og om "
            "sterkere styringssignaler med KPI-er fra departementene kan øke innovasjonstakten. Det ble "
            "påpekt at det trengs tiltak både fra bottom-up og top-down og at det også kreves "
            "kompetansehevende tiltak for å få til handling.",
        ],
        [
            "Tarje Bjørgum, Per Morten Sandset, Mari Trommald og Arild Kristensen deltar i en "
            "arbeidsgruppe som skal komme tilbake til rådet med forslag til konkrete handlingspunkter om "
            "hvordan saken tas videre.",
            "Rådet ber sekretariatet også forespørre relevante medlemmer som ikke var til stede på møtet "
            "om å delta i arbeidsgruppen.",
        ],
    )
    sak(
        "38/3/25",
        "Tilgang til helsedata",
        [
            "Sekretariatet framla arbeidsgruppens foreløpige funn etter intervjuer med åtte søkere til og "
            "to saksbehandlere i Helsedataservice. Rådet diskuterte funnene. Vi har fått en vei inn og "
            "forenklet lovgiving, men rådet identifiserte flere utfordringer som bør løses. "
            "Arbeidsgruppen planlegger å intervju flere søkere og saksbehandlere i utvalgte helseregistre "
            "før rapport utarbeides.",
            "Marta Ebbing blir nytt medlem av arbeidsgruppen etter Bjørn Egil Vikse.",
            "Rådsleder informerte om at toppledermøtet som rådet planlegger å arrangere sammen med Oslo "
            "Science City (OSC) og UiO: Livsvitenskap om helsedata ser ut til å bli i november 2025. "
            "Møtet er et oppfølgingsmøte etter toppledermøtet i 2024 og vil ta inn over seg siste års "
            "endring nasjonalt og internasjonalt.",
        ],
        [
            "Informasjonen om arbeidsgruppens arbeid og sammensetning og om rundebordsmøtet tas til "
            "orientering. Rådet vil diskutere videre arbeid med å løse flaskehalsen for tilgang til "
            "helsedata når de har fått framlagt endelig rapport om intervjufunnene og blitt orientert om "
            "utfallet av rundebordsmøtet."
        ],
    )
    sak(
        "39/3/25",
        "Innspill til internseminar om KI i helsetjenestene",
        [
            "Innretning på rådets internseminar om kunstig intelligens (KI) ble diskutert. Det kom "
            "forslag om å knytte tematikken på seminaret til rådets mandat og se på hvordan KI virker inn "
            "på forskning, innovasjon og prioritering i helsetjenesten. Tillit til KI ble også løftet som "
            "et relevant tema, i tillegg til utvikling av data og kompetanse om KI i helsetjenesten. Det "
            "er ønsket at seminaret skal ta utgangspunkt i noen gode eksempler på bruk av KI.",
            "Rådsmedlemmene ble bedt om å sende ytterligere innspill og forslag til bidragsytere i løpet "
            "av en ukes tid.",
            "Seminaret er planlagt avholdt i forbindelse med rådsmøte 1/2026.",
        ],
        ["Rådet ber sekretariatet planlegge seminaret i tråd med innspillene fra rådet."],
    )
    sak(
        "40/3/25",
        "Eventuelt",
        [
            "To tema ble meldt inn som mulige saker til kommende rådsmøter:",
            (
                "Dimensjonering av ph.d.-utdanningen. Hvordan kan vi sikre riktig kompetanse i ulike "
                "sektorer slik at kunnskap tas i bruk? Her trenger vi et kunnskapsgrunnlag som sier noe "
                "om hvor ph.d.-ene innenfor helse og helseteknologi osv. jobber etter doktorgraden.",
                "EUs rammeprogram og helsenæring. Hvordan kan det norske økosystemet for helsenæring "
                "benytte seg av EUs rammeprogram og mulighetene som finnes der?",
            ),
        ],
        ["Intet."],
    )
    sak("41/3/25", "Evaluering av møtet", [], ["Intet."])
    doc.save(out / "utkast-referat-mote-3-2025.docx")


# ---------------------------------------------------------------- Sak 4


def programutkast(out: Path) -> None:
    title = "UTKAST: Program internseminar om kunstig intelligens i den norske helsetjenesten"
    doc = new_doc(title)
    doc.add_heading(title, level=1)
    para(doc, "4. mars 2026, fra kl. 10:00", bold_lead="Dato: ")
    table(
        doc,
        ["Varighet (cirka)", "Innhold", "Foredragsholdere (takket ja)"],
        [
            ["5 min", "Velkommen", "Per Morten Sandset (HelseOmsorg21-rådet)"],
            [
                "35 min",
                [
                    "Status og fremtidige behov",
                    B("Status på digitaliseringen i norsk helsetjeneste og behovene fremover"),
                    B("Hva er de største utfordringene og de største mulighetene for KI-løsninger i helsetjenesten?"),
                    B("Hva er de viktigste forskningstrendene innenfor KI og helsetjenesten?"),
                    B("Hva er det viktigst at vi forsker på innenfor KI og helsetjenesten?"),
                ],
                "Kerstin Bach (NTNU)",
            ],
            [
                "35 min",
                [
                    "Implementering",
                    B("Hva skal til for å ta i bruk KI i helsetjenesten?"),
                    B("Forventet og reell gevinstrealisering"),
                    B(
                        "Eksempler fra helsetjenesten på anskaffelse, innføring og bruk av «hyllevare» og på "
                        "intern utvikling av KI-løsninger"
                    ),
                ],
                "Bård Magnus Lunde Dale (Helse Bergen HF)\nElisabeth Askimdal Hersvik (Vestre Viken HF)",
            ],
            [
                "25 min",
                [
                    "Innovasjon og næringsutvikling",
                    B("Hvordan bidra til verdiskaping og personellbesparende løsninger?"),
                    B("Hvordan kan gode KI-løsninger skaleres?"),
                    B(
                        "Eksempler fra næringslivet på KI-løsninger som er relevante for "
                        "spesialisthelsetjenesten og for allmenntilleggsmedisin"
                    ),
                ],
                "",
            ],
            [
                "35 min",
                [
                    "Ansvarlig bruk og tillit",
                    B(
                        "Hvordan sikre rettferdige og pålitelige analyser og resultater ved bruk av KI i "
                        "helsetjenesten?"
                    ),
                    B(
                        "Hva er de viktigste gevinstene og de viktigste risikoene/ulempene ved bruk av KI i "
                        "helsetjenesten?"
                    ),
                    B("Hvordan involvere brukerne?"),
                ],
                "Bente Jansen (Felleskatalogen)",
            ],
            ["", "Lunsj", ""],
        ],
    )
    doc.save(out / "programutkast-ki-seminar.docx")


LINKEDIN_ROWS = [
    (
        "I går møttes regjeringens strategiske dialogarena for utvikling av helsenæringen.",
        549,
        28,
        19,
        0,
        2,
        "0,089253187",
    ),
    (
        "Gledelig nyhet i vedtatt statsbudsjett for 2026 - helseteknologiordningen styrkes med 60 "
        "millioner med målrettet satsning på personellbesparende teknologier.",
        370,
        16,
        13,
        0,
        0,
        "0,078378379",
    ),
    ("Helsedata er en av HelseOmsorg21-rådets hovedprioriteringer.", 177, 15, 10, 0, 0, "0,141242936"),
    ("Mye interessant å høre om på årets EHIN-konferanse.", 748, 79, 35, 0, 1, "0,153743312"),
    (
        "Stort engasjement på frokostmøtet som rådet arrangerte sammen med Nasjonalforeningen for "
        "folkehelsen om forebygging og folkehelsearbeid i kommunene, alt stødig ledet av Per Morten "
        "Sandset og Tone Poulsson Torgersen.",
        1070,
        106,
        54,
        2,
        1,
        "0,152336448",
    ),
    (
        "Flotte eksempler på LUPs jubileumskonferanse om hvordan offentlige anskaffelser kan bidra "
        "til innovasjon og verdiskaping.",
        480,
        19,
        8,
        1,
        1,
        "0,060416665",
    ),
    ("Rådet skriver i MedWatch om #kunnskapsberedskap.", 232, 13, 6, 0, 1, "0,086206898"),
    ("Har du sett denne? Viktig frokostmøte om forebygging og folkehelse.", 86, 6, 5, 1, 0, "0,139534891"),
    ("Helseteknologi – fra pilot til gevinst for hele helsetjenesten", 1584, 107, 44, 3, 2, "0,098484851"),
    (
        "Forebygging handler ikke bare om å avlaste helsetjenesten, men om å fremme helse, redusere "
        "ulikhet og legge til rette for gode liv i hele befolkningen.",
        1922,
        116,
        49,
        3,
        7,
        "0,09105099",
    ),
    ("Intervju med Øivind Enger", 447, 18, 15, 0, 1, "0,076062642"),
    ("Kunnskap som ikke tas i bruk er en tapt mulighet.", 856, 85, 27, 2, 2, "0,135514021"),
]


def statistikk_linkedin(out: Path) -> None:
    doc = new_doc("Statistikk LinkedIn profil", landscape=True)
    doc.add_heading("Statistikk LinkedIn profil", level=1)
    para(doc, "Innlegg på HelseOmsorg21-rådets LinkedIn-profil, nyeste først (utdrag).")
    table(
        doc,
        [
            "Innleggets tittel",
            "Visninger",
            "Klikk",
            "Liker",
            "Kommentarer",
            "Innlegg lagt ut på nytt",
            "Engasjement frekvens",
        ],
        [[str(v) for v in row] for row in LINKEDIN_ROWS],
        font_pt=9,
    )
    doc.save(out / "statistikk-linkedin-profil.docx")


# ---------------------------------------------------------------- Sak 5


def oversikt_meldinger(out: Path) -> None:
    doc = new_doc("Oversikt meldinger og strategier", landscape=True)
    doc.add_heading("Oversikt meldinger og strategier", level=1)
    table(
        doc,
        ["Melding/strategi/NOU", "Innspill", "Lansering", "Høring", "Forslag videre oppfølging fra HO21-rådet"],
        [
            [
                "Oppfølging av Nasjonal handlingsplan for kliniske studier 2021-2025",
                "Innspill, 14.10.2024",
                "Lansering i 2026",
                "",
                "",
            ],
            [
                "Prioritering av folkehelseiltak",
                "Innspill på rådsmøte 2/2025",
                "16.9.2025 NOU 2025: 8 Folkehelse – verdier, kunnskap og prioritering",
                "Høringsfrist 22.12.2025",
                "",
            ],
            [
                "Forslag til endringer i helseforskningsloven og tilhørende regelverk",
                "",
                "",
                "Høringsuttalelse, 6.1.2025",
                "Høringssvar, 6.5.2025\nFølges opp i helsedataarbeidet",
            ],
            [
                "Forslag til endringer i Lov om folkehelsearbeid (folkehelseloven)",
                "",
                "",
                "Høringsuttalelse, 16.1.2025",
                "",
            ],
            [
                "Utredning fra Innovasjon- og samskappingsutvalget",
                "Frist 17.12.25\nRådet har ikke sendt innspill",
                "Rapport senest innen sommeren 2026",
                "",
                "",
            ],
            ["Demensplan 2030", "", "Legges frem våren 2026", "", ""],
            [
                "Hurtig utredning av mulig justering av alternativkostnaden i den norske helsetjenesten",
                "",
                "",
                "Høringsfrist 15.02.2026",
                "",
            ],
            ["Helsereformutvalget", "", "NOU skal leveres innen 1 november 2026", "", "Sak på møte 1/2026"],
            ["Pasient- og brukerrettighetslovutvalget", "", "NOU skal leveres innen 14. mai 2027", "", ""],
        ],
        font_pt=10,
    )
    doc.save(out / "oversikt-meldinger-og-strategier.docx")


# ---------------------------------------------------------------- Sak 6


def mandat_helsereformutvalget(out: Path) -> None:
    # The innkalling lists "1. Mandat" without its text. This is a short
    # summary built only from what Sak 6/1/2026 (and Sak 5) say about it.
    doc = new_doc("Mandat for Helsereformutvalget")
    doc.add_heading("Mandat for Helsereformutvalget", level=1)
    doc.add_heading("Bakgrunn", level=2)
    para(
        doc,
        "Helse- og omsorgstjenesten står overfor et økende omstillingsbehov. En aldrende "
        "befolkning, et stramt arbeidsmarked og mer komplekse pasientforløp stiller nye krav "
        "til hvordan tjenestene organiseres, styres og finansieres.",
    )
    para(
        doc,
        "Regjeringen har derfor oppnevnt et helsereformutvalg som skal utrede og foreslå "
        "modeller som sikrer en helhetlig, sammenhengende og bærekraftig helse- og "
        "omsorgstjeneste i Norge.",
    )
    doc.add_heading("Utvalgets oppdrag", level=2)
    para(
        doc,
        "Utvalget skal se de kommunale helse- og omsorgstjenestene og "
        "spesialisthelsetjenesten i sammenheng. Utvalget skal blant annet:",
    )
    bullets(
        doc,
        [
            "beskrive utfordringene ved dagens organisering, styring og finansiering av tjenestene",
            "vurdere modeller for organisering og styring på tvers av kommunale tjenester og spesialisthelsetjenesten",
            "vurdere finansieringsordninger som understøtter helhetlige og sammenhengende pasientforløp",
            "vurdere hvordan samarbeid med private aktører kan skje på en hensiktsmessig måte",
            "utrede økonomiske og administrative konsekvenser av forslagene",
        ],
    )
    para(
        doc,
        "Utvalget skal legge til rette for innspill fra kommunesektoren, helseforetakene, "
        "brukerorganisasjoner, fagmiljøer og andre berørte aktører underveis i arbeidet.",
    )
    doc.add_heading("Organisering og frist", level=2)
    para(doc, "Utvalget ledes av Gunnar Bovim. Utvalget skal levere sin rapport som NOU innen 1. november 2026.")
    para(
        doc,
        "Kortversjon av mandatet, laget som eksempelvedlegg. Det fullstendige mandatet er publisert på regjeringen.no.",
        italic=True,
    )
    doc.save(out / "mandat-helsereformutvalget.docx")


# ---------------------------------------------------------------- Sak 8


def notat_innovasjonslope(out: Path) -> None:
    title = "Innovasjonsløype i helsetjenestene og utvikling av helsenæring"
    doc = new_doc(f"Notat: {title}")
    doc.add_heading(title, level=1)

    doc.add_heading("Kort om bakgrunn", level=2)
    para(
        doc,
        "Det er et uttrykt politisk ønske om få til mer offentlig-privat samarbeid og skape "
        "et hjemmemarked for norsk helsenæring for å påskynde nødvendig omstilling i "
        "helsetjenestene for å møte de demografiske, økonomiske og geopolitiske utfordringene "
        "Norge står overfor.",
    )
    para(
        doc,
        "Mye av løsningen kan ligge i ny organisering, bedre samhandling, målrettet "
        "innovasjon og riktig bruk av teknologi – i tett partnerskap med næringsliv, ideell og "
        "frivillig sektor. For å få til dette må det skapes en langt bedre innovasjonsløype i "
        "helsetjenesten. Noe av dette adresseres gjennom Innovasjon- og samskapingsutvalget "
        "som allerede har definert fire sentrale problemstillinger for mer innovasjon i helse "
        "og velferd.",
    )
    para(doc, "I dette dokumentet vil vi fokusere på utfordringene sett fra helsetjenestenes perspektiv.")

    doc.add_heading("Rådets mandat og kort historikk om tidligere arbeid om temaet", level=2)
    para(
        doc,
        "HelseOmsorg21-rådet skal skape en målrettet og helhetlig innsats for forskning, "
        "innovasjon og kommersialisering innenfor helse og omsorg og er opptatt av helse- og "
        "omsorgssektorens samspill med helsenæringen.",
    )
    para(
        doc,
        "Rådet gjennomførte flere dialogmøter i 2021-2022 for å kartlegge flaskehalser i "
        "innovasjon i helsetjenestene og for skape et hjemmemarked for norsk helsenæring. "
        "Siden den gang har regjeringen lagt fram veikart for helsenæring og "
        "eksportpostsatsing, og helseteknologiordning for implementering av ny teknologi.",
    )
    para(doc, "Men innovasjon utover piloter mangler fortsatt og skalering skjer som regel ikke.")
    para(
        doc,
        "Helsetjenesten får ikke til samarbeid med næringslivet i den grad vi ønsker pga. "
        "begrensede økonomiske ressurser, kapasiteten til helsepersonell og kompetanse. Selv "
        "om innovasjon er ønsket og nødvendig, har sykehusene begrensede frie midler og liten "
        "tid til å delta aktivt i utvikling av nye produkter. De ansatte er bundet til "
        "klinisk arbeid og har sjelden mulighet til å fristilles fra sine primæroppgaver for "
        "å bidra i innovasjonsprosjekter. Samtidig må sykehusenes medisinsk-tekniske "
        "avdelinger og IKT-infrastruktur håndtere nye løsninger og kople dem til eksisterende "
        "infrastruktur, noe som ofte krever investeringer og personalressurser til "
        "tilpasninger.",
        bold_lead="Samarbeid om innovasjon: ",
    )
    para(
        doc,
        "Som følge av dette er det ofte vanskelig å frigjøre ressurser til å sette sammen "
        "tverrfaglige team som kan dekke næringslivets behov for klinisk og regulatorisk "
        "kompetanse. Mange ganger er det nødvendig med ekstern offentlig finansiering for å "
        "avlaste sykehusene økonomisk. Uten dette blir det krevende å prioritere deltakelse i "
        "slikt samarbeid. I tillegg er det usikkerhet blant ansatte knyttet til denne type "
        "samarbeid pga frykt for å havne i en gråsoner når det gjelder regler for offentlig "
        "støtte, og fordi det kan trekke tid og fokus bort fra pasientbehandling.",
    )
    para(
        doc,
        "Sykehusene opplever dermed at kravene til bidrag i innovasjonsprosjekter ofte kommer "
        "i konflikt med daglige driftsbehov og eksisterende rammer for ressursbruk, og vegrer "
        "seg derfor for denne type samarbeid – selv om gevinstene på sikt kan være betydelige "
        "for både pasienter og ansatte.",
    )
    para(
        doc,
        "Helsetjenesten opplever det som krevende å ta i bruk nye produkter fra "
        "næringslivet, til tross for potensiale for kvalitetsforbedring, gevinstrealisering "
        "og personellbesparelser i behandlingen. Sykehus og klinikker har begrenset mulighet "
        "til å fornye medisinsk utstyr, særlig når gevinstene i form av driftsbesparelser "
        "ikke er tydelige plassert i riktig enhet til å forsvare investeringene.",
        bold_lead="Innkjøp og gevinstrealisering: ",
    )
    para(
        doc,
        "Når det finnes dokumentert nytte av et produkt og man ønsker å gå til innkjøp, må "
        "anskaffelsen gjennom en offentlig anbudsprosess. Her opplever sykehusene at mindre "
        "norske bedrifter ofte ikke kan konkurrere mot store, internasjonale leverandører, "
        "selv om disse tilbyr lignende løsninger. Dette skaper utfordringer, da investeringer "
        "og ressurser brukt på utprøving av utstyr fra norske aktører ikke gir uttelling hvis "
        "en annen leverandør til slutt vinner anbudet.",
    )
    para(
        doc,
        "I tillegg opplever helsetjenesten at norske teknologiselskaper uttrykker at det er "
        "større mulighet for salg i utlandet dersom de gjennomfører utprøvningsstudier der. "
        "Uten salg på hjemmemarkedet ender ofte norsk teknologi hos nye internasjonale eiere.",
    )

    doc.add_heading(
        "Hva kan gjøres for at helsetjenestene kan bli med i utviklingen og å ta innovasjoner i bruk", level=2
    )
    numbered(doc, ["Investering må koples til gevinst – hvis ikke, ingen endring"])
    para(doc, "De viktigste grepene:")
    bullets(
        doc,
        [
            "Krav om gevinstplan ved større anskaffelse, standardkrav om hvordan kostnader og gevinster "
            "fordeles på tvers av aktører.",
            "Innfør samfinansiering mellom kommuner og sykehus der gevinster deles.",
            "Endre takster og refusjoner slik at forebygging, hjemmeoppfølging og digital behandling "
            "lønner seg der det investeres.",
            "Kartlegging av flaskehalser – systematisk gjennomgang av hvor gode løsninger stopper i "
            "systemet. Offentlige helseaktører må settes i stand til å yte den hjelpen som "
            "helsenæringen trenger.",
        ],
    )
    para(
        doc,
        "Raskere investering i løsninger som reduserer behovet for personell og institusjonsplasser.",
        bold_lead="Effekt: ",
    )
    numbered(doc, ["Piloter må implementere piloter i full drift? – slutt på «pilotsyken»"])
    para(doc, "Norge tester mye, men skalerer for lite.")
    para(doc, "De viktigste grepene:")
    bullets(
        doc,
        [
            "Alle piloter må ha plan for anskaffelse og skalering før oppstart.",
            "Støtteordninger må dekke første innkjøp – ikke bare utvikling, men også innføring.",
            "Etabler nasjonale standarder for helsedata og digitale løsninger.",
            "Lag nasjonale og regionale rammeavtaler for løsninger med dokumentert effekt.",
            "Nasjonal liste over “klar-til-skalering”-løsninger med effekttall, referanser og kontraktsmal.",
        ],
    )
    para(doc, "Innovasjon uten skalering er ikke innovasjon – det er aktivitet.", bold_lead="Konklusjon: ")
    doc.save(out / "notat-innovasjonslope.docx")


def presentasjon_innovasjonslope(out: Path) -> None:
    title = "Innovasjonsløype i helsetjenestene og utvikling av helsenæring"
    doc = new_doc(f"Presentasjon: {title}")
    # One Heading 1 per slide.
    doc.add_heading(title, level=1)
    para(doc, "Per Olav Østbyhaug")
    para(doc, "Medlem av HO21")
    para(doc, "Utviklingsdirektør St. Olavs hospital HF")

    doc.add_heading("Eksempel på «Start-up»: Vilje Bionics", level=1)
    # A picture as slides have them: no alt text (ho21 gives merged images one).
    doc.add_picture(str(Path(__file__).resolve().parent / "2026-1" / "linkedin-folgere.png"), width=Cm(8))
    para(doc, "Grunnleggende gründerspørsmål:")
    bullets(
        doc,
        [
            "Hvem skal betale?",
            "Dødens dal x 2",
            "Hjelpemiddelapparatet",
            "(Formueskatt)",
            "Hvordan nå opp i konkurransen om anskaffelse?",
            "Hva kan vi gjøre for hjelpe dem å lykkes?",
        ],
    )

    doc.add_heading(
        "Helsenæringen i Norge har bare et offentlig helsevesen som utviklingsarena og hjemmemarked", level=1
    )
    para(doc, "Behov fra helsenæring:")
    bullets(
        doc,
        [
            "Kontakt med sykehus",
            "Sykehusenes evne til å tilby tverrfaglig kompetanse og kapasitet",
            "Verdivurdering. Kost/nytte av prosjektet",
            "Kapasitet til investeringer i sykehus",
            "Studiedesign, inklusive regulatoriske forhold",
            "Gjennomføring av pilot",
            "Kultur i sykehus for samarbeid med næringsliv (offentlig støtte)",
            "Manglende oversikt over nyttige nye produkter som er utviklet",
            "Manglende evne til å investere i nytt utstyr",
            "Offentlig tilbud ved anskaffelse (regionale)",
            "Manglende hjemmemarked, salg av bedrift",
        ],
    )
    para(doc, "Store kostnader for helsenæring og sykehus", bold_lead="Samarbeid om innovasjon: ")
    para(doc, "Manglende inntekt for helsenæring og sykehus", bold_lead="Innkjøp av nye produkter: ")

    doc.add_heading("Suksess-faktorer med store firma (med finansieringsevne)", level=1)
    numbered(
        doc,
        [
            "Du må ha robuste resultater å vise til over tid",
            "Du må investere tid og ressurser til forhandlingene",
            "Du må komme i kontakt med de riktige folkene (trenger døråpner)",
            "Personkjemi er mye viktigere enn du tror",
            "Du må vise at du har en rigg som kan håndtere oppgaven, og du må vise at du satser på samarbeidet",
            "Du må være utålmodig på en tålmodig måte",
            "Du må treffe med timingen",
            "Du må ha en avtalestruktur som er hensiktsmessig (en strategisk MOU/strategisk avtale på "
            "toppen + konkrete arbeidspakker under denne. Arbeidspakkene rammes inn som "
            "forskningsprosjekter for å sikre faglig utbytte, unngå merkantile problemer og "
            "kvalitetssikre gevinstene for begge parter)",
            "Du må ha ryggdekning fra toppledelsen i helseforetaket",
        ],
    )

    doc.add_heading("Noen tiltak", level=1)
    doc.add_heading("1. Investering må koples til gevinst – hvis ikke, ingen endring", level=2)
    bullets(
        doc,
        [
            "De viktigste grepene:",
            "Krav om gevinstplan ved større anskaffelse, standardkrav om hvordan kostnader og gevinster "
            "fordeles på tvers av aktører.",
            "Innfør samfinansiering mellom kommuner og sykehus der gevinster deles.",
            "Endre takster og refusjoner slik at forebygging, hjemmeoppfølging og digital behandling "
            "lønner seg der det investeres.",
            "Kartlegging av flaskehalser – systematisk gjennomgang av hvor gode løsninger stopper i "
            "systemet. Offentlige helseaktører må settes i stand til å yte den hjelpen som "
            "helsenæringen trenger.",
            "Effekt: Raskere investering i løsninger som reduserer behovet for personell og institusjonsplasser.",
        ],
    )
    doc.add_heading("2. Piloter må implementere piloter i full drift? – slutt på «pilotsyken»", level=2)
    bullets(
        doc,
        [
            "Norge tester mye, men skalerer for lite.",
            "De viktigste grepene:",
            "Alle piloter må ha plan for anskaffelse og skalering før oppstart.",
            "Støtteordninger må dekke første innkjøp – ikke bare utvikling, men også innføring.",
            "Etabler nasjonale standarder for helsedata og digitale løsninger.",
            "Lag nasjonale og regionale rammeavtaler for løsninger med dokumentert effekt.",
            "Nasjonal liste over “klar-til-skalering”-løsninger med effekttall, referanser og kontraktsmaler.",
            "Konklusjon: Innovasjon uten skalering er ikke innovasjon – det er aktivitet.",
        ],
    )
    doc.save(out / "presentasjon-innovasjonslope.docx")


# ---------------------------------------------------------------- Sak 10


def struktur_horisont_europa(out: Path) -> None:
    doc = new_doc("Struktur og budsjett for Horisont Europa 2028-34", landscape=True)
    doc.add_heading("Struktur og budsjett for Horisont Europa 2028-34", level=1)
    p = doc.add_paragraph("With a proposed ")
    p.add_run("€175 billion").bold = True
    p.add_run(" budget, the new programme will be based on four pillars.")
    table(
        doc,
        ["Pillar I", "Pillar II", "Pillar III", "Pillar IV"],
        [
            ["EXCELLENT SCIENCE", "COMPETITIVENESS AND SOCIETY", "INNOVATION", "EUROPEAN RESEARCH AREA"],
            ["€44.079 BILLION", "€75.876 BILLION", "€38.785 BILLION", "€16.262 BILLION"],
            [
                "EUROPEAN RESEARCH COUNCIL",
                "COMPETITIVENESS¹:\n"
                "1. Clean Transition and Industrial Decarbonisation\n"
                "2. Health, Biotech, Agriculture and Bioeconomy\n"
                "3. Digital leadership\n"
                "4. Resilience and Security, Defence Industry and Space",
                "EUROPEAN INNOVATION COUNCIL",
                "ERA POLICIES",
            ],
            [
                "MARIE SKŁODOWSKA-CURIE ACTIONS",
                "SOCIETY:\n1. Global societal challenges\n2. EU Missions\n3. New European Bauhaus Facility",
                "INNOVATION ECOSYSTEMS AND THE KNOWLEDGE TRIANGLE",
                "RESEARCH AND TECHNOLOGY INFRASTRUCTURES",
            ],
            ["SCIENCE FOR EU POLICIES", "", "", "WIDENING PARTICIPATION AND SPREADING EXCELLENCE"],
        ],
        font_pt=10,
    )
    fn = para(doc, "¹ Consistent with activities under the European Competitiveness Fund")
    for r in fn.runs:
        r.font.size = Pt(9)
    doc.save(out / "struktur-horisont-europa.docx")


def budsjettfordeling(out: Path) -> None:
    title = "Budsjettfordeling mellom HEU og ECF i de fire tematiske politikkvinduene"
    doc = new_doc(title)
    doc.add_heading(title, level=1)
    table(
        doc,
        ["Politikkvindu", "Beskrivelse", "Budsjett HEU", "Budsjett ECF"],
        [
            [
                "Ren omstilling og industriell avkarbonisering",
                "Investeringer i teknologi og løsninger som støtter overgangen til en klimanøytral økonomi",
                "25,3 mrd euro",
                "26,2 mrd euro",
            ],
            [
                "Helse, bioteknologi, landbruk og bioøkonomi",
                "Fremme innovasjon innenfor helse, bærekraftig matproduksjon og biologiske ressurser",
                "19,6 mrd euro",
                "20,4 mrd euro",
            ],
            [
                "Digitalt lederskap",
                "Støtte til digital infrastruktur, kunstig intelligens, cybersikkerhet og andre digitale innovasjoner",
                "16,8 mrd euro",
                "51,5 mrd euro",
            ],
            [
                "Motstandsdyktighet, sikkerhet, forsvarsindustri og rom",
                "Styrke Europas kapasitet innen forsvarsteknologi, sikkerhet og romfart",
                "6,4 mrd euro",
                "125,2 mrd euro",
            ],
        ],
    )
    doc.save(out / "budsjettfordeling-heu-ecf.docx")


MAKERS = [
    referat_mote_3_2025,
    programutkast,
    statistikk_linkedin,
    oversikt_meldinger,
    mandat_helsereformutvalget,
    notat_innovasjonslope,
    presentasjon_innovasjonslope,
    struktur_horisont_europa,
    budsjettfordeling,
]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "vedlegg"
    out.mkdir(parents=True, exist_ok=True)
    for make in MAKERS:
        make(out)
    for f in sorted(out.glob("*.docx")):
        print(f"{f.name}\t{f.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
