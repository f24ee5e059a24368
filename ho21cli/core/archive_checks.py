"""The meeting among the archive's meetings (`ho21 check`): a meeting number missing in
the year, and a case title that names its own meeting or one the archive does not have.

Pure: it looks at the list of the archive's meetings as ``MeetingInputs`` holds it.
A meeting folder deleted by hand leaves its number missing; the meetings after it
keep numbers that count it, so for them the gap is an error. For the meetings
before it, whose numbers it does not touch, it is a warning, so it is seen.
"""

from __future__ import annotations

from ho21cli.core.documents import CaseDoc
from ho21cli.core.inputs import MeetingInputs
from ho21cli.core.numbering import MeetingId
from ho21cli.core.validation import Hint, Problem, error, warning
from ho21cli.i18n import _


def archive_problems(inputs: MeetingInputs, docs: list[CaseDoc]) -> list[Problem]:
    return missing_meeting_problems(inputs) + named_meeting_problems(inputs, docs)


def missing_meeting_problems(inputs: MeetingInputs) -> list[Problem]:
    """Each number missing between the year's first meeting in the archive and its last
    (an archive started mid-year begins where it begins: no gap before its first)."""
    year, numbers = inputs.mid.year, inputs.profile.numbers
    taken = sorted({m.number for m in inputs.archive_meetings if m.year == year} | {inputs.mid.number})
    out = []
    for number in range(taken[0], taken[-1] + 1):
        if number in taken:
            continue
        missing = MeetingId(year, number)
        before = max(n for n in taken if n < number)
        after = min(n for n in taken if n > number)
        what = _(
            "there is no meeting {missing} between meetings {before} and {after}: "
            "the meetings after it are numbered as if it were there"
        ).format(
            missing=numbers.label_of(missing),
            before=numbers.meeting_label(before, year),
            after=numbers.meeting_label(after, year),
        )
        fix = _(
            "If its folder {key} was deleted by hand, put it back (from a backup, or make a meeting "
            "on a day between the two with new-meeting) and remove it, so the later meetings are renumbered:"
        ).format(key=missing.key)
        report = error if number < inputs.mid.number else warning
        out.append(
            report(
                "meeting.toml: [meeting] number", what, fix, "meeting-gap", hint=Hint("remove-meeting", (missing.key,))
            )
        )
    return out


def named_meeting_problems(inputs: MeetingInputs, docs: list[CaseDoc]) -> list[Problem]:
    """A title that names this meeting ("Godkjenning av referat fra møte 2/2026" in meeting
    2/2026), or a meeting the archive does not have. A meeting from before the archive began is
    fine: of an earlier year the archive has no meetings of ("… fra møte 4/2025" in an archive
    started in 2026), or numbered below the archive's first meeting of its year (an archive
    started mid-year, whose first meeting's standard title names the one before)."""
    numbers = inputs.profile.numbers
    existing = set(inputs.archive_meetings) | {inputs.mid}
    out = []
    for doc in docs:
        for named in dict.fromkeys(numbers.find_meetings(doc.title)):
            label = numbers.label_of(named)
            hint = Hint("set-title", (inputs.mid.key, doc.case.id))
            if named == inputs.mid:
                what = _("the title «{title}» names its own meeting, {label}").format(title=doc.title, label=label)
                fix = _(
                    "A case of meeting {label} names an earlier meeting "
                    "(the referat to approve is the previous one's): correct the number."
                ).format(label=label)
                out.append(error(doc.number_saksliste, what, fix, "title-own-meeting", hint=hint))
            elif named not in existing and not _before_the_archive(named, existing, inputs.mid):
                what = _("the title «{title}» names meeting {label}, and the archive has no meeting {label}").format(
                    title=doc.title, label=label
                )
                fix = _("Correct the meeting number in the title.")
                out.append(error(doc.number_saksliste, what, fix, "title-unknown-meeting", hint=hint))
    return out


def _before_the_archive(named: MeetingId, existing: set[MeetingId], mid: MeetingId) -> bool:
    """``named`` was held before the archive has records of its year (never a later year's)."""
    of_its_year = [m.number for m in existing if m.year == named.year]
    return named.year <= mid.year and (not of_its_year or named.number < min(of_its_year))
