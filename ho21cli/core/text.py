"""Text hygiene shared by every layer: what may go into a Word document, ids."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 cannot hold. Word's manual line break (\x0b) becomes a
# newline first: stripping it silently would glue two lines together.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a", "ß": "ss"})


def clean_text(text: str) -> str:
    """Make pasted text safe for XML without changing what a reader sees.

    Text is composed (NFC): macOS writes «ø» as «o» plus a combining stroke,
    which would otherwise not match the same name typed on Windows.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", text))


def has_visible_text(text: str) -> bool:
    """True when ``text`` shows something: not only spaces, zero-width or control characters."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


def same_name(a: str, b: str) -> bool:
    """Names compared as a reader sees them: composed, case and spacing ignored."""
    return _name_key(a) == _name_key(b)


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def one_line(text: str) -> str:
    """Titles and names: one line, single spaces."""
    return " ".join(clean_text(text).split())


def slugify(text: str, *, max_length: int = 32) -> str:
    """An ascii id for a case or file name: ``Spørsmål om habilitet`` -> ``sporsmal-om-habilitet``."""
    text = text.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > max_length:  # cut at a word boundary, so an id stays readable
        head = slug[: max_length + 1]
        cut = head.rsplit("-", 1)[0] if "-" in head else ""
        slug = cut if len(cut) >= max_length // 2 else slug[:max_length]
    return slug.rstrip("-") or "sak"


def unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def closest(name: str, choices: list[str], *, cutoff: float = 0.6) -> str | None:
    """The closest spelling among ``choices``, for "did you mean" messages."""
    import difflib

    folded = {c.casefold(): c for c in choices}
    match = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None
