"""What differs between Windows, macOS and Linux: the one place ho21 asks.

Everything else uses what behaves alike everywhere (pathlib, UTF-8 files, filelock).
Each function takes the platform as a parameter, so the tests can ask as Windows
or macOS would on any machine.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath


def N_(message: str) -> str:
    """Marks a text for the catalog (as ``ho21cli.i18n.N_``). ho21cli.i18n imports this module
    to ask the desktop's language, so this one may not import it: the caller translates."""
    return message


APT_HINT = N_(
    "Install LibreOffice: apt-get install libreoffice-writer-nogui fonts-crosextra-carlito "
    "fonts-crosextra-caladea fonts-liberation2 (Debian/Ubuntu)."
)
INSTALL_HINTS = {
    "win32": N_(
        "Install LibreOffice from https://www.libreoffice.org/download/ into its default folder "
        "(ho21 finds it there), or put soffice.exe on PATH."
    ),
    "darwin": N_(
        "Install LibreOffice (brew install --cask libreoffice, or from https://www.libreoffice.org/download/) "
        "into Applications; ho21 finds it there."
    ),
}


def soffice_candidates(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> list[PurePath]:
    """Where LibreOffice's installer puts soffice when it is not on PATH (Windows and macOS)."""
    if platform == "win32":
        roots = [
            env.get("PROGRAMFILES") or r"C:\Program Files",
            env.get("PROGRAMFILES(X86)") or r"C:\Program Files (x86)",
        ]
        return [PurePath(root) / "LibreOffice" / "program" / "soffice.exe" for root in roots]
    if platform == "darwin":
        app = PurePath("Applications") / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
        return [PurePath("/") / app, PurePath(env.get("HOME") or "~") / app]
    return []


def find_soffice(
    platform: str = sys.platform,
    env: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] | None = None,
    exists: Callable[[PurePath], bool] | None = None,
) -> str | None:
    """LibreOffice's soffice: on PATH first, then in the install folders of the platform."""
    which = which or shutil.which
    exists = exists or (lambda p: Path(p).is_file())
    found = which("soffice") or which("libreoffice")
    if found:
        return found
    return next((str(p) for p in soffice_candidates(platform, env) if exists(p)), None)


def install_hint(platform: str = sys.platform) -> str:
    """How to install LibreOffice here, in English: the caller translates it with ``_()``."""
    return INSTALL_HINTS.get(platform, APT_HINT)


def owner_files(path: Path) -> list[Path]:
    """The lock files beside a document open in Word or LibreOffice.

    Word writes «~$» in place of the first two characters of a long name and before a
    short one (~$cument.docx, ~$ort.docx); LibreOffice writes .~lock.NAME#."""
    name = path.name
    names = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return sorted(path.with_name(n) for n in names if (path.parent / n).is_file())


def desktop_language(platform: str = sys.platform) -> str | None:
    """The language Windows is set to (it has no LANG); elsewhere the locale variables say it."""
    if platform != "win32":
        return None
    import locale

    return locale.getlocale()[0]  # "English_United States", "Norwegian Bokmål_Norway", "nb_NO"
