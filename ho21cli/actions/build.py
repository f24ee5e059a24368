"""Building the innkalling (and each saksfremlegg) for a meeting."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ho21cli.actions.context import (
    MeetingContext,
    load_bodies,
    locked_meeting,
    previous_meeting_of,
    referat_file,
)
from ho21cli.core.documents import CaseDoc, case_docs, meeting_label, page_header
from ho21cli.core.model import Vedlegg
from ho21cli.core.numbering import MeetingId
from ho21cli.core.text import slugify
from ho21cli.errors import CheckFailed
from ho21cli.render.docs import check_vedlegg_file
from ho21cli.storage.build_record import BuildRecord

if TYPE_CHECKING:
    from ho21cli.render.pdf import PdfVedlegg

DRAFT_MARK = "UTKAST – "


@dataclass
class BuildResult:
    innkalling: Path
    saksfremlegg: list[Path] = field(default_factory=list)
    pdf: Path | None = None  # the tagged innkalling (PDF/UA)
    packet: Path | None = None  # all sakspapirer with PDF vedlegg (not tagged)


def output_folder(ctx: MeetingContext, out: Path | None) -> Path:
    return out if out is not None else ctx.folder / "build"


def saksfremlegg_name(doc: CaseDoc) -> str:
    return f"saksfremlegg/sak-{doc.n:02d}-{slugify(doc.title, max_length=40)}.docx"


def check_vedlegg_files(ctx: MeetingContext, docs: list[CaseDoc]) -> None:
    for doc in docs:
        for i, v in enumerate(doc.case.vedlegg, start=1):
            check_vedlegg_file(ctx.folder / v.file, what=f"vedlegg {i} of {doc.number_saksliste} in meeting.toml")


def attach_previous_referat(ctx: MeetingContext, docs: list[CaseDoc]) -> None:
    """The previous meeting's referat is Vedlegg 1 of "Godkjenning av referat", unless
    the case has vedlegg of its own. Looked up at every build, so a meeting created
    before that referat was written still gets it."""
    previous = previous_meeting_of(ctx)
    if previous is None:
        return
    path = ctx.archive.meeting_dir(MeetingId(previous.year, previous.number)) / referat_file(previous)
    if not path.is_file():
        return
    for doc in docs:
        if doc.case.standard == "referat" and not doc.case.vedlegg:
            check_vedlegg_file(path, what=f"the referat of meeting {previous.key}")
            title = f"Utkast til referat fra møte {meeting_label(previous, ctx.profile)}"
            doc.case.vedlegg.append(Vedlegg(file=f"../{previous.key}/{path.name}", title=title))


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def checked_docs(ctx: MeetingContext, today: date) -> list[CaseDoc]:
    """The cases, once `ho21 check` finds no error in them (the same reading serves the build)."""
    from ho21cli.actions.check import inspect
    from ho21cli.core.validation import Severity

    docs, problems = inspect(ctx, today=today)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise CheckFailed(
            f"meeting {ctx.meeting.number}/{ctx.meeting.year} has {len(errors)} error(s) to fix before the innkalling is built",
            details=[f"{p.place}: {p.what}" for p in errors[:10]]
            + ([f"... and {len(errors) - 10} more"] if len(errors) > 10 else []),
            fix=f"See `ho21 check {ctx.meeting.key}`, or build a draft marked UTKAST with --draft.",
        )
    return docs


def build_innkalling(
    root: Path,
    meeting_ref: str,
    *,
    out: Path | None = None,
    force: bool = False,
    draft: bool = False,
    pdf: bool = False,
    today: date | None = None,
) -> BuildResult:
    from ho21cli.render.innkalling import InnkallingInput, build_innkalling_document
    from ho21cli.render.templating import Template, template_path

    with locked_meeting(root, meeting_ref) as ctx:
        if draft:  # no check ran: the vedlegg are at least readable
            docs = case_docs(ctx.meeting, ctx.profile, load_bodies(ctx))
            check_vedlegg_files(ctx, docs)
        else:
            docs = checked_docs(ctx, today or date.today())
        attach_previous_referat(ctx, docs)
        folder = output_folder(ctx, out)
        record = BuildRecord.load(folder)
        main_name = f"innkalling-{ctx.meeting.key}.docx"
        names = [main_name] + [saksfremlegg_name(d) for d in docs]
        pdf_vedlegg = pdf_vedlegg_of(ctx, docs)
        pdf_names = pdf_outputs(ctx, bool(pdf_vedlegg)) if pdf else []
        if pdf:
            from ho21cli.render.pdf import soffice

            soffice()  # a missing LibreOffice is said before any work is done
        record.check_writable(names + pdf_names, force=force)

        templates = ctx.profile.templates
        inp = InnkallingInput(
            meeting=ctx.meeting,
            profile=ctx.profile,
            cases=docs,
            meeting_dir=ctx.folder,
            header=(DRAFT_MARK if draft else "") + page_header(ctx.meeting, ctx.profile),
            draft=draft,
            innkalling_template=Template(template_path(root, templates, "innkalling")),
            saksfremlegg_template=Template(template_path(root, templates, "saksfremlegg")),
        )
        built = build_innkalling_document(inp)
        rendered = {saksfremlegg_name(d): data for d, data in zip(docs, built.saksfremlegg, strict=True)}
        rendered[main_name] = _docx_bytes(built.document)
        if pdf:
            rendered.update(render_pdfs(ctx, rendered[main_name], main_name, pdf_names, pdf_vedlegg))
        # Everything is rendered before the first write: an error leaves the old build whole.
        result = BuildResult(innkalling=folder / main_name)
        record.forget_stale(set(names + pdf_names))
        for name in names + pdf_names:
            path = record.write(name, rendered[name])
            if name in names[1:]:
                result.saksfremlegg.append(path)
        if pdf_names:
            result.pdf = folder / pdf_names[0]
            result.packet = folder / pdf_names[1] if len(pdf_names) > 1 else None
        record.save()
        return result


def pdf_outputs(ctx: MeetingContext, with_packet: bool) -> list[str]:
    names = [f"innkalling-{ctx.meeting.key}.pdf"]
    return [*names, f"sakspapirer-{ctx.meeting.key}.pdf"] if with_packet else names


def pdf_vedlegg_of(ctx: MeetingContext, docs: list[CaseDoc]) -> list[PdfVedlegg]:
    from ho21cli.render.pdf import PdfVedlegg

    return [
        PdfVedlegg(ctx.folder / v.file, f"Vedlegg {i}: {v.title}", f"{d.number_saksfremlegg} {d.title}")
        for d in docs
        for i, v in enumerate(d.case.vedlegg, start=1)
        if v.file.lower().endswith(".pdf")
    ]


def render_pdfs(
    ctx: MeetingContext, docx_bytes: bytes, docx_name: str, pdf_names: list[str], vedlegg: list[PdfVedlegg]
) -> dict[str, bytes]:
    """One LibreOffice start: the tagged innkalling; then, with PDF vedlegg, the whole packet."""
    import tempfile

    from ho21cli.core.documents import meeting_facts
    from ho21cli.render.pdf import check_text, convert, finish_innkalling, make_packet

    with tempfile.TemporaryDirectory(prefix="ho21-pdf-") as tmp:
        work = Path(tmp)
        source = work / docx_name
        source.write_bytes(docx_bytes)
        (tagged,) = convert([source], work / "pdf")
        check_text(tagged, [ctx.profile.name, f"møte {meeting_facts(ctx.meeting, ctx.profile)['nummer']}"])
        finish_innkalling(tagged)
        out = {pdf_names[0]: tagged.read_bytes()}
        if len(pdf_names) > 1:
            packet = work / pdf_names[1]
            make_packet(tagged, vedlegg, packet)
            out[pdf_names[1]] = packet.read_bytes()
        return out
