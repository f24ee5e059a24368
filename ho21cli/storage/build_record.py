"""What ho21 last wrote into an output folder, and for which meeting, so an edited
output is never overwritten silently and one meeting's build never touches
another's files. Only ho21 writes this file, so tomli-w is enough.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ho21cli.core.inputs import BuildStamp
from ho21cli.storage.files import atomic_write_text

RECORD_NAME = ".ho21-build.toml"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Entry:
    meeting: str | None  # None: written by an older ho21 that did not say
    sha256: str
    pending: str = ""  # the new file's digest while a build swaps files in


@dataclass
class BuildRecord:
    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)  # relative path -> entry
    builds: dict[str, BuildStamp] = field(default_factory=dict)  # meeting key -> its last build here

    @classmethod
    def load(cls, folder: Path) -> BuildRecord:
        path = folder / RECORD_NAME
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return cls(folder)
        entries = {}
        for rel, value in data.get("files", {}).items():
            if isinstance(value, str):  # the first format: path = digest
                entries[str(rel)] = Entry(None, value)
            elif isinstance(value, dict):
                entries[str(rel)] = Entry(value.get("meeting"), str(value.get("sha256", "")), value.get("pending", ""))
        builds = {
            str(key): BuildStamp(
                str(value.get("fingerprint", "")),
                bool(value.get("draft", False)),
                str(value.get("innkalling", "")),
                str(value.get("at", "")),
            )
            for key, value in data.get("builds", {}).items()
            if isinstance(value, dict)
        }
        return cls(folder, entries, builds)

    @property
    def files(self) -> dict[str, str]:
        return {rel: e.sha256 for rel, e in self.entries.items()}

    def edited_by_hand(self, rel: str) -> bool:
        """True when the file exists and is not what ho21 last wrote there
        (nor what an interrupted build was swapping in)."""
        path = self.folder / rel
        if not path.is_file():
            return False
        entry = self.entries.get(rel)
        try:
            actual = digest(path.read_bytes())
        except OSError:
            return True
        return entry is None or actual not in (entry.sha256, entry.pending)

    def owned_by(self, meeting: str) -> list[str]:
        return [rel for rel, e in self.entries.items() if e.meeting == meeting]

    def begin(self, new: dict[str, str], meeting: str) -> None:
        """Before files are swapped in: either the old or the new digest counts as ho21's. The
        meeting's build stamp goes until the new one is complete: a half-swapped build is none."""
        self.builds.pop(meeting, None)
        for rel, sha in new.items():
            old = self.entries.get(rel)
            self.entries[rel] = Entry(meeting, old.sha256 if old else sha, sha)
        self.save()

    def commit(self) -> None:
        for entry in self.entries.values():
            if entry.pending:
                entry.sha256, entry.pending = entry.pending, ""
        self.save()

    def forget(self, rel: str) -> None:
        self.entries.pop(rel, None)

    def save(self) -> None:
        import tomli_w

        files = {}
        for rel, e in sorted(self.entries.items()):
            item = {"sha256": e.sha256} | ({"meeting": e.meeting} if e.meeting else {})
            files[rel] = item | ({"pending": e.pending} if e.pending else {})
        builds = {
            key: {"fingerprint": b.fingerprint, "draft": b.draft, "innkalling": b.innkalling, "at": b.at}
            for key, b in sorted(self.builds.items())
        }
        data: dict[str, object] = {"files": files} | ({"builds": builds} if builds else {})
        atomic_write_text(self.folder / RECORD_NAME, "# Written by ho21; do not edit.\n" + tomli_w.dumps(data))
