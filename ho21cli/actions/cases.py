"""Adding, changing, moving, removing and listing a meeting's cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.actions.context import MeetingContext, locked_meeting, open_meeting
from ho21cli.core import casebook
from ho21cli.core.history import roster_of
from ho21cli.core.model import Case, CaseKind, Role
from ho21cli.core.numbering import DocKind, resolve_case_ref
from ho21cli.core.publicity import EXEMPT_TITLE, is_exempt
from ho21cli.core.roster import ROSTER_FIX, period_note
from ho21cli.core.text import closest, has_visible_text, one_line, slugify, unique_id
from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _

if TYPE_CHECKING:
    from ho21cli.actions.intake import NewBody, VedleggSpec


@dataclass(frozen=True)
class CaseOptions:
    title: str
    saksbehandlere: list[str] = field(default_factory=list)
    vedlegg: list[str] = field(default_factory=list)  # FILE or FILE=TITLE
    forslag: str | None = None
    kind: CaseKind = CaseKind.VEDTAK
    body: Path | None = None
    before: str | None = None
    after: str | None = None
    inhabil: list[str] = field(default_factory=list)
    ettersendes: bool = False
    renumber: bool = False  # allowed to renumber a meeting whose innkalling was sent
    minutes: int | None = None  # in the time plan
    unntatt: str | None = None  # exempt from public access, with this legal basis
    offentlig_tittel: str | None = None  # the title the public sees of an exempt case


@dataclass(frozen=True)
class CaseResult:
    number: str
    title: str
    id: str
    note: str = ""
    ettersendes: bool = False  # the saksfremlegg comes after the innkalling
    ettersendt: bool = False  # the case was added after the innkalling went out
    unntatt: str | None = None  # exempt from public access: the legal basis ("" = none given)


def refuse_if_sent(ctx: MeetingContext, doing: str, *, renumber: bool) -> None:
    """Numbers of a sent innkalling are public: change them only when told to."""
    if ctx.meeting.sent and not renumber:
        from ho21cli.core.dates import shown_date

        raise ConflictError(
            _("the innkalling of meeting {label} was sent {sent}; {doing} would change published case numbers").format(
                label=ctx.label, sent=shown_date(ctx.meeting.sent), doing=doing
            ),
            where=str(ctx.manifest_path),
            fix=_("Give --renumber if the council must get new numbers (then send the innkalling again)."),
        )


def case_index(ctx: MeetingContext, ref: str) -> int:
    return resolve_case_ref(ctx.meeting, ref, ctx.profile.numbers)


def _position(ctx: MeetingContext, before: str | None, after: str | None) -> casebook.Position:
    if before and after:
        raise InputError(_("give either --before or --after, not both"))
    return casebook.Position(
        before=case_index(ctx, before) if before else None,
        after=case_index(ctx, after) if after else None,
    )


def number_label(ctx: MeetingContext, index: int) -> str:
    m = ctx.meeting
    return ctx.profile.numbers.case(m.case_number(index), m.number, m.year, DocKind.SAKSLISTE)


def check_roster_names(ctx: MeetingContext, names: list[str], *, option: str) -> list[str]:
    """Members' names as the roster spells them; a stranger is refused with a suggestion.
    The roster is the meeting's own (``roster_of``): a former member is not one."""
    roster = roster_of(ctx.meeting, ctx.profile)
    members = [p.name for p in roster.members]
    out = []
    for name in names:
        person = roster.find(name)
        if person is None or person not in roster.members:
            note = period_note(roster, name, Role.MEMBER)
            if note:
                raise InputError(note, where=option, fix=ROSTER_FIX)
            guess = closest(name, members)
            raise InputError(
                _("«{name}» is not a member in the roster").format(name=name),
                where=option,
                fix=_("Did you mean «{guess}»? Members are listed in profil.toml under [[members]].").format(
                    guess=guess
                )
                if guess
                else _("Members are listed in profil.toml under [[members]]."),
            )
        out.append(person.name)
    return out


def checked_title(text: str) -> str:
    title = one_line(text)
    if not has_visible_text(title):
        raise InputError(
            _("the case title has no visible text"), where="--title", fix=_("Give the title a reader sees.")
        )
    return title


def _saksbehandlere(ctx: MeetingContext, names: list[str]) -> list[str]:
    cleaned = [one_line(s) for s in names if has_visible_text(s)]
    return cleaned or ([ctx.profile.default_saksbehandler] if ctx.profile.default_saksbehandler else [])


def files_in_use(ctx: MeetingContext) -> set[str]:
    used = {v.file for c in ctx.meeting.cases for v in c.vedlegg}
    return used | {c.body for c in ctx.meeting.cases if c.body}


def _new_files(
    body: Path | None, vedlegg: list[str], *, forslag: str | None
) -> tuple[NewBody | None, list[VedleggSpec]]:
    """The files a command brings, read and checked before anything is written (imported only then)."""
    if body is None and not vedlegg:
        return None, []
    from ho21cli.actions.intake import parse_vedlegg_spec, read_new_body

    specs = [parse_vedlegg_spec(v) for v in vedlegg]
    return (read_new_body(body, forslag_given=bool(forslag)) if body else None), specs


def _save_with_files(ctx: MeetingContext, case: Case, body: NewBody | None, vedlegg: list[VedleggSpec]) -> None:
    """Copy the new files in and save the manifest; if anything fails, the folder is as it was."""
    if body is None and not vedlegg:
        ctx.save()
        return
    from ho21cli.actions.intake import Staged, attach

    staged = Staged(ctx.folder, taken=files_in_use(ctx))
    try:
        attach(staged, case, body, vedlegg)
        ctx.save()
    except BaseException:
        staged.undo()
        raise


def add_case(root: Path, meeting_ref: str, options: CaseOptions) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        title = checked_title(options.title)
        inhabil = check_roster_names(ctx, options.inhabil, option="--inhabil")
        new_body, vedlegg = _new_files(options.body, options.vedlegg, forslag=options.forslag)
        late = bool(ctx.meeting.sent) and not options.renumber
        if late and (options.before or options.after):
            refuse_if_sent(ctx, _("placing a case among the others"), renumber=False)
        where = _position(ctx, options.before, options.after)
        if late:  # an ettersendt sak takes the next number; nobody else moves
            where = casebook.Position(after=len(ctx.meeting.cases) - 1) if ctx.meeting.cases else casebook.Position()
        case = Case(
            id=unique_id(slugify(title), {c.id for c in ctx.meeting.cases}),
            title=title,
            kind=options.kind,
            saksbehandlere=_saksbehandlere(ctx, options.saksbehandlere),
            forslag=options.forslag.strip() if options.forslag and options.forslag.strip() else None,
            inhabil=inhabil,
            ettersendes=options.ettersendes,
            ettersendt=late,
            minutes=options.minutes,
            unntatt=checked_basis(options.unntatt) if options.unntatt is not None else None,
            offentlig_tittel=_public_title(options.offentlig_tittel, clear=False),
        )
        index = casebook.add_case(ctx.meeting, ctx.profile, case, where)
        _save_with_files(ctx, case, new_body, vedlegg)
        notes = [_("added after the innkalling was sent: ettersendt sak, no other case renumbered")] if late else []
        notes += _publicity_notes(case)
        return CaseResult(number_label(ctx, index), title, case.id, "; ".join(notes))


@dataclass(frozen=True)
class CaseEdit:
    """Only what is given changes; lists given replace the old ones (vedlegg are added)."""

    title: str | None = None
    saksbehandlere: list[str] | None = None
    add_vedlegg: list[str] = field(default_factory=list)
    clear_vedlegg: bool = False
    forslag: str | None = None
    kind: CaseKind | None = None
    body: Path | None = None
    inhabil: list[str] | None = None
    ettersendes: bool | None = None
    minutes: int | None = None  # 0: no time of its own in the plan
    unntatt: str | None = None  # mark exempt with this legal basis (or change the basis)
    offentlig_tittel: str | None = None  # '' clears it: the public then sees «Unntatt offentlighet»
    ikke_unntatt: bool = False  # open to the public again: clears the basis and the public title


def edit_case(root: Path, meeting_ref: str, case_ref: str, edit: CaseEdit) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        index = case_index(ctx, case_ref)
        case = ctx.meeting.cases[index]
        if edit.title is not None:
            case.title = checked_title(edit.title)
        if edit.saksbehandlere is not None:
            case.saksbehandlere = _saksbehandlere(ctx, edit.saksbehandlere)
        if edit.inhabil is not None:
            case.inhabil = check_roster_names(ctx, edit.inhabil, option="--inhabil")
        if edit.forslag is not None:
            case.forslag = edit.forslag.strip() or None
        if edit.kind is not None:
            case.kind = edit.kind
        if edit.ettersendes is not None:
            case.ettersendes = edit.ettersendes
        if edit.minutes is not None:
            case.minutes = edit.minutes or None
        if edit.clear_vedlegg:
            case.vedlegg = []
        _edit_publicity(case, edit)
        new_body, vedlegg = _new_files(edit.body, edit.add_vedlegg, forslag=edit.forslag)
        notes = _take_body(case, new_body, edit) + _publicity_notes(case)
        _save_with_files(ctx, case, new_body, vedlegg)
        return CaseResult(number_label(ctx, index), case.title, case.id, "; ".join(notes))


def checked_basis(text: str) -> str:
    """The legal basis of an exempt case, on one line; an empty one is refused here, where it is
    typed (a manifest edited by hand may still hold one: `ho21 check` reports it)."""
    basis = one_line(text)
    if not has_visible_text(basis):
        raise InputError(
            _("an exempt case needs its legal basis"),
            where="--unntatt",
            fix=_('Give the legal basis, e.g. --unntatt "offl. § 13 jf. fvl. § 13 første ledd nr. 1".'),
        )
    return basis


def _public_title(text: str | None, *, clear: bool) -> str | None:
    """The public title as given; with ``clear`` an empty one removes it, else it is refused."""
    if text is None:
        return None
    title = one_line(text)
    if has_visible_text(title):
        return title
    if clear:
        return None
    raise InputError(
        _("the public title has no visible text"),
        where="--offentlig-tittel",
        fix=_("Give the title the public sees, or leave the option out (the public then sees «{title}»).").format(
            title=EXEMPT_TITLE
        ),
    )


def _edit_publicity(case: Case, edit: CaseEdit) -> None:
    if edit.ikke_unntatt and (edit.unntatt is not None or edit.offentlig_tittel is not None):
        raise InputError(
            _("--ikke-unntatt cannot be combined with --unntatt or --offentlig-tittel"),
            fix=_("--ikke-unntatt clears the legal basis and the public title: give it alone, or leave it out."),
        )
    if edit.ikke_unntatt:
        case.unntatt = case.offentlig_tittel = None
        return
    if edit.unntatt is not None:
        case.unntatt = checked_basis(edit.unntatt)
    if edit.offentlig_tittel is not None:
        case.offentlig_tittel = _public_title(edit.offentlig_tittel, clear=True)


def _publicity_notes(case: Case) -> list[str]:
    """Said when the case is saved: a public title shows only on an exempt case."""
    if case.offentlig_tittel and not is_exempt(case):
        return [_("the public title is used only for a case exempt from public access (--unntatt)")]
    return []


def _take_body(case: Case, body: NewBody | None, edit: CaseEdit) -> list[str]:
    """A new body is the newest word: its «Forslag til vedtak» replaces the manifest's, and
    a saksfremlegg that has arrived is no longer to be sent later."""
    notes: list[str] = []
    if body is None:
        return notes
    if body.body.forslag and case.forslag and edit.forslag is None:
        case.forslag = None
        notes.append(_("the body's «Forslag til vedtak» replaces the forslag in the manifest"))
    if case.ettersendes and edit.ettersendes is None:
        case.ettersendes = False
        notes.append(_("no longer marked ettersendes"))
    return notes


def move_case(
    root: Path, meeting_ref: str, case_ref: str, *, before: str | None, after: str | None, renumber: bool = False
) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        refuse_if_sent(ctx, _("moving a case"), renumber=renumber)
        index = case_index(ctx, case_ref)
        where = _position(ctx, before, after)
        if where.before is None and where.after is None:
            raise InputError(_("say where the case goes: --before REF or --after REF"))
        new_index = casebook.move_case(ctx.meeting, index, where)
        ctx.save()
        case = ctx.meeting.cases[new_index]
        return CaseResult(number_label(ctx, new_index), case.title, case.id)


def remove_case(root: Path, meeting_ref: str, case_ref: str, *, renumber: bool = False) -> CaseResult:
    with locked_meeting(root, meeting_ref) as ctx:
        refuse_if_sent(ctx, _("removing a case"), renumber=renumber)
        index = case_index(ctx, case_ref)
        label = number_label(ctx, index)
        case = casebook.remove_case(ctx.meeting, index)
        ctx.save()
        return CaseResult(label, case.title, case.id)


def list_cases(root: Path, meeting_ref: str) -> tuple[MeetingContext, list[CaseResult]]:
    ctx = open_meeting(root, meeting_ref)
    return ctx, [
        CaseResult(
            number_label(ctx, i), c.title, c.id, ettersendes=c.ettersendes, ettersendt=c.ettersendt, unntatt=c.unntatt
        )
        for i, c in enumerate(ctx.meeting.cases)
    ]
