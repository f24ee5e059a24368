"""The standard cases of every meeting, and the few values their texts may name.

Profile texts may contain ``{forrige_møte}`` and the like. They are filled by
plain replacement of known names, never by a template engine: the texts are
data a person wrote, not code.
"""

from __future__ import annotations

import re

from ho21cli.core.model import Case, Profile, StandardCase
from ho21cli.core.text import slugify, unique_id
from ho21cli.errors import InputError
from ho21cli.i18n import _

PLACEHOLDER = re.compile(r"\{([a-zA-Z_æøåÆØÅ]+)\}")

# The names a profile text may use, and what each holds.
KNOWN_VALUES = {
    "rådet": "the council's name",
    "møte": "this meeting, e.g. 1/2026",
    "forrige_møte": "the previous meeting, e.g. 3/2025",
    "referat_bakgrunn": "when the previous referat was sent, and its merknadsfrist",
    "antall_eventuelt": "how many items were reported for eventuelt",
}


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def check_placeholders(text: str, *, where: str) -> None:
    unknown = placeholders_in(text) - KNOWN_VALUES.keys()
    if unknown:
        known = ", ".join("{" + k + "}" for k in KNOWN_VALUES)
        raise InputError(
            _("unknown placeholder(s) {names}").format(names=", ".join("{" + u + "}" for u in sorted(unknown))),
            where=where,
            fix=_("Profile texts may use {known}.").format(known=known),
        )


def fill(text: str, values: dict[str, str]) -> str:
    """Replace known ``{names}``; anything else stays exactly as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def case_from_standard(std: StandardCase, profile: Profile, values: dict[str, str], taken: set[str]) -> Case:
    title = fill(std.title, values)
    return Case(
        id=unique_id(slugify(std.key), taken),
        title=title,
        kind=std.kind,
        saksbehandlere=[profile.default_saksbehandler] if profile.default_saksbehandler else [],
        standard=std.key,
    )


def standard_cases(profile: Profile, values: dict[str, str]) -> tuple[list[Case], list[Case]]:
    """The opening and closing cases for a new meeting."""
    taken: set[str] = set()
    opening, closing = [], []
    for std in profile.opening_cases:
        opening.append(case_from_standard(std, profile, values, taken))
        taken.add(opening[-1].id)
    for std in profile.closing_cases:
        closing.append(case_from_standard(std, profile, values, taken))
        taken.add(closing[-1].id)
    return opening, closing
