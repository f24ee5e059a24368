"""`ho21 check`: the pure checks of the core plus those that need the disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ho21cli.actions.context import MeetingContext, open_meeting, placeholder_values, read_body_text
from ho21cli.core.body import Body
from ho21cli.core.documents import CaseDoc, body_of, case_docs
from ho21cli.core.validation import Problem, SeriesNeighbour, check_meeting, error
from ho21cli.errors import Ho21Error
from ho21cli.render.docs import check_vedlegg_file
from ho21cli.storage.build_record import BuildRecord


def load_bodies_reporting(ctx: MeetingContext) -> tuple[dict[str, Body], list[Problem]]:
    """Like ``load_bodies``, but a broken body is a problem to report, not a stop."""
    values = placeholder_values(ctx)
    bodies: dict[str, Body] = {}
    problems = []
    for case in ctx.meeting.cases:
        where = str(ctx.folder / case.body) if case.body else f"profil.toml: {case.standard}"
        try:
            text = read_body_text(ctx.folder, case.body) if case.body else None
            bodies[case.id] = body_of(case, text, ctx.profile, values, where=where)
        except Ho21Error as exc:
            problems.append(error(exc.where or where, exc.what, exc.fix or "", "body"))
            bodies[case.id] = Body(intro=[])  # reported; keep checking the rest
    return bodies, problems


def vedlegg_problems(ctx: MeetingContext, docs: list[CaseDoc]) -> list[Problem]:
    out = []
    for doc in docs:
        for i, v in enumerate(doc.case.vedlegg, start=1):
            path = ctx.folder / v.file
            place = f"{doc.number_saksliste}: vedlegg {i} ({v.title})"
            try:
                check_vedlegg_file(path, what=f"vedlegg {i}")
            except Ho21Error as exc:
                out.append(
                    error(place, f"{v.file}: {exc.what}", "Put the right file back in the meeting folder.", "vedlegg")
                )
    return out


def image_problems(ctx: MeetingContext, docs: list[CaseDoc]) -> list[Problem]:
    from ho21cli.actions.meetings import images_in

    out = []
    for doc in docs:
        folder = (ctx.folder / doc.case.body).parent if doc.case.body else ctx.folder
        for src in images_in(doc.body):
            if not (folder / src).is_file():
                out.append(
                    error(
                        f"{doc.number_saksliste}: image {src}",
                        f"{folder / src} was not found",
                        "Put the image back, or remove it from the body.",
                        "image-missing",
                    )
                )
    return out


def edited_heading_problems(ctx: MeetingContext, docs: list[CaseDoc], build_dir: Path) -> list[Problem]:
    """A saksfremlegg edited by hand after the build must still carry its saksliste title."""
    from ho21cli.actions.build import saksfremlegg_name

    record = BuildRecord.load(build_dir)
    out = []
    for doc in docs:
        rel = saksfremlegg_name(doc)
        if not record.edited_by_hand(rel):
            continue
        import docx

        expected = f"{doc.number_saksfremlegg} {doc.title}"
        paragraphs = docx.Document(str(build_dir / rel)).paragraphs
        found = next((p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"), "")
        if " ".join(found.split()) != expected:
            out.append(
                error(
                    f"build/{rel}",
                    f"the edited saksfremlegg is headed «{found}», the saksliste says «{expected}»",
                    "Change the title in the manifest (`ho21 edit-case --title`) and build again.",
                    "title-mismatch",
                )
            )
    return out


def neighbours(ctx: MeetingContext) -> list[SeriesNeighbour]:
    out = []
    for mid in ctx.archive.meeting_ids():
        if mid.year == ctx.meeting.year and mid.number != ctx.meeting.number:
            other = ctx.archive.load(mid)
            if other.cases:
                out.append(SeriesNeighbour(mid, other.first_case, other.last_case))
    return out


def inspect(ctx: MeetingContext, *, today: date) -> tuple[list[CaseDoc], list[Problem]]:
    """The cases as the documents show them, and every problem found in them."""
    bodies, problems = load_bodies_reporting(ctx)
    docs = case_docs(ctx.meeting, ctx.profile, bodies)
    problems += check_meeting(ctx.meeting, ctx.profile, docs, today=today, neighbours=neighbours(ctx))
    problems += vedlegg_problems(ctx, docs)
    problems += image_problems(ctx, docs)
    problems += edited_heading_problems(ctx, docs, ctx.folder / "build")
    return docs, problems


def problems_of(ctx: MeetingContext, *, today: date) -> list[Problem]:
    return inspect(ctx, today=today)[1]


def run_check(root: Path, meeting_ref: str, *, today: date | None = None) -> tuple[MeetingContext, list[Problem]]:
    ctx = open_meeting(root, meeting_ref)
    return ctx, problems_of(ctx, today=today or date.today())
