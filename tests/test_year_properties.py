"""The year's case series under random sequences of commands (issue 10, "done when").

Random sequences of new-meeting (--same-day or not), edit-meeting --date,
remove-meeting, add-case, move-case, remove-case, postpone-case and send across 1-6 meetings of 2026, each through
the real CLI. Any command may be refused; a refusal leaves every file as it
was, and no command crashes. After every command the archive is read back and:

1. no two cases of the year share a number;
2. a sent meeting keeps its number, its first case and its cases at their
   numbers (a late case goes last, as an ettersendt sak);
3. the series has no gap: meeting 1 starts at 1 and each meeting starts right
   after the one before it;
4. the meeting folders are 2026-1 .. 2026-k, dated in the order of their numbers;
5. no renumbering journal or parked folder is left behind.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from ho21cli.cli.app import main
from ho21cli.core.model import Meeting
from ho21cli.core.numbering import MeetingId
from ho21cli.storage.archive import JOURNAL, Archive
from tests.conftest import Run, snapshot

YEAR = 2026
MAX_MEETINGS = 6
REFUSALS = {3, 4}  # bad input, refused to change; 1 is send with errors, 2 a command that does not exist yet
PARKED = ".ho21-omnummerering-"
_MEETING_FOLDER = re.compile(rf"^{YEAR}-\d+$")
PLACEHOLDERS = ("NN", "[]", "[aktivitetene]", "[forrige møte]")
WORDS = ("Helsedata", "Forskning", "Innovasjon", "Kommunene", "Strategi", "Tilgang", "Budsjett", "Høring")

days = st.integers(0, 364).map(lambda n: date(YEAR, 1, 1) + timedelta(days=n))
picks = st.integers(0, 50)  # taken modulo what exists, so every pick names something (and shrinks to the first)


@dataclass(frozen=True)
class Sent:
    """A meeting as the members got it: these never change."""

    on: date
    first: int
    cases: tuple[tuple[str, str], ...]  # (id, title) in saksliste order


def run_ho21(*args: str | Path) -> Run:
    """``ho21 ARGS`` in-process; an exception escaping ``main`` is a crash."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except BaseException as exc:
            raise AssertionError(f"ho21 {' '.join(map(str, args))} crashed: {exc!r}\n{err.getvalue()}") from exc
    return Run(code, out.getvalue(), err.getvalue())


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


class YearOfMeetings(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(prefix="ho21-year-")
        self.root = Path(self._tmp.name) / "arkiv med æøå"
        self.sent: dict[int, Sent] = {}  # by meeting number: a sent meeting's number never changes
        self.serial = 0
        self.year: list[Meeting] = []  # the year's meetings as last read back, after the last command

    def teardown(self) -> None:
        self._tmp.cleanup()

    # -- reading the archive back ----------------------------------------------------

    def meetings(self) -> list[Meeting]:
        return self.year

    def pick_meeting(self, pick: int) -> Meeting:
        return self.year[pick % len(self.year)]

    def case_ref(self, meeting: Meeting, pick: int, *, by_number: bool) -> str:
        index = pick % len(meeting.cases)
        return str(meeting.case_number(index)) if by_number else meeting.cases[index].id

    def total_cases(self) -> int:
        return sum(len(m.cases) for m in self.meetings())

    def new_title(self, word: str) -> str:
        self.serial += 1
        return f"{word} {self.serial}"

    # -- one command -----------------------------------------------------------------

    def ho21(self, *args: str | Path) -> Run:
        """Run a command; a refusal must leave every file unchanged. The invariants are checked after it."""
        before = snapshot(self.root) if self.root.exists() else {}
        result = run_ho21(*args, "--root", self.root)
        event(f"{args[0]} -> exit {result.code}")
        shown = f"ho21 {' '.join(map(str, args))} -> {result.code}\n{result.out}{result.err}"
        assert "Traceback" not in result.out + result.err, shown
        allowed = (
            {0}
            | REFUSALS
            | ({1} if args[0] in ("send", "build-innkalling") else set())
            | ({2} if args[0] == "postpone-case" else set())
        )
        assert result.code in allowed, shown
        if result.code != 0:
            after = snapshot(self.root) if self.root.exists() else {}
            assert after == before, f"refused, yet files changed: {changed_files(before, after)}\n{shown}"
        self.assert_year_is_right(shown)
        return result

    # -- the invariants --------------------------------------------------------------

    def assert_year_is_right(self, after: str = "") -> None:
        where = f"after {after}"
        leftovers = [p.name for p in self.root.iterdir() if p.name == JOURNAL or p.name.startswith(PARKED)]
        assert not leftovers, f"renumbering left {leftovers} {where}"  # (5)

        archive = Archive(self.root)
        ids = [m for m in archive.meeting_ids() if m.year == YEAR]
        folders = [p.name for p in self.root.iterdir() if _MEETING_FOLDER.match(p.name)]
        assert [m.number for m in ids] == list(range(1, len(ids) + 1)), f"meeting numbers {ids} {where}"  # (4)
        assert sorted(folders) == sorted(m.key for m in ids), f"folders {folders} {where}"
        meetings = [archive.load(m) for m in ids]
        self.year = meetings
        dates = [m.date for m in meetings]
        assert dates == sorted(dates), f"dates {dates} not in the order of the numbers {where}"  # (4)

        expected_first, taken = 1, set[int]()
        for m in meetings:
            numbers = set(range(m.first_case, m.last_case + 1))
            assert not numbers & taken, f"meeting {m.key} reuses numbers {sorted(numbers & taken)} {where}"  # (1)
            taken |= numbers
            assert m.first_case == expected_first, (  # (3)
                f"meeting {m.key} starts at {m.first_case}, not {expected_first}: "
                f"{'an overlap' if m.first_case < expected_first else 'a gap'} {where}\n{self.describe(meetings)}"
            )
            expected_first = m.last_case + 1

        for number, frozen in self.sent.items():  # (2)
            assert number <= len(meetings), f"sent meeting {number}/{YEAR} is gone {where}"
            m = meetings[number - 1]
            state = f"{where}\n{self.describe(meetings)}"
            assert m.sent == frozen.on, f"meeting {m.key} was sent {frozen.on}, now {m.sent} {state}"
            assert (m.first_case, m.fixed_first) == (frozen.first, frozen.first), (
                f"sent meeting {m.key} started at {frozen.first}, now {m.first_case} (stored {m.fixed_first}) {state}"
            )
            now = tuple((c.id, c.title) for c in m.cases[: len(frozen.cases)])
            assert now == frozen.cases, f"sent meeting {m.key} had cases {frozen.cases}, now {now} {state}"
            late = [c.id for c in m.cases[len(frozen.cases) :] if not c.ettersendt]
            assert not late, f"cases {late} came into sent meeting {m.key} but are not ettersendt {state}"

    @staticmethod
    def describe(meetings: list[Meeting]) -> str:
        return "\n".join(
            f"  {m.key} {m.date} {'sent ' + str(m.sent) if m.sent else 'planned'}: "
            f"cases {m.first_case}-{m.last_case} {[c.id for c in m.cases]}"
            for m in meetings
        )

    # -- the operations --------------------------------------------------------------

    @initialize(
        plan=st.lists(days, min_size=1, max_size=4, unique=True),
        topical=st.lists(st.integers(0, 3), min_size=4, max_size=4),
        word=st.sampled_from(WORDS),
    )
    def plan_the_year(self, plan: list[date], topical: list[int], word: str) -> None:
        """One to four meetings planned (nothing sent yet, so each is accepted), with a few topical cases."""
        for day in plan:
            assert self.ho21("new-meeting", "--date", day.isoformat()).code == 0
        for meeting, count in zip(self.meetings(), topical, strict=False):
            for _ in range(count):
                assert self.ho21("add-case", meeting.key, "--title", self.new_title(word)).code == 0

    @rule(day=days, same_day=st.booleans())
    def new_meeting(self, day: date, same_day: bool) -> None:
        if len(self.meetings()) >= MAX_MEETINGS:
            return
        count, total = len(self.meetings()), self.total_cases()
        taken = any(m.date == day for m in self.meetings())
        result = self.ho21("new-meeting", "--date", day.isoformat(), *(["--same-day"] if same_day else []))
        if taken and not same_day:
            assert result.code == 4 and "--same-day" in result.err, result.err
        if result.code == 0:
            assert len(self.meetings()) == count + 1
            assert self.total_cases() == total + 7  # the standard cases
            assert any(m.date == day for m in self.meetings())

    @rule(pick=picks, day=days, same_day=st.booleans())
    def edit_meeting_date(self, pick: int, day: date, same_day: bool) -> None:
        meeting = self.pick_meeting(pick)
        count, total = len(self.meetings()), self.total_cases()
        taken = any(m.date == day and m.number != meeting.number for m in self.meetings())
        result = self.ho21(
            "edit-meeting", meeting.key, "--date", day.isoformat(), *(["--same-day"] if same_day else [])
        )
        if taken and not same_day:
            assert result.code == 4 and "--same-day" in result.err, result.err
        if result.code == 0:
            assert (len(self.meetings()), self.total_cases()) == (count, total)
            assert any(m.date == day for m in self.meetings())

    @rule(pick=picks)
    def remove_meeting(self, pick: int) -> None:
        if len(self.meetings()) < 2:
            return
        meeting = self.pick_meeting(pick)
        count, total = len(self.meetings()), self.total_cases()
        later_sent = [n for n in self.sent if n >= meeting.number]
        result = self.ho21("remove-meeting", meeting.key)
        if later_sent:
            assert result.code == 4, result.out
        if result.code == 0:
            assert (len(self.meetings()), self.total_cases()) == (count - 1, total - len(meeting.cases))

    @rule(
        pick=picks,
        word=st.sampled_from(WORDS),
        where=st.sampled_from(["", "--before", "--after"]),
        anchor=picks,
        by_number=st.booleans(),
    )
    def add_case(self, pick: int, word: str, where: str, anchor: int, by_number: bool) -> None:
        meeting = self.pick_meeting(pick)
        args = ["add-case", meeting.key, "--title", self.new_title(word)]
        if where and meeting.cases:
            args += [where, self.case_ref(meeting, anchor, by_number=by_number)]
        total = self.total_cases()
        if self.ho21(*args).code == 0:
            assert self.total_cases() == total + 1

    @rule(pick=picks, case=picks, anchor=picks, before=st.booleans(), by_number=st.booleans())
    def move_case(self, pick: int, case: int, anchor: int, before: bool, by_number: bool) -> None:
        meeting = self.pick_meeting(pick)
        if not meeting.cases:
            return
        ref = self.case_ref(meeting, case, by_number=by_number)
        other = self.case_ref(meeting, anchor, by_number=by_number)
        total = self.total_cases()
        if self.ho21("move-case", meeting.key, ref, "--before" if before else "--after", other).code == 0:
            assert self.total_cases() == total
            assert sorted(c.id for c in self.meetings()[meeting.number - 1].cases) == sorted(
                c.id for c in meeting.cases
            )

    @rule(pick=picks, case=picks, by_number=st.booleans())
    def remove_case(self, pick: int, case: int, by_number: bool) -> None:
        meeting = self.pick_meeting(pick)
        topical = [i for i, c in enumerate(meeting.cases) if not c.standard]
        if not topical:
            return
        index = topical[case % len(topical)]
        ref = str(meeting.case_number(index)) if by_number else meeting.cases[index].id
        total = self.total_cases()
        if self.ho21("remove-case", meeting.key, ref).code == 0:
            assert self.total_cases() == total - 1

    @rule(pick=picks, case=picks, by_number=st.booleans())
    def postpone_case_to_next(self, pick: int, case: int, by_number: bool) -> None:
        self.postpone(pick, case, None, by_number=by_number)

    @rule(pick=picks, case=picks, to=picks, by_number=st.booleans())
    def postpone_case_to(self, pick: int, case: int, to: int, by_number: bool) -> None:
        self.postpone(pick, case, to, by_number=by_number)

    def postpone(self, pick: int, case: int, to: int | None, *, by_number: bool) -> None:
        """`postpone-case 2026-K REF [--to 2026-J]`, mostly of a topical case and to a later meeting."""
        sources = self.meetings()[:-1] or self.meetings()  # mostly one with a meeting after it
        meeting = sources[pick % len(sources)]
        topical = [i for i, c in enumerate(meeting.cases) if not c.standard] or list(range(len(meeting.cases)))
        if not topical:
            return
        index = topical[case % len(topical)]
        title = meeting.cases[index].title
        ref = str(meeting.case_number(index)) if by_number else meeting.cases[index].id
        args = ["postpone-case", meeting.key, ref]
        target = meeting.number + 1
        if to is not None:  # mostly a later meeting; the same or an earlier one is refused
            later = [m for m in self.meetings() if m.number > meeting.number] or self.meetings()
            target = later[to % len(later)].number
            args += ["--to", later[to % len(later)].key]
        total = self.total_cases()
        if self.ho21(*args).code == 0:  # moved (a planned meeting), or copied (a sent one keeps it)
            assert self.total_cases() == total + (1 if meeting.sent else 0)
            assert title in [c.title for c in self.meetings()[target - 1].cases]
            assert (title in [c.title for c in self.meetings()[meeting.number - 1].cases]) == bool(meeting.sent)

    @rule(pick=picks, prepare=st.booleans())
    def send(self, pick: int, prepare: bool) -> None:
        """`ho21 send`; when check finds errors (a fresh meeting has some), record the sending by hand
        exactly as `send` writes it. With ``prepare`` the meeting is first made to pass check."""
        unsent = [m for m in self.meetings() if not m.sent] or self.meetings()  # a second send is refused
        meeting = unsent[pick % len(unsent)]
        on = min(meeting.date - timedelta(days=10), date.today())  # a sending is never recorded ahead
        if prepare and not meeting.sent:
            self.prepare_for_sending(meeting)
            meeting = self.meetings()[meeting.number - 1]
        if prepare and not meeting.sent:
            self.ho21("build-innkalling", meeting.key)  # send records that build (refused with errors: none)
        result = self.ho21("send", meeting.key, "--date", on.isoformat())
        if result.code == 4:  # already sent: nothing changed
            assert meeting.sent is not None, result.err
            return
        if result.code == 1:
            manifest = Archive(self.root).manifest_path(MeetingId(YEAR, meeting.number))
            text = manifest.read_text(encoding="utf-8")
            assert "\nsent =" not in text and "[meeting]\n" in text
            manifest.write_text(
                text.replace("[meeting]\n", f"[meeting]\nsent = {on.isoformat()}\nfirst_case = {meeting.first_case}\n"),
                encoding="utf-8",
            )
        assert result.code in (0, 1), result.err
        self.sent[meeting.number] = Sent(on, meeting.first_case, tuple((c.id, c.title) for c in meeting.cases))
        self.assert_year_is_right(f"send {meeting.key}")

    def prepare_for_sending(self, meeting: Meeting) -> None:
        """What the secretariat does before sending: every case's text is to come, no placeholder left."""
        for case in meeting.cases:
            args = ["edit-case", meeting.key, case.id]
            if not case.body and not case.ettersendes:
                args.append("--ettersendes")
            if any(p in case.title for p in PLACEHOLDERS):  # the first meeting's «referat fra møte [forrige møte]»
                args += ["--title", f"{case.title.replace('[forrige møte]', '4/2025')} ({case.id})"]
            if case.standard == "referat" and not case.body:  # its standard text needs facts of another meeting
                body = self.root.parent / "referat-tekst.md"
                body.write_text("## Bakgrunn\n\nUtkastet ble sendt ut som vanlig.\n", encoding="utf-8")
                args += ["--body", str(body)]
            if len(args) > 3:
                assert self.ho21(*args).code == 0


YearOfMeetings.TestCase.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)
TestYearOfMeetings = YearOfMeetings.TestCase
