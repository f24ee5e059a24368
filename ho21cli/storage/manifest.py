"""The meeting manifest (``<year>-<number>/meeting.toml``).

A person may edit the manifest by hand, with comments. Commands rewrite it
through tomlkit, changing only the values that changed, so every comment and
every hand-made layout survives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ho21cli.core.dates import parse_time
from ho21cli.core.model import (
    APPROVED_BY_CHAIR,
    Attendance,
    Case,
    FollowUp,
    FollowUpStatus,
    Guest,
    Meeting,
    Person,
    PreviousMeeting,
    ReferatApproval,
    ReferatSent,
    Role,
    Vedlegg,
)
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_text
from ho21cli.storage.profile import check_schema, parse_breaks, parse_kind
from ho21cli.storage.tomlfile import Table, read_toml

MANIFEST_NAME = "meeting.toml"
SCHEMA = 1

_MEETING_KEYS = ("year", "number", "date", "start", "end", "place", "address", "first_case", "sent", "breaks")
_CASE_KEYS = (
    "id", "title", "kind", "standard", "saksbehandlere", "forslag", "body", "vedlegg",
    "inhabil", "ettersendes", "ettersendt", "postponed_from", "postponed", "minutes", "vedtak", "oppfolging",
    "unntatt", "offentlig_tittel",
)  # fmt: skip

HEADER = """\
# Møtemanifest for ho21. Saksnummer regnes ut: møtet fortsetter årets serie
# etter forrige møte, og sakene nummereres i rekkefølgen av [[cases]].
# first_case står her bare når nummrene ligger fast (innkallingen er sendt,
# eller arkivets første møte i året begynner midt i serien). Fila kan
# redigeres for hånd, og kommentarer beholdes når ho21 skriver til den.
"""


def load_meeting(path: Path) -> Meeting:
    return read_meeting(path)[0]


def read_meeting(path: Path) -> tuple[Meeting, str]:
    """The meeting and the manifest's text (to keep its comments when it is rewritten)."""
    text, data = read_toml(path)
    return parse_meeting(Table(data, f"{path.parent.name}/{path.name}")), text


def parse_meeting(top: Table) -> Meeting:
    top.check_keys(("schema", "meeting", "attendance", "referat", "previous", "cases"))
    check_schema(top, SCHEMA)
    m = top.table("meeting")
    m.check_keys(_MEETING_KEYS)
    start, end = m.opt_str("start"), m.opt_str("end")
    meeting = Meeting(
        year=m.whole("year", required=True, minimum=1900),
        number=m.whole("number", required=True, minimum=1),
        date=m.day("date"),
        first_case=m.whole("first_case", 1, minimum=1),
        fixed_first=m.whole("first_case", minimum=1) if "first_case" in m.data else None,
        start=parse_time(start, where=f"{m.where}.start") if start else None,
        end=parse_time(end, where=f"{m.where}.end") if end else None,
        place=m.text("place"),
        address=m.text("address"),
        cases=[_parse_case(t) for t in top.tables("cases")],
        attendance=_parse_attendance(top.table("attendance")),
        referat_sent=_parse_referat(top.table("referat")),
        referat_approved=_parse_approval(top.table("referat")),
        breaks=parse_breaks(m),
        sent=m.day("sent") if "sent" in m.data else None,
        previous=_parse_previous(top.table("previous")) if "previous" in top.data else None,
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
        postponed_from=t.opt_str("postponed_from"),
        postponed=t.flag("postponed"),
        minutes=t.whole("minutes", minimum=1) if "minutes" in t.data else None,
        vedtak=t.opt_str("vedtak"),
        followup=_parse_followup(t.table("oppfolging")) if "oppfolging" in t.data else None,
        unntatt=t.opt_str("unntatt"),
        offentlig_tittel=t.opt_str("offentlig_tittel"),
    )


FOLLOWUP_STATUSES = {s.value: s for s in FollowUpStatus}


def _parse_followup(t: Table) -> FollowUp:
    t.check_keys(("status", "note", "date"))
    status = t.text("status", FollowUpStatus.OPEN.value)
    if status not in FOLLOWUP_STATUSES:
        raise InputError(
            _("unknown follow-up status «{status}»").format(status=status),
            where=f"{t.where}.status",
            fix=_("Write one of {statuses}.").format(statuses=", ".join(FOLLOWUP_STATUSES)),
        )
    return FollowUp(
        status=FOLLOWUP_STATUSES[status], note=t.text("note"), day=t.day("date") if "date" in t.data else None
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
    t.check_keys(("sent", "frist", "merknader", "approved", "approved_by"))
    if "sent" not in t.data and "frist" not in t.data and "merknader" not in t.data:
        return None
    return ReferatSent(sent=t.day("sent"), frist=t.day("frist"), merknader=t.text("merknader", ReferatSent.merknader))


def _parse_previous(t: Table) -> PreviousMeeting:
    t.check_keys(("meeting", "date", "referat_sent", "frist", "merknader"))
    key = t.text("meeting", required=True)
    year, _sep, number = key.partition("-")
    if not (year.isdigit() and number.isdigit() and int(number) >= 1):
        raise InputError(
            _("«{key}» is not a meeting (year-number, e.g. 2025-4)").format(key=key),
            where=f"{t.where}.meeting",
            fix=_("Record it with `ho21 previous-meeting MEETING --meeting 4/2025 …`, or write year-number."),
        )
    sent = None
    if "referat_sent" in t.data:
        sent = ReferatSent(
            sent=t.day("referat_sent"), frist=t.day("frist"), merknader=t.text("merknader", ReferatSent.merknader)
        )
    return PreviousMeeting(int(year), int(number), t.day("date") if "date" in t.data else None, sent)


def _parse_approval(t: Table) -> ReferatApproval | None:
    if "approved" not in t.data:
        return None
    return ReferatApproval(day=t.day("approved"), by=t.text("approved_by", APPROVED_BY_CHAIR) or APPROVED_BY_CHAIR)


def _check_unique_ids(meeting: Meeting, top: Table) -> None:
    seen: set[str] = set()
    for i, case in enumerate(meeting.cases):
        if case.id in seen:
            raise InputError(
                _("case id «{id}» is used twice").format(id=case.id),
                where=f"{top.file}: cases[{i}].id",
                fix=_("Give each case its own id."),
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
        "first_case": meeting.fixed_first,
        "breaks": [{"after": b.after, "minutes": b.minutes, "title": b.title} for b in meeting.breaks],
        "sent": meeting.sent,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def attendance_values(att: Attendance) -> dict[str, Any]:
    values: dict[str, Any] = {
        "absent": att.absent,
        "online": att.online,
        "notes": att.notes,
        "extra_observers": [{"name": p.name, "org": p.org} for p in att.extra_observers],
        "guests": [{"name": g.name, "org": g.org, "text": g.text} for g in att.guests],
    }
    return {k: v for k, v in values.items() if v}


def referat_values(sent: ReferatSent | None, approved: ReferatApproval | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if sent is not None:
        values |= {"sent": sent.sent, "frist": sent.frist, "merknader": sent.merknader}
    if approved is not None:
        values |= {"approved": approved.day, "approved_by": approved.by}
    return values


def previous_values(previous: PreviousMeeting | None) -> dict[str, Any]:
    if previous is None:
        return {}
    values: dict[str, Any] = {"meeting": previous.key, "date": previous.date}
    if previous.referat_sent is not None:
        sent = previous.referat_sent
        values |= {"referat_sent": sent.sent, "frist": sent.frist, "merknader": sent.merknader}
    return {k: v for k, v in values.items() if v is not None}


def followup_values(followup: FollowUp | None) -> dict[str, Any] | None:
    if followup is None:
        return None
    values = {"status": followup.status.value, "note": followup.note, "date": followup.day}
    return {k: v for k, v in values.items() if v not in (None, "")}


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
        "postponed_from": case.postponed_from,
        "postponed": case.postponed or None,
        "minutes": case.minutes,
        "vedtak": case.vedtak,
        "oppfolging": followup_values(case.followup),
    }
    values |= {"unntatt": case.unntatt, "offentlig_tittel": case.offentlig_tittel}
    kept = {k: v for k, v in values.items() if v not in (None, [], "")}
    if case.unntatt == "":  # marked exempt without a legal basis: kept, for `ho21 check` to report
        kept["unntatt"] = ""
    return kept


def render_manifest(meeting: Meeting, previous_text: str | None = None) -> str:
    """The manifest's new text, keeping the previous text's comments and layout.

    A file nobody has edited is simply written anew (fast); one a person has
    touched goes through tomlkit, which keeps every comment and layout.
    """
    if previous_text is None or _is_plain(previous_text):
        return plain_manifest(meeting)
    return _round_trip(meeting, previous_text)


def _is_plain(text: str) -> bool:
    """True when ``text`` is exactly what ho21 writes for the meeting it holds."""
    import tomllib

    try:
        return text == plain_manifest(parse_meeting(Table(tomllib.loads(text), MANIFEST_NAME)))
    except (tomllib.TOMLDecodeError, InputError):
        return False


def plain_manifest(meeting: Meeting) -> str:
    """The manifest as ho21 lays it out, without tomlkit (a tenth of the time)."""
    parts = [HEADER, f"schema = {SCHEMA}\n", _section("[meeting]", meeting_values(meeting))]
    for name, values in (
        ("attendance", attendance_values(meeting.attendance)),
        ("referat", referat_values(meeting.referat_sent, meeting.referat_approved)),
        ("previous", previous_values(meeting.previous)),
    ):
        if values:
            parts.append(_section(f"[{name}]", values))
    parts += [_section("[[cases]]", case_values(case)) for case in meeting.cases]
    return "\n".join(parts)


def _section(header: str, values: dict[str, Any]) -> str:
    return header + "\n" + "".join(f"{_key(k)} = {_toml(v)}\n" for k, v in values.items())


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml(key)


def _toml(value: Any) -> str:
    import json
    from datetime import date

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, str):  # JSON strings are TOML basic strings, but for DEL
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    if value and isinstance(value[0], dict):
        return "[\n" + "".join(f"    {_toml(v)},\n" for v in value) + "]"
    return "[" + ", ".join(_toml(v) for v in value) + "]"


def _round_trip(meeting: Meeting, previous_text: str) -> str:
    from ho21cli.storage.manifest_roundtrip import ManifestValues, round_trip

    values = ManifestValues(
        schema=SCHEMA,
        meeting=meeting_values(meeting),
        attendance=attendance_values(meeting.attendance),
        referat=referat_values(meeting.referat_sent, meeting.referat_approved),
        previous=previous_values(meeting.previous),
        cases=[case_values(case) for case in meeting.cases],
    )
    return round_trip(values, previous_text)


def save_meeting(path: Path, meeting: Meeting, *, previous_text: str | None = None) -> None:
    """Write the manifest; ``previous_text`` is the text as read (else it is read now)."""
    if previous_text is None and path.exists():
        previous_text = path.read_text(encoding="utf-8-sig")
    atomic_write_text(path, render_manifest(meeting, previous_text))
