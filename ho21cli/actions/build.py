"""`ho21 build-innkalling`: the innkalling and each saksfremlegg, from one reading.

With ``public`` the same documents for the public (offentleglova), into the meeting's
``offentlig/`` folder: rendered from the public view of the cases (core/publicity.py),
without the saksfremlegg of exempt cases, and PDF/A-2 for publishing and the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.actions.check import Inspection, inspect
from ho21cli.actions.outputs import deliver
from ho21cli.actions.refusal import refuse_errors
from ho21cli.core.documents import page_header
from ho21cli.core.inputs import BuildStamp, FileInput, MeetingInputs, innkalling_fingerprint
from ho21cli.core.publicity import is_exempt, public_docs
from ho21cli.i18n import _
from ho21cli.storage.outputs import Output
from ho21cli.storage.reading import locked_inputs

if TYPE_CHECKING:
    from ho21cli.core.documents import CaseDoc
    from ho21cli.render.innkalling import InnkallingInput
    from ho21cli.render.pdf import PdfJob, PdfSuspect
    from ho21cli.render.templating import Template

DRAFT_MARK = "UTKAST – "
PUBLIC_MARK = " – offentlig versjon"  # in the page header: not to be taken for the members' innkalling
PUBLIC_FOLDER = "offentlig"


@dataclass
class BuildResult:
    innkalling: Path
    saksfremlegg: list[Path] = field(default_factory=list)
    pdf: Path | None = None  # the tagged innkalling (PDF/UA)
    packet: Path | None = None  # all sakspapirer with PDF vedlegg (not tagged)
    moved_aside: list[Path] = field(default_factory=list)  # earlier outputs this build no longer makes
    saksfremlegg_pdfs: list[Path] = field(default_factory=list)  # the public build's, PDF/A-2
    exempt: list[str] = field(default_factory=list)  # the public build: cases shown without their documents


def buildable(inspection: Inspection, *, draft: bool) -> None:
    """A real build needs no error at all; a draft needs every file it shows."""
    inputs = inspection.inputs
    if draft:
        fatal = [p for p in inspection.problems if p.fatal]
        refuse_errors(inputs, fatal, doing=_("even a draft can be built"), fix=_("These files are needed to build it."))
    else:
        refuse_errors(
            inputs,
            inspection.problems,
            doing=_("the innkalling is built"),
            fix=_("See `ho21 check {key}`, or build a draft marked UTKAST with --draft.").format(key=inputs.mid.key),
        )


def build_innkalling(
    root: Path,
    meeting_ref: str,
    *,
    out: Path | None = None,
    force: bool = False,
    draft: bool = False,
    pdf: bool = False,
    public: bool = False,
    today: date | None = None,
) -> BuildResult:
    from ho21cli.render.innkalling import InnkallingInput, render_innkalling

    if pdf:
        from ho21cli.render.pdf import soffice

        soffice()  # a missing LibreOffice is said before any work is done
    with locked_inputs(root, meeting_ref) as inputs:
        inspection = inspect(inputs, today=today or date.today())
        buildable(inspection, draft=draft)
        templates = inputs.templates
        header = (DRAFT_MARK if draft else "") + page_header(inputs.meeting, inputs.profile)
        inp = InnkallingInput(
            meeting=inputs.meeting,
            profile=inputs.profile,
            cases=public_docs(inspection.docs) if public else inspection.docs,
            header=header + (PUBLIC_MARK if public else ""),
            draft=draft,
            innkalling_template=_template(templates["innkalling"]),
            saksfremlegg_template=_template(templates["saksfremlegg"]),
        )
        outputs = render_innkalling(inp)
        if public:
            outputs = public_outputs(inp, outputs)
            jobs = public_pdf_jobs(inp, outputs) if pdf else []
        else:
            jobs = [innkalling_pdf_job(inp, outputs[0].data)] if pdf else []
        folder = out if out is not None else inputs.folder / (PUBLIC_FOLDER if public else "build")
        stamp = None if public else build_stamp(inputs, outputs[0].rel, draft=draft)
        written = deliver(folder, inputs.mid.key, outputs, pdf_jobs=jobs, force=force, pdfa=public, stamp=stamp)
    result = BuildResult(innkalling=written.paths[0], saksfremlegg=written.paths[1 : len(outputs)])
    result.moved_aside = written.moved_aside
    result.exempt = [d.number_saksliste for d in inp.cases if is_exempt(d.case)] if public else []
    if pdf:
        result.pdf = folder / jobs[0].rel
        result.packet = folder / jobs[0].packet if jobs[0].packet else None
        result.saksfremlegg_pdfs = [folder / job.rel for job in jobs[1:]]
    return result


def build_stamp(inputs: MeetingInputs, innkalling: str, *, draft: bool) -> BuildStamp:
    """What `send` asks of the build: made from exactly these inputs, and not a draft."""
    from datetime import datetime

    return BuildStamp(innkalling_fingerprint(inputs), draft, innkalling, datetime.now().isoformat(timespec="seconds"))


def public_outputs(inp: InnkallingInput, outputs: list[Output]) -> list[Output]:
    """The public innkalling under its own name, and the saksfremlegg of the cases open to the public."""
    innkalling, *saksfremlegg = outputs
    own = [o for d, o in zip(inp.cases, saksfremlegg, strict=True) if not is_exempt(d.case)]
    return [Output(public_name(inp.meeting.key, "docx"), innkalling.data), *own]


def public_name(key: str, suffix: str) -> str:
    return f"innkalling-{key}-offentlig.{suffix}"


def public_pdf_jobs(inp: InnkallingInput, outputs: list[Output]) -> list[PdfJob]:
    """A PDF of each public document. No sakspapirer: a PDF vedlegg appended to a PDF/A file
    would not be PDF/A (the web gets each vedlegg as its own file)."""
    from dataclasses import replace

    from ho21cli.render.innkalling import saksfremlegg_name
    from ho21cli.render.pdf import PdfJob

    innkalling = replace(innkalling_pdf_job(inp, outputs[0].data), rel=public_name(inp.meeting.key, "pdf"), packet=None)
    by_name = {saksfremlegg_name(d): d for d in inp.cases}
    jobs = [innkalling]
    for output in outputs[1:]:
        doc = by_name[output.rel]
        jobs.append(
            PdfJob(
                rel=output.rel.removesuffix(".docx") + ".pdf",
                docx=output.data,
                expect=(doc.number_saksfremlegg,),
                suspects=(word_body_suspect(doc),) if doc.body.word is not None else (),
            )
        )
    return jobs


def _template(found: FileInput) -> Template:
    from ho21cli.render.templating import Template

    assert found.data is not None  # the inspection refused a template that was not read
    return Template(found.path, found.data)


def innkalling_pdf_job(inp: InnkallingInput, docx: bytes) -> PdfJob:
    from ho21cli.core.documents import meeting_label
    from ho21cli.render.pdf import PdfJob, PdfSuspect, PdfVedlegg

    key = inp.meeting.key
    vedlegg = tuple(
        PdfVedlegg(v.file.rel, v.file.data or b"", f"Vedlegg {i}: {v.title}", f"{d.number_saksfremlegg} {d.title}")
        for d in inp.cases
        for i, v in enumerate(d.vedlegg, start=1)
        if v.is_pdf
    )
    suspects = tuple(
        PdfSuspect(
            _("vedlegg {i} of {number} («{title}»)").format(i=i, number=d.number_saksliste, title=v.title),
            str(v.file.path),
            v.file.data,
        )
        for d in inp.cases
        for i, v in enumerate(d.vedlegg, start=1)
        if not v.is_pdf and v.file.data is not None
    ) + tuple(word_body_suspect(d) for d in inp.cases if d.body.word is not None)
    return PdfJob(
        rel=f"innkalling-{key}.pdf",
        docx=docx,
        expect=(inp.profile.name, f"møte {meeting_label(inp.meeting, inp.profile)}"),
        outline=True,
        packet=f"sakspapirer-{key}.pdf" if vedlegg else None,
        packet_vedlegg=vedlegg,
        suspects=suspects,
    )


def word_body_suspect(doc: CaseDoc) -> PdfSuspect:
    """A case's body written in Word, to be named if LibreOffice cannot convert it."""
    from ho21cli.render.pdf import PdfSuspect

    assert doc.body.word is not None
    return PdfSuspect(
        _("the Word body of {number}").format(number=doc.number_saksliste),
        doc.case.body or doc.title,
        doc.body.word.data,
    )
