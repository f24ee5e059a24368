"""The meeting manifest (``<year>-<number>/meeting.toml``).

A person may edit the manifest by hand, with comments. Commands rewrite it
through tomlkit, changing only the values that changed, so every comment and
every hand-made layout survives.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Whitespace
from tomlkit.items import Table as TomlTable

from ho21cli.core.dates import parse_time
from ho21cli.core.model import Attendance, Case, Guest, Meeting, Person, ReferatSent, Role, Vedlegg
from ho21cli.errors import InputError
from ho21cli.storage.files import atomic_write_text
from ho21cli.storage.profile import check_schema, parse_kind
from ho21cli.storage.tomlfile import Table, read_toml

MANIFEST_NAME = "meeting.toml"
SCHEMA = 1

_MEETING_KEYS = ("year", "number", "date", "start", "end", "place", "address", "first_case", "sent")
_CASE_KEYS = (
    "id", "title", "kind", "standard", "saksbehandlere", "forslag", "body", "vedlegg",
    "inhabil", "ettersendes", "ettersendt",
)  # fmt: skip

HEADER = """\
# Møtemanifest for ho21. Saksnummer regnes ut fra first_case og rekkefølgen
# av [[cases]]; de skrives aldri her. Fila kan redigeres for hånd, og
# kommentarer beholdes når ho21 skriver til den.
"""


def load_meeting(path: Path) -> Meeting:
    _, data = read_toml(path)
    return parse_meeting(Table(data, f"{path.parent.name}/{path.name}"))


def parse_meeting(top: Table) -> Meeting:
    top.check_keys(("schema", "meeting", "attendance", "referat", "cases"))
    check_schema(top, SCHEMA)
    m = top.table("meeting")
    m.check_keys(_MEETING_KEYS)
    start, end = m.opt_str("start"), m.opt_str("end")
    meeting = Meeting(
        year=m.whole("year", required=True, minimum=1900),
        number=m.whole("number", required=True, minimum=1),
        date=m.day("date"),
        first_case=m.whole("first_case", required=True, minimum=1),
        start=parse_time(start, where=f"{m.where}.start") if start else None,
        end=parse_time(end, where=f"{m.where}.end") if end else None,
        place=m.text("place"),
        address=m.text("address"),
        cases=[_parse_case(t) for t in top.tables("cases")],
        attendance=_parse_attendance(top.table("attendance")),
        referat_sent=_parse_referat(top.table("referat")),
        sent=m.day("sent") if "sent" in m.data else None,
    )
    _check_unique_ids(meeting, top)
    return meeting


def _parse_case(t: Table) -> Case:
    t.check_keys(_CASE_KEYS)
    vedlegg = []
    for v in t.tables("vedlegg"):
        v.check_keys(("file", "title"))
        vedlegg.append(Vedlegg(file=v.text("file", required=True), title=v.text("title", required=True)))
    return Case(
        id=t.text("id", required=True),
        title=" ".join(t.text("title", required=True).split()),
        kind=parse_kind(t.text("kind", "vedtak"), where=t.where),
        saksbehandlere=t.str_list("saksbehandlere"),
        forslag=t.opt_str("forslag"),
        body=t.opt_str("body"),
        vedlegg=vedlegg,
        inhabil=t.str_list("inhabil"),
        standard=t.opt_str("standard"),
        ettersendes=t.flag("ettersendes"),
        ettersendt=t.flag("ettersendt"),
    )


def _parse_attendance(t: Table) -> Attendance:
    t.check_keys(("absent", "online", "notes", "extra_observers", "guests"))
    notes_table = t.table("notes")
    notes = {}
    for name in notes_table.data:
        notes[" ".join(str(name).split())] = notes_table.text(str(name))
    extra = []
    for o in t.tables("extra_observers"):
        o.check_keys(("name", "org"))
        extra.append(Person(name=o.text("name", required=True), org=o.text("org"), role=Role.OBSERVER))
    guests = []
    for g in t.tables("guests"):
        g.check_keys(("name", "org", "text"))
        guests.append(Guest(name=g.text("name", required=True), org=g.text("org"), text=g.text("text")))
    return Attendance(
        absent=t.str_list("absent"), online=t.str_list("online"), notes=notes, extra_observers=extra, guests=guests
    )


def _parse_referat(t: Table) -> ReferatSent | None:
    t.check_keys(("sent", "frist", "merknader"))
    if not t.data:
        return None
    return ReferatSent(sent=t.day("sent"), frist=t.day("frist"), merknader=t.text("merknader", ReferatSent.merknader))


def _check_unique_ids(meeting: Meeting, top: Table) -> None:
    seen: set[str] = set()
    for i, case in enumerate(meeting.cases):
        if case.id in seen:
            raise InputError(
                f"case id «{case.id}» is used twice",
                where=f"{top.file}: cases[{i}].id",
                fix="Give each case its own id.",
            )
        seen.add(case.id)


# -- writing -----------------------------------------------------------------


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    values: dict[str, Any] = {
        "year": meeting.year,
        "number": meeting.number,
        "date": meeting.date,
        "start": meeting.start,
        "end": meeting.end,
        "place": meeting.place,
        "address": meeting.address,
        "first_case": meeting.first_case,
        "sent": meeting.sent,
    }
    return {k: v for k, v in values.items() if v not in (None, "")}


def attendance_values(att: Attendance) -> dict[str, Any]:
    values: dict[str, Any] = {
        "absent": att.absent,
        "online": att.online,
        "notes": att.notes,
        "extra_observers": [{"name": p.name, "org": p.org} for p in att.extra_observers],
        "guests": [{"name": g.name, "org": g.org, "text": g.text} for g in att.guests],
    }
    return {k: v for k, v in values.items() if v}


def referat_values(sent: ReferatSent | None) -> dict[str, Any]:
    if sent is None:
        return {}
    return {"sent": sent.sent, "frist": sent.frist, "merknader": sent.merknader}


def case_values(case: Case) -> dict[str, Any]:
    """The keys a case is written with; defaults are left out to keep it short."""
    values: dict[str, Any] = {
        "id": case.id,
        "title": case.title,
        "kind": case.kind.value,
        "standard": case.standard,
        "saksbehandlere": case.saksbehandlere,
        "forslag": case.forslag,
        "body": case.body,
        "vedlegg": [{"file": v.file, "title": v.title} for v in case.vedlegg],
        "inhabil": case.inhabil,
        "ettersendes": case.ettersendes or None,
        "ettersendt": case.ettersendt or None,
    }
    return {k: v for k, v in values.items() if v not in (None, [], "")}


def render_manifest(meeting: Meeting, previous_text: str | None = None) -> str:
    """The manifest's new text, keeping the previous text's comments and layout."""
    doc = tomlkit.parse(previous_text) if previous_text else _fresh_document()
    if "schema" not in doc:
        doc["schema"] = SCHEMA
    if "meeting" not in doc:
        doc["meeting"] = tomlkit.table()
    _sync_table(doc["meeting"], meeting_values(meeting))
    _sync_optional_table(doc, "attendance", attendance_values(meeting.attendance))
    _sync_optional_table(doc, "referat", referat_values(meeting.referat_sent))
    _sync_cases(doc, meeting.cases)
    # Moving tables around leaves their blank lines behind; keep at most one.
    return re.sub(r"\n{3,}", "\n\n", tomlkit.dumps(doc)).rstrip("\n") + "\n"


def save_meeting(path: Path, meeting: Meeting) -> None:
    previous = path.read_text(encoding="utf-8") if path.exists() else None
    atomic_write_text(path, render_manifest(meeting, previous))


def _fresh_document() -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    for line in HEADER.splitlines():
        doc.add(tomlkit.comment(line.lstrip("# ")))
    doc.add(tomlkit.nl())
    return doc


def _sync_table(table: Any, values: dict[str, Any]) -> None:
    """Set changed values in place and drop keys that are now default."""
    for key in [k for k in table if k not in values]:
        del table[key]
    for key, value in values.items():
        if key not in table or _plain(table[key]) != value:
            table[key] = _inline(value)


def _sync_optional_table(doc: tomlkit.TOMLDocument, key: str, values: dict[str, Any]) -> None:
    """A table that is left out while it is empty."""
    if not values:
        if key in doc:
            del doc[key]
        return
    if key not in doc:
        doc[key] = tomlkit.table()
    _sync_table(doc[key], values)


def _inline(value: Any) -> Any:
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        return inline
    if isinstance(value, list) and value and isinstance(value[0], dict):
        array = tomlkit.array()
        for item in value:
            inline = tomlkit.inline_table()
            inline.update(item)
            array.append(inline)
        return array.multiline(len(value) > 1)
    return value


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _detach_leading_comments(table: TomlTable) -> list[tuple[Any, Any]]:
    """Comments written above the *next* ``[[cases]]`` header.

    tomlkit keeps them at the end of the table before; a blank line separates
    them from that table's own trailing comments. Taking them off lets them
    travel with the case they were written for.
    """
    body = table.value.body
    last_key = max((i for i, (key, _) in enumerate(body) if key is not None), default=-1)
    blanks = [i for i in range(last_key + 1, len(body)) if isinstance(body[i][1], Whitespace)]
    if not blanks:
        return []
    moved = body[blanks[-1] + 1 :]
    if not any(isinstance(item, Comment) for _, item in moved):
        return []
    del body[blanks[-1] + 1 :]  # only trivia after the last key: the key index stays valid
    return moved


def _last_table(doc: tomlkit.TOMLDocument) -> TomlTable | None:
    tables = [item for key, item in doc.body if key is not None and isinstance(item, TomlTable)]
    return tables[-1] if tables else None


def _sync_cases(doc: tomlkit.TOMLDocument, cases: list[Case]) -> None:
    existing: dict[str, TomlTable] = {}
    leading: dict[str, list[tuple[Any, Any]]] = {}
    old = doc.get("cases")
    if isinstance(old, AoT):
        tables = list(old)
        existing = {str(t.get("id")): t for t in tables}
        for before, table in itertools.pairwise(tables):
            leading[str(table.get("id"))] = _detach_leading_comments(before)
    aot = tomlkit.aot()
    previous: TomlTable | None = _last_table(doc)  # what stands above the first [[cases]]
    for case in cases:
        table = existing.get(case.id) or tomlkit.table()
        _sync_table(table, case_values(case))
        (previous if previous is not None else table).value.body.extend(leading.get(case.id, []))
        aot.append(table)
        previous = table
    if "cases" in doc:
        del doc["cases"]
    if cases:
        doc.append("cases", aot)
