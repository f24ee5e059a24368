"""What the public may see of a case (offentleglova): exempt cases show their number, a public
title and the legal basis, and none of their documents. The members see everything.

The public innkalling is the members' innkalling rendered from ``public_docs``: the same
renderer, given only what the public may see."""

from __future__ import annotations

from ho21cli.core.body import Body, Paragraph, Span
from ho21cli.core.documents import CaseDoc
from ho21cli.core.model import Case

EXEMPT_TITLE = "Unntatt offentlighet"


def is_exempt(case: Case) -> bool:
    """Marked exempt, with or without a legal basis (`ho21 check` requires one)."""
    return case.unntatt is not None


def public_title(case: Case) -> str:
    """The title the public sees: the case's own, or for an exempt case its public title."""
    if not is_exempt(case):
        return case.title
    return case.offentlig_tittel or EXEMPT_TITLE


def legal_basis(case: Case) -> str:
    """The exempt case's legal basis as the council writes it ("offl. § 13 …"), or ''."""
    return (case.unntatt or "").strip()


def exemption_note(case: Case) -> str:
    """Why the public sees nothing of the case, as public bodies print it:
    «Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1»."""
    basis = legal_basis(case)
    if basis.casefold().startswith("jf."):  # written with its own «jf.»: not twice
        basis = basis[3:].strip()
    return f"{EXEMPT_TITLE}, jf. {basis}" if basis else EXEMPT_TITLE


def saksliste_title(case: Case) -> str:
    """The case's line on the public saksliste: its public title, and for an exempt case the
    legal basis after it («Tilsetting (unntatt offentlighet, jf. offl. § 13 …)»)."""
    title = public_title(case)
    if not is_exempt(case):
        return title
    note = exemption_note(case)
    if title == EXEMPT_TITLE:
        return note
    return f"{title} ({note[0].lower()}{note[1:]})"


def public_case(case: Case) -> Case:
    """What the public documents may know of an exempt case. Built from what may be shown
    (not by clearing what may not), so a field added to Case later stays out unless named here."""
    return Case(
        id=case.id,  # ties it to its place in the time plan; never printed
        title=public_title(case),
        kind=case.kind,
        ettersendt=case.ettersendt,
        minutes=case.minutes,
        unntatt=case.unntatt,
        offentlig_tittel=case.offentlig_tittel,
    )


def public_doc(doc: CaseDoc) -> CaseDoc:
    """The case as the public innkalling shows it: an exempt case keeps its number and place,
    shows its public title and the legal basis, and none of its documents (no text, forslag,
    vedlegg, images or saksbehandlere); any other case as the members see it."""
    if not is_exempt(doc.case):
        return doc
    return CaseDoc(
        case=public_case(doc.case),
        n=doc.n,
        number_saksliste=doc.number_saksliste,
        number_saksfremlegg=doc.number_saksfremlegg,
        number_referat=doc.number_referat,
        body=Body(intro=[Paragraph([Span(exemption_note(doc.case) + ".")])]),
        forslag=[],
        saksliste_title=saksliste_title(doc.case),
    )


def public_docs(docs: list[CaseDoc]) -> list[CaseDoc]:
    return [public_doc(d) for d in docs]
