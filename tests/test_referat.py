"""attendance, draft-referat and referat-sent, read back from the .docx."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import docx

from tests.conftest import Run, refused, snapshot, write
from tests.docx_read import headings, open_docx, paragraphs, section_text, table_rows
from tests.makers import finish_referat


def draft(ho21: Callable[..., Run], root: Path, key: str = "2026-1", *extra: str) -> docx.document.Document:
    result = ho21("draft-referat", key, "--root", root, *extra)
    assert result.code == 0, result.err
    return open_docx(Path(result.out.strip().splitlines()[-1]))


def facts(doc: docx.document.Document) -> dict[str, list[str]]:
    return {row[0]: row[1].split("\n") for row in table_rows(doc.tables[0])}


def test_title_date_and_attendance_lists(archive: Path, ho21: Callable[..., Run]) -> None:
    result = ho21(
        "attendance", "2026-1", "--absent", "Guri Rørtveit", "--absent", "Mari Trommald",
        "--online", "Toril Hernes", "--note", "Per Olav Østbyhaug=t.o. sak 5/1/2026",
        "--observer", "Ola Nordmann, NFD", "--absent", "Taran Borge", "--absent", "Karianne Solaas",
        "--guest", "Gunnar Bovim, Helsereformutvalget=sak 6/1/2026", "--root", archive,
    )  # fmt: skip
    assert result.code == 0, result.err
    doc = draft(ho21, archive)
    assert paragraphs(doc)[0].text == "HelseOmsorg21-rådet, referat møte 1/2026"
    f = facts(doc)
    assert f["Dato"] == ["Onsdag 14. januar 2026", "kl. 10.00 – 15.00"]
    assert f["Sted"] == ["Forskningsrådets lokaler", "Drammensveien 288"]
    assert len(f["Til stede"]) == 12
    assert "Toril Hernes, Norges teknisk-naturvitenskapelige universitet, digitalt" in f["Til stede"]
    assert "Per Olav Østbyhaug, St. Olavs hospital (t.o. sak 5/1/2026)" in f["Til stede"]
    assert not any(line.startswith(("Guri", "Mari")) for line in f["Til stede"])
    assert f["Forfall"] == ["Guri Rørtveit, Folkehelseinstituttet", "Mari Trommald, Kommunesektorens organisasjon"]
    assert f["Observatører"] == ["Hjørdis Møller Sandborg, HOD", "Haakon Kobbernes, KD", "Ola Nordmann, NFD"]
    assert f["Gjester"] == ["Gunnar Bovim, Helsereformutvalget (sak 6/1/2026)"]
    assert f["Til stede fra Sekretariatet/Forskningsrådet"] == [  # the profile's secretariat_heading
        "Henrietta Blankson, spesialrådgiver",
        "Tine Thorbjørnsen, spesialrådgiver",
        "Ole Johan Borge, avdelingsdirektør",
    ]
    assert doc.core_properties.title == "Utkast til referat, HelseOmsorg21-rådet, referat møte 1/2026"


def test_no_guests_row_without_guests(archive: Path, ho21: Callable[..., Run]) -> None:
    assert "Gjester" not in facts(draft(ho21, archive))


def test_every_case_in_order_with_standard_texts_and_draft_vedtak(archive: Path, ho21: Callable[..., Run]) -> None:
    assert (
        ho21(
            "add-case",
            "2026-1",
            "--title",
            "Helsereformutvalget",
            "--forslag",
            "Det settes ned en arbeidsgruppe.",
            "--root",
            archive,
        ).code
        == 0
    )
    assert ho21("add-case", "2026-1", "--title", "KSF", "--kind", "diskusjon", "--root", archive).code == 0
    doc = draft(ho21, archive)
    assert headings(doc, 1) == [
        "Sak 1/1/2026 Godkjenning av innkalling og saksliste",
        "Sak 2/1/2026 Spørsmål om habilitet",
        "Sak 3/1/2026 Godkjenning av referat fra møte [forrige møte]",
        "Sak 4/1/2026 Orienteringer",
        "Sak 5/1/2026 Oversikt meldinger og strategier",
        "Sak 6/1/2026 Helsereformutvalget",
        "Sak 7/1/2026 KSF",
        "Sak 8/1/2026 Eventuelt",
        "Sak 9/1/2026 Evaluering av møtet",
    ]
    paras = paragraphs(doc)
    vedtak = {h: section_after(paras, h) for h in headings(doc, 1)}
    assert vedtak["Sak 1/1/2026 Godkjenning av innkalling og saksliste"] == ["Innkalling og saksliste godkjennes."]
    assert vedtak["Sak 2/1/2026 Spørsmål om habilitet"] == ["Det er ikke knyttet inhabilitet til sakene på rådsmøtet."]
    assert vedtak["Sak 3/1/2026 Godkjenning av referat fra møte [forrige møte]"] == ["Referatet godkjennes."]
    assert vedtak["Sak 4/1/2026 Orienteringer"] == ["Tas til orientering."]
    assert vedtak["Sak 6/1/2026 Helsereformutvalget"] == ["Det settes ned en arbeidsgruppe."]
    assert vedtak["Sak 7/1/2026 KSF"] == [
        "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet."
    ]
    assert vedtak["Sak 8/1/2026 Eventuelt"] == ["Intet."]
    habilitet = section_text(paras, "Sak 2/1/2026 Spørsmål om habilitet")
    assert habilitet[0] == "Inhabilitet ble vurdert for sakene på dagens møte."
    topical = section_text(paras, "Sak 6/1/2026 Helsereformutvalget")
    assert topical[0] == "[Skriv referat fra behandlingen av saken her.]"
    vedtak_paras = [p for p in doc.paragraphs if p.text == "Det settes ned en arbeidsgruppe."]
    assert vedtak_paras and vedtak_paras[0].style.name == "Vedtak" and vedtak_paras[0].style.font.italic


def section_after(paras: list, heading: str) -> list[str]:  # type: ignore[type-arg]
    """The vedtak lines of the case under ``heading``."""
    texts = section_text(paras, heading)
    return texts[texts.index("Vedtak") + 1 :]


def test_habilitet_texts_name_the_member_and_the_case(archive: Path, ho21: Callable[..., Run]) -> None:
    result = ho21(
        "add-case", "2026-1", "--title", "Tilgang til helsedata", "--inhabil", "guri rørtveit", "--root", archive
    )
    assert result.code == 0, result.err
    paras = paragraphs(draft(ho21, archive))
    assert section_after(paras, "Sak 2/1/2026 Spørsmål om habilitet") == [
        "Guri Rørtveit er inhabil for sak 6/1/2026 og forlater møtet under diskusjonen av saken."
    ]
    assert section_text(paras, "Sak 6/1/2026 Tilgang til helsedata")[0] == (
        "I denne saken var Guri Rørtveit inhabil og gikk ut av møtet under behandlingen."
    )


def test_orienteringer_lists_the_items_of_its_saksfremlegg(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    body = write(
        tmp_path / "o.md",
        "## Orienteringer\n\n### Møter og arrangementer\n\nTekst.\n\n### Rådets LinkedIn-profil\n\nTekst.\n",
    )
    assert ho21("edit-case", "2026-1", "orienteringer", "--body", body, "--root", archive).code == 0
    doc = draft(ho21, archive)
    lines = section_text(paragraphs(doc), "Sak 4/1/2026 Orienteringer")
    assert lines[:3] == ["Det ble orientert om følgende:", "Møter og arrangementer", "Rådets LinkedIn-profil"]
    bullets = [p.text for p in paragraphs(doc) if p.style == "List Bullet"]
    assert bullets == ["Møter og arrangementer", "Rådets LinkedIn-profil"]


def test_an_existing_referat_is_never_silently_overwritten(archive: Path, ho21: Callable[..., Run]) -> None:
    doc = draft(ho21, archive)
    path = archive / "2026-1" / "referat-2026-1.docx"
    doc.add_paragraph("Timer med arbeid")
    doc.save(str(path))
    before = snapshot(archive)
    result = ho21("draft-referat", "2026-1", "--root", archive)
    assert result.code == 4 and "--force" in result.err
    assert snapshot(archive) == before
    assert ho21("draft-referat", "2026-1", "--force", "--root", archive).code == 0
    backups = list((archive / "2026-1").glob("referat-2026-1.backup-*.docx"))
    assert len(backups) == 1
    assert "Timer med arbeid" in [p.text for p in docx.Document(str(backups[0])).paragraphs]
    assert "Timer med arbeid" not in [p.text for p in docx.Document(str(path)).paragraphs]


def test_referat_follows_moves_made_after_the_innkalling(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    assert ho21("move-case", "2026-1", "10", "--before", "6", "--root", example).code == 0
    assert ho21("build-innkalling", "2026-1", "--root", example).code == 0
    innkalling = open_docx(example / "2026-1" / "build" / "innkalling-2026-1.docx")
    referat = draft(ho21, example, "2026-1", "--force")
    assert [h for h in headings(innkalling, 1) if h.startswith("Sak ")] == headings(referat, 1)
    assert headings(referat, 1)[5] == "Sak 6/1/2026 EUs nye konkurranseevnefond og kommende rammeprogram"


def test_referat_sent_gives_the_next_meeting_its_background_and_vedlegg(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "a"
    assert ho21("new-meeting", "--date", "2026-01-14", "--root", root).code == 0
    assert ho21("new-meeting", "--date", "2026-03-04", "--root", root).code == 0  # created before the referat
    previous = ("--meeting", "4/2025", "--date", "2025-11-26", "--referat-sent", "2025-12-03")
    assert ho21("previous-meeting", "2026-1", *previous, "--root", root).code == 0  # else «[forrige møte]»
    assert ho21("draft-referat", "2026-1", "--root", root).code == 0
    finish_referat(root / "2026-1" / "referat-2026-1.docx")  # the untouched skeleton is not sent
    result = ho21("referat-sent", "2026-1", "--date", "2026-01-21", "--root", root)
    assert result.code == 0 and "merknadsfrist 28 January" in result.out
    data = tomllib.loads((root / "2026-1" / "meeting.toml").read_text(encoding="utf-8"))
    assert str(data["referat"]["sent"]) == "2026-01-21" and str(data["referat"]["frist"]) == "2026-01-28"
    assert ho21("build-innkalling", "2026-2", "--draft", "--root", root).code == 0
    doc = open_docx(root / "2026-2" / "build" / "innkalling-2026-2.docx")
    paras = paragraphs(doc)
    assert section_text(
        paras, "Bakgrunn", after=[p.text for p in paras].index("Sak 10/2/2026 Godkjenning av referat fra møte 1/2026")
    ) == [
        "Utkast til referat fra møte 1/2026 ble sendt ut 21. januar med merknadsfrist 28. januar. Ingen endringsforslag ble meldt inn."
    ]
    texts = [p.text for p in paras]
    assert "Vedlegg 1: Utkast til referat fra møte 1/2026" in texts
    merged = texts[texts.index("Vedlegg 1: Utkast til referat fra møte 1/2026") + 1 :]
    assert "HelseOmsorg21-rådet, referat møte 1/2026" in merged


def test_attendance_refuses_a_stranger_and_writes_nothing(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    result = ho21(
        "attendance", "2026-1", "--absent", "Toril Hernes", "--absent", "Leif Rune Skymoene", "--root", archive
    )
    assert result.code == 3
    assert (
        "«Leif Rune Skymoene» is not in the roster" in result.err and "Did you mean «Leif Rune Skymoen»?" in result.err
    )
    assert snapshot(archive) == before
    assert ho21("attendance", "2026-1", "--note", "Toril Hernes", "--root", archive).code == 3  # no =TEXT


def test_referat_sent_before_the_meeting_is_refused(archive: Path, ho21: Callable[..., Run]) -> None:
    result = ho21("referat-sent", "2026-1", "--date", "2026-01-02", "--root", archive)
    assert result.code == 3 and "before the meeting" in result.err


def test_one_person_both_absent_and_online_or_present_is_refused(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    for other in ("--online", "--present"):
        result = ho21("attendance", "2026-1", "--absent", "Toril Hernes", other, "toril hernes", "--root", archive)
        refused(result, 3, "«Toril Hernes» is given both --absent and " + other)
    assert snapshot(archive) == before


def test_online_after_an_earlier_absent_records_present_online_and_says_so(
    archive: Path, ho21: Callable[..., Run]
) -> None:
    assert ho21("attendance", "2026-1", "--absent", "Toril Hernes", "--root", archive).code == 0
    result = ho21("attendance", "2026-1", "--online", "Toril Hernes", "--root", archive)
    assert result.code == 0, result.err
    assert "Toril Hernes was recorded as absent; --online records the person as present, online." in result.out
    f = facts(draft(ho21, archive))
    assert "Toril Hernes, Norges teknisk-naturvitenskapelige universitet, digitalt" in f["Til stede"]
    assert not any(line.startswith("Toril") for line in f.get("Forfall", []))
