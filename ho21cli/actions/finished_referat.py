"""The referat after the skeleton: checked as the person finished it, made into a PDF, approved.

`ho21 check` judges the referat once someone has worked on it (the skeleton as
`draft-referat` wrote it is ho21's own, with its marked places still empty);
`referat-pdf` and `referat-approved` judge it always and refuse while it has
errors. The referat is the person's: nothing here writes to it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ho21cli.actions.refusal import refuse_errors
from ho21cli.core.inputs import MeetingInputs
from ho21cli.core.model import APPROVED_BY_CHAIR, ReferatApproval
from ho21cli.core.numbering import DocKind
from ho21cli.core.referat_check import CaseSection, FinishedReferat, case_sections, check_referat
from ho21cli.core.validation import Problem, Severity, error
from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _, ngettext
from ho21cli.storage.archive import referat_file
from ho21cli.storage.reading import locked_inputs


def read_finished(inputs: MeetingInputs) -> FinishedReferat | Problem | None:
    """The meeting's referat as read, one error saying why it cannot be read, or None (not drafted)."""
    from ho21cli.render.referat_reader import read_referat

    found = inputs.referat
    if found is None:
        return None
    if not found.ok or found.data is None:
        return error(found.rel, f"{found.rel} {found.problem}", found.fix, "referat-unreadable")
    read = read_referat(found.rel, found.data)
    if isinstance(read, FinishedReferat):
        return read
    return error(found.rel, f"{found.rel} {read.what}", read.fix, "referat-unreadable")


def referat_problems(inputs: MeetingInputs, *, today: date | None = None) -> list[Problem]:
    """What `ho21 check` says of the referat: what `referat-pdf`, `referat-sent` and
    `referat-approved` would refuse, in their words. The skeleton as `draft-referat` wrote it is
    judged too, as not finished yet: its problems are warnings until the meeting is held, errors
    from then on (the gates refuse it)."""
    problems = gate_problems(inputs)
    if inputs.referat_as_drafted and not inputs.meeting.held(today or date.today()):
        return [replace(p, severity=Severity.WARNING) for p in problems]
    return problems


def gate_problems(inputs: MeetingInputs) -> list[Problem]:
    """Everything the referat's gates refuse it for; nothing when there is no referat."""
    read = read_finished(inputs)
    if read is None:
        return []
    if isinstance(read, Problem):
        return [read]
    problems = check_referat(read, inputs.meeting, inputs.profile, others=inputs.others)
    if inputs.referat_as_drafted:
        left = sum(p.severity is Severity.ERROR for p in problems)
        problems.insert(
            0,
            error(
                inputs.referat.rel if inputs.referat else "referat",
                ngettext(
                    "is not finished yet: it is the skeleton `draft-referat` wrote, with {n} place(s) left to write",
                    "is not finished yet: it is the skeleton `draft-referat` wrote, with {n} place(s) left to write",
                    left,
                ).format(n=left),
                _("Write the referat in Word in the marked places; the list below says what is left."),
                "referat-not-finished",
            ),
        )
    return problems


def _finished_or_refuse(inputs: MeetingInputs, *, doing: str) -> FinishedReferat:
    """The referat, checked: refused when there is none or it has errors."""
    key = inputs.mid.key
    if inputs.referat is None:
        raise InputError(
            _("meeting {label} has no referat yet ({file} in its folder)").format(
                label=inputs.label, file=referat_file(inputs.meeting)
            ),
            fix=_(
                "Draft it with `ho21 draft-referat {key}`, finish it in Word, and check it with `ho21 check {key}`."
            ).format(key=key),
        )
    refuse_unfinished(inputs, doing=doing)
    read = read_finished(inputs)
    assert isinstance(read, FinishedReferat)
    return read


def refuse_unfinished(inputs: MeetingInputs, *, doing: str) -> None:
    """Stop, listing every error, while the referat has errors (the untouched skeleton has)."""
    key = inputs.mid.key
    problems = gate_problems(inputs)
    refuse_errors(
        inputs,
        problems,
        doing=doing,
        fix=_("Correct the referat in Word ({path}); `ho21 check {key}` lists what is left.").format(
            path=inputs.folder / referat_file(inputs.meeting), key=key
        ),
        subject=_("the referat of meeting {label}").format(label=inputs.label),
    )


# -- referat-pdf ------------------------------------------------------------------------------


def referat_pdf(root: Path, meeting_ref: str, *, out: Path | None = None, force: bool = False) -> Path:
    """The tagged PDF of the referat as the person finished it (the .docx is never made anew)."""
    from ho21cli.actions.outputs import deliver
    from ho21cli.render.pdf import PdfJob, soffice

    soffice()  # a missing LibreOffice is said before any work is done
    with locked_inputs(root, meeting_ref) as inputs:
        _finished_or_refuse(inputs, doing=_("the referat is made into a PDF"))
        assert inputs.referat is not None and inputs.referat.data is not None
        meeting, numbers = inputs.meeting, inputs.profile.numbers
        expect = (numbers.case(meeting.first_case, meeting.number, meeting.year, DocKind.REFERAT),)
        name = str(Path(referat_file(meeting)).with_suffix(".pdf"))
        job = PdfJob(name, inputs.referat.data, expect=expect if meeting.cases else ())
        folder = out if out is not None else inputs.folder
        deliver(folder, inputs.mid.key, [], pdf_jobs=[job], force=force, retire=False)
    return folder / name


# -- referat-approved ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovedCase:
    number: str
    title: str
    vedtak: str | None
    postponed: bool = False


@dataclass(frozen=True)
class Approval:
    label: str  # "1/2026"
    approval: ReferatApproval
    by_label: str  # "rådsleder" or "møte 2/2026"
    cases: list[ApprovedCase]


def approve_referat(
    root: Path,
    meeting_ref: str,
    *,
    day: date,
    by: str | None = None,
    force: bool = False,
    today: date | None = None,
) -> Approval:
    """Record that the referat was approved, and each case's vedtak as the referat writes it."""
    from ho21cli.core.dates import refuse_future_record, shown_date
    from ho21cli.storage.manifest import save_meeting

    refuse_future_record(day, today or date.today(), where="--date", done=_("The approval of a referat"))
    with locked_inputs(root, meeting_ref) as inputs:
        meeting, numbers = inputs.meeting, inputs.profile.numbers
        done = meeting.referat_approved
        if done is not None and not force:
            raise ConflictError(
                _("the referat of meeting {label} was recorded as approved {day} by {by}; nothing was changed").format(
                    label=inputs.label, day=shown_date(done.day), by=_by_label(done.by, inputs)
                ),
                fix=_("To record the approval again (and read the vedtak from the referat anew), add --force."),
            )
        if day < meeting.date:
            raise InputError(
                _("the referat cannot be approved ({day}) before the meeting ({held})").format(
                    day=day, held=meeting.date
                ),
                where="--date",
            )
        approver = _approver(inputs, by, day)
        referat = _finished_or_refuse(inputs, doing=_("the approval is recorded"))
        _opening, sections = case_sections(referat, numbers)
        found: dict[int, CaseSection] = {}
        for section in sections:
            ref = section.ref
            if (ref.meeting in (None, meeting.number)) and ref.year == meeting.year:
                found.setdefault(ref.n, section)
        cases = []
        for n, case in meeting.numbered():
            own = found.get(n)
            vedtak = own.vedtak if own is not None and not case.postponed else None
            case.vedtak = vedtak if vedtak and vedtak.strip() else None
            number = numbers.case(n, meeting.number, meeting.year, DocKind.REFERAT)
            cases.append(ApprovedCase(number, case.title, case.vedtak, case.postponed))
        meeting.referat_approved = ReferatApproval(day, approver)
        save_meeting(inputs.manifest_path, meeting, previous_text=inputs.manifest_text)
    return Approval(inputs.label, meeting.referat_approved, _by_label(approver, inputs), cases)


def _approver(inputs: MeetingInputs, by: str | None, day: date) -> str:
    """``leder``, or the key of the later meeting that approved the referat on ``day``."""
    from ho21cli.core.dates import shown_date
    from ho21cli.storage.archive import Archive

    if by is None or by.strip().casefold() == APPROVED_BY_CHAIR:
        return APPROVED_BY_CHAIR
    archive = Archive(inputs.root)
    try:
        mid = archive.resolve(by, inputs.profile)
    except InputError as exc:
        raise InputError(exc.what, where="--by", fix=exc.fix) from None
    label = inputs.profile.numbers.label_of(mid)
    if (mid.year, mid.number) <= (inputs.mid.year, inputs.mid.number):
        raise InputError(
            _("meeting {label} is not after meeting {approved}: only a later meeting approves its referat").format(
                label=label, approved=inputs.label
            ),
            where="--by",
            fix=_("Name the meeting that approved it (usually the next one), or --by {chair} for the chair.").format(
                chair=APPROVED_BY_CHAIR
            ),
        )
    approving = archive.load(mid)
    held = approving.date
    if held != day:
        raise InputError(
            _("meeting {label} is held {held}, and approves the referat that day, not {day}").format(
                label=label, held=shown_date(held), day=shown_date(day)
            ),
            where="--date",
            fix=_("Give --date {held}, or --by {chair} if the chair approved it.").format(
                held=held.isoformat(), chair=APPROVED_BY_CHAIR
            ),
        )
    if approving.sent is None and not approving.has_meeting_records:
        raise InputError(
            _("meeting {label} has no record of being held: its innkalling was never recorded as sent").format(
                label=label
            ),
            where="--by",
            fix=_(
                "Record the sending first (`ho21 send {key} --date …`), or --by {chair} if the chair approved it."
            ).format(key=mid.key, chair=APPROVED_BY_CHAIR),
        )
    return mid.key


def _by_label(by: str, inputs: MeetingInputs) -> str:
    if by == APPROVED_BY_CHAIR:
        return _("the chair (leder)")
    try:
        year, number = (int(part) for part in by.split("-"))
    except ValueError:
        return by
    return _("meeting {label}").format(label=inputs.profile.numbers.meeting_label(number, year))
