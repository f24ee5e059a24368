"""What the public may see of a case (offentleglova): exempt cases show their number, a public
title and the legal basis, and none of their documents. The members see everything."""

from __future__ import annotations

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
