"""One language per run: bokmål, unless the locale asks for English.

Messages are written in English in the source (the msgids) and translated to bokmål
by the catalog in ``ho21cli/locale/nb/LC_MESSAGES/ho21.po`` (``python tools/i18n.py``
extracts, updates and compiles it with Babel). The users read bokmål all day, so
bokmål is the default; a locale whose language is English (``LANG=en_US.UTF-8``,
``LANGUAGE=en``) gets the English text.

The language is chosen once, from the environment, when the first message is
translated; module-level texts (``--help``) are translated at import, so a run
never mixes the two. Write a message with its values as named fields,
``_("Meeting {label} has no case {ref}.").format(label=…, ref=…)``: Babel does
not look inside f-strings, and a translator must see the whole sentence.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "ho21"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
BOKMAAL, ENGLISH = "nb", "en"
# Where gettext looks, in its order: the first one set decides.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from(env: Mapping[str, str], desktop: str | None = None) -> str:
    """``en`` when the locale's language is English, else ``nb``.

    ``desktop`` is the language the system itself reports (Windows has no LANG); it
    is asked only when none of the variables is set. ``C`` and ``POSIX`` name no
    language, so they keep bokmål.
    """
    for variable in LOCALE_VARIABLES:
        value = env.get(variable, "")
        if value:
            first = value.split(":")[0]  # LANGUAGE may list several: en:nb
            return ENGLISH if _is_english(first) else BOKMAAL
    return ENGLISH if desktop and _is_english(desktop) else BOKMAAL


def _is_english(locale_name: str) -> bool:
    name = locale_name.strip().lower()
    return name == "en" or name.startswith(("en_", "en-", "en.", "english"))


@cache
def _chosen() -> tuple[str, gettext.NullTranslations]:
    from ho21cli.system import desktop_language

    chosen = language_from(os.environ, desktop_language())
    if chosen == ENGLISH:
        return chosen, gettext.NullTranslations()
    return chosen, gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True)


def _translations() -> gettext.NullTranslations:
    return _chosen()[1]


def language() -> str:
    """The language of this run: ``nb`` or ``en``."""
    return _chosen()[0]


def _(message: str) -> str:
    """``message`` in this run's language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that fits the number ``n``."""
    return _translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a text for the catalog where it is translated later, by ``_``."""
    return message
