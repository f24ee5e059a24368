"""The council profile (``profil.toml`` at the top of the archive)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ho21cli.core.body import is_forslag_title
from ho21cli.core.dates import parse_time
from ho21cli.core.model import (
    SAKSFREMLEGG_SECTIONS,
    Break,
    CaseKind,
    Person,
    Profile,
    Role,
    Roster,
    SectionGuide,
    SectionLayout,
    StandardCase,
)
from ho21cli.core.numbering import NumberFormats, check_formats
from ho21cli.core.roster import period_text
from ho21cli.core.standard_cases import check_placeholders
from ho21cli.core.text import same_name
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_text
from ho21cli.storage.tomlfile import Table, read_toml

PROFILE_NAME = "profil.toml"
SCHEMA = 1
TEMPLATE_KINDS = ("innkalling", "saksfremlegg", "referat")

_TOP_KEYS = (
    "schema", "name", "short_name", "til", "fra", "default_saksbehandler", "place", "address",
    "start", "end", "innkalling_days_before", "merknadsfrist_days", "numbering", "templates",
    "members", "observers", "secretariat", "opening_cases", "closing_cases", "breaks",
    "sections", "secretariat_heading", "section_layout",
)  # fmt: skip
_CASE_KEYS = ("key", "title", "kind", "body", "forslag", "referat", "vedtak", "minutes")
ROSTER_KEYS = {"members": Role.MEMBER, "observers": Role.OBSERVER, "secretariat": Role.SECRETARIAT}


def builtin_profile_text() -> str:
    return resources.files("ho21cli.profiles").joinpath("helseomsorg21.toml").read_text(encoding="utf-8")


def write_builtin_profile(root: Path) -> Path:
    path = root / PROFILE_NAME
    atomic_write_text(path, builtin_profile_text())
    return path


def load_profile(path: Path) -> Profile:
    _, data = read_toml(path)
    return parse_profile(Table(data, path.name))


def check_schema(top: Table, current: int) -> None:
    schema = top.whole("schema", current)
    if schema > current:
        raise InputError(
            _("was written by a newer ho21 (schema {schema}; this ho21 reads up to {current})").format(
                schema=schema, current=current
            ),
            where=top.file,
            fix=_("Upgrade ho21: pip install --upgrade ho21."),
        )


def parse_profile(top: Table) -> Profile:
    top.check_keys(_TOP_KEYS)
    check_schema(top, SCHEMA)
    start, end = top.opt_str("start"), top.opt_str("end")
    return Profile(
        name=top.text("name", required=True),
        short_name=top.text("short_name") or top.text("name"),
        til=top.text("til") or top.text("name"),
        fra=top.text("fra"),
        default_saksbehandler=top.text("default_saksbehandler"),
        place=top.text("place"),
        address=top.text("address"),
        start=parse_time(start, where=f"{top.where}: start") if start else None,
        end=parse_time(end, where=f"{top.where}: end") if end else None,
        numbering=_numbering(top.table("numbering")),
        roster=_roster(top),
        opening_cases=_standard_cases(top, "opening_cases"),
        closing_cases=_standard_cases(top, "closing_cases"),
        templates=_templates(top.table("templates")),
        innkalling_days_before=top.whole("innkalling_days_before", 10),
        merknadsfrist_days=top.whole("merknadsfrist_days", 7),
        breaks=tuple(parse_breaks(top)),
        sections=_sections(top),
        secretariat_heading=top.text("secretariat_heading") or "Til stede fra sekretariatet",
        section_layout=_section_layout(top),
    )


def _numbering(table: Table) -> NumberFormats:
    defaults = NumberFormats()
    fields = ("saksliste", "saksfremlegg", "referat", "reference", "meeting")
    table.check_keys(fields)
    return check_formats(NumberFormats(**{f: table.text(f, getattr(defaults, f)) for f in fields}), where=table.where)


def _roster(top: Table) -> Roster:
    """Every appointment, in the file's order; one person's periods may not overlap."""
    entries = [(_person(t, role), t) for key, role in ROSTER_KEYS.items() for t in top.tables(key)]
    _refuse_overlaps(entries)

    def of(role: Role) -> tuple[Person, ...]:
        return tuple(person for person, _ in entries if person.role is role)

    return Roster(members=of(Role.MEMBER), observers=of(Role.OBSERVER), secretariat=of(Role.SECRETARIAT))


def _person(t: Table, role: Role) -> Person:
    t.check_keys(("name", "org", "title", "from", "to"))
    name = " ".join(t.text("name", required=True).split())
    start, end = t.opt_day("from"), t.opt_day("to")
    if start and end and end < start:
        raise InputError(
            _("«{name}»: «to» ({end}) is before «from» ({start})").format(name=name, end=end, start=start),
            where=t.where,
            fix=_("«to» is the last day of the appointment: on or after «from»."),
        )
    return Person(name=name, org=t.text("org"), title=t.text("title"), role=role, start=start, end=end)


def _refuse_overlaps(entries: list[tuple[Person, Table]]) -> None:
    """A person re-appointed, or a member who became an observer, is listed once per
    period; two periods that share a day would put one name twice on a meeting's lists."""
    for i, (person, table) in enumerate(entries):
        for other, other_table in entries[:i]:
            if same_name(person.name, other.name) and person.overlaps(other):
                dated = any((person.start, person.end, other.start, other.end))
                what = (
                    _("«{name}» is listed twice for overlapping periods: {period} and {other_period}").format(
                        name=person.name, period=period_text(other), other_period=period_text(person)
                    )
                    if dated
                    else _("«{name}» is listed twice").format(name=person.name)
                )
                raise InputError(
                    what,
                    where=table.where,
                    fix=_(
                        "Keep one entry per person (the other is {other}), or give the entries from/to dates "
                        "that do not overlap: the earlier one a «to» before the later one's «from»."
                    ).format(other=other_table.path),
                )


def _standard_cases(top: Table, key: str) -> tuple[StandardCase, ...]:
    cases = []
    for t in top.tables(key):
        t.check_keys(_CASE_KEYS)
        for field in ("title", "body", "forslag", "referat", "vedtak"):
            check_placeholders(t.text(field), where=f"{t.where}.{field}")
        cases.append(
            StandardCase(
                key=t.text("key", required=True),
                title=t.text("title", required=True),
                kind=parse_kind(t.text("kind", "vedtak"), where=t.where),
                body=t.text("body").strip(),
                forslag=t.text("forslag"),
                referat=t.text("referat"),
                vedtak=t.text("vedtak"),
                minutes=t.whole("minutes", minimum=1) if "minutes" in t.data else None,
            )
        )
    return tuple(cases)


def _templates(table: Table) -> dict[str, str]:
    table.check_keys(TEMPLATE_KINDS)
    return {kind: table.text(kind) for kind in TEMPLATE_KINDS if table.text(kind)}


def parse_kind(value: str, *, where: str) -> CaseKind:
    try:
        return CaseKind(value.strip().lower())
    except ValueError:
        raise InputError(
            _("unknown case kind «{kind}»").format(kind=value),
            where=where,
            fix=_("Use vedtak, diskusjon or orientering."),
        ) from None


def _section_layout(top: Table) -> SectionLayout:
    value = top.text("section_layout", SectionLayout.HEADINGS.value)
    try:
        return SectionLayout(value.strip().lower())
    except ValueError:
        *choices, last = [f'"{c.value}"' for c in SectionLayout]
        raise InputError(
            _("unknown section_layout «{value}»").format(value=value),
            where=f"{top.where}: section_layout",
            fix=_("Use {choices} or {last}.").format(choices=", ".join(choices), last=last),
        ) from None


def _sections(top: Table) -> tuple[SectionGuide, ...]:
    """``[[sections]] title = "Bakgrunn", guidance = "..."``: the saksfremlegg's sections for case-doc."""
    if "sections" not in top.data:
        return SAKSFREMLEGG_SECTIONS
    out = []
    for t in top.tables("sections"):
        t.check_keys(("title", "guidance"))
        title = " ".join(t.text("title", required=True).split())
        if is_forslag_title(title):
            raise InputError(
                _("«Forslag til vedtak» is always the last section; it is not listed here"),
                where=t.where,
                fix=_("Remove this [[sections]] entry."),
            )
        out.append(SectionGuide(title, " ".join(t.text("guidance").split())))
    return tuple(out)


def parse_breaks(top: Table, key: str = "breaks") -> list[Break]:
    """``[[breaks]] after = "...", minutes = 30, title = "Lunsj"`` (profile and manifest alike)."""
    out = []
    for t in top.tables(key):
        t.check_keys(("after", "minutes", "title"))
        out.append(
            Break(
                t.text("after", required=True), t.whole("minutes", required=True, minimum=1), t.text("title") or "Pause"
            )
        )
    return out
