"""The one error type users see, and the exit codes the CLI maps it to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``ho21`` command (documented in README and --help)."""

    OK = 0
    CHECK_FAILED = 1  # `ho21 check` (or a build) found errors in the meeting
    USAGE = 2  # bad options or arguments (Typer's own code for usage errors)
    INPUT = 3  # a manifest, profile, body, vedlegg or template is wrong or missing
    CONFLICT = 4  # refusing to overwrite or change something without being told to
    ENVIRONMENT = 5  # a needed program is missing, a disk is full, a lock is held
    INTERRUPTED = 130


class Ho21Error(Exception):
    """A failure the user can fix: says what, where, and what to do.

    Core and storage code raise it; only the CLI turns it into a message and an
    exit code.
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.where = where
        self.fix = fix

    def __str__(self) -> str:
        parts = [f"{self.where}: {self.what}" if self.where else self.what]
        if self.fix:
            parts.append(self.fix)
        return "\n".join(parts)


class InputError(Ho21Error):
    """Something the user wrote or pointed at is wrong."""


class ConflictError(Ho21Error):
    """ho21 will not overwrite or renumber without being told to."""

    exit_code = ExitCode.CONFLICT


class EnvironmentProblem(Ho21Error):
    """The machine is missing something, or a resource is busy or full."""

    exit_code = ExitCode.ENVIRONMENT


class CheckFailed(Ho21Error):
    """The meeting has errors that must be fixed before it is sent."""

    exit_code = ExitCode.CHECK_FAILED

    def __init__(self, what: str, *, details: list[str], where: str | None = None, fix: str | None = None) -> None:
        super().__init__(what, where=where, fix=fix)
        self.details = details
