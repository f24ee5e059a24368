"""The inspection and `ho21 send`: every problem in a meeting's inputs, from one reading.

The build asks ``inspect`` before it writes anything, and `ho21 check` asks it too
(``actions/gates.py``, with what the other gates refuse), so whatever would stop a
build is an error in `check`, and what passes there builds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.core.archive_checks import archive_problems
from ho21cli.core.body import Body
from ho21cli.core.documents import CaseDoc, VedleggDoc, body_of, case_docs, placeholder_values, previous_referat_title
from ho21cli.core.inputs import FileInput, MeetingInputs
from ho21cli.core.validation import (
    Problem,
    check_meeting,
    error,
    file_problem,
    has_errors,
    unbuilt_problem,
    warning,
)
from ho21cli.errors import ConflictError, Ho21Error
from ho21cli.i18n import _, ngettext
from ho21cli.storage.manifest import save_meeting
from ho21cli.storage.reading import is_word_body, locked_inputs

if TYPE_CHECKING:
    from ho21cli.render.inspect import Refusal
    from ho21cli.render.templating import Required

REFERAT_CASE = "referat"  # the standard case "Godkjenning av referat"


@dataclass
class Inspection:
    """The cases as the documents show them, and every problem found in them."""

    inputs: MeetingInputs
    docs: list[CaseDoc]
    problems: list[Problem] = field(default_factory=list)


def inspect(inputs: MeetingInputs, *, today: date) -> Inspection:
    from ho21cli.render.inspect import image_refusal, vedlegg_refusal

    bodies, problems = parse_bodies(inputs)
    broken = {case_id for case_id, body in bodies.items() if body is BROKEN}
    vedlegg = effective_vedlegg(inputs)
    images = {
        cid: {src: f.data for src, f in found.items() if f.data is not None} for cid, found in inputs.images.items()
    }
    docs = case_docs(inputs.meeting, inputs.profile, bodies, vedlegg, images)
    unread = {d.number_saksliste for d in docs if d.case.id in broken}  # reported as broken, not as missing
    problems += [
        p
        for p in check_meeting(inputs, docs, today=today)
        if not (p.code == "missing-saksfremlegg" and p.place in unread)
    ]
    problems += archive_problems(inputs, docs)
    for doc in docs:
        for i, v in enumerate(doc.vedlegg, start=1):
            place = _("{number}: vedlegg {i} ({title})").format(number=doc.number_saksliste, i=i, title=v.title)
            problems += _file(place, v.file, "vedlegg", vedlegg_refusal)
            problems += _unfinished_vedlegg(place, v)
        for src, found in inputs.images.get(doc.case.id, {}).items():
            place = _("{number}: image {src}").format(number=doc.number_saksliste, src=src)
            problems += _file(place, found, "image", image_refusal)
    problems += template_problems(inputs)
    problems += edited_output_problems(inputs, docs)
    return Inspection(inputs, docs, problems)


def _file(place: str, found: FileInput, code: str, refusal_of: Callable[[str, bytes], Refusal | None]) -> list[Problem]:
    if not found.ok or found.data is None:
        return [file_problem(place, found, code)]
    refusal = refusal_of(found.rel, found.data)
    if refusal is None:
        return []
    return [error(place, f"{found.rel} {refusal.what}", refusal.fix, code, fatal=True)]


def _unfinished_vedlegg(place: str, vedlegg: VedleggDoc) -> list[Problem]:
    """Tracked changes and comments in a .docx vedlegg: merged as they are, but worth a look."""
    from ho21cli.render.word_body import revisions_and_comments

    if vedlegg.is_pdf or vedlegg.file.data is None:
        return []
    changes, comments = revisions_and_comments(vedlegg.file.data)
    if changes and comments:
        what = _("has {changes} and {comments}").format(changes=_tracked_changes(changes), comments=_comments(comments))
    elif changes:
        what = _("has {changes}").format(changes=_tracked_changes(changes))
    elif comments:
        what = _("has {comments}").format(comments=_comments(comments))
    else:
        return []
    fix = _(
        "If that is not meant for the council: in Word, Review → Accept all changes / Delete all comments, then save."
    )
    return [warning(place, what, fix, "vedlegg-unfinished")]


def _tracked_changes(n: int) -> str:
    # The English says "(s)" whatever the count; bokmål gets its proper forms.
    return ngettext("{n} tracked change(s) not accepted", "{n} tracked change(s) not accepted", n).format(n=n)


def _comments(n: int) -> str:
    return ngettext("{n} comment(s)", "{n} comment(s)", n).format(n=n)


BROKEN = Body()  # stands in for a body that could not be read or parsed


def parse_bodies(inputs: MeetingInputs) -> tuple[dict[str, Body], list[Problem]]:
    """Every case body, parsed; a broken one is a problem to report, not a stop."""
    values = placeholder_values(inputs.meeting, inputs.profile, inputs.previous)
    bodies: dict[str, Body] = {}
    problems: list[Problem] = []
    for case in inputs.meeting.cases:
        found = inputs.bodies.get(case.id)
        place = found.rel if found else _("profil.toml: standard case «{name}»").format(name=case.standard)
        if found is not None and not found.ok:
            problems.append(file_problem(place, found, "body"))
            bodies[case.id] = BROKEN
            continue
        try:
            if found is not None and found.data is not None and is_word_body(found.rel):
                bodies[case.id] = word_body(found)
                continue
            text = found.data.decode("utf-8") if found and found.data is not None else None
            bodies[case.id] = body_of(case, text, inputs.profile, values, where=str(found.path) if found else place)
        except Ho21Error as exc:
            problems.append(error(exc.where or place, exc.what, exc.fix or "", "body", fatal=True))
            bodies[case.id] = BROKEN
    return bodies, problems


def word_body(found: FileInput) -> Body:
    """A body written in Word, opened as the build opens it; refused as a vedlegg would be."""
    from ho21cli.errors import InputError
    from ho21cli.render.inspect import docx_refusal
    from ho21cli.render.word_body import read_word_body

    assert found.data is not None
    refusal = docx_refusal(found.data)
    if refusal is not None:
        raise InputError(refusal.what, where=found.rel, fix=refusal.fix)
    return read_word_body(found.data)


def effective_vedlegg(inputs: MeetingInputs) -> dict[str, list[VedleggDoc]]:
    """Each case's vedlegg as read; the previous referat is Vedlegg 1 of "Godkjenning av referat"
    unless that case has vedlegg of its own (also when the meeting was made before the referat)."""
    out: dict[str, list[VedleggDoc]] = {}
    for case in inputs.meeting.cases:
        files = inputs.vedlegg.get(case.id, [])
        out[case.id] = [VedleggDoc(v.title, f) for v, f in zip(case.vedlegg, files, strict=True)]
        previous, referat = inputs.previous, inputs.previous_referat
        if case.standard == REFERAT_CASE and not case.vedlegg and previous and referat:
            out[case.id] = [VedleggDoc(previous_referat_title(previous, inputs.profile), referat)]
    return out


def fields_of(kind: str) -> tuple[dict[str, set[str] | None], Required]:
    """What each kind's template may use and must use, as its renderer declares it."""
    from ho21cli.render import innkalling, referat, saksfremlegg

    module = {"innkalling": innkalling, "saksfremlegg": saksfremlegg, "referat": referat}[kind]
    return module.FIELDS, module.REQUIRED


def template_problems(inputs: MeetingInputs) -> list[Problem]:
    from ho21cli.render.templating import Template

    out = []
    for kind, found in inputs.templates.items():
        if not found.ok:
            place = f"profil.toml: templates.{kind}"
            what = _("the {kind} template {path} {problem}").format(kind=kind, path=found.path, problem=found.problem)
            fix = _("Fix the path (relative to the archive folder), or remove the line to use the bundled template.")
            out.append(error(place, what, fix, f"template-{kind}", fatal=True))
            continue
        place = str(found.path)
        assert found.data is not None
        try:
            Template(found.path, found.data).check(*fields_of(kind))
        except Ho21Error as exc:
            out.append(error(place, exc.what, exc.fix or "", f"template-{kind}", fatal=True))
    return out


def edited_output_problems(inputs: MeetingInputs, docs: list[CaseDoc]) -> list[Problem]:
    """A saksfremlegg edited by hand after the build must still carry its saksliste title."""
    from ho21cli.render.innkalling import saksfremlegg_name
    from ho21cli.render.inspect import docx_refusal, open_docx

    by_name = {saksfremlegg_name(d): d for d in docs}
    out = []
    for edited in inputs.edited_outputs:
        place = f"build/{edited.rel}"
        doc = by_name.get(edited.rel)
        if doc is None:
            continue
        refusal = docx_refusal(edited.data)
        if refusal is not None:
            out.append(
                warning(
                    place,
                    _("was changed after ho21 wrote it and {problem}").format(problem=refusal.what),
                    _("The next build will not replace it unless told to (--force); move it away if it is not needed."),
                    "edited-output",
                )
            )
            continue
        expected = f"{doc.number_saksfremlegg} {doc.title}"
        paragraphs = open_docx(edited.data).paragraphs
        found = next((p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"), "")
        if " ".join(found.split()) != expected:
            out.append(
                error(
                    place,
                    _("the edited saksfremlegg is headed «{found}», the saksliste says «{expected}»").format(
                        found=found, expected=expected
                    ),
                    _("Change the title in the manifest and build again."),
                    "title-mismatch",
                )
            )
    return out


@dataclass(frozen=True)
class SendResult:
    inputs: MeetingInputs
    problems: list[Problem]
    sent: date | None  # None: refused for errors


def send(root: Path, meeting_ref: str, *, on: date, force: bool = False, today: date | None = None) -> SendResult:
    """Record that the innkalling went out; refused while `ho21 check` finds errors.

    A second send changes nothing unless told to: the recorded day is when
    the members got the numbers.
    """
    from ho21cli.core.dates import refuse_future_record, shown_date

    today = today or date.today()
    refuse_future_record(on, today, where="--date", done=_("The sending of an innkalling"))
    with locked_inputs(root, meeting_ref) as inputs:
        meeting = inputs.meeting
        if meeting.sent and not force:
            raise ConflictError(
                _("the innkalling of meeting {label} was already recorded as sent {sent}; nothing was changed").format(
                    label=inputs.label, sent=shown_date(meeting.sent)
                ),
                fix=_("To record another day (it was sent again), run send again with --force."),
            )
        problems = inspect(inputs, today=on).problems
        unbuilt = unbuilt_problem(inputs)
        problems += [unbuilt] if unbuilt is not None else []
        if has_errors(problems):
            return SendResult(inputs, problems, None)
        meeting.sent = on
        meeting.fixed_first = meeting.first_case  # the members have these numbers now
        save_meeting(inputs.manifest_path, meeting, previous_text=inputs.manifest_text)
    return SendResult(inputs, problems, on)
