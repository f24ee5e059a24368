"""Everything that must be right before an innkalling is sent (`ho21 check`).

Pure: it looks at the meeting's inputs as they were read (``MeetingInputs``)
and the cases as the documents show them. What only a Word or PDF library can
tell (a damaged vedlegg, an image Word cannot show, a template error) is
found in ``ho21cli.actions.check`` and reported as the same ``Problem``.

A problem marked ``fatal`` stops even a draft build: the documents cannot be
made without that file. Every other error stops a real build and `send`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ho21cli.core.body import Body, Image, ListBlock, Paragraph, SubHeading, TableBlock, plain_text
from ho21cli.core.documents import CaseDoc
from ho21cli.core.history import roster_change, roster_of
from ho21cli.core.inputs import FileInput, MeetingInputs, OtherMeeting
from ho21cli.core.model import Meeting, Profile, Role
from ho21cli.core.roster import ROSTER_FIX, period_note
from ho21cli.core.text import closest, has_visible_text, same_name
from ho21cli.i18n import _, ngettext

PLACEHOLDER_RE = r"\bNN\b|\[[^\]]*\]|\bXX\b"
# In a body's running text brackets are ordinary ("[1]"); these are left-over marks:
# case-doc's guidance, an empty [], NN and XX.
GUIDANCE_RE = r"\[\s*Veiledning:[^\]]*\]|\[\s*\]|\bNN\b|\bXX\b"
DEADLINE_SOON_DAYS = 3


class Severity(StrEnum):
    ERROR = "feil"
    WARNING = "advarsel"


@dataclass(frozen=True)
class Hint:
    """A command that fixes the problem, named by what it does; the CLI writes it out.

    Core code does not spell out command-line options: ``Hint("give-body",
    ("2026-1", "helsereformutvalget"))`` becomes `ho21 edit-case 2026-1
    helsereformutvalget --body FIL.md` in ``ho21cli.cli.hints``.
    """

    action: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    severity: Severity
    place: str  # "Sak 6/1/2026", "meeting.toml: [meeting]", a file
    what: str
    fix: str
    code: str  # a stable name for the kind of problem, for tests and scripts
    fatal: bool = False  # not even a draft can be built
    hint: Hint | None = None


def error(place: str, what: str, fix: str, code: str, *, fatal: bool = False, hint: Hint | None = None) -> Problem:
    return Problem(Severity.ERROR, place, what, fix, code, fatal, hint)


def warning(place: str, what: str, fix: str, code: str, *, hint: Hint | None = None) -> Problem:
    return Problem(Severity.WARNING, place, what, fix, code, False, hint)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def fatal_problems(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.fatal]


# -- the whole meeting -----------------------------------------------------------


def check_meeting(inputs: MeetingInputs, docs: list[CaseDoc], *, today: date) -> list[Problem]:
    meeting, profile = inputs.meeting, inputs.profile
    problems: list[Problem] = []
    for check in (
        _missing_saksfremlegg,
        _titles,
        _placeholders,
        _duplicate_titles,
        _names,
        _references,
        _symbolic,
        _attendance_notes,
        _images_without_alt,
        _body_placeholders,
        _word_bodies,
        _exemptions,
    ):
        problems += check(meeting, profile, docs)
    problems += meeting_date_problems(inputs)
    problems += series_problems(inputs)
    problems += missing_fact_problems(inputs, docs)
    problems += deadline_problems(meeting, profile, today)
    problems += time_plan_problems(meeting, profile)
    problems += roster_changed_problems(meeting, profile)
    return problems


def roster_changed_problems(meeting: Meeting, profile: Profile) -> list[Problem]:
    """A held meeting keeps the roster it was held with; a hand edit of profil.toml that says
    otherwise for its day cannot be stopped, so it is named here, with the way to take it in."""
    from ho21cli.core.dates import shown_date

    change = roster_change(meeting, profile)
    if change.is_empty:
        return []
    quoted = ", ".join
    parts = [
        text.format(names=quoted(f"«{name}»" for name in names))
        for text, names in (
            (_("added {names}"), change.added),
            (_("removed {names}"), change.removed),
            (_("another organisation, title or role for {names}"), change.changed),
        )
        if names
    ]
    approved = meeting.referat_approved is not None
    return [
        warning(
            "meeting.toml: [roster]",
            _(
                "the meeting keeps the roster it was held with, and profil.toml now says otherwise for {day}: {changes}"
            ).format(day=shown_date(meeting.date), changes="; ".join(parts)),
            _(
                "A held meeting lists who was in the council then, so it is kept as it was. "
                "If it should list the roster profil.toml has now:"
            ),
            "roster-changed",
            hint=Hint("roster-now-approved" if approved else "roster-now", (meeting.key,)),
        )
    ]


def time_plan_problems(meeting: Meeting, profile: Profile) -> list[Problem]:
    from ho21cli.core.timeplan import overrun, time_plan

    late = overrun(meeting, time_plan(meeting, profile))
    if not late:
        return []
    return [
        warning(
            _("meeting.toml: time plan"),
            _("the cases and breaks run to {late}, past the meeting's end at {end}").format(
                late=late, end=(meeting.end or "").replace(":", ".")
            ),
            _("Shorten some cases' minutes, or move a case to a later meeting."),
            "time-plan-overrun",
        )
    ]


def file_problem(place: str, found: FileInput, code: str) -> Problem:
    """A file the meeting needs that cannot be used: the documents cannot be made."""
    return error(place, f"{found.rel}: {found.problem}", found.fix, code, fatal=True)


def _missing_saksfremlegg(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    out = []
    for doc in docs:
        if doc.case.ettersendes or not _is_empty(doc.body):
            continue
        out.append(
            error(
                doc.number_saksliste,
                _("«{title}» has no saksfremlegg text").format(title=doc.title),
                _("Give it a body (a Markdown file), or mark it as to be sent later (ettersendes)."),
                "missing-saksfremlegg",
                hint=Hint("give-body", (meeting.key, doc.case.id)),
            )
        )
    return out


def _is_empty(body: Body) -> bool:
    return not body.intro and not any(s.blocks for s in body.sections)


def _titles(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    return [
        error(
            doc.number_saksliste,
            _("the title «{title}» has no visible text").format(title=doc.title),
            _("Give the case a title a reader can see."),
            "blank-title",
            hint=Hint("set-title", (meeting.key, doc.case.id)),
        )
        for doc in docs
        if not has_visible_text(doc.title)
    ]


def _placeholders(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    import re

    from ho21cli.core.documents import UNKNOWN_FACTS

    pattern = re.compile(PLACEHOLDER_RE)
    own_marks = set(UNKNOWN_FACTS)
    out = []
    for doc in docs:
        checks = (
            (_("{number}: forslag til vedtak"), doc.forslag_text, _("Fill in the names or the activity, or write «Utformes på møtet.»."), "placeholder-forslag", Hint("set-forslag", (meeting.key, doc.case.id))),
            (_("{number}: title"), doc.title, _("Give the case its real title."), "placeholder-title", Hint("set-title", (meeting.key, doc.case.id))),
        )  # fmt: skip
        for place, text, fix, code, hint in checks:
            found = sorted(set(pattern.findall(text)) - own_marks)  # those: missing_fact_problems
            if found:
                what = ngettext(
                    "has placeholder(s) {placeholders}: «{text}»",
                    "has placeholder(s) {placeholders}: «{text}»",
                    len(found),
                ).format(placeholders=", ".join(found), text=text)
                out.append(error(place.format(number=doc.number_saksliste), what, fix, code, hint=hint))
    return out


def _duplicate_titles(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    seen: dict[str, str] = {}
    out = []
    for doc in docs:
        key = " ".join(doc.title.split()).casefold()
        if key in seen:
            out.append(
                error(
                    doc.number_saksliste,
                    _("has the same title as {other}: «{title}»").format(other=seen[key], title=doc.title),
                    _("Give each case its own title, or remove the duplicate."),
                    "duplicate-title",
                )
            )
        else:
            seen[key] = doc.number_saksliste
    return out


def _names(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """Inhabil members and attendance names must be in the roster in force on the
    meeting's date; one known at another time is named with the period they served."""
    roster = roster_of(meeting, profile)
    members = [p.name for p in roster.members]
    everyone = [p.name for p in roster.everyone] + [p.name for p in meeting.attendance.extra_observers]

    def known(name: str, names: list[str]) -> bool:
        return any(same_name(name, n) for n in names)

    out = []
    for doc in docs:
        for name in doc.case.inhabil:
            if not known(name, members):
                note = period_note(roster, name, Role.MEMBER)
                out.append(
                    error(
                        f"{doc.number_saksliste}: inhabil",
                        note or _("«{name}» is not a member in the roster").format(name=name),
                        ROSTER_FIX if note else _("Correct the name in meeting.toml or add the member to profil.toml."),
                        "unknown-name",
                    )
                )
        for name in doc.case.saksbehandlere:
            ever = everyone + [p.name for p in roster.outside]  # a former member's name is spelt right
            guess = closest(name, sorted(everyone), cutoff=0.85) if not known(name, ever) else None
            if guess:  # guests and team names are fine; a near miss is a misspelling
                out.append(
                    warning(
                        f"{doc.number_saksliste}: saksbehandler",
                        _("«{name}» is not in the roster; the roster has «{guess}»").format(name=name, guess=guess),
                        _("Write «{guess}» (names come from one roster).").format(guess=guess),
                        "saksbehandler-misspelt",
                    )
                )
    att = meeting.attendance
    for name in [*att.absent, *att.online, *att.notes]:
        if not known(name, everyone):
            note = period_note(roster, name)
            out.append(
                error(
                    "meeting.toml: [attendance]",
                    note or _("«{name}» is not in the roster").format(name=name),
                    ROSTER_FIX if note else _("Correct the name; the attendance command checks names for you."),
                    "unknown-name",
                    hint=Hint("attendance", (meeting.key,)),
                )
            )
    return out


def body_text(body: Body) -> str:
    blocks = list(body.intro) + [b for s in body.sections for b in s.blocks] + list(body.forslag or [])
    parts = [plain_text([b for b in blocks if isinstance(b, Paragraph | SubHeading | ListBlock)])]
    for table in (b for b in blocks if isinstance(b, TableBlock)):
        parts += ["".join(s.text for s in cell) for row in [table.header, *table.rows] for cell in row]
    return "\n".join(parts)


def _references(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """ "se sak 13/1/2026" in a body of meeting 1/2026 must name one of its cases.

    Read with the council's own number forms. In a form without a meeting
    number ("Sak 18/15"), a number of this year after this meeting's last
    case names a case that does not exist (yet).
    """
    label = profile.numbers.meeting_label(meeting.number, meeting.year)
    out = []
    for doc in docs:
        for ref in profile.numbers.find_references(body_text(doc.body) + "\n" + doc.forslag_text):
            if ref.year is not None and ref.year != meeting.year:
                continue
            this_meeting = ref.meeting == meeting.number
            exists = meeting.first_case <= ref.n <= meeting.last_case
            if (this_meeting and not exists) or (ref.meeting is None and ref.n > meeting.last_case):
                out.append(
                    error(
                        _("{number}: text").format(number=doc.number_saksliste),
                        _("refers to «{ref}», which is not a case of meeting {label} ({first}-{last})").format(
                            ref=ref.text, label=label, first=meeting.first_case, last=meeting.last_case
                        ),
                        _(
                            "Correct the number (cases may have been moved or removed), "
                            "or refer by id, [[sak:id]], so the number follows the case."
                        ),
                        "unknown-reference",
                    )
                )
    return out


def _symbolic(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """[[sak:id]] left unresolved after case_docs: the id is not a case of this meeting."""
    from ho21cli.core.references import references_in

    ids = sorted({c.id for c in meeting.cases})
    out = []
    for doc in docs:
        for ref in references_in(doc.body):
            guess = closest(ref, ids)
            out.append(
                error(
                    _("{number}: text").format(number=doc.number_saksliste),
                    _("refers to [[sak:{ref}]], but no case of this meeting has the id «{ref}»").format(ref=ref),
                    _("Did you mean «{guess}»? The case ids are listed with the cases.").format(guess=guess)
                    if guess
                    else _("The case ids are listed with the cases."),
                    "unknown-case-id",
                    hint=Hint("list-cases", (meeting.key,)),
                )
            )
    return out


def _attendance_notes(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """A note or guest text names its case by id; the case may have been removed since."""
    from ho21cli.core.references import REFERENCE

    ids = {c.id for c in meeting.cases}
    att = meeting.attendance
    texts = [(name, text) for name, text in att.notes.items()] + [(g.name, g.text) for g in att.guests]
    return [
        error(
            "meeting.toml: [attendance]",
            _("the note for {name} names a case that is no longer in the meeting («{id}»)").format(
                name=name, id=m.group(2)
            ),
            _("Write the note again with the case's current number."),
            "unknown-case-id",
            hint=Hint("attendance", (meeting.key,)),
        )
        for name, text in texts
        for m in REFERENCE.finditer(text)
        if m.group(2) not in ids
    ]


def _case_headings(body: Body) -> list[str]:
    """The texts of a body that could head a case: its section titles and sub-headings."""
    texts = [s.title for s in body.sections]
    blocks = list(body.intro) + [b for s in body.sections for b in s.blocks]
    return texts + [b.text for b in blocks if isinstance(b, SubHeading)]


def _other_meetings_cases(meeting: Meeting, profile: Profile, doc: CaseDoc, place: str) -> list[Problem]:
    """A Word body whose headings are case headings of another meeting: an innkalling or a referat
    given as a case's body would print «Sak 1/1/2026 …» inside this meeting's innkalling."""
    from ho21cli.core.numbering import typed_case_number

    found: dict[tuple[int | None, int | None], list[str]] = {}
    for text in _case_headings(doc.body):
        ref = typed_case_number(text)
        if ref is None or (ref.year in (None, meeting.year) and ref.meeting in (None, meeting.number)):
            continue
        found.setdefault((ref.meeting, ref.year), []).append(" ".join(text.split()))
    if not found:
        return []
    (number, year), headings = max(found.items(), key=lambda item: len(item[1]))
    label = profile.numbers.meeting_label(number, year) if number and year else headings[0]
    shown = ", ".join(f"«{h}»" for h in headings[:3]) + (" …" if len(headings) > 3 else "")
    return [
        error(
            place,
            ngettext(
                "the Word document has {n} case heading of meeting {label} ({headings}): an innkalling or a "
                "referat given as this case's body?",
                "the Word document has {n} case headings of meeting {label} ({headings}): an innkalling or a "
                "referat given as this case's body?",
                len(headings),
            ).format(n=len(headings), label=label, headings=shown),
            _("Give the case its own saksfremlegg as body; attach another meeting's document as a vedlegg."),
            "word-other-meeting",
        )
    ]


def _body_placeholders(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """Guidance from `ho21 case-doc` or a placeholder left in a saksfremlegg's text."""
    import re

    pattern = re.compile(GUIDANCE_RE)
    out = []
    for doc in docs:
        text = body_text(Body(intro=doc.body.intro, sections=doc.body.sections))
        found = list(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))
        if found:
            shown = ", ".join(f"«{f if len(f) < 60 else f[:57] + '…]'}»" for f in found[:3])
            out.append(
                error(
                    _("{number}: text").format(number=doc.number_saksliste),
                    _("still has guidance or placeholder text: {shown}").format(shown=shown),
                    _("Write the text in its place (the guidance lines of case-doc are to be replaced)."),
                    "placeholder-body",
                )
            )
    return out


def _word_bodies(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """What a body written in Word may carry that is never printed, or not finished."""
    from ho21cli.core.numbering import typed_case_number

    out = []
    for doc in docs:
        word = doc.body.word
        if word is None:
            continue
        place = f"{doc.number_saksliste}: {doc.case.body}"
        out += _other_meetings_cases(meeting, profile, doc, place)
        typed = typed_case_number(word.typed_number) if word.typed_number else None
        if typed is not None and not typed.names(doc.n, meeting.number, meeting.year):
            other_meeting = typed.year != meeting.year or typed.meeting not in (None, meeting.number)
            # Another meeting's number: the wrong document (DOMAIN.md §9). This meeting's, another
            # case's: most likely cases were moved since case-doc wrote it.
            out.append(
                (error if other_meeting else warning)(
                    place,
                    _("the Word document is headed «{typed}», but this case is {number} «{title}»").format(
                        typed=f"{word.typed_number} {word.typed_title}".strip(),
                        number=doc.number_saksfremlegg,
                        title=doc.title,
                    ),
                    _(
                        "Check that it is this case's document (from this meeting). ho21 prints the number "
                        "from the manifest, never the one typed in the document; correct or remove it there."
                    ),
                    "word-number",
                )
            )
        elif word.typed_title and " ".join(word.typed_title.split()).casefold() != doc.title.casefold():
            out.append(
                warning(
                    place,
                    _("the Word document is titled «{typed}», the saksliste says «{title}»").format(
                        typed=word.typed_title, title=doc.title
                    ),
                    _("The saksliste's title is printed; change the title in the manifest if the document's is right."),
                    "word-title",
                    hint=Hint("set-title", (meeting.key, doc.case.id)),
                )
            )
        for count, what, fix, code in (
            (
                word.tracked_changes,
                ngettext(
                    "has {count} tracked change(s) not yet accepted",
                    "has {count} tracked change(s) not yet accepted",
                    word.tracked_changes,
                ),
                REVIEW_FIX,
                "word-tracked-changes",
            ),
            (
                word.comments,
                ngettext("has {count} comment(s)", "has {count} comment(s)", word.comments),
                _("In Word: Review → Delete all comments, then save."),
                "word-comments",
            ),
        ):
            if count:
                out.append(error(place, what.format(count=count), fix, code))
    return out


def _exemptions(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """An exempt case names its legal basis (offentleglova requires one); a public title
    shows only on an exempt case, so one on an open case is probably a mistake."""
    from ho21cli.core.publicity import is_exempt, legal_basis

    out = []
    for doc in docs:
        hint = Hint("set-unntatt", (meeting.key, doc.case.id))
        if is_exempt(doc.case) and not legal_basis(doc.case):
            out.append(
                error(
                    doc.number_saksliste,
                    _("«{title}» is marked exempt without a legal basis (offentleglova requires one)").format(
                        title=doc.title
                    ),
                    _("Give the legal basis (hjemmel), e.g. «offl. § 13 jf. fvl. § 13 første ledd nr. 1»."),
                    "exempt-without-basis",
                    hint=hint,
                )
            )
        elif doc.case.offentlig_tittel and not is_exempt(doc.case):
            out.append(
                warning(
                    doc.number_saksliste,
                    _("has a public title («{public}») but is not exempt, so the public sees «{title}»").format(
                        public=doc.case.offentlig_tittel, title=doc.title
                    ),
                    _("Mark it exempt with its legal basis, or remove its public title."),
                    "public-title-not-exempt",
                    hint=hint,
                )
            )
    return out


REVIEW_FIX = _("In Word: Review → Accept (or Reject) all changes, then save.")


WORD_ALT_FIX = _("In Word: right-click the picture → «View Alt Text» (Alternativ tekst) and describe it.")


def images_of(body: Body) -> list[Image]:
    blocks = list(body.intro) + [b for s in body.sections for b in s.blocks]
    return [b for b in blocks if isinstance(b, Image)]


def _images_without_alt(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    out = []
    for doc in docs:
        for image in images_of(doc.body):
            if not image.alt.strip():
                out.append(
                    error(
                        _("{number}: image {src}").format(number=doc.number_saksliste, src=image.src),
                        _("has no alt text, so a screen reader cannot tell what it shows"),
                        WORD_ALT_FIX
                        if doc.body.word is not None
                        else _("Describe the image in the brackets: ![Følgere per måned, 2025](bilde.png)."),
                        "image-without-alt",
                    )
                )
    return out


# -- the meeting among the others ------------------------------------------------


def meeting_date_problems(inputs: MeetingInputs) -> list[Problem]:
    """A meeting's date lies in its year and after the year's previous meeting; start before end."""
    meeting, numbers = inputs.meeting, inputs.profile.numbers
    place = "meeting.toml: [meeting] date"
    label = inputs.label
    out = []
    if meeting.date.year != meeting.year:
        out.append(
            error(
                place,
                _("meeting {label} is dated {date}, in another year").format(
                    label=label, date=meeting.date.isoformat()
                ),
                _("Give it a date in {year}; a meeting of another year is a new meeting of that year.").format(
                    year=meeting.year
                ),
                "date-year",
            )
        )
    for other in inputs.same_year():
        before = other.mid.number < meeting.number
        # Two meetings on one day (new-meeting --same-day) come in the order of their starts.
        if (before and other.when > meeting.when) or (not before and other.when < meeting.when):
            what = (
                _("meeting {label} ({date}) is not dated after meeting {other} ({other_date}), which comes before it")
                if before
                else _(
                    "meeting {label} ({date}) is not dated before meeting {other} ({other_date}), which comes after it"
                )
            )
            out.append(
                error(
                    place,
                    what.format(
                        label=label,
                        date=meeting.date.isoformat(),
                        other=numbers.label_of(other.mid),
                        other_date=other.date.isoformat(),
                    ),
                    _("Meetings are numbered in date order: correct the date."),
                    "date-order",
                )
            )
    problem = time_order_problem(meeting.start, meeting.end)
    if problem:
        out.append(error("meeting.toml: [meeting] start/end", problem, _("Correct the times."), "time-order"))
    return out


def time_order_problem(start: str | None, end: str | None) -> str:
    if start and end and end <= start:
        return _("the meeting ends ({end}) before it starts ({start})").format(end=end, start=start)
    return ""


def missing_fact_problems(inputs: MeetingInputs, docs: list[CaseDoc]) -> list[Problem]:
    """ho21's own marks for a fact it does not have («[forrige møte]», «[dato]»): the command
    that records the fact is named, so the mark never reaches a document that is sent."""
    from ho21cli.core.documents import UNKNOWN_FACTS

    out = []
    for doc in docs:
        text = "\n".join([doc.title, doc.note, body_text(doc.body), doc.forslag_text])
        found = [mark for mark in UNKNOWN_FACTS if mark in text]
        if found:
            what, fix, hint = _missing_fact(inputs, ", ".join(f"«{mark}»" for mark in found))
            out.append(error(doc.number_saksliste, what, fix, "missing-fact", hint=hint))
    return out


def _missing_fact(inputs: MeetingInputs, marks: str) -> tuple[str, str, Hint]:
    """What is not known of the previous meeting, and which command records it."""
    previous = inputs.previous
    if previous is not None:
        label = inputs.profile.numbers.meeting_label(previous.number, previous.year)
        return (
            _("says {marks}: ho21 does not know when the draft referat of meeting {previous} was sent").format(
                marks=marks, previous=label
            ),
            _("Record it when it has gone out."),
            Hint("referat-sent", (previous.key,)),
        )
    return (
        _("says {marks}: the meeting before this one is not in the archive, so ho21 does not know it").format(
            marks=marks
        ),
        _("Record the previous meeting, its date and when its draft referat was sent."),
        Hint("previous-meeting", (inputs.meeting.key,)),
    )


def unbuilt_problem(inputs: MeetingInputs) -> Problem | None:
    """`send` records that the innkalling in build/ went out, so that innkalling must be a real
    build (not --draft) of exactly this manifest and these files; None when it is."""
    from ho21cli.core.inputs import innkalling_fingerprint

    stamp = inputs.build_stamp
    if stamp is None or not inputs.built_innkalling:
        what = _("the innkalling has not been built into build/ (or its file is gone)")
    elif stamp.draft:
        what = _("the innkalling in build/ is a draft (--draft): every page says UTKAST")
    elif stamp.fingerprint != innkalling_fingerprint(inputs):
        what = _("the innkalling in build/ was built before the latest change to the meeting or its files")
    else:
        return None
    return error(
        "build/",
        what,
        _("Build it from the meeting as it is now; `send` records that this innkalling went out."),
        "not-built",
        hint=Hint("build", (inputs.mid.key,)),
    )


def series_problems(inputs: MeetingInputs) -> list[Problem]:
    meeting, numbers = inputs.meeting, inputs.profile.numbers
    out = []
    first, last = meeting.first_case, meeting.last_case
    for other in inputs.same_year():
        if other.first_case > other.last_case:
            continue  # no cases
        if first <= other.last_case and other.first_case <= last:
            out.append(
                error(
                    "meeting.toml: [meeting] first_case",
                    _("cases {first}-{last} overlap meeting {other} ({other_first}-{other_last})").format(
                        first=first,
                        last=last,
                        other=numbers.label_of(other.mid),
                        other_first=other.first_case,
                        other_last=other.last_case,
                    ),
                    _(
                        "Set first_case to continue after the previous meeting "
                        "(numbers of a sent meeting do not change)."
                    ),
                    "series-overlap",
                )
            )
        elif other.mid.number == meeting.number - 1 and other.last_case + 1 != first:
            out.append(_gap(other, first, numbers.label_of(other.mid)))
    return out


def _gap(other: OtherMeeting, first: int, label: str) -> Problem:
    return warning(
        "meeting.toml: [meeting] first_case",
        _("the series jumps from {last} (meeting {label}) to {first}").format(
            last=other.last_case, label=label, first=first
        ),
        _("Set first_case = {next} unless the gap is intended.").format(next=other.last_case + 1),
        "series-gap",
    )


def deadline_problems(meeting: Meeting, profile: Profile, today: date) -> list[Problem]:
    from ho21cli.core.dates import days_before, shown_date

    if meeting.date < today:
        return [
            warning(
                "meeting.toml: [meeting] date",
                _("the meeting date {date} is past").format(date=shown_date(meeting.date)),
                "",
                "past",
            )
        ]
    if meeting.sent:
        return []
    deadline = days_before(meeting.date, profile.innkalling_days_before)
    if deadline < today:
        return [
            warning(
                "innkalling",
                ngettext(
                    "the deadline for sending ({deadline}, {days} days before) has passed",
                    "the deadline for sending ({deadline}, {days} days before) has passed",
                    profile.innkalling_days_before,
                ).format(deadline=shown_date(deadline), days=profile.innkalling_days_before),
                _("Send as soon as possible and tell the chair."),
                "deadline-passed",
            )
        ]
    if (deadline - today).days <= DEADLINE_SOON_DAYS:
        return [
            warning(
                "innkalling",
                ngettext(
                    "must be sent by {deadline}, in {days} day(s)",
                    "must be sent by {deadline}, in {days} day(s)",
                    (deadline - today).days,
                ).format(deadline=shown_date(deadline), days=(deadline - today).days),
                "",
                "deadline-soon",
            )
        ]
    return []
