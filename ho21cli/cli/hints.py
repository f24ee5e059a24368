"""The commands that fix a problem, written out: the one place where a check's
hint becomes a command line (tests/test_messages.py checks that each exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ho21cli.core.validation import Hint

COMMANDS = {
    "give-body": "`ho21 edit-case {0} {1} --body FIL.md` (or `--ettersendes`)",
    "set-title": "`ho21 edit-case {0} {1} --title TEKST`",
    "set-forslag": "`ho21 edit-case {0} {1} --forslag TEKST`",
    "list-cases": "`ho21 list-cases {0}`",
    "attendance": "`ho21 attendance {0}`",
}


def command_for(hint: Hint | None) -> str:
    if hint is None or hint.action not in COMMANDS:
        return ""
    return COMMANDS[hint.action].format(*hint.args)
