"""Attendance, the draft referat, and when the draft was sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ho21cli.actions.context import MeetingContext, locked_meeting, open_meeting
from ho21cli.core.attendance import AttendanceChange, AttendanceLists, apply_change, attendance_lists, now_present
from ho21cli.core.documents import page_header, placeholder_values, reference_numbers
from ho21cli.core.history import keep_roster, retake_roster, roster_of
from ho21cli.core.inputs import MeetingInputs
from ho21cli.core.model import Meeting, Profile, ReferatSent, Roster
from ho21cli.core.referat import referat_cases, referat_sent
from ho21cli.core.references import link_case_numbers, resolve_text
from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _
from ho21cli.storage.reading import locked_inputs

# The attendance fields of the core, as the command line names them.
ATTENDANCE_OPTIONS = {f: f"--{f}" for f in ("absent", "present", "online", "note", "observer", "guest")}


def meeting_roster(ctx: MeetingContext) -> Roster:
    """The meeting's roster (``roster_of``): the one kept when it was held, else the one in
    force on its date; a meeting lists and checks the people appointed then, not those of today."""
    return roster_of(ctx.meeting, ctx.profile)


def case_numbers_now(meeting: Meeting, profile: Profile) -> Callable[[str], str]:
    """Writes the cases a note names (stored as [[sak:id]]) with their numbers today."""
    numbers = reference_numbers(meeting, profile)
    return lambda text: resolve_text(text, numbers)


def record_attendance(
    root: Path, meeting_ref: str, change: AttendanceChange, *, roster_now: bool = False, today: date | None = None
) -> tuple[MeetingContext, AttendanceLists, list[str]]:
    """Record the change; with ``roster_now`` the meeting first takes the roster again as
    profil.toml has it now for its day (a held meeting otherwise keeps the one it was held with).
    Also returns who was absent before and is now present because --online named them."""
    today = today or date.today()
    with locked_meeting(root, meeting_ref) as ctx:
        if roster_now:
            retake_roster(ctx.meeting, ctx.profile, today)

        def link(text: str) -> str:
            return link_case_numbers(text, ctx.meeting, ctx.profile.numbers)

        before = ctx.meeting.attendance
        try:
            ctx.meeting.attendance = apply_change(before, meeting_roster(ctx), change, link=link)
        except InputError as exc:
            exc.where = ATTENDANCE_OPTIONS.get(exc.where or "", exc.where)
            raise
        keep_roster(ctx.meeting, ctx.profile, today)
        ctx.save()
    return ctx, _lists(ctx), now_present(before, ctx.meeting.attendance)


def _lists(ctx: MeetingContext) -> AttendanceLists:
    show = case_numbers_now(ctx.meeting, ctx.profile)
    return attendance_lists(ctx.meeting.attendance, meeting_roster(ctx), show=show)


def show_attendance(root: Path, meeting_ref: str) -> tuple[MeetingContext, AttendanceLists]:
    return (ctx := open_meeting(root, meeting_ref)), _lists(ctx)


def record_referat_sent(
    root: Path,
    meeting_ref: str,
    *,
    sent: date,
    frist: date | None = None,
    merknader: str = "",
    today: date | None = None,
) -> ReferatSent:
    from ho21cli.actions.context import context_of
    from ho21cli.actions.finished_referat import refuse_unfinished
    from ho21cli.core.dates import refuse_future_record
    from ho21cli.storage.archive import find_meeting
    from ho21cli.storage.files import folder_lock
    from ho21cli.storage.reading import read_inputs

    refuse_future_record(sent, today or date.today(), where="--date", done=_("The sending of a draft referat"))
    archive, mid = find_meeting(root, meeting_ref)
    with folder_lock(archive.meeting_dir(mid)):
        inputs = read_inputs(archive, mid)
        if inputs.referat is not None:  # a referat written outside ho21 is taken as sent
            refuse_unfinished(inputs, doing=_("the draft referat is recorded as sent"))
        ctx = context_of(archive, mid)
        if sent < ctx.meeting.date:
            raise InputError(
                _("the referat cannot be sent ({sent}) before the meeting ({held})").format(
                    sent=sent, held=ctx.meeting.date
                ),
                where="--date",
            )
        record = referat_sent(sent, ctx.profile, frist, merknader)
        if record.frist < record.sent:
            raise InputError(_("the merknadsfrist is before the day the referat was sent"), where="--frist")
        ctx.meeting.referat_sent = record
        keep_roster(ctx.meeting, ctx.profile, date.today())
        ctx.save()
    return record


@dataclass(frozen=True)
class DraftResult:
    path: Path
    backup: Path | None
    pdf: Path | None = None


REFERAT_NEEDS = {"body", "template-referat"}  # what a referat cannot be drafted without


def refuse_pdf_over_referat(inputs: MeetingInputs, out: Path | None, *, force: bool) -> None:
    """`draft-referat --pdf` makes the PDF of a new skeleton: once a referat exists, that PDF would
    not be the referat the person wrote (and --force would replace their work), so it is refused."""
    from ho21cli.storage.archive import referat_file

    name = referat_file(inputs.meeting)
    existing = [f for f in (inputs.folder / name, (out / name) if out is not None else None) if f and f.exists()]
    if not existing:
        return
    key = inputs.mid.key
    what = (
        _(
            "meeting {label} has a referat already; --pdf would draft a new skeleton and make the PDF of that, "
            "not of the referat as it is written (--force does not change this: it would replace the person's "
            "work with a new skeleton)"
        )
        if force
        else _(
            "meeting {label} has a referat already; --pdf would draft a new skeleton and make the PDF of that, "
            "not of the referat as it is written"
        )
    )
    raise ConflictError(
        what.format(label=inputs.label),
        where=str(existing[0]),
        fix=_(
            "Make the PDF of the referat as it is with `ho21 referat-pdf {key}`. To start it anew, run "
            "`ho21 draft-referat {key} --force` (the old one is kept as a backup), without --pdf."
        ).format(key=key),
    )


def draft_referat(
    root: Path, meeting_ref: str, *, out: Path | None = None, force: bool = False, pdf: bool = False
) -> DraftResult:
    from ho21cli.actions.check import inspect
    from ho21cli.actions.outputs import deliver
    from ho21cli.actions.refusal import refuse_errors
    from ho21cli.render.pdf import PdfJob
    from ho21cli.render.referat import ReferatInput, render_referat_outputs
    from ho21cli.render.templating import Template
    from ho21cli.storage.manifest import save_meeting

    if pdf:
        from ho21cli.render.pdf import soffice

        soffice()  # a missing LibreOffice is said before any work is done
    with locked_inputs(root, meeting_ref) as inputs:
        if pdf:
            refuse_pdf_over_referat(inputs, out, force=force)
        inspection = inspect(inputs, today=date.today())
        needed = [p for p in inspection.problems if p.fatal and p.code in REFERAT_NEEDS]
        refuse_errors(
            inputs, needed, doing=_("the referat is drafted"), fix=_("The referat is drafted from these files.")
        )
        meeting, profile = inputs.meeting, inputs.profile
        template = inputs.templates["referat"]
        assert template.data is not None
        outputs = render_referat_outputs(
            ReferatInput(
                meeting=meeting,
                profile=profile,
                attendance=attendance_lists(
                    meeting.attendance, roster_of(meeting, profile), show=case_numbers_now(meeting, profile)
                ),
                cases=referat_cases(
                    meeting, profile, inspection.docs, placeholder_values(meeting, profile, inputs.previous)
                ),
                header=page_header(meeting, profile),
                template=Template(template.path, template.data),
            )
        )
        (referat,) = outputs
        pdf_name = str(Path(referat.rel).with_suffix(".pdf"))
        jobs = [PdfJob(pdf_name, referat.data, expect=(f"referat møte {inputs.label}",))]
        folder = out if out is not None else inputs.folder
        written = deliver(folder, inputs.mid.key, outputs, pdf_jobs=jobs if pdf else None, force=force, retire=False)
        if keep_roster(meeting, profile, date.today()):  # the referat lists them: a held meeting keeps them
            save_meeting(inputs.manifest_path, meeting, previous_text=inputs.manifest_text)
    return DraftResult(
        written.paths[0], written.backups[0] if written.backups else None, folder / jobs[0].rel if pdf else None
    )
