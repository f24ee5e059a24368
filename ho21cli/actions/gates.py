"""`ho21 check`: the one question every gate asks, asked all at once.

The inspection (``actions.check.inspect``) is what the build asks; `check` adds what the
other gates refuse, each in that gate's words: `send` (a current build), the build's refusal
to replace a file edited by hand, `publish` (an exempt title where it would be published) and
the referat's gates (`referat-pdf`, `referat-sent`, `referat-approved`). So whatever a gate
would refuse, `check` has said first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ho21cli.actions.check import inspect
from ho21cli.core.documents import CaseDoc
from ho21cli.core.inputs import MeetingInputs
from ho21cli.core.validation import Problem, has_errors, unbuilt_problem, warning
from ho21cli.storage.reading import locked_inputs


def run_check(root: Path, meeting_ref: str, *, today: date | None = None) -> tuple[MeetingInputs, list[Problem]]:
    from ho21cli.actions.finished_referat import referat_problems
    from ho21cli.actions.publish import publish_problems

    with locked_inputs(root, meeting_ref) as inputs:
        # The referat and the state of build/ are checked here, not in `inspect`: they never stop
        # the innkalling's build. What another gate would refuse is said in that gate's words.
        inspection = inspect(inputs, today=today or date.today())
        said = {p.place for p in inspection.problems}
        gates = edited_build_problems(inputs, inspection.docs, said) + send_gate_problems(inputs)
        gates += publish_problems(inputs, inspection.docs) if not has_errors(inspection.problems) else []
        return inputs, inspection.problems + gates + referat_problems(inputs, today=today or date.today())


def send_gate_problems(inputs: MeetingInputs) -> list[Problem]:
    """What `send` would refuse beyond the inspection, as a warning: a build comes after the check."""
    from dataclasses import replace

    from ho21cli.core.validation import Severity

    unbuilt = unbuilt_problem(inputs) if inputs.meeting.sent is None else None
    return [replace(unbuilt, severity=Severity.WARNING)] if unbuilt is not None else []


def edited_build_problems(inputs: MeetingInputs, docs: list[CaseDoc], said: set[str]) -> list[Problem]:
    """Files in build/ changed by hand that the next build would replace: it refuses them
    (without --force), so `ho21 check` warns in the build's words (``said``: places the
    inspection has reported already, a saksfremlegg whose heading was changed)."""
    from ho21cli.render.innkalling import innkalling_name, saksfremlegg_name
    from ho21cli.storage.outputs import edited_refusal

    docx = innkalling_name(inputs.meeting)
    pdfs = (docx.removesuffix(".docx") + ".pdf", f"sakspapirer-{inputs.mid.key}.pdf")
    written = {docx, *pdfs, *(saksfremlegg_name(d) for d in docs)}
    edited = [e.rel for e in inputs.edited_outputs if e.rel in written and f"build/{e.rel}" not in said]
    if not edited:
        return []
    what, fix = edited_refusal(edited)
    return [warning("build/", what, fix, "edited-build-file")]
