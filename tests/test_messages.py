"""Messages that stay true: every ``ho21 COMMAND … --option`` that ho21 tells its users
about, in its messages, its --help and the README, names a command and options that
exist; and the exit codes in the README are the ones the program uses.

Mentions are found, not listed: every string literal under ho21cli/ (f-strings with
their values as ``{…}``), the help of the app and of each command, and README.md.
A mention starts at the word ``ho21`` (or a path ending in ``/ho21``) followed by a
command, and runs to the end of its command line: a backtick, a ``|`` outside brackets
with a space beside it, ``&&`` or ``;``, and in prose a newline or the end of a clause
(a line break inside a code span is where the text was wrapped). In prose, only a
known command or a hyphenated word after "ho21" is taken for a command ("ho21 will
not …" is English). Options outside any ho21 command line in ho21cli/'s strings must
be an option of some command. Lines of other programs (``pip install --upgrade``,
``soffice --convert-to`` …) are ignored.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO / "ho21cli"
README = REPO / "README.md"

GLOBAL_OPTIONS = frozenset({"--help", "--debug", "--root"})  # --debug: app.main; --root: every command
# Programs whose command lines are not ho21's; only used to ignore their options.
OTHER_PROGRAMS = frozenset(
    {"pip", "pip3", "pipx", "python", "python3", "py", "soffice", "libreoffice", "apt", "apt-get", "dpkg", "brew"}
    | {"pdftoppm", "pdftotext", "pdfinfo", "git", "pytest", "ruff", "mypy", "uv", "docker"}
)
VALUE = "{…}"  # stands for a {value} of an f-string

OPTION = re.compile(r"(?<![\w-])--[A-Za-z0-9][A-Za-z0-9-]*")
COMMAND_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
PROSE_HO21 = re.compile(r"(?<![\w/.-])ho21(?![\w/-])[ \t]+([\w-]+)")
PROSE_WORD = re.compile(r"(?<![\w/.-])[\w.-]+(?=[ \t]+\S)")
TOKEN = re.compile(r"\S+")
MAY_MENTION = re.compile(r"ho21(?!\w)|--\w")  # "ho21cli" is no mention
CODE_SPLIT = re.compile(r"&&|[;|\[\]()]")
PROSE_SPLIT = re.compile(r"&&|[;|\[\]()\n]|[.:!?,](?=\s|$)")


@dataclass(frozen=True)
class Mention:
    """``command``: a command name; "" for ``ho21 --opt`` without a command; "*" for a
    placeholder (``ho21 COMMAND``); None for bare options outside any ho21 command line."""

    command: str | None
    options: tuple[str, ...]
    text: str
    offset: int  # in the scanned text


@dataclass(frozen=True)
class Located:
    source: str  # "ho21cli/x.py:12", "README.md:215", "help of ho21 add-case, line 3"
    mention: Mention


# --- finding mentions in a text ------------------------------------------------------


def _mask_quotes(text: str, quotes: str) -> str:
    """Blank out quoted values (same length), so their brackets, pipes and commas do not count."""
    for quote in quotes:
        closing = "»" if quote == "«" else quote
        pattern = re.compile(f"{re.escape(quote)}[^{re.escape(closing)}\n]*{re.escape(closing)}")
        text = pattern.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 2) + m.group(0)[-1], text)
    return text


def _pieces(masked: str, prose: bool) -> Iterator[tuple[int, int]]:
    """Spans of single command lines: split at `&&` and `;`, at a `|` with a space beside
    it outside brackets (`(--a | --b)` and `vedtak|diskusjon` go on), and in prose also at
    a newline and the end of a clause. A code span is one line: a line break in it is
    where a docstring or README paragraph was wrapped (Markdown renders it as a space)."""
    depth, start = 0, 0
    for m in (PROSE_SPLIT if prose else CODE_SPLIT).finditer(masked):
        char, i = m.group(0), m.start()
        if char in "[(":
            depth += 1
        elif char in "])":
            depth = max(0, depth - 1)
        elif char != "|" or (depth == 0 and (masked[i - 1 : i].isspace() or masked[i + 1 : i + 2].isspace())):
            yield start, i
            start, depth = m.end(), 0
    yield start, len(masked)


def _options(masked: str, start: int, end: int) -> tuple[str, ...]:
    return tuple(m.group(0) for m in OPTION.finditer(masked, start, end))


def _starters(masked: str, start: int, end: int, prose: bool, commands: set[str]) -> Iterator[tuple[int, int, str]]:
    """(position, end of the command word, kind) where a command line begins in a piece:
    kind is "ho21" or "other"."""
    if prose:
        for m in PROSE_HO21.finditer(masked, start, end):
            word = m.group(1)
            # English follows "ho21" in prose ("ho21 will not …"): take the word for a command
            # only when it is one or looks like one (has a hyphen); `ho21 --help` has none.
            if word.startswith("--") or word in commands or ("-" in word and COMMAND_WORD.fullmatch(word)):
                yield m.start(), m.end(1) if not word.startswith("--") else m.start(1), "ho21"
        for m in PROSE_WORD.finditer(masked, start, end):
            if m.group(0) in OTHER_PROGRAMS:
                yield m.start(), m.end(), "other"
        return
    for m in TOKEN.finditer(masked, start, end):
        name = m.group(0).rsplit("/", 1)[-1]
        if name in OTHER_PROGRAMS and not masked[start : m.start()].strip():
            yield m.start(), end, "other"  # a line of another program: all of it
            return
        if name == "ho21" and masked[m.end() : end].strip():
            word = masked[m.end() : end].split()[0]
            yield m.start(), (m.end() if word.startswith("-") else masked.index(word, m.end()) + len(word)), "ho21"


def scan(text: str, commands: set[str], *, code: bool = False, bare: bool = True) -> list[Mention]:
    """Mentions of ho21 command lines in ``text`` (prose with `code spans`, or ``code``
    all through); with ``bare``, options outside any command line too."""
    found: list[Mention] = []
    regions = [(0, len(text), True)] if code else _code_spans(text)
    masked = text  # quoted values blanked out, region by region (a prose apostrophe is no quote)
    for start, end, is_code in regions:
        masked = masked[:start] + _mask_quotes(text[start:end], "\"'" if is_code else '"«') + masked[end:]
    for region_start, region_end, is_code in regions:
        prose = not is_code
        for start, end in _pieces(masked[region_start:region_end], prose):
            start, end = start + region_start, end + region_start
            starters = sorted(_starters(masked, start, end, prose, commands))
            bounds = [start] + [s for s, _, _ in starters] + [end]
            for (position, word_end, kind), next_start in zip(starters, bounds[2:], strict=True):
                if kind != "ho21":
                    continue
                word = masked[position:word_end].split()[-1]
                command = "" if word.startswith("-") or word.endswith("ho21") else word
                if command and not COMMAND_WORD.fullmatch(command):
                    command = "*"
                options = _options(masked, word_end, next_start)
                found.append(Mention(command, options, text[position:next_start].strip(), position))
            if bare:
                options = _options(masked, start, bounds[1])
                if options:
                    found.append(Mention(None, options, text[start:end].strip(), start))
    return found


def _code_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_code) regions: Markdown code spans (a run of n backticks to the
    next run of exactly n) and the prose between them."""
    regions, position = [], 0
    runs = [m for m in re.finditer(r"`+", text)]
    i = 0
    while i < len(runs):
        opening = runs[i]
        closing = next((r for r in runs[i + 1 :] if len(r.group(0)) == len(opening.group(0))), None)
        if closing is None:
            i += 1
            continue
        regions += [(position, opening.start(), False), (opening.end(), closing.start(), True)]
        position = closing.end()
        i = runs.index(closing) + 1
    regions.append((position, len(text), False))
    return [r for r in regions if r[0] < r[1]]


# --- what the app offers ---------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Cli:
    options: dict[str, frozenset[str]]  # command -> its options, with the global ones
    app_options: frozenset[str]  # of `ho21` itself
    helps: dict[str, str]  # "ho21" / "ho21 COMMAND" -> its --help text

    def __repr__(self) -> str:  # short in pytest's tracebacks
        return f"Cli({len(self.options)} commands: {', '.join(self.options)})"


def _option_names(command: Any) -> frozenset[str]:
    return frozenset(
        name for param in command.params for name in (*param.opts, *param.secondary_opts) if name.startswith("-")
    )


def load_cli() -> Cli:
    """The commands and options of ``make_app()``, and every help text."""
    import typer.main

    from ho21cli.cli.app import make_app

    group: Any = typer.main.get_command(make_app())  # a click Group (typer may vendor click)
    # As wide as needed, so that click does not wrap a command line over two lines.
    context = group.context_class(group, info_name="ho21", terminal_width=100_000, max_content_width=100_000)
    helps = {"ho21": group.get_help(context)}
    options = {}
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        options[name] = _option_names(command) | GLOBAL_OPTIONS
        command_context = command.context_class(command, info_name=name, parent=context)
        helps[f"ho21 {name}"] = command.get_help(command_context)
        for sub_name in getattr(command, "commands", {}):  # a group: `ho21 roster add --org` counts as roster's
            sub = command.get_command(command_context, sub_name)
            options[name] |= _option_names(sub)
            helps[f"ho21 {name} {sub_name}"] = sub.get_help(
                sub.context_class(sub, info_name=sub_name, parent=command_context)
            )
    assert options, "the app has no commands"
    return Cli(options, _option_names(group) | GLOBAL_OPTIONS, helps)


@pytest.fixture(scope="module")
def cli() -> Cli:
    return load_cli()


def judge(found: list[Located], cli: Cli) -> list[str]:
    """What is wrong with the mentions, one line each."""
    any_option = frozenset().union(*cli.options.values())
    problems: list[str] = []
    for one in found:
        where, mention = one.source, one.mention
        text = mention.text if len(mention.text) <= 160 else mention.text[:157] + "..."
        if mention.command is None or mention.command == "*":
            problems += [
                f"{where}: {text!r}: {option} is not an option of any command"
                for option in mention.options
                if option not in any_option
            ]
        elif mention.command == "":
            problems += [
                f"{where}: {text!r}: `ho21` has no option {option}"
                for option in mention.options
                if option not in cli.app_options
            ]
        elif mention.command not in cli.options:
            problems.append(f"{where}: {text!r}: there is no command `ho21 {mention.command}`")
        else:
            problems += [
                f"{where}: {text!r}: `ho21 {mention.command}` has no option {option}"
                for option in mention.options
                if option not in cli.options[mention.command]
            ]
    return list(dict.fromkeys(problems))


def _report(problems: list[str], source: str) -> str:
    return f"{len(problems)} wrong mention(s) of ho21 commands or options in {source}:\n" + "\n".join(problems)


# --- source (a): string literals in ho21cli/ --------------------------------------------


RUNNERS = frozenset({"run", "Popen", "call", "check_call", "check_output", "create_subprocess_exec", "execv", "execvp"})


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _argv_lists(nodes: list[ast.AST]) -> list[ast.List | ast.Tuple]:
    """List literals that are the command line of a program started from Python:
    ``subprocess.run([...])``, or ``command = [...]`` with ``subprocess.run(command)``."""
    argvs, names = [], set()
    for node in nodes:
        if isinstance(node, ast.Call) and node.args and _call_name(node) in RUNNERS:
            if isinstance(node.args[0], ast.List | ast.Tuple):
                argvs.append(node.args[0])
            elif isinstance(node.args[0], ast.Name):
                names.add(node.args[0].id)
    for node in nodes:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.List | ast.Tuple):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in names for t in targets):
                argvs.append(node.value)
    return argvs


def strings_of(tree: ast.AST) -> Iterator[tuple[ast.expr, str]]:
    """Every string literal a user may read, with its text (f-strings with ``{…}`` for
    their values); not the names declared in ``typer.Option("--x")``/``Argument``, and
    not the command lines of other programs started with ``subprocess``."""
    nodes = list(ast.walk(tree))
    skip: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.Call) and _call_name(node) in ("Option", "Argument"):
            skip.update(id(arg) for arg in node.args)
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(inner) for value in node.values for inner in ast.walk(value))
    for argv in _argv_lists(nodes):
        skip.update(id(inner) for inner in ast.walk(argv))
        words = [e.value if isinstance(e, ast.Constant) else VALUE for e in argv.elts]
        if words and str(words[0]).rsplit("/", 1)[-1] == "ho21":  # ho21 starting itself: one command line
            yield argv, "`" + " ".join(str(w) for w in words) + "`"
    for node in nodes:
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node, node.value
        elif isinstance(node, ast.JoinedStr):
            yield node, "".join(str(v.value) if isinstance(v, ast.Constant) else VALUE for v in node.values)


def _line_of(node: ast.expr, lines: list[str], mention: Mention) -> int:
    """The source line of a mention inside a literal that may span lines."""
    needle = mention.command if mention.command not in (None, "", "*") else mention.options[0]
    first, last = node.lineno, node.end_lineno or node.lineno
    return next((n for n in range(first, last + 1) if needle in lines[n - 1]), first)


def mentions_in_code(package_dir: Path, commands: set[str]) -> list[Located]:
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if not MAY_MENTION.search(source):  # no string of it can mention anything: spare the parse
            continue
        lines = source.splitlines()
        name = path.relative_to(package_dir.parent).as_posix()
        for node, text in strings_of(ast.parse(source, filename=str(path))):
            if not MAY_MENTION.search(text):
                continue
            for mention in scan(text, commands, bare=True):
                found.append(Located(f"{name}:{_line_of(node, lines, mention)}", mention))
    return found


# --- source (b): the help texts -----------------------------------------------------


def mentions_in_help(helps: dict[str, str], commands: set[str]) -> list[Located]:
    found = []
    for program, text in helps.items():
        for mention in scan(text, commands, bare=False):
            line = text.count("\n", 0, mention.offset) + 1
            found.append(Located(f"help of {program}, line {line}", mention))
    return found


# --- source (c): README.md ----------------------------------------------------------


def mentions_in_markdown(text: str, commands: set[str], name: str = "README.md") -> list[Located]:
    """Fenced code blocks line by line (a trailing backslash continues a line, `#`
    starts a comment); table rows cell by cell; headings; other paragraphs as prose with
    code spans, in which a line break is a space (as Markdown renders them)."""
    found: list[Located] = []
    lines = text.splitlines()
    fence: str | None = None
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(line for _, line in paragraph)
            starts = [0]
            for _, line in paragraph[:-1]:
                starts.append(starts[-1] + len(line) + 1)
            for mention in scan(joined, commands, bare=False):
                row = max(i for i, s in enumerate(starts) if s <= mention.offset)
                found.append(Located(f"{name}:{paragraph[row][0]}", mention))
            paragraph.clear()

    continued: tuple[int, str] | None = None
    for number, line in enumerate(lines, start=1):
        marker = re.match(r"\s*(```+|~~~+)", line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
                continue
            start, joined = continued if continued else (number, "")
            joined += line
            if line.endswith("\\"):
                continued = (start, joined[:-1] + " ")
                continue
            continued = None
            masked = _mask_quotes(joined, "\"'")
            comment = re.search(r"(?:^|\s)#", masked)
            command_line = joined[: comment.start()] if comment else joined
            found += [Located(f"{name}:{start}", m) for m in scan(command_line, commands, code=True, bare=False)]
        elif marker:
            flush()
            fence = marker.group(1)
        elif line.lstrip().startswith("|"):
            flush()
            for cell in re.split(r"(?<!\\)\|", line):
                cell = cell.replace("\\|", "|")
                found += [Located(f"{name}:{number}", m) for m in scan(cell, commands, bare=False)]
        elif not line.strip() or line.lstrip().startswith("#"):  # a heading is a paragraph of its own
            flush()
            paragraph.append((number, line))
            flush()
        else:
            paragraph.append((number, line))
    flush()
    return found


# --- the checks -------------------------------------------------------------------------


def test_mentions_in_ho21cli_strings(cli: Cli) -> None:
    found = mentions_in_code(PACKAGE_DIR, set(cli.options))
    assert found, f"no mention of a command or option found in {PACKAGE_DIR}"
    problems = judge(found, cli)
    if problems:
        pytest.fail(_report(problems, "the strings of ho21cli/"), pytrace=False)


def test_mentions_in_help(cli: Cli) -> None:
    found = mentions_in_help(cli.helps, set(cli.options))
    assert found, "no `ho21 COMMAND` in any help text (each has a Usage line)"
    problems = judge(found, cli)
    if problems:
        pytest.fail(_report(problems, "--help"), pytrace=False)


def test_mentions_in_readme(cli: Cli) -> None:
    found = mentions_in_markdown(README.read_text(encoding="utf-8"), set(cli.options))
    assert found, "no `ho21 COMMAND` found in README.md"
    problems = judge(found, cli)
    if problems:
        pytest.fail(_report(problems, "README.md"), pytrace=False)


def readme_exit_codes(text: str) -> tuple[set[int], list[str]]:
    """The codes in the table under "## Exit codes", and rows that are not a code."""
    section = re.search(r"^## Exit codes[ \t]*\n(.*?)(?=^#{1,2} |\Z)", text, re.M | re.S)
    assert section, 'README.md has no "## Exit codes" heading'
    codes, bad = set(), []
    rows = [line for line in section.group(1).splitlines() if line.lstrip().startswith("|")]
    for row in rows[2:]:  # after the header and the |---| line
        first = row.strip().strip("|").split("|")[0].strip()
        if first.isdigit():
            codes.add(int(first))
        else:
            bad.append(row)
    return codes, bad


def test_readme_exit_codes_are_the_programs() -> None:
    from ho21cli.errors import ExitCode

    codes, bad = readme_exit_codes(README.read_text(encoding="utf-8"))
    program = {int(code) for code in ExitCode}
    if bad:
        pytest.fail("rows of the README's exit-code table that are not a code:\n" + "\n".join(bad), pytrace=False)
    if codes != program:
        pytest.fail(
            f"README.md's exit codes differ from ho21cli.errors.ExitCode: "
            f"in the README only: {sorted(codes - program)}; in ExitCode only: {sorted(program - codes)}",
            pytrace=False,
        )


def test_help_epilog_names_every_exit_code() -> None:
    from ho21cli.cli import app
    from ho21cli.errors import ExitCode

    missing = [
        f"{code.value} ({code.name})"
        for code in ExitCode
        if code.value not in (0, 130) and not re.search(rf"(?<![\w/.-]){code.value}(?![\w/.-])", app.EPILOG)
    ]
    if missing:
        pytest.fail(f"EPILOG in ho21cli/cli/app.py does not mention exit code(s) {', '.join(missing)}", pytrace=False)


# --- the finder itself --------------------------------------------------------------

COMMANDS = {"check", "edit-case", "add-case", "build-innkalling"}


def _found(text: str, **kw: Any) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(m.command, m.options) for m in scan(text, COMMANDS, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "`ho21 edit-case MEETING REF [--title] (--before REF | --after REF) --ettersendes/--no-ettersendes"
            ' --kind vedtak|diskusjon --date=2026-01-04 --note "NAME, ORG=(x|y)"` then --draft',
            [
                (
                    "edit-case",
                    (
                        "--title",
                        "--before",
                        "--after",
                        "--ettersendes",
                        "--no-ettersendes",
                        "--kind",
                        "--date",
                        "--note",
                    ),
                ),
                (None, ("--draft",)),
            ],
        ),
        ("Restore it, or give a new one with `ho21 set-body`.", [("set-body", ())]),
        ("See `ho21 check {…}`, or build a draft with --draft.", [("check", ()), (None, ("--draft",))]),
        ("`ho21 COMMAND --help` shows every option; `ho21 --help` too", [("*", ("--help",)), ("", ("--help",))]),
        (
            "`ho21 edit-case 2026-1\n    x --body F.md` (wrapped)\n--force",
            [("edit-case", ("--body",)), (None, ("--force",))],
        ),
        ("Upgrade ho21: pip install --upgrade ho21.", []),
        ("(or ho21 set-body), else ho21 is stuck (ho21 check)", [("set-body", ()), ("check", ())]),
        ("`soffice --convert-to pdf` and `python -m pytest --lf`", []),
        ("ho21 will not overwrite it; run again with --force", [(None, ("--force",))]),
        (
            "run ho21 check --as-of 2026-01-01, then ho21 build-innkalling --draft; ho21 send --date x",
            [("check", ("--as-of",)), ("build-innkalling", ("--draft",)), (None, ("--date",))],  # send: not known
        ),
        (".venv/bin/pip install -e . && .venv/bin/ho21 check 2026-1 --root x | tee --append log", None),
    ],
)
def test_scan_finds_command_lines(text: str, expected: list[tuple[str | None, tuple[str, ...]]] | None) -> None:
    if expected is None:  # a shell line: only the ho21 part counts
        assert _found(text, code=True, bare=False) == [("check", ("--root",))]
    else:
        assert _found(text) == expected


def test_markdown_sources_and_judgement() -> None:
    readme = (
        "Intro: ho21 prepares meetings; `ho21\nedit-case --titel`.\n\n### What `ho21 check --all` does\n\n"
        "```sh\nho21 add-case 2026-1 --title x \\\n     --vedlegg a.docx  # --not-an-option\n"
        "pip install --upgrade ho21\n```\n\n"
        "| command | what |\n|---|---|\n| `ho21 add-case [--before REF \\| --after REF] [--kind a\\|b]` | --x |\n"
    )
    found = mentions_in_markdown(readme, COMMANDS)
    assert [(f.source, f.mention.command, f.mention.options) for f in found] == [
        ("README.md:1", "edit-case", ("--titel",)),
        ("README.md:4", "check", ("--all",)),
        ("README.md:7", "add-case", ("--title", "--vedlegg")),
        ("README.md:14", "add-case", ("--before", "--after", "--kind")),
    ]
    fake = Cli(
        {
            "edit-case": frozenset({"--title"}),
            "add-case": frozenset({"--title", "--before", "--kind"}),
            "check": frozenset(),
        },
        frozenset({"--help"}),
        {},
    )
    found.append(Located("x.py:1", Mention(None, ("--force",), "run with --force", 0)))
    found.append(Located("x.py:2", Mention("set-body", (), "ho21 set-body", 0)))
    assert judge(found, fake) == [
        "README.md:1: 'ho21 edit-case --titel': `ho21 edit-case` has no option --titel",
        "README.md:4: 'ho21 check --all': `ho21 check` has no option --all",
        "README.md:7: 'ho21 add-case 2026-1 --title x       --vedlegg a.docx': `ho21 add-case` has no option --vedlegg",
        "README.md:14: 'ho21 add-case [--before REF | --after REF] [--kind a|b]': `ho21 add-case` has no option --after",
        "x.py:1: 'run with --force': --force is not an option of any command",
        "x.py:2: 'ho21 set-body': there is no command `ho21 set-body`",
    ]


def test_strings_of_skips_declarations_and_other_programs() -> None:
    tree = ast.parse(
        'X = typer.Option("--root", help="see `ho21 check`")\n'
        'subprocess.run([soffice(), "--headless", "--convert-to", "pdf"])\n'
        'command = ["pdftoppm", "-r", "--x"]\nsubprocess.check_output(command)\n'
        'subprocess.run(["ho21", "check", "--as-of"])\n'
        'msg = f"give `ho21 edit-case {key} --title ...`" + "--draft"\n'
        'pairs = ((absent, "--absent"), (online, "--online"))\n'
    )
    assert sorted(text for _, text in strings_of(tree)) == sorted(
        [
            "see `ho21 check`",
            "`ho21 check --as-of`",
            "give `ho21 edit-case {…} --title ...`",
            "--draft",
            "--absent",
            "--online",
        ]
    )
