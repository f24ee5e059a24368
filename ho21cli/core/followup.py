"""The oppfølgingsliste: which approved vedtak give someone a task, who, and by when.

Pure: the meetings are given, read by the caller. A vedtak is read sentence by
sentence (a sentence ends at ``.``, ``!`` or ``?`` before a capital letter, or
at a line break; "1. mars" and "t.o. sak" do not end one).

A sentence gives a task when

1. it asks someone to act: «Rådet ber *sekretariatet* om å …», «ber
   *Helsedirektoratet* om å …», «ber *sekretariatet* også forespørre …»,
   «*Sekretariatet* bes om å …», «gir *X* i oppdrag å …», «*X* får i oppdrag
   å …» — responsible: the one asked;
2. it sets up or staffs a working group: «Det settes ned (nedsettes,
   opprettes, etableres) en arbeidsgruppe bestående av A, B og C», «A, B og C
   deltar i arbeidsgruppen» — responsible: «Arbeidsgruppen (A, B og C)», or
   «Arbeidsgruppen» when no names are given (placeholders such as «[]» and
   «NN» are no names);
3. it opens with someone other than the council doing something: an actor
   (the secretariat, the chair, the working group, the members, observers, an
   organisation such as «Helsedirektoratet», «HOD», or two or more names)
   followed by a verb in the active present (ends in «-r»: «utarbeider»,
   «gir», «følger») or «skal/vil/må»: «Sekretariatet utarbeider et notat …»,
   «Rådsmedlemmer gir innspill …» — responsible: that actor; «X er ansvarlig
   for …» and «X har ansvar for …» count too;
4. the council commits itself: «Rådet vil/skal/må …», «Rådet ønsker å …»,
   «Rådet tar sikte på å …» — responsible: «Rådet»;
5. or it sets a deadline (below) without naming anyone: «Notatet sendes ut
   innen 1. mars 2026.», «Saken tas opp igjen på neste møte.» — responsible
   not named.

Rules 3-5 never apply to a sentence that takes something note of, approves,
or records habilitet: «til orientering», «til etterretning», «godkjennes»,
«inhabil», «Intet.», «Ingen.». So «Tas til orientering.», «Innkalling og
saksliste godkjennes.», «Referatet godkjennes.», «Det er ikke knyttet
inhabilitet til …» and «X er inhabil for sak …» give no task, while «Rådet
tar saken til orientering og ber sekretariatet om å …» does (rule 1).

Judged not a task: a passive sentence about a thing, with nobody named and no
deadline, such as the standing case's «Oversikten oppdateres med de innspill
som kommer i møtet.» — it is done as part of that case at every meeting, and
the list would otherwise fill with it; «Rådet slutter seg til …», «Rådet
vedtar …» and «Rådet ønsker en bredere inngang» are decisions, not tasks.

The deadline ("frist") of a task is the earliest one its sentences give:
«innen 1. mars 2026», «frist 15. juni», «fristen er 15.06.2026», «senest
1. mars», «før 2026-03-01» (a date without a year is the first such day on or
after the meeting), or «til/innen/på neste møte» (the next meeting in the
archive, with its date when it is known).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ho21cli.core.dates import MONTHS, WEEKDAYS, long_date, shown_date
from ho21cli.core.model import Case, FollowUp, FollowUpStatus, Meeting, Profile
from ho21cli.i18n import N_, _

# -- sentences and words --------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(]?[A-ZÆØÅ])|\n+")
_WORD = re.compile(r"[^\W_][\w-]*|,")

_GUARD = re.compile(
    r"til\s+orientering|til\s+etterretning|\bgodkjennes\b|\binhabil|^\s*(?:intet|ingen)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_ACTOR = re.compile(
    r"(?:sekretariat|rådsleder|nestleder|leder|arbeidsgrupp|rådsmedlem|medlem|observatør|departement|direktorat)\w*"
    r"|\w+(?:direktoratet|departementet|tilsynet|instituttet|etaten|utvalget|gruppen|gruppa|rådet|forbundet|"
    r"foreningen|sekretariatet)",
    re.IGNORECASE,
)
_COUNCIL = {"rådet"}
_JOINERS = {"og", ",", "av", "fra"}  # inside a subject: «A, B og C», «leder av arbeidsgruppen»
_MODALS = {"skal", "vil", "må"}
_NOT_ACTIVE = {"er", "var", "blir", "ble", "har", "hadde"}
# After «ber X»: where the one asked ends.
_ASK_STOPS = {
    "om", "å", "at", "også", "sammen", "snarest", "derfor", "videre", "i", "til", "med", "for", "på", "innen",
    "fortsatt", "nå", "gjerne", "straks",
}  # fmt: skip
_PLACEHOLDER = re.compile(r"^\s*(?:\[.*\]|NN|N\.N\.?)\s*$")

_ASKS = re.compile(r"\bber\s+(?!om\b)(?P<rest>.+)", re.IGNORECASE)
_ASKS_THAT = re.compile(r"\bber\s+om\s+at\s+(?P<rest>.+)", re.IGNORECASE)
_ASKED = re.compile(r"^(?P<who>.+?)\s+(?:bes|anmodes)\s+(?:om\s+)?(?:å\b|at\b)", re.IGNORECASE)
_GIVES_ASSIGNMENT = re.compile(r"\bgir\s+(?P<rest>.+?)\s+i\s+oppdrag\b", re.IGNORECASE)
_GETS_ASSIGNMENT = re.compile(r"^(?P<who>.+?)\s+får\s+i\s+oppdrag\b", re.IGNORECASE)
_RESPONSIBLE = re.compile(r"^(?P<who>.+?)\s+(?:er\s+ansvarlig\s+for|har\s+(?:ansvar(?:et)?|hovedansvar)\s+for)\b", re.I)
_GROUP = re.compile(r"\barbeidsgrupp", re.IGNORECASE)
_GROUP_SET_UP = re.compile(
    r"\b(?:settes\s+ned|nedsettes|opprettes|etableres|oppnevnes)\b.*\barbeidsgrupp"
    r"|\barbeidsgrupp\w*\s+(?:settes\s+ned|nedsettes|opprettes|etableres|oppnevnes)\b"
    r"|\b(?:setter\s+ned|nedsetter|oppretter|etablerer|oppnevner)\b.*\barbeidsgrupp",
    re.IGNORECASE,
)
_GROUP_MEMBERS = re.compile(
    r"\bbestående\s+av\s+(?P<names>.+?)(?=\s+(?:som|for|med|til|skal|og\s+(?:ber|skal))\b|[.;:]?\s*$)",
    re.IGNORECASE,
)
_JOINS_GROUP = re.compile(r"^(?P<names>.+?)\s+(?:deltar|sitter|går\s+inn)\s+i\s+(?:en\s+)?arbeidsgrupp", re.I)
_COUNCIL_COMMITS = re.compile(
    r"^rådet\s+(?:vil|skal|må|ønsker\s+å|tar\s+sikte\s+på\s+å|kommer\s+til\s+å)\s", re.IGNORECASE
)

# -- deadlines ------------------------------------------------------------------

_MONTH_WORDS = "|".join([*MONTHS, *(m[:3] for m in MONTHS)])
_DAY_WORDS = "|".join(WEEKDAYS)
_TRIGGER = (
    r"\b(?:innen|senest(?:\s+innen)?|før|til|frist(?:en)?(?:\s+(?:er|settes\s+til|blir|satt\s+til))?)\s+"
    rf"(?:(?:{_DAY_WORDS})\s+)?(?:den\s+)?"
)
_DATE_WORDS = re.compile(
    _TRIGGER + rf"(?P<d>\d{{1,2}})\.\s*(?P<m>{_MONTH_WORDS})\.?(?:\s+(?P<y>\d{{4}}))?(?!\w)", re.IGNORECASE
)
_DATE_DIGITS = re.compile(_TRIGGER + r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?(?!\d)", re.IGNORECASE)
_DATE_ISO = re.compile(_TRIGGER + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)", re.IGNORECASE)
_NEXT_MEETING = re.compile(r"\b(?:til|innen|på|før|i)\s+neste\s+(?:råds)?møte\b", re.IGNORECASE)


@dataclass(frozen=True)
class NextMeeting:
    """The meeting after the one a vedtak was made in, as the list names it."""

    label: str  # ``2/2026``
    day: date


@dataclass(frozen=True)
class Due:
    """When a task is due: a day, or the next meeting (whose day may not be known)."""

    day: date | None
    next_meeting: bool = False
    meeting_label: str = ""  # the next meeting, when known

    @property
    def text(self) -> str:
        """``1. mars 2026``; ``neste møte (2/2026, 11. mars 2026)``; ``neste møte``."""
        if not self.next_meeting and self.day is not None:
            return long_date(self.day)
        if self.day is not None and self.meeting_label:
            return f"neste møte ({self.meeting_label}, {long_date(self.day)})"
        return "neste møte"

    @property
    def shown_text(self) -> str:
        """``text`` for the screen, in the run's language (``text`` itself goes into the list's document)."""
        if not self.next_meeting and self.day is not None:
            return shown_date(self.day)
        if self.day is not None and self.meeting_label:
            return _("next meeting ({label}, {day})").format(label=self.meeting_label, day=shown_date(self.day))
        return _("next meeting")


@dataclass(frozen=True)
class Task:
    """What a vedtak asks for: who is responsible (none named: empty), and by when."""

    who: tuple[str, ...] = ()
    due: Due | None = None

    @property
    def who_text(self) -> str:
        return "; ".join(self.who)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def task_of(vedtak: str, *, held: date, next_meeting: NextMeeting | None = None) -> Task | None:
    """The task a vedtak gives (the rules are in the module's docstring), or None."""
    who: list[str] = []
    dues: list[Due] = []
    found = False
    for sentence in sentences(vedtak):
        named = _named_in(sentence)
        due = _due_in(sentence, held, next_meeting)
        if named is None and (due is None or _GUARD.search(sentence)):
            continue
        found = True
        who += named or []
        if due is not None:
            dues.append(due)
    if not found:
        return None
    return Task(who=_distinct(who), due=_earliest(dues))


def _named_in(sentence: str) -> list[str] | None:
    """Who a sentence makes responsible by rules 1-4: a list (maybe empty), or None for no task."""
    asked = _asked(sentence)
    if asked is not None:
        return asked
    if _GROUP.search(sentence):
        group = _working_group(sentence)
        if group is not None:
            return [group]
    if _GUARD.search(sentence):
        return None
    m = _RESPONSIBLE.match(sentence) or _GETS_ASSIGNMENT.match(sentence)
    if m and _is_actor(_words(m.group("who"))):
        return [_tidy(m.group("who"))]
    if _COUNCIL_COMMITS.match(sentence):
        return ["Rådet"]
    return _acting_subject(sentence)


def _asked(sentence: str) -> list[str] | None:
    """Rule 1: the one a sentence asks to act."""
    m = _ASKED.match(sentence)
    if m and _is_actor(_words(m.group("who")), council_too=True):
        return [_tidy(m.group("who"))]
    for pattern in (_ASKS_THAT, _ASKS, _GIVES_ASSIGNMENT):
        m = pattern.search(sentence)
        if m:
            words = _leading_actor(_words(m.group("rest")), stops=_ASK_STOPS)
            if words:
                return [_tidy(_join(words))]
    return None


def _working_group(sentence: str) -> str | None:
    """Rule 2: «Arbeidsgruppen (A, B og C)» for a group set up or joined in the sentence."""
    joined = _JOINS_GROUP.match(sentence)
    if joined:
        names = _names(joined.group("names"))
    elif _GROUP_SET_UP.search(sentence):
        m = _GROUP_MEMBERS.search(sentence)
        names = _names(m.group("names")) if m else ""
    else:
        return None
    return f"Arbeidsgruppen ({names})" if names else "Arbeidsgruppen"


def _names(text: str) -> str:
    """The names of a list «A, B og C», without placeholders («[]», «NN»); '' when none is left."""
    parts = [p.strip() for p in re.split(r",|\s+og\s+", text.strip().rstrip("."))]
    real = [p for p in parts if p and not _PLACEHOLDER.match(p) and not p.startswith("[")]
    if not real:
        return ""
    return real[0] if len(real) == 1 else f"{', '.join(real[:-1])} og {real[-1]}"


def _acting_subject(sentence: str) -> list[str] | None:
    """Rule 3: an actor that opens the sentence, followed by an active verb."""
    words = _words(sentence)
    subject = _leading_actor(words, stops=set())
    if not subject or len(subject) >= len(words):
        return None
    verb = words[len(subject)].casefold()
    active = verb in _MODALS or (verb.endswith("r") and verb not in _NOT_ACTIVE)
    if not active or not _is_actor(subject):
        return None
    return [_tidy(_join(subject))]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _actor_like(word: str) -> bool:
    return word[:1].isupper() or bool(_ACTOR.fullmatch(word))


def _leading_actor(words: list[str], *, stops: set[str]) -> list[str]:
    """The words at the start that can name someone: capitalised words and actor nouns,
    joined by «,», «og», «av» and «fra»."""
    taken: list[str] = []
    for i, word in enumerate(words):
        low = word.casefold()
        if low in stops:
            break
        if low in _JOINERS:
            if i + 1 < len(words) and _actor_like(words[i + 1]) and taken:
                taken.append(word)
                continue
            break
        if not _actor_like(word):
            break
        taken.append(word)
    return taken


def _is_actor(words: list[str], *, council_too: bool = False) -> bool:
    """Someone who can be given a task: an actor noun, an abbreviation (HOD), or a person's name.
    The council itself only where it is asked (rule 4 handles «Rådet vil …»)."""
    names = [w for w in words if w not in _JOINERS]
    if not names:
        return False
    if not council_too and [w.casefold() for w in names] == ["rådet"]:
        return False
    if any(_ACTOR.fullmatch(w) and w.casefold() not in _COUNCIL for w in names):
        return True
    if any(len(w) >= 2 and w.isupper() for w in names):
        return True
    capitalised = [w for w in names if w[:1].isupper()]
    return len(capitalised) >= 2 or (council_too and bool(capitalised))


def _join(words: list[str]) -> str:
    return " ".join(words).replace(" ,", ",")


def _tidy(who: str) -> str:
    who = " ".join(who.split()).strip(" ,.")
    return who[:1].upper() + who[1:]


def _distinct(who: list[str]) -> tuple[str, ...]:
    """Each responsible once; «Arbeidsgruppen» gives way to «Arbeidsgruppen (A, B og C)»."""
    kept: list[str] = []
    for name in who:
        key = name.casefold()
        if any(k.casefold() == key or k.casefold().startswith(key + " (") for k in kept):
            continue
        kept = [k for k in kept if not key.startswith(k.casefold() + " (")]
        kept.append(name)
    return tuple(kept)


def _due_in(sentence: str, held: date, next_meeting: NextMeeting | None) -> Due | None:
    dues = [Due(day) for day in _dates(sentence, held)]
    if _NEXT_MEETING.search(sentence):
        dues.append(
            Due(next_meeting.day, next_meeting=True, meeting_label=next_meeting.label)
            if next_meeting
            else Due(None, next_meeting=True)
        )
    return _earliest(dues)


def _dates(sentence: str, held: date) -> list[date]:
    found = []
    for pattern in (_DATE_WORDS, _DATE_DIGITS, _DATE_ISO):
        for m in pattern.finditer(sentence):
            month_text = m.group("m").casefold()
            month = int(month_text) if month_text.isdigit() else _month(month_text)
            year = m.group("y")
            day = _day(int(m.group("d")), month, int(year) + (2000 if len(year) == 2 else 0) if year else None, held)
            if day is not None:
                found.append(day)
    return found


def _month(text: str) -> int:
    return next(i for i, name in enumerate(MONTHS, start=1) if name == text or name[:3] == text)


def _day(d: int, month: int, year: int | None, held: date) -> date | None:
    """The date, or None when it does not exist; without a year, the first on or after ``held``."""
    try:
        if year is not None:
            return date(year, month, d)
        this_year = date(held.year, month, d)
        return this_year if this_year >= held else date(held.year + 1, month, d)
    except ValueError:
        return None


def _earliest(dues: Sequence[Due]) -> Due | None:
    """The earliest known day; a next meeting without a known day only when there is none."""
    dated = [d for d in dues if d.day is not None]
    if dated:
        return min(dated, key=lambda d: d.day or date.max)
    return dues[0] if dues else None


# -- the list -------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpItem:
    """One vedtak with a task, on the list."""

    n: int  # running number in the year
    number: str  # in the council's form: ``Sak 13/2/2026``
    meeting_key: str  # ``2026-2``
    meeting_label: str  # ``2/2026``
    case_id: str
    title: str
    vedtak: str
    task: Task
    followup: FollowUp = field(default_factory=FollowUp)

    @property
    def status(self) -> FollowUpStatus:
        return self.followup.status


@dataclass(frozen=True)
class FollowUpList:
    """Every approved vedtak with a task in a year's meetings, in case-number order."""

    year: int
    items: tuple[FollowUpItem, ...]
    covered: tuple[str, ...]  # labels of the meetings whose referat is approved
    not_approved: tuple[str, ...]  # held, referat not approved (yet): their vedtak are not on the list
    not_held: tuple[str, ...]  # planned meetings, after ``as_of``


def followup_list(
    year: int, meetings: Sequence[Meeting], *, profile: Profile, as_of: date, following: Meeting | None = None
) -> FollowUpList:
    """The list for ``year``: ``meetings`` are the year's (numbered in its series), ``following``
    the first meeting of the next year (the "next meeting" of the year's last)."""
    numbers = profile.numbers
    ordered = sorted((m for m in meetings if m.year == year), key=lambda m: m.number)
    nexts = [*ordered[1:], following]
    items: list[FollowUpItem] = []
    covered: list[str] = []
    not_approved: list[str] = []
    not_held: list[str] = []
    for meeting, after in zip(ordered, nexts, strict=True):
        label = numbers.meeting_label(meeting.number, meeting.year)
        if meeting.referat_approved is None:
            (not_held if meeting.date > as_of else not_approved).append(label)
            continue
        covered.append(label)
        upcoming = NextMeeting(numbers.meeting_label(after.number, after.year), after.date) if after else None
        for n, case in meeting.numbered():
            item = _item(meeting, n, case, profile, upcoming)
            if item is not None:
                items.append(item)
    items.sort(key=lambda i: i.n)
    return FollowUpList(year, tuple(items), tuple(covered), tuple(not_approved), tuple(not_held))


def _item(meeting: Meeting, n: int, case: Case, profile: Profile, upcoming: NextMeeting | None) -> FollowUpItem | None:
    if case.postponed or not case.vedtak or not case.vedtak.strip():
        return None
    task = task_of(case.vedtak, held=meeting.date, next_meeting=upcoming)
    if task is None:
        return None
    numbers = profile.numbers
    return FollowUpItem(
        n=n,
        number=numbers.case(n, meeting.number, meeting.year),
        meeting_key=meeting.key,
        meeting_label=numbers.meeting_label(meeting.number, meeting.year),
        case_id=case.id,
        title=case.title,
        vedtak=case.vedtak.strip(),
        task=task,
        followup=case.followup or FollowUp(),
    )


def status_text(followup: FollowUp) -> str:
    """``utført 1. mars 2026: note``; ``åpen``."""
    text = followup.status.label
    if followup.day is not None and (followup.status is not FollowUpStatus.OPEN or followup.note):
        text += f" {long_date(followup.day)}"
    return f"{text}: {followup.note}" if followup.note else text


_STATUS_SHOWN = {
    FollowUpStatus.OPEN: N_("open"),
    FollowUpStatus.DONE: N_("done"),
    FollowUpStatus.POSTPONED: N_("postponed"),
}


def shown_status_label(status: FollowUpStatus) -> str:
    """``open``, ``done``, ``postponed`` in the run's language (``status.label`` is the document's word)."""
    return _(_STATUS_SHOWN[status])


def shown_status_text(followup: FollowUp) -> str:
    """``status_text`` for the screen, in the run's language."""
    text = shown_status_label(followup.status)
    if followup.day is not None and (followup.status is not FollowUpStatus.OPEN or followup.note):
        text = _("{status} {day}").format(status=text, day=shown_date(followup.day))
    return _("{status}: {note}").format(status=text, note=followup.note) if followup.note else text


def and_list(items: Sequence[str]) -> str:
    """``1/2026, 2/2026 og 3/2026``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def coverage_text(followups: FollowUpList, *, made: date) -> str:
    """Which meetings the list covers, and the day it was made: the line under its heading."""
    if followups.covered:
        which = f"Vedtak med oppfølging fra møte {and_list(followups.covered)} (godkjent referat)."
    else:
        which = f"Ingen møter i {followups.year} har godkjent referat ennå."
    return f"{which} Laget {long_date(made)}."


def missing_text(followups: FollowUpList) -> str:
    """The meetings held whose vedtak are not on the list yet, or ''."""
    if not followups.not_approved:
        return ""
    labels = and_list(followups.not_approved)
    one = len(followups.not_approved) == 1
    return f"Referatet fra møte {labels} er ikke godkjent ennå; {'vedtakene derfra' if one else 'de møtenes vedtak'} er ikke med."
