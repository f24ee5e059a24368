"""`ho21 publish` (issue 14): the møtekalender, the meeting pages, moetemappe.json, and exempt cases kept out.

The pages are parsed (lxml.html) and read back as a visitor reads them. Most tests publish
through the action with ``pdfs=False`` (the pages link their PDFs, which are not made), so they
run without LibreOffice; the command itself always makes the PDFs, and the tests marked
``soffice`` run it as it is and read every PDF back with pypdf.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from ho21cli.actions.publish import PublishResult, publish
from ho21cli.core.model import ReferatApproval
from ho21cli.errors import ConflictError, InputError
from ho21cli.storage.manifest import load_meeting, save_meeting
from tests.conftest import EXAMPLE, Run, refused, snapshot, write
from tests.makers import tiny_pdf

M = "2026-1"
TODAY = date(2026, 3, 20)
BASIS = "offl. § 13 jf. fvl. § 13 første ledd nr. 1"
EXEMPTION = f"Unntatt offentlighet, jf. {BASIS}"
# Two cases of the example made exempt: one with a Markdown body and two .docx vedlegg (and a
# public title), one with a body written in Word (without one).
EXEMPT = {
    "eus-nye-konkurranseevnefond-og": "Internasjonalt samarbeid",
    "kommunenes-samarbeidsarena-for": None,
}
EXEMPT_VEDTAK = "Rådet ber sekretariatet om å holde fondssaken samlet."
VEDTAK = {
    "innkalling": "Innkalling og saksliste godkjennes.",
    "helsereformutvalget": "Det settes ned en arbeidsgruppe med Marte Kvittum Tangen og Tarje Bjørgum.\nSekretariatet følger opp.",
    "eus-nye-konkurranseevnefond-og": EXEMPT_VEDTAK,
    "eventuelt": "Intet.",
}
HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(
    not HAS_SOFFICE, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
)


# -- making the archive --------------------------------------------------------------------


def mark_exempt(root: Path, key: str, cases: dict[str, str | None]) -> None:
    """As a secretary marks a case exempt by hand: two lines in its [[cases]] table."""
    path = root / key / "meeting.toml"
    text = path.read_text(encoding="utf-8")
    for case_id, public in cases.items():
        line = f'id = "{case_id}"\n'
        assert line in text
        extra = f'unntatt = "{BASIS}"\n' + (f'offentlig_tittel = "{public}"\n' if public else "")
        text = text.replace(line, line + extra)
    path.write_text(text, encoding="utf-8")


def approve(root: Path, key: str, vedtak: dict[str, str], *, by: str = "leder", day: date = date(2026, 1, 20)) -> None:
    """What `referat-approved` records: each case's vedtak and the day (tests/test_followup.py does the same)."""
    path = root / key / "meeting.toml"
    m = load_meeting(path)
    for case in m.cases:
        case.vedtak = vedtak.get(case.id)
    m.referat_approved = ReferatApproval(day, by)
    save_meeting(path, m)


@pytest.fixture
def sent(example: Path, ho21: Callable[..., Run], tmp_path: Path) -> Path:
    """The example with a PDF vedlegg on an open case and on an exempt one, two cases exempt, and
    the innkalling of 1/2026 recorded as sent."""
    letter = tmp_path / "brev.pdf"
    letter.write_bytes(tiny_pdf("Brev fra HOD om helsereformen"))
    secret = tmp_path / "fond.pdf"
    secret.write_bytes(tiny_pdf("Fortrolig notat om fondet"))
    for case_id, spec in (("helsereformutvalget", f"{letter}=Brev fra HOD"), (EXEMPT_CASE, f"{secret}=Fondsnotat")):
        result = ho21("edit-case", M, case_id, "--vedlegg", spec, "--root", example)
        assert result.code == 0, result.err
    mark_exempt(example, M, EXEMPT)
    assert ho21("build-innkalling", M, "--root", example).code == 0  # send records that this build went out
    result = ho21("send", M, "--date", "2026-01-04", "--root", example)
    assert result.code == 0, result.err
    return example


EXEMPT_CASE = "eus-nye-konkurranseevnefond-og"


def secrets(root: Path) -> list[str]:
    """What the exempt cases must never show: their titles, ids, text, vedlegg and vedtak."""
    text = (root / M / "saker" / "eus-nye-konkurranseevnefond-og.md").read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if len(line) > 80 and "[[" not in line)
    return [
        "EUs nye konkurranseevnefond og kommende rammeprogram",
        "Kommunenes samarbeidsarena for forskning",
        "eus-nye-konkurranseevnefond",
        "kommunenes-samarbeidsarena",
        "Struktur Horisont Europa",
        "Budsjettfordeling HEU og ECF",
        "Fondsnotat",
        "Fortrolig notat om fondet",
        EXEMPT_VEDTAK,
        sentence[:60],
    ]


def run_cli(*args: str | Path) -> Run:
    """``ho21 ARGS`` in-process for a module's fixture, where the ``ho21`` fixture (capsys) cannot go."""
    import contextlib
    import io

    from ho21cli.cli.app import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


def publish_fast(root: Path, target: str | None = None, **options: Any) -> PublishResult:
    return publish(root, target, pdfs=False, today=TODAY, **options)


def page(path: Path) -> Any:
    return lxml_html.fromstring(path.read_bytes())


def text_of(element: Any) -> str:
    return " ".join(element.text_content().split())


def rows(table: Any) -> list[list[str]]:
    return [[text_of(cell) for cell in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr")]


def site_texts(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every published file's text: HTML and JSON as written, each PDF's text through pypdf."""
    from pypdf import PdfReader

    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name == ".ho21-build.toml" or "utgått" in path.parts:
            continue
        if path.suffix == ".pdf":
            yield path, "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
        else:
            yield path, path.read_text(encoding="utf-8")


def assert_nothing_secret(folder: Path, root: Path) -> int:
    checked = 0
    for path, text in site_texts(folder):
        flat = " ".join(text.split())
        for needle in secrets(root):
            assert needle not in flat, f"{needle!r} published in {path}"
        checked += 1
    return checked


# -- the calendar --------------------------------------------------------------------------


def test_the_calendar_lists_every_year_newest_first_with_date_status_and_links(sent: Path) -> None:
    result = publish_fast(sent)
    cal = page(result.calendar)
    assert cal.get("lang") == "nb"
    assert [text_of(h) for h in cal.xpath("//h1")] == ["Møtekalender for HelseOmsorg21-rådet"]
    assert [text_of(h) for h in cal.xpath("//h2")] == ["2026", "2025"]
    tables = cal.xpath("//table")
    assert [text_of(t.xpath("./caption")[0]) for t in tables] == ["Møter i 2026", "Møter i 2025"]
    assert rows(tables[0]) == [
        ["Møte 1/2026", "onsdag 14. januar 2026", "kl. 10.00 – 15.00, Forskningsrådets lokaler", "Avholdt"]
    ]
    assert rows(tables[1]) == [
        # its referat was sent; no approval is recorded, so none is claimed (issue 23)
        ["Møte 3/2025", "onsdag 8. oktober 2025", "kl. 10.00 – 15.00, Forskningsrådets lokaler", "Referat sendt"]
    ]
    # 1/2026 has a page (its innkalling is sent); 3/2025 has none, so no link
    assert tables[0].xpath(".//tbody//a/@href") == ["2026-1/index.html"]
    assert tables[1].xpath(".//tbody//a") == []
    assert result.not_yet == [("2025-3", "3/2025")]


def test_a_meeting_gets_a_page_only_once_its_innkalling_is_sent(example: Path) -> None:
    result = publish_fast(example, M)
    assert result.meetings == [] and result.not_yet == [("2026-1", "1/2026")]
    assert not (result.folder / M).exists()
    cal = page(result.calendar)
    assert cal.xpath("//tbody//a") == []
    assert "Innkalling sendt" not in text_of(cal) and "Planlagt" not in text_of(cal)  # held on 14 January


# -- the meeting's page ----------------------------------------------------------------------


def test_the_meeting_page_has_the_facts_and_the_saksliste_with_its_documents(sent: Path) -> None:
    result = publish_fast(sent)
    doc = page(result.folder / M / "index.html")
    assert doc.get("lang") == "nb"
    assert [text_of(h) for h in doc.xpath("//h1")] == ["HelseOmsorg21-rådet, møte 1/2026"]
    facts = dict(zip(map(text_of, doc.xpath("//dl/dt")), map(text_of, doc.xpath("//dl/dd")), strict=True))
    assert facts == {
        "Dato": "onsdag 14. januar 2026",
        "Tid": "kl. 10.00 – 15.00",
        "Sted": "Forskningsrådets lokaler, Drammensveien 288",
        "Status": "Avholdt",
    }
    (table,) = doc.xpath("//table")
    assert text_of(table.xpath("./caption")[0]) == "Saksliste for møte 1/2026, med saksfremlegg og vedlegg"
    assert table.xpath("./thead/tr/th/@scope") == ["col"] * 3
    assert [text_of(th) for th in table.xpath("./thead/tr/th")] == ["Sak", "Tittel", "Dokumenter"]
    assert set(table.xpath("./tbody/tr/th/@scope")) == {"row"}
    listed = rows(table)
    assert [(r[0], r[1]) for r in listed] == [
        ("Sak 1/1/2026", "Godkjenning av innkalling og saksliste"),
        ("Sak 2/1/2026", "Spørsmål om habilitet"),
        ("Sak 3/1/2026", "Godkjenning av referat fra møte 3/2025"),
        ("Sak 4/1/2026", "Orienteringer"),
        ("Sak 5/1/2026", "Oversikt meldinger og strategier"),
        ("Sak 6/1/2026", "Helsereformutvalget"),
        ("Sak 7/1/2026", "Tilgang til helsedata"),
        ("Sak 8/1/2026", "Innovasjon i helsetjenesten"),
        ("Sak 9/1/2026", "Unntatt offentlighet"),
        ("Sak 10/1/2026", "Internasjonalt samarbeid"),
        ("Sak 11/1/2026", "Eventuelt"),
        ("Sak 12/1/2026", "Evaluering av møtet"),
    ]
    links = {r[0]: tr.xpath(".//a") for r, tr in zip(listed, table.xpath("./tbody/tr"), strict=True)}
    assert [(text_of(a), a.get("href")) for a in links["Sak 6/1/2026"]] == [
        ("Saksfremlegg sak 6/1/2026 (PDF)", "dokumenter/sak-06-helsereformutvalget.pdf"),
        ("Vedlegg 1 til sak 6/1/2026: Mandat (PDF)", "dokumenter/sak-06-vedlegg-1-mandat.pdf"),
        ("Vedlegg 2 til sak 6/1/2026: Brev fra HOD (PDF, 1 kB)", "dokumenter/sak-06-vedlegg-2-brev-fra-hod.pdf"),
    ]
    # ettersendes: said, nothing to link; exempt: number, public title and the legal basis only
    assert listed[6][2] == "Saksfremlegget ettersendes." and links["Sak 7/1/2026"] == []
    for number in ("Sak 9/1/2026", "Sak 10/1/2026"):
        row = next(r for r in listed if r[0] == number)
        assert row[2] == EXEMPTION and links[number] == []
    # the previous meeting's draft referat is not published with the innkalling
    assert "utkast til referat fra møte 3/2025, publiseres ikke" in listed[2][2]
    assert [text_of(a) for a in links["Sak 3/1/2026"]] == ["Saksfremlegg sak 3/1/2026 (PDF)"]
    # the PDF vedlegg is copied as it is
    assert (result.folder / M / "dokumenter" / "sak-06-vedlegg-2-brev-fra-hod.pdf").read_bytes() == (
        tiny_pdf("Brev fra HOD om helsereformen")
    )


def test_the_pages_are_built_for_screen_readers_and_keyboards(sent: Path) -> None:
    result = publish_fast(sent)
    css = (result.folder / "stil.css").read_text(encoding="utf-8")
    assert ":focus" in css and "outline: 3px solid" in css and "@media print" in css
    for path in (result.calendar, result.folder / M / "index.html"):
        doc = page(path)
        assert len(doc.xpath("//h1")) == 1
        levels = [int(h.tag[1]) for h in doc.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
        skip = doc.xpath("//body//a")[0]
        assert skip.get("href") == "#innhold" and text_of(skip) == "Hopp til hovedinnholdet"
        assert doc.xpath("//main/@id") == ["innhold"]
        assert doc.xpath("//script") == [] and "javascript:" not in path.read_text(encoding="utf-8")
        for table in doc.xpath("//table"):
            assert table.xpath("./caption") and table.xpath(".//th[@scope]")
        for a in doc.xpath("//a"):
            assert len(text_of(a)) > 4, a.get("href")  # no «her», no empty links


def test_user_text_is_escaped_never_markup(sent: Path) -> None:
    path = sent / M / "meeting.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Helsereformutvalget"', "title = \"Helsereform <script>alert('x')</script> & co\"")
    path.write_text(text, encoding="utf-8")
    result = publish_fast(sent)
    written = (result.folder / M / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in written
    assert "Helsereform &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in written
    assert page(result.folder / M / "index.html").xpath("//script") == []


def test_no_exempt_title_text_vedlegg_or_vedtak_in_any_page_or_json(sent: Path) -> None:
    approve(sent, M, VEDTAK)
    result = publish_fast(sent)
    assert assert_nothing_secret(result.folder, sent) >= 5  # the pages, the JSON, the CSS, the copied PDF
    assert not list((result.folder / M / "dokumenter").glob("sak-09*")), "no file of an exempt case"
    assert not list((result.folder / M / "dokumenter").glob("sak-10*"))


def test_an_exempt_title_named_in_a_published_text_is_refused(sent: Path) -> None:
    """meldinger.md names «Innovasjon i helsetjenesten» after its number: exempting that case
    would publish its title in another case's saksfremlegg."""
    mark_exempt(sent, M, {"innovasjon-i-helsetjenesten": None})
    before = snapshot(sent)
    with pytest.raises(InputError) as caught:
        publish_fast(sent)
    what = caught.value.what
    assert "Sak 8/1/2026" in what and "«Innovasjon i helsetjenesten»" in what and "saker/meldinger.md" in what
    assert snapshot(sent) == before and not (sent / "nettsted").exists()
    # `ho21 check` says what publish would refuse, in publish's words (issue 23)
    from ho21cli.actions.gates import run_check

    _, problems = run_check(sent, M, today=TODAY)
    assert [(p.severity.value, p.what) for p in problems if p.code == "exempt-title-published"] == [("feil", what)]


def test_the_approved_referat_shows_attendance_and_each_vedtak(sent: Path) -> None:
    approve(sent, M, VEDTAK)
    result = publish_fast(sent)
    doc = page(result.folder / M / "index.html")
    (section,) = doc.xpath("//section[@aria-labelledby='referat']")
    assert text_of(section.xpath("./h2")[0]) == "Referat"
    assert "Referatet ble godkjent av leder 20. januar 2026." in text_of(section)
    groups = {text_of(h): [text_of(li) for li in h.getnext()] for h in section.xpath("./h3") if h.getnext().tag == "ul"}
    assert "Per Olav Østbyhaug, St. Olavs hospital (t.o. sak 9/1/2026)" in groups["Til stede"]
    assert "Toril Hernes, Norges teknisk-naturvitenskapelige universitet, digitalt" in groups["Til stede"]
    assert groups["Forfall"] == [
        "Ingrid Stenstadvold Ross, Kreftforeningen",
        "Mari Trommald, Kommunesektorens organisasjon",
    ]
    assert "Henrietta Blankson, spesialrådgiver" in groups["Til stede fra Sekretariatet/Forskningsrådet"]
    assert "Gunnar Bovim, leder av Helsereformutvalget (sak 6/1/2026)" in groups["Gjester"]
    vedtak = {text_of(h): text_of(h.getnext()) for h in section.xpath("./h4")}
    assert vedtak["Sak 1/1/2026 Godkjenning av innkalling og saksliste"] == "Innkalling og saksliste godkjennes."
    assert vedtak["Sak 6/1/2026 Helsereformutvalget"] == (
        "Det settes ned en arbeidsgruppe med Marte Kvittum Tangen og Tarje Bjørgum. Sekretariatet følger opp."
    )
    assert [p.text for p in section.xpath("./h4[starts-with(., 'Sak 6/')]/following-sibling::div[1]/p")] == [
        "Det settes ned en arbeidsgruppe med Marte Kvittum Tangen og Tarje Bjørgum.",
        "Sekretariatet følger opp.",
    ]
    assert vedtak["Sak 10/1/2026 Internasjonalt samarbeid"] == EXEMPTION
    assert vedtak["Sak 9/1/2026 Unntatt offentlighet"] == EXEMPTION
    assert vedtak["Sak 2/1/2026 Spørsmål om habilitet"] == "Ingen vedtak."
    assert "Referat godkjent" in text_of(page(result.calendar))


def test_moetemappe_json_has_einnsyns_fields_and_the_meetings_values(sent: Path) -> None:
    approve(sent, M, VEDTAK)
    result = publish_fast(sent)
    data = json.loads((result.folder / M / "moetemappe.json").read_text(encoding="utf-8"))
    assert data["moetenummer"] == "1/2026"
    assert data["utvalg"] == "HelseOmsorg21-rådet"
    assert data["moetedato"] == "2026-01-14T10:00:00+01:00"
    assert data["moetested"] == "Forskningsrådets lokaler, Drammensveien 288"
    assert data["offentligTittel"] == data["offentligTittelSensitiv"] == "HelseOmsorg21-rådet, møte 1/2026"
    assert [d["moetedokumenttype"] for d in data["moetedokument"]] == ["saksliste", "referat"]
    assert data["moetedokument"][1]["dokumentbeskrivelse"][0]["dokumentobjekt"][0]["referanseDokumentfil"] == (
        "index.html#referat"
    )
    saker = {s["moetesakssekvensnummer"]: s for s in data["moetesak"]}
    assert sorted(saker) == list(range(1, 13))
    assert {s["moetesaksaar"] for s in saker.values()} == {2026}
    six = saker[6]
    assert six["offentligTittel"] == "Helsereformutvalget" and six["moetesakstype"] == "moete"
    assert six["vedtak"] == {
        "vedtakstekst": {"tekstInnhold": VEDTAK["helsereformutvalget"], "tekstFormat": "text/plain"},
        "dato": "2026-01-14",
    }
    assert six["innstilling"]["tekstInnhold"].startswith("Det settes ned en arbeidsgruppe")
    documents = six["dokumentbeskrivelse"]
    assert [(d["dokumentnummer"], d["tilknyttetRegistreringSom"], d["tittel"]) for d in documents] == [
        (1, "hoveddokument", "Saksfremlegg sak 6/1/2026"),
        (2, "vedlegg", "Mandat"),
        (3, "vedlegg", "Brev fra HOD"),
    ]
    objects = [d["dokumentobjekt"][0] for d in documents]
    assert [(o["referanseDokumentfil"], o["format"]) for o in objects] == [
        ("dokumenter/sak-06-helsereformutvalget.pdf", "PDF/A-2b"),
        ("dokumenter/sak-06-vedlegg-1-mandat.pdf", "PDF/A-2b"),
        ("dokumenter/sak-06-vedlegg-2-brev-fra-hod.pdf", "PDF"),  # someone else's PDF, as it is
    ]
    copied = (result.folder / M / objects[2]["referanseDokumentfil"]).read_bytes()
    assert objects[2]["sjekksum"] == hashlib.sha256(copied).hexdigest()
    assert saker[1]["moetesakstype"] == "godkjenning" and saker[4]["moetesakstype"] == "orientering"
    exempt = saker[10]
    assert exempt["offentligTittel"] == exempt["offentligTittelSensitiv"] == "Internasjonalt samarbeid"
    assert exempt["skjerming"] == {"tilgangsrestriksjon": "13", "skjermingshjemmel": BASIS}
    assert "vedtak" not in exempt and "dokumentbeskrivelse" not in exempt and "innstilling" not in exempt
    assert saker[9]["offentligTittel"] == "Unntatt offentlighet"


def test_links_between_meetings_and_the_approving_meeting(sent: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / "orienteringer.md", "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n")
    referat = write(tmp_path / "referat.md", "## Bakgrunn\n\nUtkastet ble sendt ut i januar.\n")
    for args in (
        ("new-meeting", "--date", "2026-03-11"),
        ("edit-case", "2026-2", "orienteringer", "--body", body),
        ("edit-case", "2026-2", "referat", "--body", referat),  # 1/2026's referat-sent is not recorded here
        ("build-innkalling", "2026-2"),
        ("send", "2026-2", "--date", "2026-03-01"),
    ):
        result = ho21(*args, "--root", sent)
        assert result.code == 0, result.err
    approve(sent, M, VEDTAK, by="2026-2", day=date(2026, 3, 11))
    result = publish_fast(sent)
    first, second = page(result.folder / M / "index.html"), page(result.folder / "2026-2" / "index.html")
    nav = [(text_of(a), a.get("href")) for a in first.xpath("//nav//a")]
    assert nav == [
        ("Tilbake til møtekalenderen", "../index.html"),
        ("Neste møte: møte 2/2026", "../2026-2/index.html"),
    ]
    assert [(text_of(a), a.get("href")) for a in second.xpath("//nav//a")][1] == (
        "Forrige møte: møte 1/2026",
        "../2026-1/index.html",
    )
    approval = first.xpath("//section[@aria-labelledby='referat']/p")[0]
    assert text_of(approval) == "Referatet ble godkjent i møte 2/2026 11. mars 2026."
    assert approval.xpath("./a/@href") == ["../2026-2/index.html"]
    assert_links_resolve(result.folder, pdfs=False)


def assert_links_resolve(folder: Path, *, pdfs: bool) -> int:
    """Every link of every page leads to a file of the site (and an anchor to an id on its page)."""
    followed = 0
    for path in folder.rglob("*.html"):
        if "utgått" in path.parts:
            continue
        doc = page(path)
        for href in doc.xpath("//a/@href") + doc.xpath("//link/@href"):
            assert "://" not in href and not href.startswith("/"), href
            target, _sep, anchor = href.partition("#")
            file = (path.parent / target).resolve() if target else path
            if target.endswith(".pdf") and not pdfs:
                continue
            assert file.is_file(), f"{href} in {path}"
            if anchor:
                assert page(file).xpath(f"//*[@id='{anchor}']"), f"#{anchor} in {file}"
            followed += 1
    return followed


def test_every_link_of_the_pages_resolves_but_the_pdfs_without_libreoffice(sent: Path) -> None:
    result = publish_fast(sent)
    assert assert_links_resolve(result.folder, pdfs=False) > 5


# -- again, by hand, and wrong -----------------------------------------------------------------


def test_a_second_publish_changes_nothing_and_a_page_edited_by_hand_is_kept(sent: Path) -> None:
    result = publish_fast(sent)
    first = snapshot(result.folder)
    again = publish_fast(sent)
    assert snapshot(again.folder) == first and again.moved_aside == []
    edited = result.folder / M / "index.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Saksliste", "Sakliste"), encoding="utf-8")
    before = snapshot(result.folder)
    with pytest.raises(ConflictError) as caught:
        publish_fast(sent)
    assert "2026-1/index.html" in caught.value.what and "--force" in (caught.value.fix or "")
    assert snapshot(result.folder) == before
    publish_fast(sent, force=True)
    assert "Sakliste" not in edited.read_text(encoding="utf-8")


def test_publishing_one_meeting_or_year_rewrites_the_calendar_and_keeps_the_others(sent: Path) -> None:
    publish_fast(sent, "2025")
    result = publish_fast(sent, "1/2026")
    assert [m.key for m in result.meetings] == [M] and result.not_yet == []
    assert page(result.calendar).xpath("//tbody//a/@href") == ["2026-1/index.html"]


def test_a_meeting_made_exempt_after_publishing_leaves_the_site(sent: Path) -> None:
    result = publish_fast(sent)
    published = result.folder / M / "dokumenter" / "sak-06-vedlegg-2-brev-fra-hod.pdf"
    assert published.is_file()
    mark_exempt(sent, M, {"helsereformutvalget": "Utvalgssak"})
    again = publish_fast(sent, M)
    assert not published.exists()
    moved = [p.relative_to(again.folder).as_posix() for p in again.moved_aside]
    assert moved == ["utgått/2026-1/dokumenter/sak-06-vedlegg-2-brev-fra-hod.pdf"]  # never deleted
    table = page(again.folder / M / "index.html").xpath("//table")[0]
    assert ["Sak 6/1/2026", "Utvalgssak", EXEMPTION] in rows(table)


@pytest.mark.parametrize(
    ("target", "needles"),
    [
        ("2027", ("there are no meetings in 2027", "Years in this archive: 2026, 2025.")),
        ("2026-9", ("there is no meeting 9/2026", "2025-3, 2026-1")),
        ("sak-1", ("«sak-1» is not a meeting", "YEAR-NUMBER")),
    ],
)
def test_an_unknown_year_or_meeting_is_refused_with_what_there_is(
    sent: Path, ho21: Callable[..., Run], target: str, needles: tuple[str, ...]
) -> None:
    before = snapshot(sent)
    refused(ho21("publish", target, "--root", sent), 3, *needles)
    assert snapshot(sent) == before


def test_the_site_is_not_written_into_the_archive_itself(sent: Path) -> None:
    with pytest.raises(InputError, match="archive folder itself"):
        publish_fast(sent, out=sent)


def test_without_libreoffice_nothing_is_written(
    sent: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ho21cli.system.find_soffice", lambda *args, **kwargs: None)
    before = snapshot(sent)
    refused(ho21("publish", "--root", sent), 5, "LibreOffice (soffice) is needed", "apt-get install")
    assert snapshot(sent) == before


# -- the command as it runs, with LibreOffice --------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The example, with its exempt cases, sent and its referat approved, published by the command."""
    work = tmp_path_factory.mktemp("publish")
    root = work / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    letter, secret = work / "brev.pdf", work / "fond.pdf"
    letter.write_bytes(tiny_pdf("Brev fra HOD om helsereformen"))
    secret.write_bytes(tiny_pdf("Fortrolig notat om fondet"))
    for case_id, spec in (("helsereformutvalget", f"{letter}=Brev fra HOD"), (EXEMPT_CASE, f"{secret}=Fondsnotat")):
        assert run_cli("edit-case", M, case_id, "--vedlegg", spec, "--root", root).code == 0
    mark_exempt(root, M, EXEMPT)
    assert run_cli("build-innkalling", M, "--root", root).code == 0
    assert run_cli("send", M, "--date", "2026-01-04", "--root", root).code == 0
    approve(root, M, VEDTAK)
    result = run_cli("publish", "--root", root)
    assert result.code == 0, result.err
    return root, root / "nettsted", result.out


@pytest.mark.soffice
@needs_soffice
def test_the_command_writes_every_document_and_every_link_resolves(published: tuple[Path, Path, str]) -> None:
    _root, folder, out = published
    assert f"Site written to {folder}:" in out
    # 9 saksfremlegg (not 7, ettersendes, nor the exempt 9 and 10) and 7 vedlegg (not the draft referat)
    assert re.search(r"meeting 1/2026: .*2026-1/index.html and 16 documents", out), out
    pdfs = sorted(p.name for p in (folder / M / "dokumenter").iterdir())
    assert len(pdfs) == 16 and not [p for p in pdfs if p.startswith(("sak-07", "sak-09", "sak-10"))]
    assert assert_links_resolve(folder, pdfs=True) >= 25
    links = [text_of(a) for a in page(folder / M / "index.html").xpath("//table//a")]
    size = (folder / M / "dokumenter" / "sak-06-helsereformutvalget.pdf").stat().st_size
    assert f"Saksfremlegg sak 6/1/2026 (PDF, {round(size / 1000)} kB)" in links
    assert "Vedlegg 1 til sak 6/1/2026: Mandat (PDF, " in " ".join(links)


@pytest.mark.soffice
@needs_soffice
def test_no_published_file_shows_anything_of_an_exempt_case(published: tuple[Path, Path, str]) -> None:
    root, folder, _out = published
    assert assert_nothing_secret(folder, root) >= 20  # pages, JSON, CSS and every PDF's text


@pytest.mark.soffice
@needs_soffice
def test_the_pdfs_are_tagged_pdfa2_and_the_pdf_vedlegg_is_as_given(published: tuple[Path, Path, str]) -> None:
    from pypdf import PdfReader

    _root, folder, _out = published
    data = json.loads((folder / M / "moetemappe.json").read_text(encoding="utf-8"))
    made = 0
    for sak in data["moetesak"]:
        for d in sak.get("dokumentbeskrivelse", []):
            obj = d["dokumentobjekt"][0]
            path = folder / M / obj["referanseDokumentfil"]
            assert obj["sjekksum"] == hashlib.sha256(path.read_bytes()).hexdigest()
            reader = PdfReader(str(path))
            if obj["format"] == "PDF":  # the PDF vedlegg: copied, not converted
                assert path.read_bytes() == tiny_pdf("Brev fra HOD om helsereformen")
                continue
            root = reader.trailer["/Root"]
            xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
            assert re.search(r"pdfaid:part(>|=\")2", xmp), path.name
            assert "/StructTreeRoot" in root and root["/Lang"] == "nb-NO", path.name
            title = (reader.metadata.title if reader.metadata else "") or ""
            number = f"sak {sak['moetesakssekvensnummer']}/1/2026"
            if d["dokumentnummer"] == 1:  # the saksfremlegg, titled as in the build
                assert title.startswith(f"Sak {sak['moetesakssekvensnummer']}/1/2026 "), (path.name, title)
            else:
                assert title == f"Vedlegg {d['dokumentnummer'] - 1} til {number}: {d['tittel']}", (path.name, title)
            made += 1
    assert made == 15
    six = folder / M / "dokumenter" / "sak-06-helsereformutvalget.pdf"
    first = PdfReader(str(six)).pages[0].extract_text() or ""
    assert "Sak 6/1/2026 Helsereformutvalget" in " ".join(first.split())


@pytest.mark.soffice
@needs_soffice
def test_the_command_again_changes_no_page_and_refuses_a_page_edited_by_hand(
    published: tuple[Path, Path, str],
) -> None:
    root, folder, _out = published
    pages = {p: p.read_bytes() for p in folder.rglob("*.html")}
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert run_cli("publish", "--root", root).code == 0
    assert {p: p.read_bytes() for p in folder.rglob("*.html")} == pages
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == names
    calendar = folder / "index.html"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "<!-- lagt til -->\n", encoding="utf-8")
    before = snapshot(folder)
    result = run_cli("publish", "2026", "--root", root)
    refused(result, 4, "index.html", "--force")
    assert snapshot(folder) == before


# -- the small rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "shown"), [(300, "1 kB"), (55_400, "55 kB"), (999_000, "999 kB"), (1_460_000, "1,5 MB")]
)
def test_file_sizes_are_written_as_a_norwegian_reader_writes_them(size: int, shown: str) -> None:
    from ho21cli.render.site import file_size

    assert file_size(size) == shown


@pytest.mark.parametrize(
    ("basis", "code"),
    [(BASIS, "13"), ("offl. §14", "14"), ("Offl § 26 femte ledd", "26"), ("sikkerhetsloven § 5-2", "UO")],
)
def test_the_access_restriction_is_the_section_of_offentleglova(basis: str, code: str) -> None:
    from ho21cli.core.model import CaseKind
    from ho21cli.core.publishing import PublicCase
    from ho21cli.render.einnsyn import skjerming

    case = PublicCase(
        n=1,
        number="Sak 1/1/2026",
        reference="sak 1/1/2026",
        title="Personalsak",
        kind=CaseKind.VEDTAK,
        exempt=True,
        legal_basis=basis,
    )
    assert skjerming(case) == {"tilgangsrestriksjon": code, "skjermingshjemmel": basis}


def test_an_exempt_title_is_found_across_case_and_line_breaks_but_one_word_is_not_looked_for() -> None:
    from ho21cli.core.publishing import first_mention

    titles = [("Sak 8/1/2026", "Tilsetting av direktør"), ("Sak 9/1/2026", "Personalsak")]
    assert first_mention(titles, [("a", "Om personalsak og annet.")]) is None
    found = first_mention(titles, [("a", "Ingenting her."), ("b", "Se sak 8/1/2026 tilsetting\nav  Direktør.")])
    assert found == ("Sak 8/1/2026", "Tilsetting av direktør", "b")


def test_the_readme_names_the_einnsyn_spec_version_the_json_follows() -> None:
    from ho21cli.render.einnsyn import SPEC
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Publishing (web pages, eInnsyn)") : readme.index("## Command reference")]
    commit = SPEC.split()[1]
    assert f"commit `{commit[:7]}`" in section and "einnsyn-api-spec" in section
