"""Refusing to go on while there are errors: one message that lists them, as `ho21 check` does."""

from __future__ import annotations

from ho21cli.core.inputs import MeetingInputs
from ho21cli.core.validation import Problem, Severity
from ho21cli.errors import CheckFailed
from ho21cli.i18n import _


def refuse_errors(
    inputs: MeetingInputs, problems: list[Problem], *, doing: str, fix: str, subject: str | None = None
) -> None:
    """Stop with the errors listed, the way `ho21 check` shows them; ``subject`` has them (the meeting)."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise CheckFailed(
            _("{subject} has {n} error(s) to fix before {doing}").format(
                subject=subject or _("meeting {label}").format(label=inputs.label), n=len(errors), doing=doing
            ),
            details=[f"{p.place}: {p.what}" + (f" ({p.fix})" if p.fix else "") for p in errors],  # all of them
            fix=fix,
        )
