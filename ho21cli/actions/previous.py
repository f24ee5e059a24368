"""`ho21 previous-meeting`: what a new archive's first meeting must know of the meeting before it.

«Godkjenning av referat fra møte 4/2025» names the previous meeting and says when its draft
referat went out. In an archive that holds that meeting, its own records say so; in a new
archive nothing does, and ho21 will not guess: `ho21 check` reports the missing fact as an
error naming this command, and this command records it in the meeting's manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import date as Day
from pathlib import Path

from ho21cli.actions.context import MeetingContext, locked_meeting
from ho21cli.core.dates import refuse_future_record, shown_date
from ho21cli.core.documents import placeholder_values
from ho21cli.core.model import PreviousMeeting
from ho21cli.core.numbering import MeetingId, previous_meeting
from ho21cli.core.referat import referat_sent
from ho21cli.core.standard_cases import fill
from ho21cli.errors import InputError
from ho21cli.i18n import _


@dataclass(frozen=True)
class PreviousRecord:
    meeting: str  # the previous meeting's key, "2025-4"
    date: Day | None
    referat_sent: Day | None
    frist: Day | None
    merknader: str = ""


@dataclass(frozen=True)
class RecordedPrevious:
    label: str  # this meeting, "1/2026"
    previous_label: str  # "4/2025"
    previous: PreviousMeeting
    retitled: list[str]  # case titles that now name the previous meeting


def record_previous_meeting(
    root: Path, meeting_ref: str, record: PreviousRecord, *, today: date | None = None
) -> RecordedPrevious:
    """Store what this meeting's «Godkjenning av referat» needs of the meeting before it."""
    today = today or date.today()
    if record.referat_sent is not None:
        refuse_future_record(
            record.referat_sent, today, where="--referat-sent", done=_("The sending of a draft referat")
        )
    with locked_meeting(root, meeting_ref) as ctx:
        mid = _previous_id(ctx, record.meeting)
        _refuse_held_in_archive(ctx)
        meeting = ctx.meeting
        _refuse_wrong_dates(ctx, mid, record)
        before = _standard_titles(ctx)
        sent = None
        if record.referat_sent is not None:
            sent = referat_sent(record.referat_sent, ctx.profile, record.frist, record.merknader)
            if sent.frist < sent.sent:
                raise InputError(_("the merknadsfrist is before the day the referat was sent"), where="--frist")
        elif record.frist is not None or record.merknader:
            raise InputError(
                _("--frist and --merknader belong to the draft referat: give --referat-sent with them"),
                where="--referat-sent",
            )
        meeting.previous = PreviousMeeting(mid.year, mid.number, record.date, sent)
        retitled = _follow_titles(ctx, before)
        ctx.save()
    return RecordedPrevious(ctx.label, ctx.profile.numbers.label_of(mid), meeting.previous, retitled)


def _previous_id(ctx: MeetingContext, ref: str) -> MeetingId:
    from ho21cli.storage.archive import parse_meeting_ref

    mid = parse_meeting_ref(ref, ctx.profile)
    if mid is None:
        raise InputError(
            _("«{ref}» is not a meeting").format(ref=ref),
            where="--meeting",
            fix=_("Name a meeting as YEAR-NUMBER, e.g. 2025-4 (or 4/2025)."),
        )
    if (mid.year, mid.number) >= (ctx.mid.year, ctx.mid.number):
        raise InputError(
            _("meeting {previous} is not before meeting {label}").format(
                previous=ctx.profile.numbers.label_of(mid), label=ctx.label
            ),
            where="--meeting",
            fix=_("Name the meeting held just before this one (often last year's last meeting)."),
        )
    return mid


def _refuse_held_in_archive(ctx: MeetingContext) -> None:
    """The archive's own meeting before this one is the record; a second, typed one could disagree."""
    before = previous_meeting(ctx.archive.meeting_ids(), ctx.mid.year, ctx.mid.number)
    if before is None:
        return
    label = ctx.profile.numbers.label_of(before)
    raise InputError(
        _("meeting {previous} is in the archive: what it recorded is what meeting {label} says of it").format(
            previous=label, label=ctx.label
        ),
        fix=_("Record when its draft referat was sent with `ho21 referat-sent {key} --date YYYY-MM-DD`.").format(
            key=before.key
        ),
    )


def _refuse_wrong_dates(ctx: MeetingContext, mid: MeetingId, record: PreviousRecord) -> None:
    day = record.date
    if day is not None and day >= ctx.meeting.date:
        raise InputError(
            _("meeting {previous} ({day}) is not before meeting {label} ({held})").format(
                previous=ctx.profile.numbers.label_of(mid),
                day=shown_date(day),
                label=ctx.label,
                held=shown_date(ctx.meeting.date),
            ),
            where="--date",
        )
    if day is not None and day.year != mid.year:
        raise InputError(
            _("meeting {previous} is a meeting of {year}, not of {day}").format(
                previous=ctx.profile.numbers.label_of(mid), year=mid.year, day=shown_date(day)
            ),
            where="--date",
        )
    sent = record.referat_sent
    if sent is not None and day is not None and sent < day:
        raise InputError(
            _("the referat cannot be sent ({sent}) before the meeting ({held})").format(sent=sent, held=day),
            where="--referat-sent",
        )


def _standard_titles(ctx: MeetingContext) -> dict[str, str]:
    values = placeholder_values(ctx.meeting, ctx.profile, None)
    return {
        c.id: fill(std.title, values)
        for c in ctx.meeting.cases
        if c.standard and (std := ctx.profile.standard_case(c.standard)) is not None
    }


def _follow_titles(ctx: MeetingContext, before: dict[str, str]) -> list[str]:
    """Standard titles filled before the record («… fra møte [forrige møte]») are filled anew;
    a title a person wrote stays."""
    after = _standard_titles(ctx)
    changed = []
    for case in ctx.meeting.cases:
        new = after.get(case.id)
        if new is not None and case.title == before.get(case.id) and case.title != new:
            case.title = new
            changed.append(new)
    return changed
