"""Delivering a command's documents: the PDF step, then one all-or-nothing write.

Every document ho21 makes goes out through ``deliver``: build-innkalling and
draft-referat give it their rendered .docx outputs and the PDFs to make of
them; it refuses an overwrite before any slow work, makes every PDF with one
LibreOffice start, and hands the whole set to ``storage.outputs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ho21cli.storage.outputs import Output, Written, refuse_conflicts, write_outputs

if TYPE_CHECKING:
    from ho21cli.core.inputs import BuildStamp
    from ho21cli.render.pdf import PdfJob


def deliver(
    folder: Path,
    owner: str,
    outputs: list[Output],
    *,
    pdf_jobs: list[PdfJob] | None = None,
    force: bool,
    retire: bool = True,
    pdfa: bool = False,
    stamp: BuildStamp | None = None,
) -> Written:
    """Write ``outputs`` (and the PDFs of ``pdf_jobs``) into ``folder`` for meeting ``owner``;
    ``pdfa``: the PDFs are PDF/A-2 (for what is published or archived)."""
    from ho21cli.storage.build_record import BuildRecord

    jobs = pdf_jobs or []
    pdf_names = [name for job in jobs for name in (job.rel, job.packet) if name]
    planned = [*outputs, *(Output(name, b"") for name in pdf_names)]
    refuse_conflicts(folder, BuildRecord.load(folder), planned, force=force)  # before the slow part
    pdfs: list[Output] = []
    if jobs:
        from ho21cli.render.pdf import make_pdfs

        pdfs = [Output(rel, data) for rel, data in make_pdfs(jobs, pdfa=pdfa).items()]
    return write_outputs(folder, owner, [*outputs, *pdfs], force=force, retire=retire, stamp=stamp)
