"""Templates that fit or fail: a letterhead without ho21's fields is refused; `templates export` (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from ho21cli.storage.archive import bundled_template_dir
from tests.conftest import Run, refused, snapshot


def letterhead_only(path: Path) -> Path:
    """A council's letterhead with its own name field and nothing of ho21's."""
    doc = docx.Document()
    doc.add_paragraph("{{ rad }}", style="Title")
    doc.add_paragraph("Innkalling til rådsmøte")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def use_template(root: Path, kind: str, rel: str) -> None:
    """Uncomment the profile's own line for it, as the profile's comment shows."""
    profile = root / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    line = f'# {kind} = "maler/{kind}.docx"'
    assert line in text
    profile.write_text(text.replace(line, f'{kind} = "{rel}"'), encoding="utf-8")


def test_a_template_without_ho21s_fields_is_refused_with_what_it_lacks(
    example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the table layout (below 100 columns, one block a problem)
    letterhead_only(example / "maler" / "innkalling.docx")
    use_template(example, "innkalling", "maler/innkalling.docx")
    before = snapshot(example)
    checked = ho21("check", "2026-1", "--root", example)
    assert checked.code == 1
    # the check table folds long text: read it with its cells' lines joined
    rows = [line.split("│") for line in checked.out.splitlines() if line.startswith("│") and line.count("│") == 5]
    cells = "".join(row[3].strip() for row in rows) + "".join(row[4].strip() for row in rows)
    for lacking in ("thesaksliste", "mote.dato", "mote.tid", "mote.sted", "mote.nummer", "templatesexport"):
        assert lacking in cells.replace(" ", ""), checked.out
    built = ho21("build-innkalling", "2026-1", "--root", example)
    refused(built, 1)
    assert snapshot(example) == before


def test_export_writes_the_bundled_templates_and_keeps_a_council_s_own(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    folder = tmp_path / "våre maler"
    first = ho21("templates", "export", folder)
    assert first.code == 0, first.err
    for kind in ("innkalling", "saksfremlegg", "referat"):
        assert (folder / f"{kind}.docx").read_bytes() == (bundled_template_dir() / f"{kind}.docx").read_bytes()
    (folder / "referat.docx").write_bytes(b"our own letterhead")
    again = ho21("templates", "export", folder)
    refused(again, 4, "referat.docx", "--force")
    assert (folder / "referat.docx").read_bytes() == b"our own letterhead"
    forced = ho21("templates", "export", folder, "--force")
    assert forced.code == 0, forced.err
    assert (folder / "referat.docx").read_bytes() == (bundled_template_dir() / "referat.docx").read_bytes()


def test_exported_templates_build_the_example(example: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("templates", "export", example / "maler").code == 0
    use_template(example, "innkalling", "maler/innkalling.docx")
    built = ho21("build-innkalling", "2026-1", "--root", example)
    assert built.code == 0, built.err
