"""The referat as a person finished it in Word, and what must be right in it (DOMAIN.md §8, §9).

``FinishedReferat`` is the document read back (``ho21cli.render.referat_reader``):
its paragraphs in order, table cells included. Here it is cut into case
sections and checked against the meeting: every case once, in order, with
this meeting's number in the council's form and its saksliste title; no case
of another meeting pasted in; one number form throughout; weekdays that fit
their dates; no placeholder or yellow mark of the skeleton left; names spelt
as the roster in force on the meeting's day spells them. Each case's vedtak
is read exactly as written, for `ho21 referat-approved`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ho21cli.core import dates
from ho21cli.core.history import roster_of
from ho21cli.core.inputs import OtherMeeting
from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import CENTURY, CaseRef, DocKind, Numbering, format_number
from ho21cli.core.referat import POSTPONED, SKELETON_MARKS
from ho21cli.core.text import one_line
from ho21cli.core.validation import Hint, Problem, error, warning
from ho21cli.i18n import N_, _, ngettext

VEDTAK_LABEL = re.compile(r"^\s*vedtak\s*:?\s*$", re.IGNORECASE)
# A weekday as a message names it: the English name with the document's (bokmål) one beside it.
WEEKDAYS_SHOWN = (
    N_("Monday (mandag)"),
    N_("Tuesday (tirsdag)"),
    N_("Wednesday (onsdag)"),
    N_("Thursday (torsdag)"),
    N_("Friday (fredag)"),
    N_("Saturday (lørdag)"),
    N_("Sunday (søndag)"),
)
MIN_SURNAME = 7  # a surname this long is compared alone ("Hennes" is a word, one letter off "Hernes")
MIN_BESIDE = 4  # a shorter name word is never compared ("Ola" is one letter off "Ole")
MAX_HEADING = 200  # a paragraph longer than this is running text, not a heading
# A number in running text is judged only when it could be one of this council's: the cases
# a year may still get beyond its last known one, and, for a year the archive does not hold,
# how many meetings and cases it may have had at most. Beyond that it is another agency's
# ("sak 25/1234", "vår ref. 24/5678").
CASE_MARGIN = 20
MEETINGS_AT_MOST = 12
CASES_AT_MOST = 100
# Only the skeleton's own marks are placeholders; other brackets ("[1]", "[sic]") are text.
PLACEHOLDER = re.compile(
    "|".join([r"\bNN\b", r"\bXX\b", *(r"\s+".join(map(re.escape, mark.split())) for mark in SKELETON_MARKS)])
)
# Any dash a heading may have between its number and its title, or in the title.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
SEPARATORS = ":." + DASHES


# -- the document as read ---------------------------------------------------------


@dataclass(frozen=True)
class ReferatParagraph:
    """One paragraph of the finished referat (a table cell counts as one)."""

    text: str
    heading: bool = False  # a Heading (or Title) style, or an outline level
    highlighted: bool = False  # some of its text still has the skeleton's yellow highlight
    bold: bool = False  # all its text is bold
    table_row: str | None = None  # in a table: the row's first cell ("Dato", "Til stede"); else None


@dataclass(frozen=True)
class FinishedReferat:
    name: str  # "referat-2026-1.docx", for messages
    paragraphs: tuple[ReferatParagraph, ...]
    tracked_changes: bool = False  # insertions or deletions not yet accepted


@dataclass(frozen=True)
class CaseSection:
    """A case heading and what follows it, up to the next case heading."""

    ref: CaseRef  # the number as written in the heading
    heading: ReferatParagraph
    title: str  # the heading after the number, on one line
    paragraphs: tuple[ReferatParagraph, ...] = ()

    @property
    def vedtak(self) -> str | None:
        return vedtak_of(self.paragraphs)


def vedtak_of(paragraphs: Sequence[ReferatParagraph]) -> str | None:
    """The paragraphs after the one reading "Vedtak" ("Vedtak:"), up to the next heading, joined
    with newlines exactly as written (empty ones at either end dropped); None without "Vedtak"."""
    start = next((i for i, p in enumerate(paragraphs) if VEDTAK_LABEL.match(p.text)), None)
    if start is None:
        return None
    lines: list[str] = []
    for p in paragraphs[start + 1 :]:
        if p.heading:
            break
        lines.append(p.text)
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


# -- case numbers in any form ---------------------------------------------------------

_NUMBER = (
    r"(?P<n>\d{1,5})\s*(?P<sep>[/\-–])\s*(?P<b>\d{1,4})"
    r"(?:\s*(?P=sep)\s*(?P<c>\d{4}|\d{2}))?(?!\d|\s*[/\-–]\s*\d)"
)


def _leading_words(numbers: Numbering) -> tuple[str, ...]:
    """The words the council's forms write before a number ("Sak", "PS"), and always "sak"."""
    words = {"sak"}
    for kind in DocKind:
        parsed = list(string.Formatter().parse(numbers.formats.of(kind)))
        if parsed and parsed[0][0].split():
            words.add(parsed[0][0].split()[-1].casefold())
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=16)
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = "|".join(re.escape(w) for w in words)
    in_text = re.compile(rf"(?<!\w)(?P<word>{alternatives})\s+{_NUMBER}", re.IGNORECASE)
    at_start = re.compile(rf"^\s*(?:(?P<word>{alternatives})\s+)?{_NUMBER}", re.IGNORECASE)
    return in_text, at_start


def _ref(m: re.Match[str], offset: int = 0) -> CaseRef | None:
    """A case number from a match: n/meeting/year, or n/year (a year of two or four digits)."""
    n, b, c = m.group("n"), m.group("b"), m.group("c")
    if c is not None:
        year, meeting = int(c), int(b)
    elif m.group("sep") == "/" and len(b) in (2, 4):
        year, meeting = int(b), None
    else:
        return None
    year = year + CENTURY if year < 100 else year
    text = m.group(0).strip()
    return CaseRef(int(n), meeting, year, text, m.start() + offset, m.end() + offset)


def numbers_in_text(text: str, numbers: Numbering) -> list[CaseRef]:
    """Every case number written with its word ("Sak 24/2/26", "sak 21-2-2024"), in any form."""
    in_text = _patterns(_leading_words(numbers))[0]
    return [ref for m in in_text.finditer(text) if (ref := _ref(m)) is not None]


def heading_number(p: ReferatParagraph, numbers: Numbering) -> tuple[CaseRef, str] | None:
    """The case number a case heading starts with, and the title after it; None for other paragraphs.

    A Heading paragraph may start with a bare number ("18/2/2024 Tittel"); another paragraph
    is taken for a case heading only when it clearly is one: "Sak …" followed by a short
    title, bold, or capitalised and without a full stop.
    """
    if p.table_row is not None or len(p.text) > MAX_HEADING:
        return None
    _, at_start = _patterns(_leading_words(numbers))
    m = at_start.match(p.text)
    ref = _ref(m) if m else None
    if m is None or ref is None:
        return None
    rest = p.text[m.end() :]
    if rest and not rest[0].isspace() and rest[0] not in SEPARATORS:
        return None
    title = one_line(_strip_separator(rest))
    if p.heading:
        return ref, title
    if not m.group("word"):
        return None
    looks_like_title = title[:1].isupper() and not title.endswith((".", "!", "?", ":", ";", ","))
    return (ref, title) if p.bold or looks_like_title else None


def _strip_separator(rest: str) -> str:
    """The title after a heading's number: any whitespace (a no-break space, a tab) and one
    separator (":", ".", a dash of any kind) before it dropped."""
    while rest[:1] and (rest[0].isspace() or rest[0] in SEPARATORS):
        rest = rest[1:]
    return rest


def comparable_title(title: str) -> str:
    """A title as compared with the saksliste's: whitespace of any kind one space, every dash "-"."""
    return one_line(title.translate(_UNSEEN)).translate(_DASH_TO_HYPHEN)


_DASH_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES, "-"))
_UNSEEN = str.maketrans(dict.fromkeys("\u200b\u2060\ufeff\u00ad"))  # zero-width spaces, a soft hyphen


def case_sections(
    referat: FinishedReferat, numbers: Numbering
) -> tuple[tuple[ReferatParagraph, ...], list[CaseSection]]:
    """The paragraphs before the first case heading, and each case heading with what follows it."""
    preamble: list[ReferatParagraph] = []
    sections: list[tuple[CaseRef, ReferatParagraph, str, list[ReferatParagraph]]] = []
    for p in referat.paragraphs:
        found = heading_number(p, numbers)
        if found is not None:
            sections.append((found[0], p, found[1], []))
        elif sections:
            sections[-1][3].append(p)
        else:
            preamble.append(p)
    return tuple(preamble), [CaseSection(ref, h, title, tuple(body)) for ref, h, title, body in sections]


def _in_forms(ref: CaseRef, forms: Iterable[str]) -> bool:
    """Whether ``ref`` is written exactly in one of ``forms`` (letter case and spacing aside)."""
    written = _folded(ref.text)
    for form in forms:
        if ("{meeting}" in form) != (ref.meeting is not None):
            continue
        if _folded(format_number(form, n=ref.n, meeting=ref.meeting or 0, year=ref.year or 0)) == written:
            return True
    return False


def _forms(numbers: Numbering) -> list[str]:
    return list(dict.fromkeys(numbers.formats.of(kind) for kind in DocKind))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _like(written: str, text: str) -> str:
    """``text`` with its first letter in the case ``written`` has it ("Sak" at a sentence start)."""
    if written[:1].isupper():
        return text[:1].upper() + text[1:]
    return text[:1].lower() + text[1:] if written[:1].islower() else text


# -- checking it -------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    """The names the referat may use, as the roster in force on the meeting's day spells them."""

    names: tuple[str, ...]  # in force that day, extra observers and guests: the spellings to use
    known: frozenset[str] = frozenset()  # every name word the profile knows at any time (folded)

    @classmethod
    def of(cls, meeting: Meeting, profile: Profile) -> People:
        roster = roster_of(meeting, profile)
        att = meeting.attendance
        names = [p.name for p in roster.everyone] + [p.name for p in att.extra_observers] + [g.name for g in att.guests]
        every = names + [p.name for p in profile.roster.everyone] + [p.name for p in roster.outside]
        known = frozenset(w.casefold() for name in every for w in _name_words(name))
        return cls(tuple(dict.fromkeys(names)), known)

    def knows(self, word: str) -> bool:
        """``word`` is part of a name the profile knows (also in the genitive)."""
        folded = word.casefold()
        return folded in self.known or (folded.endswith("s") and folded[:-1] in self.known)


@dataclass(frozen=True)
class CouncilYears:
    """How far the council's numbering may reach, as the archive knows it: per year, its highest
    meeting number and its last case. A number beyond that is not the council's."""

    year: int  # the meeting's
    meetings: dict[int, int] = field(default_factory=dict)
    last_cases: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, meeting: Meeting, others: Sequence[OtherMeeting]) -> CouncilYears:
        meetings: dict[int, int] = {meeting.year: meeting.number}
        last_cases: dict[int, int] = {meeting.year: meeting.last_case}
        if meeting.previous is not None:
            meetings[meeting.previous.year] = max(meetings.get(meeting.previous.year, 0), meeting.previous.number)
        for other in others:
            year = other.mid.year
            meetings[year] = max(meetings.get(year, 0), other.mid.number)
            last_cases[year] = max(last_cases.get(year, 0), other.last_case)
        return cls(meeting.year, meetings, last_cases)

    def could_be_ours(self, ref: CaseRef) -> bool:
        """``ref`` is within the council's numbering: its year this meeting's, the one before, or
        one the archive holds; its meeting and case numbers within what that year may have."""
        year = ref.year
        if year is None or (year not in (self.year, self.year - 1) and year not in self.meetings):
            return False
        meetings = self.meetings.get(year, MEETINGS_AT_MOST - 1) + 1
        cases = self.last_cases.get(year, CASES_AT_MOST - CASE_MARGIN) + CASE_MARGIN
        return ref.n <= cases and (ref.meeting is None or 1 <= ref.meeting <= meetings)


@dataclass
class _Findings:
    problems: list[Problem] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def add(self, problem: Problem) -> None:
        key = (problem.place, problem.code, problem.what)
        if key not in self.seen:
            self.seen.add(key)
            self.problems.append(problem)


def check_referat(
    referat: FinishedReferat,
    meeting: Meeting,
    profile: Profile,
    *,
    others: Sequence[OtherMeeting] = (),
) -> list[Problem]:
    """Everything wrong in the finished referat of ``meeting``; ``others``: the archive's other
    meetings, to name the one a pasted case with a number without its meeting comes from."""
    numbers = profile.numbers
    preamble, sections = case_sections(referat, numbers)
    found = _Findings()
    people = People.of(meeting, profile)
    years = CouncilYears.of(meeting, others)
    if referat.tracked_changes:
        found.add(
            warning(
                referat.name,
                _("has tracked changes that are not accepted yet"),
                _("Accept or reject them in Word (Review → Accept), so the text that counts is the text shown."),
                "referat-tracked-changes",
            )
        )
    for p in preamble:
        place = f"{referat.name}: {p.table_row}" if p.table_row else referat.name
        _text_problems(found, p.text, p, place, meeting, numbers, people, years)
    ours: list[tuple[int, CaseSection]] = []  # this meeting's sections: case index and section
    for section in sections:
        other = _other_meeting(section.ref, meeting, numbers, others)
        if other is not None:
            found.add(
                error(
                    f"{referat.name}: {section.ref.text}",
                    _("{ref} «{title}» is a case of {other}, pasted in?").format(
                        ref=section.ref.text, title=section.title, other=other
                    ),
                    _("Remove the case (its heading, text and vedtak): this is the referat of meeting {label}.").format(
                        label=numbers.meeting_label(meeting.number, meeting.year)
                    ),
                    "referat-other-meeting",
                )
            )
            continue
        index = section.ref.n - meeting.first_case
        place = f"{referat.name}: {section.ref.text}"
        if not 0 <= index < len(meeting.cases):
            found.add(
                error(
                    place,
                    _("{ref} «{title}» is not a case of meeting {label} ({first}-{last})").format(
                        ref=section.ref.text,
                        title=section.title,
                        label=numbers.meeting_label(meeting.number, meeting.year),
                        first=meeting.first_case,
                        last=meeting.last_case,
                    ),
                    _("Correct the number, or remove the case."),
                    "referat-unknown-case",
                )
            )
        else:
            ours.append((index, section))
            place = _place(referat, meeting, numbers, index)
            _heading_problems(found, section, meeting, profile, index, place)
        _text_problems(found, section.title, section.heading, place, meeting, numbers, people, years)
        for p in section.paragraphs:
            _text_problems(found, p.text, p, place, meeting, numbers, people, years)
    _case_list_problems(found, referat, meeting, numbers, ours)
    return found.problems


def _place(referat: FinishedReferat, meeting: Meeting, numbers: Numbering, index: int) -> str:
    """Where a case's problem is: "referat-2026-1.docx: Sak 7/1/2026" (its number as it should be)."""
    return f"{referat.name}: {_number(meeting, numbers, index)}"


def _other_meeting(ref: CaseRef, meeting: Meeting, numbers: Numbering, others: Sequence[OtherMeeting]) -> str | None:
    """ "meeting 3/2024" when ``ref`` is a case of another meeting, else None."""
    if ref.meeting is not None:
        if (ref.meeting, ref.year) == (meeting.number, meeting.year):
            return None
        return _("meeting {label}").format(label=numbers.meeting_label(ref.meeting, ref.year or meeting.year))
    if ref.year == meeting.year and meeting.first_case <= ref.n <= meeting.last_case:
        return None
    holder = next((o for o in others if o.mid.year == ref.year and o.first_case <= ref.n <= o.last_case), None)
    if holder is not None:
        return _("meeting {label}").format(label=numbers.label_of(holder.mid))
    return _("another meeting ({year})").format(year=ref.year) if ref.year != meeting.year else None


def _heading_problems(
    found: _Findings, section: CaseSection, meeting: Meeting, profile: Profile, index: int, place: str
) -> None:
    case = meeting.cases[index]
    expected = _number(meeting, profile.numbers, index)
    if not _in_forms(section.ref, [profile.numbering.referat]):
        found.add(
            error(
                place,
                _("the heading writes «{written}», not the council's form «{number}»").format(
                    written=section.ref.text, number=expected
                ),
                _("Write «{number}»: one number form in the whole referat.").format(number=expected),
                "referat-number-form",
            )
        )
    if comparable_title(section.title) != comparable_title(case.title):
        found.add(
            error(
                place,
                _("is headed «{written}», the saksliste says «{title}»").format(
                    written=section.title, title=one_line(case.title)
                ),
                _("Write the saksliste's title in the heading, or change the case's title."),
                "referat-title",
                hint=Hint("set-title", (meeting.key, case.id)),
            )
        )
    if case.postponed:
        said = POSTPONED.rstrip(".").casefold()  # "Saken ble utsatt til neste møte." says it too
        if not any(one_line(p.text).casefold().startswith(said) for p in section.paragraphs):
            found.add(
                error(
                    place,
                    _("the case was postponed, and the referat does not say so"),
                    _("Write «{postponed}» under its heading.").format(postponed=POSTPONED),
                    "referat-postponed",
                )
            )
        return
    vedtak = section.vedtak
    if vedtak is None or not vedtak.strip():
        found.add(
            warning(
                place,
                _("has no vedtak") if vedtak is None else _("has «Vedtak» with nothing after it"),
                _("Write «Vedtak» on a line of its own, and the vedtak after it (`ho21 referat-approved` stores it)."),
                "referat-no-vedtak",
            )
        )


def _case_list_problems(
    found: _Findings,
    referat: FinishedReferat,
    meeting: Meeting,
    numbers: Numbering,
    ours: list[tuple[int, CaseSection]],
) -> None:
    """Every case once, in the saksliste's order."""
    first: dict[int, CaseSection] = {}
    order: list[int] = []
    for index, section in ours:
        if index in first:
            found.add(
                error(
                    _place(referat, meeting, numbers, index),
                    _("the case is in the referat twice (again as «{ref} {title}»)").format(
                        ref=section.ref.text, title=section.title
                    ),
                    _("Keep one of them; move what the other says into it."),
                    "referat-case-twice",
                )
            )
            continue
        first[index] = section
        order.append(index)
    in_order = set(_increasing(order))
    for position, index in enumerate(order):
        if index in in_order:
            continue
        before = order[position - 1] if position else None
        after = _at_start() if before is None else _after(_number(meeting, numbers, before))
        expected = _("first") if index == 0 else _after(_number(meeting, numbers, index - 1))
        found.add(
            error(
                _place(referat, meeting, numbers, index),
                _("stands {after}; the saksliste has it {expected}").format(after=after, expected=expected),
                _("Move the case (heading, text and vedtak) to its place in the saksliste's order."),
                "referat-case-order",
            )
        )
    for index, case in enumerate(meeting.cases):
        if index in first:
            continue
        number = _number(meeting, numbers, index)
        where = _at_start() if index == 0 else _after(_number(meeting, numbers, index - 1))
        fix = _("Add «{number} {title}» {where}, with what was said and its vedtak.").format(
            number=number, title=case.title, where=where
        )
        if case.postponed:
            fix = _("Add «{number} {title}» {where}, with «{postponed}».").format(
                number=number, title=case.title, where=where, postponed=POSTPONED
            )
        found.add(
            error(
                f"{referat.name}: {number}",
                _("«{title}» is not in the referat").format(title=case.title),
                fix,
                "referat-missing-case",
            )
        )


def _at_start() -> str:
    """Where a case stands, or is to stand, when it is the first ("stands at the start")."""
    return _("at the start")


def _after(number: str) -> str:
    """Where a case stands, or is to stand, after another ("stands after Sak 6/1/2026")."""
    return _("after {number}").format(number=number)


def _number(meeting: Meeting, numbers: Numbering, index: int) -> str:
    return numbers.case(meeting.case_number(index), meeting.number, meeting.year, DocKind.REFERAT)


def _increasing(values: list[int]) -> list[int]:
    """A longest strictly increasing subsequence: the cases in order; the others were moved."""
    best: list[list[int]] = []
    for value in values:
        candidates = [seq for seq in best if seq[-1] < value]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, value])
    return max(best, key=len, default=[])


def _text_problems(
    found: _Findings,
    text: str,
    p: ReferatParagraph,
    place: str,
    meeting: Meeting,
    numbers: Numbering,
    people: People,
    years: CouncilYears,
) -> None:
    """What one paragraph's text may not hold: placeholders, yellow marks, numbers of the
    council's in another form, wrong weekdays, misspelt names. For a case heading, ``text`` is
    its title."""
    placeholders = sorted(set(PLACEHOLDER.findall(text)))
    if placeholders:
        found.add(
            error(
                place,
                ngettext(
                    "still has the placeholder(s) {placeholders}",
                    "still has the placeholder(s) {placeholders}",
                    len(placeholders),
                ).format(placeholders=", ".join(f"«{x}»" for x in placeholders)),
                _("Write the real text in its place."),
                "referat-placeholder",
            )
        )
    elif p.highlighted:
        found.add(
            warning(
                place,
                _("text still marked yellow, as the skeleton marks what is to be written: «{text}»").format(
                    text=_short(text)
                ),
                _("Remove the highlight when the text is final (Word: Home → Text Highlight Color → No Color)."),
                "referat-highlight",
            )
        )
    for ref in numbers_in_text(text, numbers):
        if _in_forms(ref, _forms(numbers)) or not years.could_be_ours(ref):
            continue
        right = _right_form(ref, meeting, numbers)
        found.add(
            error(
                place,
                _("«{written}» is not written in the council's form").format(written=ref.text),
                _("Write «{number}»: one number form in the whole referat.").format(number=_like(ref.text, right))
                if right
                else _("Write case numbers in the council's form, e.g. «{example}».").format(
                    example=_number(meeting, numbers, 0)
                ),
                "referat-number-form",
            )
        )
    for problem in weekday_problems(text, meeting.year):
        found.add(error(place, problem[0], problem[1], "referat-weekday"))
    for written, name, right in name_problems(text, people):
        found.add(
            error(
                place,
                _("«{written}»: the roster spells the name «{name}»").format(written=written, name=name),
                _("Write «{right}» (names are spelt as in the roster).").format(right=right),
                "referat-name",
            )
        )


def _short(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _right_form(ref: CaseRef, meeting: Meeting, numbers: Numbering) -> str | None:
    """``ref`` in the council's reference form; None when its meeting cannot be known."""
    form = numbers.formats.of(DocKind.REFERENCE)
    number = ref.meeting
    if number is None and "{meeting}" in form:
        if ref.year != meeting.year or not meeting.first_case <= ref.n <= meeting.last_case:
            return None
        number = meeting.number
    return format_number(form, n=ref.n, meeting=number or 0, year=ref.year or meeting.year)


# -- weekdays ------------------------------------------------------------------------------

_WEEKDAY_DATE = re.compile(
    rf"(?<!\w)(?P<weekday>{'|'.join(dates.WEEKDAYS)})(?:\s+den)?\s+(?P<day>\d{{1,2}})\.\s*"
    rf"(?P<month>{'|'.join(dates.MONTHS)})(?!\w)(?:\s+(?P<year>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)


def weekday_problems(text: str, year: int) -> list[tuple[str, str]]:
    """(what, fix) for every "<weekday> <d>. <month> [yyyy]" whose weekday is not its date's.
    Without a year, the date is taken in ``year`` or the years beside it, whichever fits."""
    out = []
    for m in _WEEKDAY_DATE.finditer(text):
        written = m.group("weekday")
        month = dates.MONTHS.index(m.group("month").casefold()) + 1
        day = int(m.group("day"))
        years = [int(m.group("year"))] if m.group("year") else [year, year + 1, year - 1]
        days = [d for y in years if (d := _date(y, month, day)) is not None]
        if not days:
            out.append((_("«{written}» is not a date").format(written=m.group(0)), _("Correct the day or the month.")))
            continue
        if any(dates.weekday(d) == written.casefold() for d in days):
            continue
        d = days[0]
        right = _like(written, dates.weekday(d)) + m.group(0)[len(written) :]
        out.append(
            (
                _("«{written}»: {date} is a {weekday}").format(
                    written=m.group(0), date=dates.shown_date(d), weekday=_(WEEKDAYS_SHOWN[d.weekday()])
                ),
                _("Write «{right}» (the weekday follows from the date).").format(right=right),
            )
        )
    return out


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- names -------------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _name_words(name: str) -> list[str]:
    return _NAME_WORD.findall(name)


def _capital_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words with only a space between them ("Leif Rune Skymoen")."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end: int | None = None
    for m in _NAME_WORD.finditer(text):
        word = m.group(0)
        capital = word[0].isupper()
        joined = last_end is not None and text[last_end : m.start()] in (" ", "\u00a0")
        if capital and current and joined:
            current.append(word)
            last_end = m.end()
            continue
        if current:
            runs.append(current)
        current = [word] if capital else []
        last_end = m.end()
    if current:
        runs.append(current)
    return runs


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped, changed, or two swapped (case aside)."""
    a, b = a.casefold(), b.casefold()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def name_problems(text: str, people: People) -> list[tuple[str, str, str]]:
    """(as written, the roster's name, what to write) for every name in ``text`` that is a near
    miss of a roster name: a surname one letter off («Skymoene»), a given name one letter off
    beside the rest of the name, or the name's parts in another order («Sandborg Møller»).

    Conservative, so ordinary capitalised words never count: a word the profile knows as part
    of any name (also with a genitive -s) is never a misspelling; a word alone is compared only
    with surnames of seven letters or more; a shorter name word only beside the name's
    neighbouring word, spelt right.
    """
    out: list[tuple[str, str, str]] = []
    persons = [(name, words) for name in people.names if len(words := _name_words(name)) >= 2]
    for run in _capital_runs(text):
        out += _order_problems(run, persons)
        for i, word in enumerate(run):
            if people.knows(word) or len(word) < 3:
                continue
            hit = _near_miss(run, i, persons)
            if hit is not None:
                out.append((word, hit[0], hit[1]))
    return list(dict.fromkeys(out))


def _same_word(word: str, target: str) -> bool:
    """``word`` is ``target``, perhaps in the genitive (-s)."""
    folded, wanted = word.casefold(), target.casefold()
    return folded in (wanted, wanted + "s")


def _near_miss(run: list[str], i: int, persons: list[tuple[str, list[str]]]) -> tuple[str, str] | None:
    """(the roster's name, the right word) when ``run[i]`` is one letter off a word of a name."""
    word = run[i]
    for name, words in persons:
        if len(words[-1]) >= MIN_SURNAME and _one_edit(word, words[-1]):
            return name, words[-1]
        for k, part in enumerate(words):
            if len(part) < MIN_BESIDE or not _one_edit(word, part):
                continue
            next_right = k + 1 < len(words) and i + 1 < len(run) and _same_word(run[i + 1], words[k + 1])
            prev_right = k > 0 and i > 0 and _same_word(run[i - 1], words[k - 1])
            if next_right or prev_right:
                return name, part
    return None


def _order_problems(run: list[str], persons: list[tuple[str, list[str]]]) -> list[tuple[str, str, str]]:
    """A name's parts in another order than the roster's («Sandborg Møller» for «Møller Sandborg»)."""
    out = []
    for name, words in persons:
        if len(words) < 2:
            continue
        position = {w.casefold(): k for k, w in enumerate(words)}
        i = 0
        while i < len(run):
            j = i
            while (
                j < len(run)
                and run[j].casefold() in position
                and run[j].casefold() not in {r.casefold() for r in run[i:j]}
            ):
                j += 1
            window = run[i:j]
            if len(window) >= 2:
                ranks = [position[w.casefold()] for w in window]
                if ranks != sorted(ranks):
                    right = " ".join(words[k] for k in sorted(ranks))
                    out.append((" ".join(window), name, right))
                i = j
            else:
                i += 1
    return out
