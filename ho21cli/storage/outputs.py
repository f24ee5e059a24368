"""Writing a command's outputs: the one place that replaces files in a build folder.

- A file changed by hand since ho21 wrote it is never replaced without
  ``force``; a person's document (the referat) is never replaced without it,
  and then the old one is kept as a backup.
- New files are written beside the old ones and swapped in only when every
  one of them is complete: a failed build (disk full, killed, LibreOffice
  failed) leaves the previous build as it was.
- A build removes nothing it did not write for this meeting. Its own earlier
  outputs that it no longer makes (an old case number, the PDF after a build
  without PDF) are moved aside into ``utgått/``, and said so.

The build record (``.ho21-build.toml``) says which meeting wrote which file,
so two meetings built into one folder leave each other's files alone.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ho21cli.core.inputs import BuildStamp
from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _, ngettext
from ho21cli.storage.build_record import BuildRecord, digest
from ho21cli.storage.files import atomic_write_bytes, os_error, refuse_open_document

ASIDE = "utgått"
STAGED = ".ho21-new"


@dataclass(frozen=True)
class Output:
    rel: str  # relative to the output folder
    data: bytes
    person_owned: bool = False  # a person works on it after ho21 wrote it (the referat)


@dataclass
class Written:
    paths: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    moved_aside: list[Path] = field(default_factory=list)


def write_outputs(
    folder: Path,
    owner: str,
    outputs: list[Output],
    *,
    force: bool,
    retire: bool = True,
    stamp: BuildStamp | None = None,
) -> Written:
    """Write ``outputs`` into ``folder`` for meeting ``owner`` (its key), all or nothing; ``stamp``
    records what they were built from, once every one of them is in place."""
    record = BuildRecord.load(folder)
    refuse_conflicts(folder, record, outputs, force=force)
    result = Written()
    staged: list[tuple[Output, Path]] = []
    _remove_leftovers(folder, owner)
    try:
        staged = _stage(folder, outputs, owner)
        result.backups = [_backup(folder / o.rel) for o in outputs if o.person_owned and (folder / o.rel).exists()]
        record.begin({o.rel: digest(o.data) for o in outputs}, owner)
        for output, tmp in staged:
            tmp.replace(folder / output.rel)
            result.paths.append(folder / output.rel)
    except OSError as exc:
        raise os_error(exc, folder, _("writing the outputs")) from exc
    finally:
        for _output, tmp in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
    if retire:
        result.moved_aside = _retire(folder, record, owner, {o.rel for o in outputs})
    if stamp is not None:
        record.builds[owner] = stamp
    record.commit()
    return result


def refuse_conflicts(folder: Path, record: BuildRecord, outputs: list[Output], *, force: bool) -> None:
    for o in outputs:
        path = folder / o.rel
        if path.is_dir():
            raise InputError(
                _("is a folder, where ho21 writes a file"), where=str(path), fix=_("Move or rename the folder.")
            )
        refuse_open_document(path)
    if force:
        return
    owned = [o.rel for o in outputs if o.person_owned and (folder / o.rel).exists()]
    if owned:
        raise ConflictError(
            _("a referat exists already; a person may have worked on it"),
            where=str(folder / owned[0]),
            fix=_("Give --force to draft a new one (the old one is kept as a backup)."),
        )
    edited = [o.rel for o in outputs if not o.person_owned and record.edited_by_hand(o.rel)]
    if edited:
        what, fix = edited_refusal(edited)
        raise ConflictError(what, where=str(folder), fix=fix)


def edited_refusal(edited: list[str]) -> tuple[str, str]:
    """What a build says of files changed by hand that it would replace (`ho21 check` says it too)."""
    return (
        ngettext(
            "{n} file(s) in the build folder were changed after ho21 wrote them: {files}",
            "{n} file(s) in the build folder were changed after ho21 wrote them: {files}",
            len(edited),
        ).format(n=len(edited), files=", ".join(edited)),
        _("Move them away if you need them, or run again with --force to replace them."),
    )


def _temporary(path: Path, owner: str) -> Path:
    return path.with_name(f".{path.name}.{owner}{STAGED}")


def _remove_leftovers(folder: Path, owner: str) -> None:
    """Staged files of this meeting's earlier build that was killed before it swapped them in."""
    if folder.is_dir():
        for tmp in folder.rglob(f".*.{owner}{STAGED}"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _stage(folder: Path, outputs: list[Output], owner: str) -> list[tuple[Output, Path]]:
    """Every output written completely, under a temporary name beside its final place."""
    staged: list[tuple[Output, Path]] = []
    try:
        for o in outputs:
            tmp = _temporary(folder / o.rel, owner)
            atomic_write_bytes(tmp, o.data)
            staged.append((o, tmp))
    except BaseException:
        for _o, tmp in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    return staged


def _backup(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    n = 2
    while backup.exists():
        backup = path.with_name(f"{path.stem}.backup-{stamp}-{n}{path.suffix}")
        n += 1
    atomic_write_bytes(backup, path.read_bytes())
    return backup


def _retire(folder: Path, record: BuildRecord, owner: str, kept: set[str]) -> list[Path]:
    """This meeting's earlier outputs that this run did not make: moved aside, never deleted."""
    moved = []
    for rel in record.owned_by(owner):
        if rel in kept:
            continue
        path = folder / rel
        if path.is_file():
            target = _free_name(folder / ASIDE / rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            moved.append(target)
        record.forget(rel)
    return moved


def _free_name(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
