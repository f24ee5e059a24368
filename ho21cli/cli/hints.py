"""The commands that fix a problem, written out: the one place where a check's
hint becomes a command line (tests/test_messages.py checks that each exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ho21cli.i18n import N_, _

if TYPE_CHECKING:
    from ho21cli.core.validation import Hint

# action -> (the command line, in the run's language; the names of the hint's args, in order)
COMMANDS = {
    "give-body": (N_("`ho21 edit-case {meeting} {case} --body FILE.md` (or `--ettersendes`)"), ("meeting", "case")),
    "set-title": (N_("`ho21 edit-case {meeting} {case} --title TEXT`"), ("meeting", "case")),
    "set-forslag": (N_("`ho21 edit-case {meeting} {case} --forslag TEXT`"), ("meeting", "case")),
    "set-unntatt": (N_("`ho21 edit-case {meeting} {case} --unntatt TEXT`"), ("meeting", "case")),
    "list-cases": ("`ho21 list-cases {meeting}`", ("meeting",)),
    "attendance": ("`ho21 attendance {meeting}`", ("meeting",)),
    "remove-meeting": ("`ho21 remove-meeting {meeting}`", ("meeting",)),
    "build": ("`ho21 build-innkalling {meeting}`", ("meeting",)),
    "referat-sent": (N_("`ho21 referat-sent {meeting} --date YYYY-MM-DD`"), ("meeting",)),
    "previous-meeting": (
        N_(
            "`ho21 previous-meeting {meeting} --meeting 4/2025 --date YYYY-MM-DD --referat-sent YYYY-MM-DD` "
            "(with its real number and dates)"
        ),
        ("meeting",),
    ),
    "roster-now": ("`ho21 attendance {meeting} --roster-now`", ("meeting",)),
    "roster-now-approved": (
        N_("`ho21 referat-approved {meeting} --date DATE --force --roster-now` (the referat is approved)"),
        ("meeting",),
    ),
}


def command_for(hint: Hint | None) -> str:
    if hint is None or hint.action not in COMMANDS:
        return ""
    line, names = COMMANDS[hint.action]
    return _(line).format(**dict(zip(names, hint.args, strict=True)))
