"""One language per run: bokmål by default, English where the locale asks for it.

The other tests run ho21 in English (conftest.py sets LANGUAGE=en). Here ho21 runs in
fresh processes with the locale a user would have, and everything it prints — `--help`
of every command, messages, tables, usage errors, refusals — is read for the other
language's texts. The catalog itself is checked against the source (``tools/i18n.py
--check``), and the source is read for messages that reach the terminal unmarked.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ho21cli.i18n import BOKMAAL, ENGLISH, LOCALE_VARIABLES, language_from
from ho21cli.system import desktop_language

REPO = Path(__file__).resolve().parent.parent
PO = REPO / "ho21cli" / "locale" / "nb" / "LC_MESSAGES" / "ho21.po"


# --- choosing the language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "desktop", "expected"),
    [
        ({}, None, BOKMAAL),  # nothing set: the users read bokmål
        ({"LANG": "en_US.UTF-8"}, None, ENGLISH),
        ({"LANG": "en_GB.UTF-8"}, None, ENGLISH),
        ({"LANG": "nb_NO.UTF-8"}, None, BOKMAAL),
        ({"LANG": "nn_NO.UTF-8"}, None, BOKMAAL),
        ({"LANG": "de_DE.UTF-8"}, None, BOKMAAL),
        ({"LANG": "C.UTF-8"}, None, BOKMAAL),
        ({"LANG": "POSIX"}, None, BOKMAAL),
        ({"LANGUAGE": "en:nb", "LANG": "nb_NO.UTF-8"}, None, ENGLISH),  # LANGUAGE comes first, as in gettext
        ({"LANGUAGE": "nb", "LANG": "en_US.UTF-8"}, None, BOKMAAL),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"}, None, ENGLISH),
        ({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "en_US.UTF-8"}, None, BOKMAAL),
        ({"LANGUAGE": "", "LANG": "en_US.UTF-8"}, None, ENGLISH),  # an empty variable says nothing
        ({}, "English_United States", ENGLISH),  # Windows has no LANG; it names its own language
        ({}, "Norwegian Bokmål_Norway", BOKMAAL),
        ({}, "nb_NO", BOKMAAL),
        ({"LANG": "nb_NO.UTF-8"}, "English_United States", BOKMAAL),  # a variable set wins
    ],
)
def test_language_comes_from_the_locale(env: dict[str, str], desktop: str | None, expected: str) -> None:
    assert language_from(env, desktop) == expected


def test_only_windows_is_asked_for_its_own_language(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    assert desktop_language("linux") is None
    assert desktop_language("darwin") is None  # macOS terminals set LANG
    monkeypatch.setattr(locale, "getlocale", lambda *args: ("English_United States", "1252"))
    assert desktop_language("win32") == "English_United States"
    assert language_from({}, desktop_language("win32")) == ENGLISH
    monkeypatch.setattr(locale, "getlocale", lambda *args: ("Norwegian Bokmål_Norway", "1252"))
    assert language_from({}, desktop_language("win32")) == BOKMAAL


# --- the catalog ---------------------------------------------------------------------------


def test_catalog_is_in_step_with_the_source_and_complete() -> None:
    """Every message in the source has bokmål, with the same {fields}; the .mo is the .po compiled."""
    pytest.importorskip("babel", reason="Babel extracts the messages (pip install -e '.[test]')")
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "i18n.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]


def catalog_pairs() -> list[tuple[str, str]]:
    """(English, bokmål) for every message whose two texts differ, from the committed catalog."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        catalog = read_po(f)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(i, s) for i in ids for s in strs if s and s != i]
    return pairs


def literal_parts(text: str) -> list[str]:
    """The stretches of a message between its {fields} that are long enough to be telling."""
    parts = re.split(r"\{[^{}]*\}", text)
    return [p.strip() for p in parts if len(p.strip()) >= 14 and " " in p.strip()]


# --- what a user sees, in each language -----------------------------------------------------

RUNNER = """
import json, sys
from ho21cli.cli.app import main
for args in json.loads(sys.argv[1]):
    print("\\n@@@ ho21 " + " ".join(args), flush=True)
    code = main(args)
    sys.stdout.flush(); sys.stderr.flush()
    print("@@@ exit " + str(code), flush=True)
"""


def run_in(language_env: dict[str, str], commands: list[list[str]], cwd: Path, runner: str = RUNNER) -> str:
    """ho21 with the given locale, in one fresh process (the language is chosen at start)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env.update(language_env, PYTHONIOENCODING="utf-8", COLUMNS="100")
    done = subprocess.run(
        [sys.executable, "-c", runner, json.dumps(commands)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return done.stdout


def session(root: Path, body: Path) -> list[list[str]]:
    """What a user meets in a first hour: help, a new archive, cases, check, mistakes."""
    from ho21cli.cli.app import COMMANDS, GROUPS

    r = ["--root", str(root)]
    helps = [["--help"]] + [[name, "--help"] for name in COMMANDS]
    for group, typer_app in GROUPS.items():
        helps += [[group, "--help"]] + [[group, str(i.name), "--help"] for i in typer_app.registered_commands]
    return [
        *helps,
        ["new-meeting", "--date", "2026-01-14", *r],
        ["new-meeting", "--date", "2026-03-11", "--place", "Oslo", *r],
        ["add-case", "2026-1", "--title", "Helsereformutvalget", "--kind", "vedtak", "--body", str(body), *r],
        ["add-case", "2026-1", "--title", "Prøvesak", *r],
        ["list-cases", "2026-1", *r],
        ["move-case", "2026-1", "7", "--before", "5", *r],
        ["remove-case", "2026-1", "7", *r],
        ["check", "2026-1", *r],
        ["build-innkalling", "2026-1", *r],  # refused: the check finds errors
        ["build-innkalling", "2026-1", "--draft", *r],
        ["year", "2026", *r],
        ["roster", *r],
        ["draft-referat", "2026-1", *r],
        ["list-cases", "2026-9", *r],  # no such meeting
        ["add-case", "2026-1", "--title", "X", "--body", str(root / "finnes-ikke.md"), *r],
        ["new-meeting", "--bogus"],  # usage errors, click's and Typer's
        ["new-meeting", "--date", "2026-05-05", "--number", "x", *r],
        ["add-case", "2026-1", "--title", "X", "--kind", "noe", *r],
        ["list-cases"],
        ["ingen-slik-kommando"],
    ]


def example_session(root: Path, out: Path) -> list[list[str]]:
    """The bundled example through the rest of its life: sent, held, referat, approval, follow-up."""
    r = ["--root", str(root)]
    return [
        ["check", "2026-1", *r],
        ["build-innkalling", "2026-1", *r],
        ["send", "2026-1", "--date", "2026-01-04", *r],
        ["send", "2026-1", "--date", "2026-01-05", *r],  # refused: sent already
        ["add-case", "2026-1", "--title", "Sen sak", *r],  # an ettersendt sak
        ["move-case", "2026-1", "6", "--after", "8", *r],  # refused: numbers are frozen
        ["list-cases", "2026-1", *r],
        ["case-doc", "2026-1", "6", "--out", str(out / "saksfremlegg.docx"), *r],
        ["case-doc", "2026-1", "6", "--out", str(out / "saksfremlegg.docx"), *r],  # refused: exists
        ["attendance", "2026-1", "--absent", "Tarje Bjørgum", "--online", "Toril Hernes", *r],
        ["attendance", "2026-1", "--absent", "Ingen Slik", *r],  # not in the roster
        ["draft-referat", "2026-1", "--force", *r],
        ["referat-sent", "2026-1", "--date", "2026-01-20", *r],
        ["referat-approved", "2026-1", "--date", "2026-01-13", *r],  # before the meeting
        ["referat-approved", "2026-1", "--date", "2026-03-11", *r],  # the skeleton has errors
        ["follow-up", "2026", *r],
        ["postpone-case", "2026-1", "7", *r],
        ["edit-meeting", "2026-1", "--date", "2026-01-15", *r],
        ["new-meeting", "--date", "2026-03-11", *r],
        ["year", "2026", "--ics", str(out / "ho21.ics"), *r],
        ["roster", "add", "Ny Person", "--role", "member", *r],  # no --from
        ["roster", "add", "Ny Person", "--role", "member", "--from", "2026-02-01", *r],  # no organisation
        ["roster", "end", "Ingen Slik", "--date", "2026-06-30", *r],
        ["templates", "export", str(out / "maler")],
        ["templates", "export", str(out / "maler")],  # refused: they exist
        ["build-innkalling", "2026-1", "--draft", *r],
    ]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sessions once in each language, each in fresh archives, with the paths taken out."""
    out = {}
    for language, env in [(BOKMAAL, {}), (ENGLISH, {"LANG": "en_US.UTF-8"})]:
        folder = tmp_path_factory.mktemp(f"sprak-{language}")
        body = folder / "helsereform.md"
        body.write_text(
            "## Bakgrunn\n\nUtvalget leverte sin rapport.\n\n## Forslag til vedtak\n\nRådet tar saken til orientering.\n",
            encoding="utf-8",
        )
        example = folder / "eksempel"
        shutil.copytree(REPO / "examples" / "arkiv", example)
        text = run_in(env, session(folder / "arkiv", body) + example_session(example, folder), folder)
        out[language] = text.replace(str(folder), "<MAPPE>")
    return out


def test_bokmaal_is_the_default(outputs: dict[str, str]) -> None:
    text = outputs[BOKMAAL]
    assert "Bruk: ho21 " in text and "Usage:" not in text
    assert "Vis denne meldingen og avslutt." in text
    assert "Feil:" in text and "Error:" not in text
    assert re.search(r"^\s+--date DATO\s", text, re.M), "metavars read as words in bokmål"


def test_english_where_the_locale_asks(outputs: dict[str, str]) -> None:
    text = outputs[ENGLISH]
    assert "Usage: ho21 " in text and "Bruk:" not in text
    assert "Show this message and exit." in text
    assert "Error:" in text and "Feil:" not in text
    assert re.search(r"^\s+--date DATE\s", text, re.M)


def test_each_run_reads_in_one_language(outputs: dict[str, str]) -> None:
    """No English text of the catalog in the bokmål run, and no bokmål text in the English run."""
    pairs = catalog_pairs()
    assert len(pairs) > 300, "the catalog holds ho21's messages"
    # A stretch both texts share (a command line, a file name) belongs to neither language.
    english_in_bokmaal = sorted(
        {p for en, nb in pairs for p in literal_parts(en) if p not in nb and p in outputs[BOKMAAL]}
    )
    bokmaal_in_english = sorted(
        {p for en, nb in pairs for p in literal_parts(nb) if p not in en and p in outputs[ENGLISH]}
    )
    assert not english_in_bokmaal, f"English in the bokmål run: {english_in_bokmaal[:20]}"
    assert not bokmaal_in_english, f"bokmål in the English run: {bokmaal_in_english[:20]}"


NORWEGIAN_DATE = re.compile(
    r"\b\d{1,2}\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b|\bkl\. \d"
)
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def test_dates_on_the_screen_are_in_the_runs_language(outputs: dict[str, str]) -> None:
    """Dates in messages and tables follow the run (the documents keep the council's bokmål)."""
    assert NORWEGIAN_DATE.search(outputs[BOKMAAL]) and not ENGLISH_DATE.search(outputs[BOKMAAL])
    assert ENGLISH_DATE.search(outputs[ENGLISH])
    assert not NORWEGIAN_DATE.search(outputs[ENGLISH]), NORWEGIAN_DATE.findall(outputs[ENGLISH])


ENGLISH_WORDS = re.compile(r"\b(the|and|is|are|was|with|from|not|has|have|this|that|which|cannot|must|before|after)\b")


def test_no_untranslated_sentences_in_the_bokmaal_run(outputs: dict[str, str]) -> None:
    """Text that never went through the catalog shows as English words between bokmål ones.

    Paths, option names and command lines are taken out first: they are the same in
    both languages."""
    seen = []
    for line in outputs[BOKMAAL].splitlines():
        if line.startswith("@@@"):
            continue
        prose = re.sub(r"(--[\w-]+|<MAPPE>\S*|\S+\.(?:toml|docx|md|pdf|ics)\b|`[^`]*`)", " ", line)
        if ENGLISH_WORDS.search(prose):
            seen.append(line.strip())
    assert not seen, "English in the bokmål run:\n" + "\n".join(seen[:30])


# --- the source: what reaches the terminal is marked ------------------------------------------

PACKAGE = REPO / "ho21cli"
# Calls whose text arguments reach the terminal (errors, check findings, printed lines, tables).
SPEAKING_CALLS = {
    "say",
    "print",
    "echo",
    "error",
    "warning",
    "Ho21Error",
    "InputError",
    "ConflictError",
    "EnvironmentProblem",
    "CheckFailed",
    "Refusal",
    "add_column",
    "refuse_errors",
}
SPEAKING_KEYWORDS = {"what", "fix", "details", "doing", "title", "caption"}
TRANSLATING = {"_", "ngettext", "N_"}
PROSE = re.compile(r"[A-Za-zÆØÅæøå]{2,}\s+[A-Za-zÆØÅæøå]{2,}")


def unmarked_prose(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of prose literals passed to a speaking call outside ``_()``."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, inside_translation: bool) -> None:
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in TRANSLATING:
                inside_translation = True
            elif name in SPEAKING_CALLS and not inside_translation:
                args = [*node.args, *(k.value for k in node.keywords if k.arg in SPEAKING_KEYWORDS)]
                for arg in args:
                    texts = _prose_of(arg)
                    if name == "add_column" and not texts:  # a table header is often one word
                        texts = [t for t in _literals_of(arg) if re.search(r"[A-Za-zÆØÅæøå]", t)]
                    for text in texts:
                        found.append((node.lineno, text))
        for child in ast.iter_child_nodes(node):
            visit(child, inside_translation)

    visit(tree, False)
    return found


def _prose_of(node: ast.AST) -> list[str]:
    """Literal text directly in an argument: a string, an f-string's text, or parts joined with +."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if PROSE.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return [text] if PROSE.search(text) else []
    if isinstance(node, ast.BinOp):
        return _prose_of(node.left) + _prose_of(node.right)
    if isinstance(node, ast.IfExp):
        return _prose_of(node.body) + _prose_of(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return [t for e in node.elts for t in _prose_of(e)]
    return []


def _literals_of(node: ast.AST) -> list[str]:
    return [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []


def test_text_that_reaches_the_terminal_goes_through_the_catalog() -> None:
    missing = [
        f"{path.relative_to(REPO)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in unmarked_prose(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not missing, "wrap in _() (ho21cli/i18n.py):\n" + "\n".join(missing[:40])


def test_the_source_check_finds_an_unmarked_message() -> None:
    """The check above can fail: it sees prose in an error, an f-string and a joined message."""
    source = (
        "raise InputError('the file is missing', fix=_('Give another.'))\n"
        "say(f'Meeting {label} was moved')\n"
        "err = error(place, 'case ' + ref + ' has no title', _('Add one.'), 'no-title')\n"
        "ok = InputError(_('the file is missing'), where='--date')\n"
        "table.add_column('Tittel')\n"
        "table.add_column(_('Title'))\n"
    )
    assert [line for line, _text in unmarked_prose(ast.parse(source))] == [1, 2, 3, 5]


# --- the README's example -------------------------------------------------------------------


def test_the_readme_language_example_runs_as_written(tmp_path: Path) -> None:
    """README.md «Language»: its command, run by bash from a clone's root, answers in English."""
    import shutil

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Language") : readme.index("## Exit codes")]
    (block,) = re.findall(r"^```sh\n(.*?)^```", section, re.M | re.S)
    if shutil.which("bash") is None or shutil.which("ho21", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("needs bash and the ho21 script beside this Python (pip install -e '.[test]')")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "bin").symlink_to(Path(sys.executable).parent, target_is_directory=True)
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}  # as a Norwegian machine would
    run = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + block],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    assert "Helsereformutvalget" in run.stdout  # the example's case titles, which are data
    header = run.stdout.splitlines()[0:6]
    assert any("Title" in line for line in header), run.stdout[:800]
    assert not any("Tittel" in line for line in header), run.stdout[:800]
