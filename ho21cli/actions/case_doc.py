"""`ho21 case-doc`: the saksfremlegg a case officer writes in Word, from the council's template."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _
from ho21cli.storage.files import atomic_write_bytes, refuse_open_document
from ho21cli.storage.reading import is_word_body, locked_inputs


@dataclass(frozen=True)
class CaseDocResult:
    path: Path
    number: str
    title: str


def default_name(meeting_key: str, case_id: str) -> str:
    return f"saksfremlegg-{meeting_key}-{case_id}.docx"


def write_case_doc(
    root: Path, meeting_ref: str, case_ref: str, *, out: Path | None = None, force: bool = False
) -> CaseDocResult:
    from ho21cli.actions.check import effective_vedlegg, parse_bodies
    from ho21cli.core.documents import case_docs, page_header
    from ho21cli.core.numbering import resolve_case_ref
    from ho21cli.render.case_doc import render_case_doc
    from ho21cli.render.templating import Template

    with locked_inputs(root, meeting_ref) as inputs:
        meeting, profile = inputs.meeting, inputs.profile
        index = resolve_case_ref(meeting, case_ref, profile.numbers)
        case = meeting.cases[index]
        if case.body and is_word_body(case.body):
            raise InputError(
                _("the case already has a saksfremlegg written in Word: {file}").format(file=case.body),
                where=str(inputs.folder / case.body),
                fix=_(
                    "Give the case officer that file; it comes back with `ho21 edit-case MEETING REF --body FILE.docx`."
                ),
            )
        bodies, problems = parse_bodies(inputs)
        unusable = [p for p in problems if p.fatal and p.place == (case.body or "")]
        if unusable:
            raise InputError(unusable[0].what, where=unusable[0].place, fix=unusable[0].fix)
        doc = case_docs(meeting, profile, bodies, effective_vedlegg(inputs))[index]
        template = inputs.templates["saksfremlegg"]
        if template.data is None:
            raise InputError(
                _("the saksfremlegg template {problem}").format(problem=template.problem),
                where=str(template.path),
                fix=template.fix,
            )
        # A standard case has its forslag from the profile; a topical one without its own gets guidance.
        own_forslag = doc.forslag if (case.forslag or doc.body.forslag or case.standard) else None
        data = render_case_doc(
            Template(template.path, template.data),
            doc,
            profile,
            header=page_header(meeting, profile),
            own_forslag=own_forslag,
        )
    path = _target(out, default_name(meeting.key, case.id))
    refuse_open_document(path)
    if path.exists() and not force:
        raise ConflictError(
            _("the file exists; nothing was written"),
            where=str(path),
            fix=_("Give another --out, or add --force to replace it."),
        )
    atomic_write_bytes(path, data)
    return CaseDocResult(path, doc.number_saksfremlegg, doc.title)


def _target(out: Path | None, name: str) -> Path:
    if out is None:
        return Path.cwd() / name
    out = out.expanduser()
    if out.is_dir():
        return out / name
    if out.suffix.lower() != ".docx":
        raise InputError(_("the saksfremlegg is a Word document: give a .docx file name"), where=str(out))
    return out
