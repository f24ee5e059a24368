"""`ho21 publish`: the static web site (møtekalender and meeting pages) and eInnsyn's moetemappe.json.

Each published meeting is read once under its lock and checked as `ho21 check` checks it;
its public saksfremlegg are rendered by the build's own renderer (render/innkalling.py, from
the public view of the cases, core/publicity.py); every PDF of every meeting is made in one
LibreOffice start, as PDF/A-2 and tagged. Before that slow part, two refusals: a file in the
site edited by hand (unless --force), and an exempt case's title found in anything that
would be published. Then each meeting's files are delivered (actions/outputs.py: all or
nothing per meeting, earlier files no longer made moved aside), and the calendar last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.actions.check import REFERAT_CASE, inspect
from ho21cli.actions.outputs import deliver
from ho21cli.actions.refusal import refuse_errors
from ho21cli.core.documents import CaseDoc, meeting_label, page_header
from ho21cli.core.inputs import MeetingInputs
from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import DocKind, MeetingId
from ho21cli.core.publicity import is_exempt, public_title
from ho21cli.core.publishing import (
    CALENDAR_OWNER,
    CALENDAR_PAGE,
    EINNSYN_FILE,
    MEETING_PAGE,
    SITE_FOLDER,
    STYLESHEET,
    DocumentRole,
    MeetingLink,
    MeetingPage,
    PublicCase,
    PublicReferat,
    WithheldDraft,
    calendar,
    first_mention,
    has_page,
    neighbours,
    public_case,
    public_referat,
    statuses,
    with_files,
)
from ho21cli.core.validation import Problem, error
from ho21cli.errors import EnvironmentProblem, InputError
from ho21cli.i18n import _
from ho21cli.storage.archive import Archive, open_archive
from ho21cli.storage.outputs import Output
from ho21cli.storage.reading import locked_inputs

if TYPE_CHECKING:
    from ho21cli.core.deadlines import MeetingStatus
    from ho21cli.render.pdf import PdfJob

_YEAR = 4  # digits: `ho21 publish 2026` names a year, `2026-1` or `1/2026` a meeting


@dataclass
class Prepared:
    """One meeting to publish, as read and rendered before the PDFs are made."""

    meeting: Meeting
    label: str
    cases: list[PublicCase]
    referat: PublicReferat | None
    jobs: list[PdfJob] = field(default_factory=list)  # the PDFs ho21 makes (rel: key/dokumenter/…)
    copies: list[Output] = field(default_factory=list)  # PDF vedlegg, published as they are
    texts: list[tuple[str, str]] = field(default_factory=list)  # (place, text) of its documents

    @property
    def key(self) -> str:
        return self.meeting.key


@dataclass
class MeetingWritten:
    key: str
    label: str
    page: Path
    documents: list[Path] = field(default_factory=list)


@dataclass
class PublishResult:
    folder: Path
    calendar: Path
    meetings: list[MeetingWritten] = field(default_factory=list)
    not_yet: list[tuple[str, str]] = field(default_factory=list)  # (key, label): chosen, no page yet
    written: list[Path] = field(default_factory=list)
    moved_aside: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class SiteView:
    """What every page of the run is drawn from: the council, the meetings in order, their status,
    and which of them have a page on the site after this run."""

    profile: Profile
    order: list[MeetingLink]
    status: dict[str, MeetingStatus]
    linked: set[str]

    def page(self, p: Prepared, cases: list[PublicCase] | None = None) -> MeetingPage:
        m = p.meeting
        previous, following = neighbours(self.order, m.key, self.linked)
        return MeetingPage(
            council=self.profile.name,
            key=m.key,
            label=p.label,
            day=m.date,
            start=m.start,
            end=m.end,
            place=m.place,
            address=m.address,
            status=self.status[m.key],
            cases=tuple(p.cases if cases is None else cases),
            referat=p.referat,
            previous=previous,
            next=following,
            linked=frozenset(self.linked),
        )


def publish(
    root: Path,
    target: str | None = None,
    *,
    out: Path | None = None,
    force: bool = False,
    today: date | None = None,
    pdfs: bool = True,
) -> PublishResult:
    """Publish ``target`` (a year, a meeting, or None: every meeting) into ``out`` (default: the
    archive's nettsted/). The calendar is always written from every meeting of the archive.

    ``pdfs=False`` is for tests without LibreOffice: the pages link the PDFs, which are not made;
    the command always makes them."""
    from ho21cli.render.site import CSS, calendar_html

    archive = open_archive(root)
    profile = archive.profile
    ids = archive.meeting_ids()
    chosen = choose(archive, profile, ids, target)
    folder = out if out is not None else archive.root / SITE_FOLDER
    refuse_archive_folder(folder, archive)
    if pdfs:
        require_libreoffice()  # before any slow work
    meetings = [archive.load(mid) for mid in ids]
    day = today or date.today()
    exempt_titles = exempt_case_titles(meetings, profile)
    prepared = [p for mid in chosen if (p := prepare(root, mid, profile, render_pdfs=pdfs, today=day)) is not None]
    status = statuses(meetings, day)
    linked = linked_pages(meetings, folder, {p.key for p in prepared})
    view = SiteView(profile, [MeetingLink(m.key, meeting_label(m, profile)) for m in meetings], status, linked)
    site = [
        Output(CALENDAR_PAGE, calendar_html(calendar(profile, meetings, status, linked)).encode("utf-8")),
        Output(STYLESHEET, CSS.encode("utf-8")),
    ]
    drafts = {p.key: page_outputs(view.page(p)) for p in prepared}  # without the PDFs' sizes yet
    for p in prepared:
        refuse_exempt_titles(exempt_titles, [*p.texts, *page_texts(p, drafts[p.key])])
    refuse_edited(folder, prepared, drafts, site, force=force)

    made = make_pdfs([job for p in prepared for job in p.jobs])
    result = PublishResult(folder, folder / CALENDAR_PAGE)
    for p in prepared:
        deliver_meeting(folder, p, view, made, result, force=force)
    unpublished = [mid for mid in chosen if mid.key not in drafts]
    result.moved_aside += retire_unpublished(folder, unpublished, force=force)
    result.not_yet = [(mid.key, profile.numbers.label_of(mid)) for mid in unpublished]
    written = deliver(folder, CALENDAR_OWNER, site, force=force)
    result.written += written.paths
    result.moved_aside += written.moved_aside
    return result


def deliver_meeting(
    folder: Path, p: Prepared, view: SiteView, made: dict[str, bytes], result: PublishResult, *, force: bool
) -> None:
    """The meeting's page and JSON, now with each PDF's size and checksum, and its PDFs: all or nothing."""
    files = made | {o.rel: o.data for o in p.copies}
    pages = page_outputs(view.page(p, [with_files(c, files, p.key) for c in p.cases]))
    documents = [Output(job.rel, made[job.rel]) for job in p.jobs if job.rel in made]
    written = deliver(folder, p.key, [*pages, *documents, *p.copies], force=force)
    result.meetings.append(MeetingWritten(p.key, p.label, folder / p.key / MEETING_PAGE, written.paths[len(pages) :]))
    result.written += written.paths
    result.moved_aside += written.moved_aside


def require_libreoffice() -> None:
    """Said before any work is done: the site's documents are PDFs."""
    from ho21cli.system import find_soffice, install_hint

    if not find_soffice():
        raise EnvironmentProblem(
            _("LibreOffice (soffice) is needed to make the PDFs of the site and was not found; nothing was written"),
            fix=_(install_hint()),
        )


def choose(archive: Archive, profile: Profile, ids: list[MeetingId], target: str | None) -> list[MeetingId]:
    """Every meeting, a year's (``2026``) or one meeting (``2026-1``, ``1/2026``)."""
    if target is None:
        return ids
    text = target.strip()
    if text.isdigit() and len(text) == _YEAR:
        year = int(text)
        found = [mid for mid in ids if mid.year == year]
        if not found:
            years = sorted({mid.year for mid in ids}, reverse=True)
            raise InputError(
                _("there are no meetings in {year} in {folder}").format(year=year, folder=archive.root),
                fix=_("Years in this archive: {years}.").format(years=", ".join(map(str, years)))
                if years
                else _("Meetings in this archive: none yet. Create one with `ho21 new-meeting`."),
            )
        return found
    return [archive.resolve(text, profile)]


def refuse_archive_folder(folder: Path, archive: Archive) -> None:
    """The site has a folder per meeting, named as the archive's: written into the archive itself,
    its pages would land in the meeting folders."""
    from ho21cli.storage.profile import PROFILE_NAME

    try:
        same = folder.resolve() == archive.root.resolve()
    except OSError:
        same = False
    if same or (folder / PROFILE_NAME).is_file():
        raise InputError(
            _("the site cannot be written into the archive folder itself"),
            where=str(folder),
            fix=_("Give another folder with --out, or leave it out to use {folder}.").format(
                folder=archive.root / SITE_FOLDER
            ),
        )


def exempt_case_titles(meetings: Iterable[Meeting], profile: Profile) -> list[tuple[str, str]]:
    """(number, real title) of every exempt case in the archive: none may be published anywhere
    (unless the council made it its public title as well)."""
    return [
        (profile.numbers.case(n, m.number, m.year, DocKind.SAKSLISTE), case.title)
        for m in meetings
        for n, case in m.numbered()
        if is_exempt(case) and public_title(case).casefold() != case.title.casefold()
    ]


def linked_pages(meetings: list[Meeting], folder: Path, now: set[str]) -> set[str]:
    """The meetings whose page the site has after this run: written now, or earlier and still due."""
    return {m.key for m in meetings if has_page(m) and (m.key in now or (folder / m.key / MEETING_PAGE).is_file())}


# -- one meeting -----------------------------------------------------------------------------


def prepare(root: Path, mid: MeetingId, profile: Profile, *, render_pdfs: bool, today: date) -> Prepared | None:
    """The meeting's public cases and the PDFs to make of them; None when it has no page yet."""
    with locked_inputs(root, mid.key) as inputs:
        meeting = inputs.meeting
        if not has_page(meeting):
            return None
        inspection = inspect(inputs, today=today)
        refuse_errors(
            inputs,
            inspection.problems,
            doing=_("it is published"),
            fix=_("See `ho21 check {key}`; nothing was written.").format(key=mid.key),
        )
        prepared = public_part(inputs, inspection.docs, render_pdfs=render_pdfs)
        if render_pdfs:
            add_saksfremlegg(prepared, inspection.docs, inputs)
    return prepared


def public_part(inputs: MeetingInputs, docs: list[CaseDoc], *, render_pdfs: bool) -> Prepared:
    """The meeting's public cases and the texts of what would be published of them."""
    meeting = inputs.meeting
    cases = [public_case(d, meeting, inputs.profile, withheld=withheld_drafts(d, inputs)) for d in docs]
    prepared = Prepared(meeting, inputs.label, cases, referat_of(meeting, inputs.profile))
    prepared.texts += [
        (saksfremlegg_place(doc), saksfremlegg_source(doc))
        for doc, case in zip(docs, cases, strict=True)
        if any(d.role is DocumentRole.SAKSFREMLEGG for d in case.documents)
    ]
    add_vedlegg(prepared, docs, inputs, render_pdfs=render_pdfs)
    return prepared


def publish_problems(inputs: MeetingInputs, docs: list[CaseDoc]) -> list[Problem]:
    """What `publish` would refuse this meeting for beyond the inspection, for `ho21 check`: an exempt
    case's title in its public documents or vedtak (the page itself is searched at publishing too)."""
    if not has_page(inputs.meeting):
        return []
    archive = Archive(inputs.root)
    meetings = [inputs.meeting if mid == inputs.mid else archive.load(mid) for mid in archive.meeting_ids()]
    prepared = public_part(inputs, docs, render_pdfs=False)
    vedtak = [(_("the vedtak of {number}").format(number=c.number), c.vedtak) for c in prepared.cases if c.vedtak]
    found = first_mention(exempt_case_titles(meetings, inputs.profile), [*prepared.texts, *vedtak])
    if found is None:
        return []
    what, fix = exempt_leak_words(*found)
    return [error(found[2], what, fix, "exempt-title-published")]


def saksfremlegg_place(doc: CaseDoc) -> str:
    return _("the saksfremlegg of {number} ({source})").format(
        number=doc.number_saksliste, source=doc.case.body or "meeting.toml"
    )


def saksfremlegg_source(doc: CaseDoc) -> str:
    """What a saksfremlegg says, from its sources (title, body, forslag): looked through for exempt
    titles before anything is rendered."""
    from ho21cli.core.validation import body_text

    sections = [s.title for s in doc.body.sections]
    return "\n".join([doc.title, doc.note, *sections, body_text(doc.body), doc.forslag_text])


def withheld_drafts(doc: CaseDoc, inputs: MeetingInputs) -> dict[int, WithheldDraft]:
    """The previous meeting's draft referat, Vedlegg 1 of «Godkjenning av referat»: not published
    (only an approved referat is, on its own meeting's page)."""
    previous, draft = inputs.previous, inputs.previous_referat
    if doc.case.standard != REFERAT_CASE or previous is None or draft is None:
        return {}
    label = meeting_label(previous, inputs.profile)
    return {
        i: WithheldDraft(i, v.title, previous.key, label) for i, v in enumerate(doc.vedlegg, start=1) if v.file is draft
    }


def referat_of(meeting: Meeting, profile: Profile) -> PublicReferat | None:
    from ho21cli.actions.referat import case_numbers_now
    from ho21cli.core.attendance import attendance_lists
    from ho21cli.core.history import meeting_label_of_key, roster_of

    approval = meeting.referat_approved
    if approval is None:
        return None
    lists = attendance_lists(meeting.attendance, roster_of(meeting, profile), show=case_numbers_now(meeting, profile))
    return public_referat(meeting, profile, lists, by_label=meeting_label_of_key(approval.by, profile.numbers))


def add_vedlegg(prepared: Prepared, docs: list[CaseDoc], inputs: MeetingInputs, *, render_pdfs: bool) -> None:
    """Each published vedlegg: a .docx to convert (titled and made accessible as in the innkalling),
    a PDF to copy as it is."""
    from ho21cli.render.pdf import PdfJob, PdfSuspect
    from ho21cli.render.public_documents import accessible_vedlegg, docx_text, pdf_text

    key = inputs.mid.key
    for doc, case in zip(docs, prepared.cases, strict=True):
        for d in case.documents:
            if d.role is not DocumentRole.VEDLEGG:
                continue
            i = d.number - 1  # the vedlegg's own number: the saksfremlegg is the case's document 1
            v = doc.vedlegg[i - 1]
            assert v.file.data is not None  # the inspection refused a vedlegg that was not read
            what = _("vedlegg {i} of {number} («{title}»)").format(i=i, number=doc.number_saksliste, title=v.title)
            if v.is_pdf:
                prepared.copies.append(Output(f"{key}/{d.rel}", v.file.data))
                prepared.texts.append((what, pdf_text(v.file.data)))
                continue
            prepared.texts.append((what, docx_text(v.file.data)))
            if render_pdfs:
                data = accessible_vedlegg(v.file.data, v.title, document_title=d.link_text)
                suspect = PdfSuspect(what, str(v.file.path), v.file.data)
                prepared.jobs.append(PdfJob(f"{key}/{d.rel}", data, expect=(), suspects=(suspect,)))


def add_saksfremlegg(prepared: Prepared, docs: list[CaseDoc], inputs: MeetingInputs) -> None:
    """The public saksfremlegg, cut from the innkalling rendered from the public view of the cases,
    exactly as `build-innkalling` makes each case's own .docx."""
    from ho21cli.core.publicity import public_docs
    from ho21cli.render.innkalling import InnkallingInput, render_innkalling
    from ho21cli.render.pdf import PdfJob, PdfSuspect
    from ho21cli.render.public_documents import docx_text
    from ho21cli.render.templating import Template

    wanted = {
        doc.n: (doc, d)
        for doc, case in zip(docs, prepared.cases, strict=True)
        for d in case.documents
        if d.role is DocumentRole.SAKSFREMLEGG
    }
    if not wanted:
        return
    templates = {kind: inputs.templates[kind] for kind in ("innkalling", "saksfremlegg")}
    for found in templates.values():
        assert found.data is not None  # the inspection refused a template that was not read
    shown = public_docs(docs)
    inp = InnkallingInput(
        meeting=inputs.meeting,
        profile=inputs.profile,
        cases=shown,
        header=page_header(inputs.meeting, inputs.profile),
        innkalling_template=Template(templates["innkalling"].path, templates["innkalling"].data or b""),
        saksfremlegg_template=Template(templates["saksfremlegg"].path, templates["saksfremlegg"].data or b""),
    )
    outputs = render_innkalling(inp)
    rendered = {d.n: o.data for d, o in zip(shown, outputs[1:], strict=True)}
    for n, (doc, d) in wanted.items():
        prepared.texts.append((saksfremlegg_place(doc), docx_text(rendered[n])))
        suspects: tuple[PdfSuspect, ...] = ()
        if doc.body.word is not None:
            what = _("the Word body of {number}").format(number=doc.number_saksliste)
            suspects = (PdfSuspect(what, doc.case.body or doc.title, doc.body.word.data),)
        prepared.jobs.append(
            PdfJob(f"{inputs.mid.key}/{d.rel}", rendered[n], expect=(doc.number_saksfremlegg,), suspects=suspects)
        )


# -- pages, checks and writing ---------------------------------------------------------------


def page_outputs(page: MeetingPage) -> list[Output]:
    """The meeting's page and its moetemappe.json."""
    from ho21cli.render.einnsyn import moetemappe_json
    from ho21cli.render.site import meeting_html

    return [
        Output(f"{page.key}/{MEETING_PAGE}", meeting_html(page).encode("utf-8")),
        Output(f"{page.key}/{EINNSYN_FILE}", moetemappe_json(page)),
    ]


def page_texts(p: Prepared, outputs: list[Output]) -> list[tuple[str, str]]:
    """The page's and the JSON's text as a reader gets it (entities and escapes undone)."""
    import html
    import json

    place = _("the page of meeting {label} (titles, vedtak, attendance)").format(label=p.label)
    texts = []
    for o in outputs:
        text = o.data.decode("utf-8")
        texts.append((place, " ".join(_strings(json.loads(text))) if o.rel.endswith(".json") else html.unescape(text)))
    return texts


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def refuse_exempt_titles(titles: list[tuple[str, str]], texts: list[tuple[str, str]]) -> None:
    """No exempt case's real title in anything published: a body that names it ("… sak 8/1/2026
    Tilsetting av direktør") would undo the exemption."""
    found = first_mention(titles, texts)
    if found is None:
        return
    what, fix = exempt_leak_words(*found)
    raise InputError(what, fix=fix)


def exempt_leak_words(number: str, title: str, place: str) -> tuple[str, str]:
    """What `publish` says, and `ho21 check` with it, of an exempt title found where it would be published."""
    return (
        _("the title of exempt case {number}, «{title}», is in {place}, which would be published").format(
            number=number, title=title, place=place
        ),
        _("Name the case there by its number only, or give that text another wording; nothing was written."),
    )


def refuse_edited(
    folder: Path, prepared: list[Prepared], drafts: dict[str, list[Output]], site: list[Output], *, force: bool
) -> None:
    """A page or document edited by hand since ho21 wrote it: refused before the slow part."""
    from ho21cli.storage.build_record import BuildRecord
    from ho21cli.storage.outputs import refuse_conflicts

    planned = [*site, *(o for outs in drafts.values() for o in outs)]
    planned += [Output(job.rel, b"") for p in prepared for job in p.jobs]
    planned += [o for p in prepared for o in p.copies]
    refuse_conflicts(folder, BuildRecord.load(folder), planned, force=force)


def make_pdfs(jobs: list[PdfJob]) -> dict[str, bytes]:
    """Every PDF of the run with one LibreOffice start: PDF/A-2, tagged."""
    if not jobs:
        return {}
    from ho21cli.render.pdf import make_pdfs as convert_all

    return convert_all(jobs, pdfa=True)


def retire_unpublished(folder: Path, mids: list[MeetingId], *, force: bool) -> list[Path]:
    """A chosen meeting without a page (its innkalling no longer recorded as sent): its earlier
    pages and documents are moved aside, as `deliver` does with what a run no longer makes."""
    from ho21cli.storage.build_record import BuildRecord

    moved: list[Path] = []
    for mid in mids:
        if BuildRecord.load(folder).owned_by(mid.key):
            moved += deliver(folder, mid.key, [], force=force).moved_aside
    return moved
