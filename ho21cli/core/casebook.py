"""Adding, moving and removing cases. Numbers follow from the order."""

from __future__ import annotations

from dataclasses import dataclass

from ho21cli.core.model import Case, Meeting, Profile
from ho21cli.errors import InputError
from ho21cli.i18n import _


@dataclass(frozen=True)
class Position:
    """Where a case goes: before or after the case at an index, or the default."""

    before: int | None = None
    after: int | None = None

    def __post_init__(self) -> None:
        if self.before is not None and self.after is not None:
            raise InputError(_("a case goes either before or after another, not both"))


def default_insert_index(meeting: Meeting, profile: Profile) -> int:
    """Just before the closing standard cases (Eventuelt, Evaluering av møtet)."""
    closing = {s.key for s in profile.closing_cases}
    index = len(meeting.cases)
    while index > 0 and meeting.cases[index - 1].standard in closing:
        index -= 1
    return index


def _target_index(meeting: Meeting, profile: Profile, where: Position) -> int:
    if where.before is not None:
        return where.before
    if where.after is not None:
        return where.after + 1
    return default_insert_index(meeting, profile)


def add_case(meeting: Meeting, profile: Profile, case: Case, where: Position = Position()) -> int:
    """Insert ``case``; returns its index. Later cases are renumbered by position."""
    if any(c.id == case.id for c in meeting.cases):
        raise InputError(_("meeting {key} already has a case with id «{id}»").format(key=meeting.key, id=case.id))
    index = _target_index(meeting, profile, where)
    meeting.cases.insert(index, case)
    return index


def move_case(meeting: Meeting, index: int, where: Position) -> int:
    """Move the case at ``index`` before or after another; returns its new index."""
    if where.before is None and where.after is None:
        raise InputError(_("say where the case goes: before or after another case"))
    anchor = where.before if where.before is not None else where.after
    if anchor == index:
        raise InputError(_("a case cannot be moved relative to itself"))
    case = meeting.cases.pop(index)
    assert anchor is not None
    if anchor > index:
        anchor -= 1  # the list shrank in front of the anchor
    new_index = anchor if where.before is not None else anchor + 1
    meeting.cases.insert(new_index, case)
    return new_index


def remove_case(meeting: Meeting, index: int) -> Case:
    return meeting.cases.pop(index)
