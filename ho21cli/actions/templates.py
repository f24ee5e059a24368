"""`ho21 templates export`: ho21's own templates, as a council's letterhead templates start."""

from __future__ import annotations

from pathlib import Path

from ho21cli.errors import ConflictError
from ho21cli.i18n import _, ngettext
from ho21cli.storage.archive import bundled_template_dir
from ho21cli.storage.files import atomic_write_bytes, os_error, refuse_open_document

KINDS = ("innkalling", "saksfremlegg", "referat")


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the bundled templates into ``folder``; an existing file is replaced only with ``force``."""
    targets = [folder / f"{kind}.docx" for kind in KINDS]
    for target in targets:  # all of them before any is written
        refuse_open_document(target)
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise ConflictError(
            ngettext(
                "{files} exist(s) already; it may be a template someone has made their own",
                "{files} exist(s) already; it may be a template someone has made their own",
                len(existing),
            ).format(files=", ".join(t.name for t in existing)),
            where=str(folder),
            fix=_("Give another folder, or --force to replace them."),
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, folder, _("creating the folder")) from exc
    source = bundled_template_dir()
    for target in targets:
        atomic_write_bytes(target, (source / target.name).read_bytes())
    return targets
