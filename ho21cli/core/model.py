"""The meeting model: a council profile, a meeting and its cases.

Case numbers are not stored: they follow from the meeting's first case number
and the order of its cases, so a saksliste and its saksfremlegg cannot
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from ho21cli.core.numbering import NumberFormats, Numbering
from ho21cli.core.text import same_name


class CaseKind(StrEnum):
    VEDTAK = "vedtak"
    DISKUSJON = "diskusjon"
    ORIENTERING = "orientering"

    @property
    def label(self) -> str:
        return {"vedtak": "Vedtakssak", "diskusjon": "Diskusjonssak", "orientering": "Orienteringssak"}[self.value]


class SectionLayout(StrEnum):
    """How a saksfremlegg sets its sections (profile ``section_layout``)."""

    HEADINGS = "headings"  # a heading, then the text under it
    TABLE = "table"  # the council's own look: the name in a narrow left column, the text to its right


class Role(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    SECRETARIAT = "secretariat"


@dataclass(frozen=True)
class Person:
    """One appointment: a person in one role for one period (profil.toml ``from``/``to``).

    A person re-appointed, or a member who becomes an observer, has one entry per
    period. No dates (a profile written before periods existed): in force always.
    """

    name: str
    org: str = ""  # organisation (members, observers)
    title: str = ""  # job title (secretariat)
    role: Role = Role.MEMBER
    start: date | None = None  # first day (``from``); None: since always
    end: date | None = None  # last day, inclusive (``to``); None: until further notice

    def in_force(self, day: date) -> bool:
        """Appointed on ``day``; ``to`` is the last day, so it still counts."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, other: Person) -> bool:
        """The two periods share at least one day (an open bound reaches forever)."""
        starts_in_time = self.start is None or other.end is None or self.start <= other.end
        ends_in_time = other.start is None or self.end is None or other.start <= self.end
        return starts_in_time and ends_in_time


@dataclass(frozen=True)
class Roster:
    """The council's people. ``on(day)`` gives those in force on a meeting's day; the
    others are kept in ``outside``, so a message can say «was a member until …»."""

    members: tuple[Person, ...] = ()
    observers: tuple[Person, ...] = ()
    secretariat: tuple[Person, ...] = ()
    day: date | None = None  # set by ``on``: the day this roster is in force
    outside: tuple[Person, ...] = ()  # with ``day``: the appointments not in force that day

    @property
    def everyone(self) -> tuple[Person, ...]:
        return self.members + self.observers + self.secretariat

    def find(self, name: str) -> Person | None:
        return next((p for p in self.everyone if same_name(p.name, name)), None)

    def on(self, day: date) -> Roster:
        """The roster in force on ``day``: every appointment with ``from`` <= day <= ``to``."""

        def keep(people: tuple[Person, ...], role: Role) -> tuple[Person, ...]:
            back = tuple(p for p in self.outside if p.role is role)  # a dated roster asked again
            return tuple(p for p in people + back if p.in_force(day))

        return Roster(
            members=keep(self.members, Role.MEMBER),
            observers=keep(self.observers, Role.OBSERVER),
            secretariat=keep(self.secretariat, Role.SECRETARIAT),
            day=day,
            outside=tuple(p for p in self.everyone + self.outside if not p.in_force(day)),
        )

    def elsewhere(self, name: str) -> tuple[Person, ...]:
        """``name``'s appointments that are not in force on ``day`` (none without a day)."""
        return tuple(p for p in self.outside if same_name(p.name, name))


@dataclass(frozen=True)
class StandardCase:
    """A case every meeting has (DOMAIN.md §5); texts may hold ``{placeholders}``."""

    key: str
    title: str
    kind: CaseKind = CaseKind.VEDTAK
    forslag: str = ""
    body: str = ""  # Markdown for the saksfremlegg
    referat: str = ""  # the referat's text for the case
    vedtak: str = ""  # the referat's vedtak
    minutes: int | None = None  # in the time plan (core/timeplan.py)


@dataclass(frozen=True)
class Break:
    """A pause in the time plan after a case (its id; in the profile, its standard key)."""

    after: str
    minutes: int
    title: str = "Pause"


@dataclass(frozen=True)
class SectionGuide:
    """A section of the council's saksfremlegg, with the line of guidance `ho21 case-doc` writes under it."""

    title: str
    guidance: str = ""


SAKSFREMLEGG_SECTIONS = (
    SectionGuide(
        "Bakgrunn", "Hva saken gjelder og hva som har skjedd så langt. Vis til tidligere vedtak med saksnummer."
    ),
    SectionGuide("Hvorfor saken fremmes til dette møtet", "Hvorfor rådet bør behandle saken nå."),
    SectionGuide("Hovedpunkter", "De viktigste punktene, gjerne som spørsmål til rådet i en punktliste."),
)
FORSLAG_GUIDANCE = "Skriv forslaget til vedtak. Er det ikke klart ennå, skriv «Utformes på møtet.»."


@dataclass(frozen=True)
class Profile:
    """A council: its names, roster, standard cases, numbering and templates."""

    name: str
    short_name: str
    til: str
    fra: str
    default_saksbehandler: str = ""
    place: str = ""
    address: str = ""
    start: str | None = None
    end: str | None = None
    numbering: NumberFormats = field(default_factory=NumberFormats)
    roster: Roster = field(default_factory=Roster)
    opening_cases: tuple[StandardCase, ...] = ()
    closing_cases: tuple[StandardCase, ...] = ()
    templates: dict[str, str] = field(default_factory=dict)  # kind -> path (relative to the archive)
    innkalling_days_before: int = 10
    merknadsfrist_days: int = 7
    breaks: tuple[Break, ...] = ()  # default breaks, after standard cases
    sections: tuple[SectionGuide, ...] = SAKSFREMLEGG_SECTIONS  # before «Forslag til vedtak», which is always last
    secretariat_heading: str = "Til stede fra sekretariatet"  # the referat's label for the secretariat
    section_layout: SectionLayout = SectionLayout.HEADINGS

    @cached_property
    def numbers(self) -> Numbering:
        """Writes and reads case numbers and meeting labels in this council's forms."""
        return Numbering(self.numbering)

    def standard_case(self, key: str) -> StandardCase | None:
        return next((s for s in self.opening_cases + self.closing_cases if s.key == key), None)


@dataclass
class Vedlegg:
    file: str  # relative to the meeting folder
    title: str


@dataclass
class Case:
    id: str
    title: str
    kind: CaseKind = CaseKind.VEDTAK
    saksbehandlere: list[str] = field(default_factory=list)
    forslag: str | None = None
    body: str | None = None  # Markdown file, relative to the meeting folder
    vedlegg: list[Vedlegg] = field(default_factory=list)
    inhabil: list[str] = field(default_factory=list)
    standard: str | None = None  # key of the StandardCase it was made from
    ettersendes: bool = False  # saksfremlegg to be sent later
    ettersendt: bool = False  # added after the innkalling was sent
    postponed_from: str | None = None  # the meeting (its key, "2026-1") the case was postponed from
    postponed: bool = False  # postponed to a later meeting after this one's innkalling was sent
    minutes: int | None = None  # in the time plan (core/timeplan.py)
    vedtak: str | None = None  # as written in the approved referat (`ho21 referat-approved`)
    followup: FollowUp | None = None  # the oppfølgingsliste's status of the vedtak's task
    # Exempt from public access (offentleglova): the legal basis, e.g. "offl. § 13 jf. fvl. § 13
    # første ledd nr. 1"; "" is a case marked exempt without one (`ho21 check` refuses it).
    unntatt: str | None = None
    offentlig_tittel: str | None = None  # the title the public sees of an exempt case


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    POSTPONED = "postponed"

    @property
    def label(self) -> str:
        return {"open": "åpen", "done": "utført", "postponed": "utsatt"}[self.value]


@dataclass(frozen=True)
class FollowUp:
    """Where a vedtak's task stands on the oppfølgingsliste (no entry: open)."""

    status: FollowUpStatus = FollowUpStatus.OPEN
    note: str = ""
    day: date | None = None  # when the status was set


@dataclass(frozen=True)
class Guest:
    name: str
    org: str = ""
    text: str = ""  # what they came for, e.g. "innledet i sak 6/1/2026"


@dataclass
class Attendance:
    """Who came. Members, observers and the secretariat of the roster are present
    unless named in ``absent``."""

    absent: list[str] = field(default_factory=list)
    online: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # name -> "t.o. sak 9/1/2026"
    extra_observers: list[Person] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.absent or self.online or self.notes or self.extra_observers or self.guests)


@dataclass(frozen=True)
class ReferatSent:
    """When the draft referat went out, and its merknadsfrist."""

    sent: date
    frist: date
    merknader: str = "Ingen endringsforslag ble meldt inn."


@dataclass(frozen=True)
class PreviousMeeting:
    """The meeting before this one when the archive does not hold it (a new archive's first
    meeting): what «Godkjenning av referat» must say of it, recorded with `ho21 previous-meeting`."""

    year: int
    number: int
    date: date | None = None
    referat_sent: ReferatSent | None = None

    @property
    def key(self) -> str:
        return f"{self.year}-{self.number}"


APPROVED_BY_CHAIR = "leder"


@dataclass(frozen=True)
class ReferatApproval:
    """When the referat was approved, and by whom: the chair, or a later meeting
    (its key, "2026-2") in its case "Godkjenning av referat"."""

    day: date
    by: str = APPROVED_BY_CHAIR


Day = date  # Meeting has a field named "date"


@dataclass
class Meeting:
    year: int
    number: int
    date: date
    first_case: int  # computed from the year's series (core/series.py) when the meeting is read
    start: str | None = None
    end: str | None = None
    place: str = ""
    address: str = ""
    cases: list[Case] = field(default_factory=list)
    attendance: Attendance = field(default_factory=Attendance)
    referat_sent: ReferatSent | None = None
    referat_approved: ReferatApproval | None = None
    sent: Day | None = None  # the innkalling went out: numbers are frozen
    breaks: list[Break] = field(default_factory=list)  # this meeting's own, after case ids
    fixed_first: int | None = None  # stored: a sent meeting's, or the archive's first of a year given one
    previous: PreviousMeeting | None = None  # the meeting before, when the archive does not hold it
    # The roster as it stood on the meeting's day, kept once the meeting is held (manifest [roster]):
    # a later change to profil.toml does not change who a held meeting lists. None: not kept (yet),
    # the profile's roster on the day applies. Read it through ``core.history.roster_of``.
    roster: Roster | None = None

    @property
    def key(self) -> str:
        """Folder name and CLI reference: ``2026-1``."""
        return f"{self.year}-{self.number}"

    @property
    def when(self) -> tuple[Day, str]:
        """Its place in the year's order: the day, then the start (two meetings on one day)."""
        return (self.date, self.start or "")

    def case_number(self, index: int) -> int:
        return self.first_case + index

    @property
    def last_case(self) -> int:
        return self.first_case + len(self.cases) - 1

    def numbered(self) -> list[tuple[int, Case]]:
        return [(self.case_number(i), c) for i, c in enumerate(self.cases)]

    def index_of(self, case_id: str) -> int:
        return next(i for i, c in enumerate(self.cases) if c.id == case_id)

    @property
    def has_meeting_records(self) -> bool:
        """Something only a held meeting has was recorded: attendance, a referat sent or approved."""
        return not self.attendance.is_empty or self.referat_sent is not None or self.referat_approved is not None

    def held(self, today: Day) -> bool:
        """The meeting has taken place, as far as history goes: its day has passed, or it is
        the day and its attendance or referat was recorded (forfall are often recorded ahead of
        the day, which does not make it held). Who sat in it is then a record."""
        return self.date < today or (self.date <= today and self.has_meeting_records)
