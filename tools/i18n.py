"""Keep ho21's bokmål catalog in step with the source (Babel does the gettext work).

    python tools/i18n.py            extract, update ho21.po, compile ho21.mo
    python tools/i18n.py --check    fail when the catalog lags the source (the test runs this)
    python tools/i18n.py --missing PATH...   the messages in PATH with no bokmål yet

Messages come from two places:

- ``_("…")``, ``N_("…")`` and ``ngettext("…", "…", n)`` in ``ho21cli/`` (Babel's Python
  extractor);
- the texts of the command line itself: each command's help (its docstring), each
  option's help and each metavar, read from the Typer application as it is built
  (``ho21cli.cli.commands`` translates them there, so the modules need not wrap them).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "ho21cli"
PO = PACKAGE / "locale" / "nb" / "LC_MESSAGES" / "ho21.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HEADER = "ho21: meldinger, hjelpetekster og tabelloverskrifter på bokmål"
FIXED_DATE = datetime(2026, 12, 1, tzinfo=UTC)  # the header's dates would otherwise change every run


def source_messages(paths: Iterable[Path] = (PACKAGE,)) -> Iterator[tuple[Any, str, int]]:
    """(msgid or (singular, plural), file relative to the repo, line) for every marked message."""
    from babel.messages.extract import extract_from_dir, extract_from_file

    for path in paths:
        path = path.resolve()
        if path.is_dir():
            found = (
                (str(path.relative_to(REPO) / name), line, msg)
                for name, line, msg, _comments, _context in extract_from_dir(
                    path, method_map=[("**.py", "python")], keywords=KEYWORDS
                )
            )
        else:
            found = (
                (str(path.relative_to(REPO)), line, msg)
                for line, msg, _comments, _context in extract_from_file("python", path, keywords=KEYWORDS)
            )
        for name, line, message in found:
            yield message, name, line


def command_line_messages() -> Iterator[tuple[str, str, int]]:
    """Help texts and metavars of every command, as Typer builds them (in English)."""
    os.environ["LANGUAGE"] = "en"  # before ho21cli is imported: the texts stay msgids
    sys.path.insert(0, str(REPO))
    import inspect

    import typer.main

    from ho21cli.cli.app import app

    root = typer.main.get_command(app)
    for command in _walk(root):
        rel, line = _defined_at(command.callback, inspect)
        for text in (getattr(command, "msgid_help", None), getattr(command, "msgid_epilog", None)):
            if text:
                yield text, rel, line
        for param in command.params:
            for text in (getattr(param, "msgid_help", None), getattr(param, "msgid_metavar", None)):
                if text:
                    yield text, rel, line


def _defined_at(callback: Any, inspect: Any) -> tuple[str, int]:
    """Where a command's function is written (Typer wraps it; the wrapper names the original)."""
    original = getattr(callback, "__wrapped__", callback)
    where = inspect.getsourcefile(original) if callable(original) else None
    if where is None or not Path(where).resolve().is_relative_to(PACKAGE):
        return "ho21cli/cli/app.py", 0
    return str(Path(where).resolve().relative_to(REPO)), inspect.getsourcelines(original)[1]


def _walk(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def template_catalog() -> Any:
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="ho21", header_comment=f"# {HEADER}", fuzzy=False, creation_date=FIXED_DATE)
    for message, name, line in [*source_messages(), *command_line_messages()]:
        catalog.add(message, locations=[(name, line)])
    return catalog


def read_po() -> Any:
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        return read_po(f, locale="nb", domain="ho21")


def write_po(catalog: Any) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, ignore_obsolete=True, include_previous=False)
    return out.getvalue()


def compile_mo(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def updated_catalog(merge: Iterable[Path] = ()) -> Any:
    """The .po brought in step with the source, with translations from ``merge`` (JSON) filled in."""
    from babel.messages.catalog import Catalog

    template = template_catalog()
    catalog: Catalog = (
        read_po()
        if PO.exists()
        else Catalog(locale="nb", domain="ho21", project="ho21", creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    )
    catalog.update(template, no_fuzzy_matching=True)
    catalog.header_comment = (
        f"# {HEADER}.\n# Made by tools/i18n.py (Babel) from the messages in ho21cli/; write the msgstr by hand."
    )
    catalog.fuzzy = False
    catalog.version, catalog.msgid_bugs_address = "", ""
    catalog.last_translator = catalog.language_team = "ho21"
    for path in merge:
        for msgid, msgstr in json.loads(path.read_text(encoding="utf-8")).items():
            message = catalog.get(msgid)
            if message is not None:
                message.string = tuple(msgstr) if isinstance(msgstr, list) else msgstr
    return catalog


def messages_of(catalog: Any) -> dict[Any, Any]:
    """msgid -> msgstr, the part of a catalog that matters (not its header, order or line numbers)."""
    return {m.id: m.string for m in catalog if m.id}


def compiled() -> dict[Any, Any]:
    """What the committed ho21.mo holds, in the shape of ``messages_of``."""
    import gettext

    with MO.open("rb") as f:
        raw = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    out: dict[Any, Any] = {}
    for key, value in raw.items():
        if isinstance(key, tuple):  # plural forms: ((singular, index), text); the plural id is not kept
            out.setdefault(key[0], {})[key[1]] = value
        elif key:
            out[key] = value
    return out


def in_step(catalog: Any) -> bool:
    """The committed .po has the source's messages with their translations, and the .mo holds the same."""
    fresh = messages_of(catalog)
    if fresh != messages_of(read_po()):
        return False
    expected: dict[Any, Any] = {}
    for msgid, msgstr in fresh.items():
        if isinstance(msgid, tuple) and isinstance(msgstr, tuple) and all(msgstr):
            expected[msgid[0]] = dict(enumerate(msgstr))
        elif isinstance(msgid, str) and msgstr:
            expected[msgid] = msgstr
    return compiled() == expected


def problems(catalog: Any) -> list[str]:
    """What is wrong: untranslated, fuzzy, or a translation whose {fields} differ."""
    import string

    out = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        place = ", ".join(f"{f}:{n}" for f, n in message.locations[:1])
        if not all(strs) or message.fuzzy:
            out.append(f"{place}: no bokmål for {ids[0]!r}")
            continue
        fields = {name for _lit, name, _spec, _conv in string.Formatter().parse(ids[-1]) if name}
        for s in strs:
            theirs = {name for _lit, name, _spec, _conv in string.Formatter().parse(s) if name}
            if theirs - fields or (len(strs) == 1 and fields - theirs):
                out.append(f"{place}: the fields of {s!r} differ from {ids[-1]!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the catalog lags the source")
    parser.add_argument("--missing", nargs="+", type=Path, metavar="PATH", help="list untranslated messages")
    parser.add_argument("--merge", nargs="+", type=Path, default=[], metavar="JSON", help="translations to fill in")
    args = parser.parse_args(argv)
    if args.missing:
        known = read_po() if PO.exists() else None
        extra = {}
        for path in args.merge:
            extra.update(json.loads(path.read_text(encoding="utf-8")))
        missing, seen = 0, set[str]()
        wanted = list(source_messages(args.missing))
        if any(p.resolve().is_relative_to(PACKAGE / "cli") for p in args.missing):
            wanted += command_line_messages()  # the help texts are the cli's too
        for message, name, line in wanted:
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid in seen:
                continue
            seen.add(msgid)
            entry = known.get(msgid) if known is not None else None
            if msgid not in extra and not (entry is not None and entry.string and all(entry.string)):
                print(f"{name}:{line}: {msgid!r}")
                missing += 1
        print(f"{missing} message(s) without bokmål", file=sys.stderr)
        return 1 if missing else 0
    catalog = updated_catalog(args.merge)
    po, mo = write_po(catalog), compile_mo(catalog)
    wrong = problems(catalog)
    if args.check:
        if not PO.exists() or not MO.exists() or not in_step(catalog):
            wrong.insert(0, "ho21.po or ho21.mo is not in step with the source: run python tools/i18n.py")
        for problem in wrong:
            print(problem, file=sys.stderr)
        return 1 if wrong else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po)
    MO.write_bytes(mo)
    for problem in wrong:
        print(problem, file=sys.stderr)
    print(f"{PO.relative_to(REPO)}: {sum(1 for m in catalog if m.id)} messages, {len(wrong)} to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
