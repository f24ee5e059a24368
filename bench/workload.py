"""The workload: synthetic meetings made through ho21's own API, and the baseline's inputs.

ho21cli and python-docx are imported inside the functions that need them, so that bench/run.py
can import this module before it has made sure it runs inside the project's venv.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness import BenchError

MEETING = "2099-2"  # the measured meeting; 2099-1 before it is only there to be "forrige møte"
FIRST_DATE = dt.date(2099, 3, 11)
MEETING_DATE = dt.date(2099, 6, 10)
STANDARD_CASES = 7  # what new-meeting puts in: 5 opening and 2 closing cases


# -- synthetic Norwegian text -------------------------------------------------------------

SUBJECTS = [
    "Rådet",
    "Sekretariatet",
    "Departementet",
    "Arbeidsgruppen",
    "Helsedirektoratet",
    "Kommunesektoren",
    "Forskningsrådet",
    "Utvalget",
    "Helseforetakene",
    "Næringslivet",
    "Pasientorganisasjonene",
    "Universitetene",
    "Innovasjon Norge",
    "Folkehelseinstituttet",
]
VERBS = [
    "har drøftet",
    "foreslår å prioritere",
    "vil vurdere",
    "har pekt på",
    "ønsker å styrke",
    "legger vekt på",
    "har kartlagt",
    "anbefaler å se nærmere på",
    "vil følge opp",
    "har understreket",
    "skal utrede",
    "har merket seg",
]
OBJECTS = [
    "behovet for bedre samhandling",
    "tilgangen til helsedata",
    "finansieringen av klinisk forskning",
    "implementeringen av nye løsninger",
    "rekrutteringen av helsepersonell",
    "kvaliteten i de kommunale tjenestene",
    "arbeidet med innovasjon",
    "oppfølgingen av handlingsplanen",
    "bruken av kunstig intelligens",
    "delingen av kunnskap mellom miljøene",
    "de regionale forskningsmiljøene",
    "pasientenes medvirkning",
    "kompetansen i primærhelsetjenesten",
    "det internasjonale samarbeidet",
    "forskning i kommunene",
    "de økonomiske rammene for tjenestene",
    "næringsutviklingen i helsesektoren",
    "utprøvingen av velferdsteknologi",
]
TAILS = [
    "i årene som kommer",
    "på tvers av sektorene",
    "i tråd med strategien",
    "innen utgangen av året",
    "i samarbeid med kommunesektoren",
    "for å sikre god ressursbruk",
    "både nasjonalt og regionalt",
    "uten at det går ut over kvaliteten",
    "som en del av oppfølgingen",
    "før neste revisjon av planen",
]
ADJECTIVES = ["helhetlig", "langsiktig", "tydelig", "forpliktende", "kunnskapsbasert", "felles", "bærekraftig"]
NOUNS = ["strategi", "prioritering", "innsats", "satsing", "forankring", "oppfølging", "organisering"]
TOPICS = [
    "Nasjonal strategi for helsedata",
    "Klinisk forskning i kommunene",
    "Innspill til statsbudsjettet",
    "Kunstig intelligens i helsetjenesten",
    "Rekruttering og kompetanse",
    "Helsenæringens rolle",
    "Oppfølging av handlingsplanen",
    "Samarbeid med EU-programmene",
    "Persontilpasset medisin",
    "Velferdsteknologi og innovasjon",
    "Folkehelse og forebygging",
    "Høring om ny helseregisterlov",
]


def sentence(rng: random.Random) -> str:
    obj, tail = rng.choice(OBJECTS), rng.choice(TAILS)
    pattern = rng.randrange(5)
    if pattern == 0:
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj} {tail}."
    if pattern == 1:
        return f"Erfaringene så langt viser at {obj} krever en {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {tail}."
    if pattern == 2:
        return f"Det er viktig at {obj} ses i sammenheng med {rng.choice(OBJECTS)}, {tail}."
    if pattern == 3:
        return f"{rng.choice(SUBJECTS)} mener at {obj} bør få en tydeligere plass {tail}."
    return f"Flere aktører har etterlyst en {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} for {obj}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(4, 7)))


def point(rng: random.Random) -> str:
    text = f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    return text[0].upper() + text[1:]


def case_body(rng: random.Random) -> str:
    """A saksfremlegg body of roughly 1-3 pages (about 400 words a page)."""
    pages = rng.choice([1, 2, 3])
    parts = ["## Bakgrunn", ""]
    for _ in range(2 * pages + 1):
        parts += [paragraph(rng), ""]
    parts += ["## Hvorfor saken fremmes til dette møtet", ""]
    for _ in range(pages):
        parts += [paragraph(rng), ""]
    parts += ["## Hovedpunkter", "", f"Sekretariatet vil særlig peke på **{rng.choice(OBJECTS)}**:", ""]
    parts += [f"- {point(rng)}" for _ in range(rng.randint(3, 6))] + [""]
    parts += ["Rådet bes drøfte følgende spørsmål:", ""]
    parts += [f"{i}. Hvordan kan rådet bidra til {rng.choice(OBJECTS)}?" for i in range(1, rng.randint(3, 5) + 1)]
    parts += ["", paragraph(rng), ""]
    return "\n".join(parts)


def orienteringer_body(rng: random.Random) -> str:
    parts = ["## Bakgrunn", "", "Sekretariatet orienterer om følgende:", ""]
    for name in ("Fra sekretariatet", "Fra departementet", "Fra Forskningsrådet"):
        parts += [f"### {name}", "", paragraph(rng), ""]
    return "\n".join(parts)


def make_vedlegg_docx(path: Path, rng: random.Random, title: str) -> None:
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = "nb-NO"
    doc.add_heading(title, level=1)
    for _ in range(3):
        doc.add_paragraph(paragraph(rng))
    for _ in range(4):
        doc.add_paragraph(point(rng), style="List Bullet")
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for col, text in enumerate(("Tiltak", "Ansvar", "Frist")):
        table.cell(0, col).text = text
    for row in range(1, 4):
        table.cell(row, 0).text = point(rng)
        table.cell(row, 1).text = rng.choice(SUBJECTS)
        table.cell(row, 2).text = f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2099"
    doc.save(str(path))


# -- archives ---------------------------------------------------------------------------


@dataclass
class Archive:
    size: int  # cases in the meeting, standard cases included
    root: Path
    vedlegg: int = 0

    @property
    def meeting_dir(self) -> Path:
        return self.root / MEETING


def make_archive(size: int, root: Path) -> Archive:
    """A meeting of ``size`` cases through ho21's API: bodies for all, a .docx vedlegg for every third."""
    from ho21cli.actions.cases import CaseEdit, CaseOptions, add_case, edit_case
    from ho21cli.actions.meeting import MeetingOptions, new_meeting
    from ho21cli.actions.referat import record_referat_sent
    from ho21cli.core.model import CaseKind

    rng = random.Random(2099 * 1000 + size)
    src = root.parent / f"{root.name}-src"
    src.mkdir(parents=True)
    new_meeting(root, MeetingOptions(date=FIRST_DATE, start="10:00", end="15:00"))
    new_meeting(root, MeetingOptions(date=MEETING_DATE, start="10:00", end="15:00"))
    # «Godkjenning av referat» of the measured meeting says when 2099-1's draft went out: recorded as
    # on a day in 2099 (a record is never dated after today, so today is given as that day)
    sent = FIRST_DATE + dt.timedelta(days=7)
    record_referat_sent(root, "2099-1", sent=sent, today=sent)
    opening = STANDARD_CASES - 2
    topical = size - STANDARD_CASES
    kinds = [CaseKind.VEDTAK, CaseKind.DISKUSJON, CaseKind.ORIENTERING]
    archive = Archive(size, root)

    def vedlegg_for(position: int, label: str) -> list[str]:
        if (position + 1) % 3:  # every third case of the meeting: positions 3, 6, 9, ...
            return []
        path = src / f"vedlegg-{position + 1:03d}.docx"
        make_vedlegg_docx(path, rng, f"Notat til {label}")
        archive.vedlegg += 1
        return [str(path)]

    for k in range(topical):
        position = opening + k
        title = f"{TOPICS[k % len(TOPICS)]}, del {k // len(TOPICS) + 1}"
        body = src / f"sak-{k:03d}.md"
        body.write_text(case_body(rng), encoding="utf-8")
        kind = kinds[k % 3]
        forslag = f"Rådet ber sekretariatet følge opp {rng.choice(OBJECTS)}." if kind is CaseKind.VEDTAK else None
        add_case(
            root,
            MEETING,
            CaseOptions(title=title, kind=kind, body=body, forslag=forslag, vedlegg=vedlegg_for(position, title)),
        )
    # The standard cases: Orienteringer needs a body; every third gets its vedlegg too.
    standard = ["innkalling", "habilitet", "referat", "orienteringer", "meldinger", "eventuelt", "evaluering"]
    positions = [*range(opening), size - 2, size - 1]
    for case_id, position in zip(standard, positions, strict=True):
        standard_body: Path | None = None
        if case_id == "orienteringer":
            standard_body = src / "orienteringer.md"
            standard_body.write_text(orienteringer_body(rng), encoding="utf-8")
        vedlegg = vedlegg_for(position, case_id)
        if standard_body or vedlegg:
            edit_case(root, MEETING, case_id, CaseEdit(body=standard_body, add_vedlegg=vedlegg))
    return archive


# -- the baseline's inputs ----------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
_REF = re.compile(rb'r:(?:id|embed|link)="([^"]+)"')


def case_number(path: Path) -> int:
    match = re.match(r"sak-(\d+)", path.name)
    return int(match.group(1)) if match else 0


def innkalling_path(archive: Archive) -> Path:
    return archive.meeting_dir / "build" / f"innkalling-{MEETING}.docx"


def docx_vedlegg(archive: Archive) -> list[Path]:
    """The meeting's .docx vedlegg as stored in the archive, in the manifest's order."""
    manifest = tomllib.loads((archive.meeting_dir / "meeting.toml").read_text(encoding="utf-8"))
    return [
        archive.meeting_dir / v["file"]
        for case in manifest.get("cases", [])
        for v in case.get("vedlegg", [])
        if v["file"].endswith(".docx")
    ]


def baseline_inputs(archive: Archive, folder: Path) -> list[Path]:
    """The pieces ho21 puts together, as separate files copied into ``folder``, in ho21's order.

    The front page (everything before the first saksfremlegg, cut out of ho21's innkalling),
    then for each case its saksfremlegg as ho21 wrote it, followed by that case's .docx vedlegg
    as stored in the archive (the files ho21 merges). Left out: the one «Vedlegg N: …» heading
    paragraph ho21 puts before each vedlegg. Needs a finished build of the meeting.
    """
    saksfremlegg = sorted((archive.meeting_dir / "build" / "saksfremlegg").glob("*.docx"), key=case_number)
    manifest = tomllib.loads((archive.meeting_dir / "meeting.toml").read_text(encoding="utf-8"))
    cases = manifest.get("cases", [])
    if not saksfremlegg or len(cases) != len(saksfremlegg):
        raise BenchError(f"{len(saksfremlegg)} saksfremlegg in build/ but {len(cases)} cases in the manifest")
    folder.mkdir(parents=True, exist_ok=True)
    front = folder / "000-forside.docx"
    front_page(innkalling_path(archive), saksfremlegg[0], front)
    paths = [front]
    sources: list[Path] = []
    for sf, case in zip(saksfremlegg, cases, strict=True):
        sources.append(sf)
        sources += [archive.meeting_dir / v["file"] for v in case.get("vedlegg", []) if v["file"].endswith(".docx")]
    for i, source in enumerate(sources, start=1):
        copy = folder / f"{i:03d}-{source.name}"
        copy.write_bytes(source.read_bytes())
        paths.append(copy)
    return paths


def front_page(innkalling: Path, first_case: Path, out: Path) -> None:
    """ho21's front page and saksliste as a .docx of its own.

    The body is the innkalling's body up to where the first saksfremlegg begins (found by its
    first element, byte for byte); the other parts are those of the first saksfremlegg, which
    ho21 cut from its rendering before any vedlegg was merged (so the master's styles and
    numbering are ho21's own, without the vedlegg's). Should the front page use a relationship
    the saksfremlegg dropped (a picture, a link), the finished innkalling's parts are used instead.
    """
    import zipfile

    from lxml import etree

    def read(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as zf:
            return {name: zf.read(name) for name in zf.namelist()}

    inn_parts, sf_parts = read(innkalling), read(first_case)
    inn_body = etree.fromstring(inn_parts[DOCUMENT]).find(f"{W}body")
    sf_root = etree.fromstring(sf_parts[DOCUMENT])
    sf_body = sf_root.find(f"{W}body")
    if inn_body is None or sf_body is None:
        raise BenchError("no body in the innkalling or its first saksfremlegg")
    front = inn_body[: _case_start(list(inn_body), [e for e in sf_body if e.tag != f"{W}sectPr"], first_case)]
    used = {m.decode() for e in front for m in _REF.findall(etree.tostring(e))}
    have = {r.get("Id") for r in etree.fromstring(sf_parts[DOCUMENT_RELS])}
    if used - have:
        sf_parts = inn_parts
        sf_root = etree.fromstring(inn_parts[DOCUMENT])
        sf_body = sf_root.find(f"{W}body")
        assert sf_body is not None
    section = None
    for child in list(sf_body):
        if child.tag == f"{W}sectPr":
            section = child
        else:
            sf_body.remove(child)
    for element in front:
        if section is not None:
            section.addprevious(element)
        else:
            sf_body.append(element)
    sf_parts[DOCUMENT] = etree.tostring(sf_root, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in sf_parts.items():
            zf.writestr(name, data)


def _case_start(innkalling: list[Any], case: list[Any], name: Path) -> int:
    """Where the case's elements begin in the innkalling's body: by the first element, byte for
    byte; failing that, by the text of its first element with text."""
    from lxml import etree

    if case:
        first = etree.tostring(case[0])
        for i, element in enumerate(innkalling):
            if etree.tostring(element) == first:
                return i
    for offset, element in enumerate(case):
        text = _text(element)
        if text:
            for i, candidate in enumerate(innkalling):
                if i >= offset and _text(candidate) == text:
                    return i - offset
            break
    raise BenchError(f"the first saksfremlegg ({name.name}) was not found in the innkalling")


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))
