"""Attendance, the draft referat, and when the draft was sent."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ho21cli.actions.context import (
    MeetingContext,
    load_bodies,
    locked_meeting,
    open_meeting,
    placeholder_values,
    referat_file,
)
from ho21cli.core.attendance import AttendanceChange, AttendanceLists, apply_change, attendance_lists
from ho21cli.core.documents import case_docs, page_header
from ho21cli.core.model import ReferatSent
from ho21cli.core.referat import referat_cases, referat_sent
from ho21cli.errors import ConflictError, InputError
from ho21cli.storage.files import atomic_write_bytes
from ho21cli.storage.manifest import save_meeting


def record_attendance(root: Path, meeting_ref: str, change: AttendanceChange) -> tuple[MeetingContext, AttendanceLists]:
    with locked_meeting(root, meeting_ref) as ctx:
        ctx.meeting.attendance = apply_change(ctx.meeting.attendance, ctx.profile.roster, change)
        save_meeting(ctx.manifest_path, ctx.meeting)
    return ctx, attendance_lists(ctx.meeting.attendance, ctx.profile.roster)


def show_attendance(root: Path, meeting_ref: str) -> tuple[MeetingContext, AttendanceLists]:
    ctx = open_meeting(root, meeting_ref)
    return ctx, attendance_lists(ctx.meeting.attendance, ctx.profile.roster)


def record_referat_sent(
    root: Path, meeting_ref: str, *, sent: date, frist: date | None = None, merknader: str = ""
) -> ReferatSent:
    with locked_meeting(root, meeting_ref) as ctx:
        if sent < ctx.meeting.date:
            raise InputError(
                f"the referat cannot be sent ({sent}) before the meeting ({ctx.meeting.date})", where="--date"
            )
        record = referat_sent(sent, ctx.profile, frist, merknader)
        if record.frist < record.sent:
            raise InputError("the merknadsfrist is before the day the referat was sent", where="--frist")
        ctx.meeting.referat_sent = record
        save_meeting(ctx.manifest_path, ctx.meeting)
    return record


@dataclass(frozen=True)
class DraftResult:
    path: Path
    backup: Path | None
    pdf: Path | None = None


def draft_referat(
    root: Path, meeting_ref: str, *, out: Path | None = None, force: bool = False, pdf: bool = False
) -> DraftResult:
    from ho21cli.render.referat import ReferatInput, render_referat
    from ho21cli.render.templating import Template, template_path

    if pdf:
        from ho21cli.render.pdf import soffice

        soffice()  # a missing LibreOffice is said before any work is done
    with locked_meeting(root, meeting_ref) as ctx:
        path = (out or ctx.folder) / referat_file(ctx.meeting)
        if path.exists() and not force:
            raise ConflictError(
                "a referat exists already; a person may have worked on it",
                where=str(path),
                fix="Give --force to draft a new one (the old one is kept as a backup).",
            )
        docs = case_docs(ctx.meeting, ctx.profile, load_bodies(ctx))
        values = placeholder_values(ctx)
        document = render_referat(
            ReferatInput(
                meeting=ctx.meeting,
                profile=ctx.profile,
                attendance=attendance_lists(ctx.meeting.attendance, ctx.profile.roster),
                cases=referat_cases(ctx.meeting, ctx.profile, docs, values),
                header=page_header(ctx.meeting, ctx.profile),
                template=Template(template_path(root, ctx.profile.templates, "referat")),
            )
        )
        buffer = io.BytesIO()
        document.save(buffer)
        pdf_bytes = _referat_pdf(ctx, buffer.getvalue(), path.name) if pdf else None
        backup = _backup(path) if path.exists() else None
        atomic_write_bytes(path, buffer.getvalue())
        pdf_path = None
        if pdf_bytes is not None:
            pdf_path = path.with_suffix(".pdf")
            atomic_write_bytes(pdf_path, pdf_bytes)  # derived from the docx just written: replaced with it
    return DraftResult(path, backup, pdf_path)


def _referat_pdf(ctx: MeetingContext, docx_bytes: bytes, name: str) -> bytes:
    import tempfile

    from ho21cli.render.pdf import check_text, convert

    with tempfile.TemporaryDirectory(prefix="ho21-pdf-") as tmp:
        source = Path(tmp) / name
        source.write_bytes(docx_bytes)
        (made,) = convert([source], Path(tmp) / "pdf")
        check_text(made, [f"referat møte {ctx.meeting.number}/{ctx.meeting.year}"])
        return made.read_bytes()


def _backup(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    n = 2
    while backup.exists():
        backup = path.with_name(f"{path.stem}.backup-{stamp}-{n}{path.suffix}")
        n += 1
    atomic_write_bytes(backup, path.read_bytes())
    return backup
