"""Safe file writes: atomic replacement, a per-folder lock, readable OS errors."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ho21cli.errors import ConflictError, EnvironmentProblem, InputError
from ho21cli.i18n import _

LOCK_NAME = ".ho21.lock"


def os_error(exc: OSError, path: Path, doing: str) -> EnvironmentProblem | InputError:
    """Turn an OSError into a message a secretary can act on.

    ``doing`` is translated already (``_("writing")``): a noun phrase that reads after
    "while" and "for" in English, after «under» and «til» in bokmål («under skriving»).
    """
    if exc.errno == errno.ENOSPC:
        return EnvironmentProblem(
            _("the disk is full while {doing}").format(doing=doing),
            where=str(path),
            fix=_("Free some space and run the command again; nothing was changed."),
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EnvironmentProblem(
            _("no permission for {doing}").format(doing=doing),
            where=str(path),
            fix=_("Check that the folder is writable (not read-only or opened elsewhere)."),
        )
    if exc.errno == errno.ENOENT:
        return InputError(_("file or folder not found"), where=str(path), fix=_("Check the path."))
    if exc.errno == errno.EISDIR:
        return InputError(_("is a folder, not a file"), where=str(path), fix=_("Give the path of the file itself."))
    return EnvironmentProblem(
        _("the system reported error {code} while {doing}").format(code=error_code(exc), doing=doing),
        where=str(path),
        fix=_("Run the command again; if it fails again, check the disk or the network drive the folder is on."),
    )


def error_code(exc: OSError) -> str:
    """The error's name (EIO, ENAMETOOLONG), the same in every language: the system's own
    description of it (``strerror``) is English whatever the run's language."""
    return errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno else type(exc).__name__


def refuse_open_document(path: Path) -> None:
    """Every writer of a document a person may have open (.docx, .pdf, .ics, .html) asks this
    first, with or without --force: Word cannot have a file replaced under it, and what was
    typed since the last save would be lost."""
    from ho21cli.system import owner_files

    found = owner_files(path) if path.exists() else []
    if found:
        raise ConflictError(
            _("is open in Word or LibreOffice (its lock file {lock_file} is beside it)").format(
                lock_file=found[0].name
            ),
            where=str(path),
            fix=_(
                "Save it and close it in Word first (or in LibreOffice), then run the command again; "
                "--force does not replace an open document. If no one has it open, delete {lock_file}."
            ).format(lock_file=found[0].name),
        )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path, _("writing")) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        else:  # mkstemp makes 0600; a shared archive needs the usual permissions
            Path(tmp).chmod(0o666 & ~_umask())
        Path(tmp).replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise os_error(exc, path, _("writing")) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def folder_lock(folder: Path, *, wait_seconds: float = 5.0) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` so two ho21 runs cannot lose a change.

    filelock takes the operating system's own lock (fcntl on Linux and macOS, msvcrt on
    Windows), so a lock held by a command that crashed is released with its process."""
    from filelock import FileLock, Timeout

    lock_path = folder / LOCK_NAME
    if not folder.is_dir():  # filelock would create the folder; a lock never makes one
        missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(folder))
        raise os_error(missing, lock_path, _("taking the lock"))
    lock = FileLock(lock_path, timeout=wait_seconds)
    try:
        lock.acquire(poll_interval=0.05)
    except Timeout:
        raise EnvironmentProblem(
            _("another ho21 command is working on this meeting"),
            where=str(folder),
            fix=_("Wait for it to finish and run the command again."),
        ) from None
    except OSError as exc:
        raise os_error(exc, lock_path, _("taking the lock")) from exc
    try:
        yield
    finally:
        lock.release()
