"""A published meeting as eInnsyn's Moetemappe, for `moetemappe.json` beside its page.

Field names are those of the public einnsyn-api-spec (github.com/felleslosninger/einnsyn-api-spec,
``typespec/einnsyn.arkiv.models.tsp`` at commit b25174c, 12 August 2026): Moetemappe (from
Mappe), Moetesak and Moetedokument (from Registrering), Moetesaksbeskrivelse, Vedtak,
Dokumentbeskrivelse, Dokumentobjekt and Skjerming. Only fields a client may write are given
(no ``id``, ``entity``, ``utvalgObjekt``, ``url``: eInnsyn sets them). Two liberties, said in
the README: the spec gives ``skjerming`` to Journalpost only, and ho21 puts it on an exempt
Moetesak as well (its ``beskrivelse`` says the same in words); ``referanseDokumentfil`` is
relative to the JSON file, to be made absolute where the site is put up.

An exempt case's real title never appears here: both ``offentligTittel`` and
``offentligTittelSensitiv`` carry its public title, and it has no documents.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, time
from typing import Any

from ho21cli.core.model import CaseKind
from ho21cli.core.publishing import DocumentRole, MeetingPage, PublicCase, PublicDocument
from ho21cli.core.text import slugify
from ho21cli.render.site import meeting_title

SPEC = "einnsyn-api-spec b25174c28fc2b56273049a85eaaa709eecee00b9 (2026-08-12)"
TIMEZONE = "Europe/Oslo"
TEXT = "text/plain"
PDFA = "PDF/A-2b"  # what LibreOffice writes with SelectPdfVersion 2 (render/pdf.py)
# Moetesak.moetesakstype; the standard cases that approve something are "godkjenning".
APPROVING = {"innkalling", "referat"}
_OFFL_SECTION = re.compile(r"offl\.?\s*§\s*(\d+)", re.IGNORECASE)
UNSPECIFIED_RESTRICTION = "UO"  # unntatt offentlighet, where no section of offentleglova is named


def moetemappe_json(page: MeetingPage) -> bytes:
    """The Moetemappe as UTF-8 JSON, keys in the spec's order, æøå as written."""
    return (json.dumps(moetemappe(page), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def moetemappe(page: MeetingPage) -> dict[str, Any]:
    title = meeting_title(page)
    place = ", ".join(part for part in (page.place, page.address) if part)
    out: dict[str, Any] = {
        "systemId": system_id(page.council, page.key),
        "slug": slugify(f"{page.council} møte {page.label}", max_length=80),
        "offentligTittel": title,
        "offentligTittelSensitiv": title,
        "moetenummer": page.label,
        "utvalg": page.council,
        "moetedato": moetedato(page),
    }
    if place:
        out["moetested"] = place
    out["moetedokument"] = moetedokumenter(page)
    out["moetesak"] = [moetesak(page, case) for case in page.cases]
    return out


def system_id(council: str, *parts: str) -> str:
    """The same id at every publishing (eInnsyn updates instead of doubling): a UUID made from the
    council and the meeting (and the case's running number, never its id, which holds its title)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "ho21:" + ":".join([slugify(council, max_length=64), *parts])))


def moetedato(page: MeetingPage) -> str:
    """The meeting's start in Oslo time with its offset ("2026-01-14T10:00:00+01:00"); midnight
    when it has no start time."""
    from zoneinfo import ZoneInfo

    start = time.fromisoformat(page.start) if page.start else time(0, 0)
    return datetime.combine(page.day, start, tzinfo=ZoneInfo(TIMEZONE)).isoformat()


def moetedokumenter(page: MeetingPage) -> list[dict[str, Any]]:
    """The meeting's own documents: the saksliste, and once approved, the referat (both on its page)."""
    docs = [_html_document(page, "saksliste", f"Saksliste, møte {page.label}", "index.html#saksliste")]
    if page.referat is not None:
        docs.append(_html_document(page, "referat", f"Referat, møte {page.label}", "index.html#referat"))
    return docs


def _html_document(page: MeetingPage, kind: str, title: str, href: str) -> dict[str, Any]:
    return {
        "systemId": system_id(page.council, page.key, kind),
        "offentligTittel": title,
        "offentligTittelSensitiv": title,
        "moetedokumenttype": kind,
        "dokumentbeskrivelse": [
            {
                "systemId": system_id(page.council, page.key, kind, "1"),
                "tittel": title,
                "tittelSensitiv": title,
                "dokumentnummer": 1,
                "tilknyttetRegistreringSom": "hoveddokument",
                "dokumentobjekt": [{"referanseDokumentfil": href, "format": "text/html"}],
            }
        ],
    }


def moetesakstype(case: PublicCase) -> str:
    if case.standard in APPROVING:
        return "godkjenning"
    if case.kind is CaseKind.ORIENTERING:
        return "orientering"
    return "moete"


def moetesak(page: MeetingPage, case: PublicCase) -> dict[str, Any]:
    out: dict[str, Any] = {
        "systemId": system_id(page.council, page.key, f"sak-{case.n}"),
        "offentligTittel": case.title,
        "offentligTittelSensitiv": case.title,  # for an exempt case its public title too: never the real one
        "moetesakstype": moetesakstype(case),
        "moetesaksaar": int(page.key.split("-")[0]),
        "moetesakssekvensnummer": case.n,
        "utvalg": page.council,
    }
    if case.exempt:
        out["beskrivelse"] = case.exemption
        out["skjerming"] = skjerming(case)
        return out
    if case.forslag:
        out["innstilling"] = _text(case.forslag)
    if case.vedtak and page.referat is not None:
        out["vedtak"] = {"vedtakstekst": _text(case.vedtak), "dato": page.day.isoformat()}
    if case.documents:
        out["dokumentbeskrivelse"] = [dokumentbeskrivelse(page, case, d) for d in case.documents]
    return out


def skjerming(case: PublicCase) -> dict[str, str]:
    """Noark's tilgangsrestriksjon is a code; ho21 writes the section of offentleglova the legal
    basis names ("13" for «offl. § 13 …»), else UO."""
    found = _OFFL_SECTION.search(case.legal_basis)
    out = {"tilgangsrestriksjon": found.group(1) if found else UNSPECIFIED_RESTRICTION}
    if case.legal_basis:
        out["skjermingshjemmel"] = case.legal_basis
    return out


def _text(text: str) -> dict[str, str]:
    """A Moetesaksbeskrivelse."""
    return {"tekstInnhold": text, "tekstFormat": TEXT}


def dokumentbeskrivelse(page: MeetingPage, case: PublicCase, doc: PublicDocument) -> dict[str, Any]:
    obj: dict[str, Any] = {"referanseDokumentfil": doc.rel, "format": PDFA if doc.made_here else "PDF"}
    if doc.sha256:
        obj |= {"sjekksum": doc.sha256, "sjekksumAlgoritme": "SHA-256"}
    return {
        "systemId": system_id(page.council, page.key, f"sak-{case.n}", str(doc.number)),
        "tittel": doc.title,
        "tittelSensitiv": doc.title,
        "dokumentnummer": doc.number,
        "dokumenttype": "saksframlegg" if doc.role is DocumentRole.SAKSFREMLEGG else "vedlegg",
        "tilknyttetRegistreringSom": "hoveddokument" if doc.role is DocumentRole.SAKSFREMLEGG else "vedlegg",
        "dokumentobjekt": [obj],
    }
