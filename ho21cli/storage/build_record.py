"""What ho21 last wrote into a build folder, so an edited output is never
overwritten silently. Only ho21 writes this file, so tomli-w is enough.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ho21cli.errors import ConflictError
from ho21cli.storage.files import atomic_write_bytes, atomic_write_text

RECORD_NAME = ".ho21-build.toml"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class BuildRecord:
    folder: Path
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256

    @classmethod
    def load(cls, folder: Path) -> BuildRecord:
        path = folder / RECORD_NAME
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        except (OSError, tomllib.TOMLDecodeError):
            files = {}
        return cls(folder, files)

    def edited_by_hand(self, rel: str) -> bool:
        """True when the file exists and is not what ho21 last wrote there."""
        path = self.folder / rel
        if not path.exists():
            return False
        return self.files.get(rel) != digest(path.read_bytes())

    def check_writable(self, rels: list[str], *, force: bool) -> None:
        edited = [r for r in rels if self.edited_by_hand(r)]
        if edited and not force:
            raise ConflictError(
                f"{len(edited)} file(s) in the build folder were changed after ho21 wrote them: {', '.join(edited)}",
                where=str(self.folder),
                fix="Move them away if you need them, or run again with --force to replace them.",
            )

    def write(self, rel: str, data: bytes) -> Path:
        path = self.folder / rel
        atomic_write_bytes(path, data)
        self.files[rel] = digest(data)
        return path

    def forget_stale(self, keep: set[str]) -> None:
        """Remove earlier outputs that this build no longer makes (old case numbers)."""
        for rel in list(self.files):
            if rel not in keep and not self.edited_by_hand(rel):
                (self.folder / rel).unlink(missing_ok=True)
                del self.files[rel]

    def save(self) -> None:
        import tomli_w

        atomic_write_text(
            self.folder / RECORD_NAME, "# Written by ho21; do not edit.\n" + tomli_w.dumps({"files": self.files})
        )
