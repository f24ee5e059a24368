#!/usr/bin/env python3
"""Benchmark ho21 against plain baselines, in one run.

    .venv/bin/python bench/run.py            # 12, 50 and 200 cases, 5 repetitions
    .venv/bin/python bench/run.py --quick    # 12 and 50 cases, 3 repetitions
    .venv/bin/python bench/run.py --reps 7

(Run with any python 3.11+: the script restarts itself with the project's .venv.)

What it does:

1. builds synthetic archives under bench/_work/ (fresh each run) through ho21's own API
   (new_meeting, add_case, edit_case): meetings of 12, 50 and 200 cases in all, every case
   with a Norwegian Markdown body of 1-3 pages, every third case with a small .docx vedlegg.
   Creating is not timed.
2. times, as subprocesses, with one untimed warm-up run each:
   a. ``ho21 build-innkalling MEETING --root ROOT --force``;
   b. the baseline: a plain docxcompose merge (bench/_work/baseline.py) of ho21's own rendered
      saksfremlegg and the vedlegg, in ho21's order, one page break before each;
   c. ``ho21 --help`` and ``ho21 add-case`` against a Typer hello-world (bench/_work/hello.py);
   d. with LibreOffice: ho21's PDF step (``build-innkalling --pdf`` minus the plain build) against
      one bare ``soffice --headless --convert-to pdf`` of the same innkalling.
3. prints the ratios with their targets (PASS/FAIL) and writes them with the machine to
   bench/RESULTS.md. The exit code is 0 whenever the benchmark ran, whether targets pass or not.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
BENCH = REPO / "bench"
WORK = BENCH / "_work"
RESULTS = BENCH / "RESULTS.md"

MEETING = "2099-2"  # the measured meeting; 2099-1 before it is only there to be "forrige møte"
FIRST_DATE = dt.date(2099, 3, 11)
MEETING_DATE = dt.date(2099, 6, 10)
STANDARD_CASES = 7  # what new-meeting puts in: 5 opening and 2 closing cases
SUBPROCESS_TIMEOUT = 900.0
LONG_RUN = 15.0  # seconds: see measure()
LONG_RUN_REPS = 3

TARGET_BUILD = 1.0  # ho21 build (12 cases) ≤ 1.0 × baseline
TARGET_GROWTH = 20.0  # time(200 cases) ≤ 20 × time(12 cases)
STARTUP_REPS = 15
TARGET_STARTUP = 1.3  # --help and add-case ≤ 1.3 × Typer hello-world
TARGET_PDF_STARTS = 1  # one LibreOffice start per build


# -- the venv ---------------------------------------------------------------------------


def ensure_venv() -> None:
    """Run inside the project's venv (restart there if needed), or stop with a clear message."""
    python = VENV / "bin" / "python"
    if not python.exists():
        sys.stderr.write(
            f"error: the project's virtual environment is missing ({python} not found).\n"
            f"Create it first, from {REPO}:\n"
            "  python3 -m venv .venv && .venv/bin/pip install -e '.[test]'\n"
        )
        sys.exit(2)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    missing = []
    for module in ("ho21cli", "docx", "docxcompose", "typer", "rich"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    ho21 = Path(sys.executable).parent / "ho21"
    if missing or not ho21.exists():
        what = ", ".join(missing) if missing else f"the ho21 command ({ho21})"
        sys.stderr.write(
            f"error: {what} not installed in {VENV}.\nInstall ho21 into it: {VENV}/bin/pip install -e '.[test]'\n"
        )
        sys.exit(2)


def ho21_command() -> str:
    return str(Path(sys.executable).parent / "ho21")


# -- synthetic Norwegian text -------------------------------------------------------------

SUBJECTS = [
    "Rådet",
    "Sekretariatet",
    "Departementet",
    "Arbeidsgruppen",
    "Helsedirektoratet",
    "Kommunesektoren",
    "Forskningsrådet",
    "Utvalget",
    "Helseforetakene",
    "Næringslivet",
    "Pasientorganisasjonene",
    "Universitetene",
    "Innovasjon Norge",
    "Folkehelseinstituttet",
]
VERBS = [
    "har drøftet",
    "foreslår å prioritere",
    "vil vurdere",
    "har pekt på",
    "ønsker å styrke",
    "legger vekt på",
    "har kartlagt",
    "anbefaler å se nærmere på",
    "vil følge opp",
    "har understreket",
    "skal utrede",
    "har merket seg",
]
OBJECTS = [
    "behovet for bedre samhandling",
    "tilgangen til helsedata",
    "finansieringen av klinisk forskning",
    "implementeringen av nye løsninger",
    "rekrutteringen av helsepersonell",
    "kvaliteten i de kommunale tjenestene",
    "arbeidet med innovasjon",
    "oppfølgingen av handlingsplanen",
    "bruken av kunstig intelligens",
    "delingen av kunnskap mellom miljøene",
    "de regionale forskningsmiljøene",
    "pasientenes medvirkning",
    "kompetansen i primærhelsetjenesten",
    "det internasjonale samarbeidet",
    "forskning i kommunene",
    "de økonomiske rammene for tjenestene",
    "næringsutviklingen i helsesektoren",
    "utprøvingen av velferdsteknologi",
]
TAILS = [
    "i årene som kommer",
    "på tvers av sektorene",
    "i tråd med strategien",
    "innen utgangen av året",
    "i samarbeid med kommunesektoren",
    "for å sikre god ressursbruk",
    "både nasjonalt og regionalt",
    "uten at det går ut over kvaliteten",
    "som en del av oppfølgingen",
    "før neste revisjon av planen",
]
ADJECTIVES = ["helhetlig", "langsiktig", "tydelig", "forpliktende", "kunnskapsbasert", "felles", "bærekraftig"]
NOUNS = ["strategi", "prioritering", "innsats", "satsing", "forankring", "oppfølging", "organisering"]
TOPICS = [
    "Nasjonal strategi for helsedata",
    "Klinisk forskning i kommunene",
    "Innspill til statsbudsjettet",
    "Kunstig intelligens i helsetjenesten",
    "Rekruttering og kompetanse",
    "Helsenæringens rolle",
    "Oppfølging av handlingsplanen",
    "Samarbeid med EU-programmene",
    "Persontilpasset medisin",
    "Velferdsteknologi og innovasjon",
    "Folkehelse og forebygging",
    "Høring om ny helseregisterlov",
]


def sentence(rng: random.Random) -> str:
    obj, tail = rng.choice(OBJECTS), rng.choice(TAILS)
    pattern = rng.randrange(5)
    if pattern == 0:
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj} {tail}."
    if pattern == 1:
        return f"Erfaringene så langt viser at {obj} krever en {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {tail}."
    if pattern == 2:
        return f"Det er viktig at {obj} ses i sammenheng med {rng.choice(OBJECTS)}, {tail}."
    if pattern == 3:
        return f"{rng.choice(SUBJECTS)} mener at {obj} bør få en tydeligere plass {tail}."
    return f"Flere aktører har etterlyst en {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} for {obj}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(4, 7)))


def point(rng: random.Random) -> str:
    text = f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    return text[0].upper() + text[1:]


def case_body(rng: random.Random) -> str:
    """A saksfremlegg body of roughly 1-3 pages (about 400 words a page)."""
    pages = rng.choice([1, 2, 3])
    parts = ["## Bakgrunn", ""]
    for _ in range(2 * pages + 1):
        parts += [paragraph(rng), ""]
    parts += ["## Hvorfor saken fremmes til dette møtet", ""]
    for _ in range(pages):
        parts += [paragraph(rng), ""]
    parts += ["## Hovedpunkter", "", f"Sekretariatet vil særlig peke på **{rng.choice(OBJECTS)}**:", ""]
    parts += [f"- {point(rng)}" for _ in range(rng.randint(3, 6))] + [""]
    parts += ["Rådet bes drøfte følgende spørsmål:", ""]
    parts += [f"{i}. Hvordan kan rådet bidra til {rng.choice(OBJECTS)}?" for i in range(1, rng.randint(3, 5) + 1)]
    parts += ["", paragraph(rng), ""]
    return "\n".join(parts)


def orienteringer_body(rng: random.Random) -> str:
    parts = ["## Bakgrunn", "", "Sekretariatet orienterer om følgende:", ""]
    for name in ("Fra sekretariatet", "Fra departementet", "Fra Forskningsrådet"):
        parts += [f"### {name}", "", paragraph(rng), ""]
    return "\n".join(parts)


def make_vedlegg_docx(path: Path, rng: random.Random, title: str) -> None:
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = "nb-NO"
    doc.add_heading(title, level=1)
    for _ in range(3):
        doc.add_paragraph(paragraph(rng))
    for _ in range(4):
        doc.add_paragraph(point(rng), style="List Bullet")
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for col, text in enumerate(("Tiltak", "Ansvar", "Frist")):
        table.cell(0, col).text = text
    for row in range(1, 4):
        table.cell(row, 0).text = point(rng)
        table.cell(row, 1).text = rng.choice(SUBJECTS)
        table.cell(row, 2).text = f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2099"
    doc.save(str(path))


# -- archives ---------------------------------------------------------------------------


@dataclass
class Archive:
    size: int  # cases in the meeting, standard cases included
    root: Path
    vedlegg: int = 0

    @property
    def meeting_dir(self) -> Path:
        return self.root / MEETING


def make_archive(size: int, root: Path) -> Archive:
    """A meeting of ``size`` cases through ho21's API: bodies for all, a .docx vedlegg for every third."""
    from ho21cli.actions.meetings import CaseEdit, CaseOptions, MeetingOptions, add_case, edit_case, new_meeting
    from ho21cli.core.model import CaseKind

    rng = random.Random(2099 * 1000 + size)
    src = root.parent / f"{root.name}-src"
    src.mkdir(parents=True)
    new_meeting(root, MeetingOptions(date=FIRST_DATE, start="10:00", end="15:00"))
    new_meeting(root, MeetingOptions(date=MEETING_DATE, start="10:00", end="15:00"))
    opening = STANDARD_CASES - 2
    topical = size - STANDARD_CASES
    kinds = [CaseKind.VEDTAK, CaseKind.DISKUSJON, CaseKind.ORIENTERING]
    archive = Archive(size, root)

    def vedlegg_for(position: int, label: str) -> list[str]:
        if (position + 1) % 3:  # every third case of the meeting: positions 3, 6, 9, ...
            return []
        path = src / f"vedlegg-{position + 1:03d}.docx"
        make_vedlegg_docx(path, rng, f"Notat til {label}")
        archive.vedlegg += 1
        return [str(path)]

    for k in range(topical):
        position = opening + k
        title = f"{TOPICS[k % len(TOPICS)]}, del {k // len(TOPICS) + 1}"
        body = src / f"sak-{k:03d}.md"
        body.write_text(case_body(rng), encoding="utf-8")
        kind = kinds[k % 3]
        forslag = f"Rådet ber sekretariatet følge opp {rng.choice(OBJECTS)}." if kind is CaseKind.VEDTAK else None
        add_case(
            root,
            MEETING,
            CaseOptions(title=title, kind=kind, body=body, forslag=forslag, vedlegg=vedlegg_for(position, title)),
        )
    # The standard cases: Orienteringer needs a body; every third gets its vedlegg too.
    standard = ["innkalling", "habilitet", "referat", "orienteringer", "meldinger", "eventuelt", "evaluering"]
    positions = [*range(opening), size - 2, size - 1]
    for case_id, position in zip(standard, positions, strict=True):
        body = None
        if case_id == "orienteringer":
            body = src / "orienteringer.md"
            body.write_text(orienteringer_body(rng), encoding="utf-8")
        vedlegg = vedlegg_for(position, case_id)
        if body or vedlegg:
            edit_case(root, MEETING, case_id, CaseEdit(body=body, add_vedlegg=vedlegg))
    return archive


# -- running and timing -------------------------------------------------------------------


class BenchError(Exception):
    pass


def run(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Run ``cmd`` in its own session; return seconds. Its whole process group is gone afterwards."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env or base_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    shown = " ".join([Path(cmd[0]).name, *cmd[1:]])
    try:
        out, err = proc.communicate(timeout=SUBPROCESS_TIMEOUT)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise BenchError(f"`{shown}` took over {SUBPROCESS_TIMEOUT:.0f} s and was stopped") from None
    except BaseException:  # Ctrl-C: leave nothing running
        kill_group(proc)
        raise
    elapsed = time.perf_counter() - start
    kill_group(proc)  # anything the command left behind in its group (LibreOffice helpers)
    if proc.returncode != 0:
        lines = (err or out).decode("utf-8", "replace").strip().splitlines() or ["(no output)"]
        raise BenchError(f"`{shown}` exited {proc.returncode}: {lines[-1][:200]}")
    return elapsed


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def base_env() -> dict[str, str]:
    """The environment of every measured command.

    Bytecode caching is on, as in any installed program, but the caches go to bench/_work/pycache
    (PYTHONPYCACHEPREFIX) so nothing is written outside bench/; the warm-up runs fill them.
    """
    env = dict(os.environ)
    for name in ("HO21_ROOT", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return env


@dataclass
class Timing:
    label: str
    times: list[float] = field(default_factory=list)
    error: str = ""
    note: str = ""
    runs: int = 0  # warm-up included

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.error

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def measure(label: str, cmd: list[str], reps: int, *, before: object = None, **kw: object) -> Timing:
    """``reps`` timed runs after one untimed warm-up; ``before()`` runs untimed before each run.

    To keep a full run near six minutes, a command whose first run takes over LONG_RUN seconds
    has that first run timed instead of thrown away (start-up caching is lost in the noise there)
    and at most LONG_RUN_REPS repetitions.
    """
    timing = Timing(label)
    try:
        if callable(before):
            before()
        first = run(cmd, **kw)  # type: ignore[arg-type]
        timing.runs += 1
        if first > LONG_RUN:
            timing.times.append(first)
            reps = min(reps, LONG_RUN_REPS)
            timing.note = f"{reps} reps, no warm-up (long run)"
        while len(timing.times) < reps:
            if callable(before):
                before()
            timing.times.append(run(cmd, **kw))  # type: ignore[arg-type]
            timing.runs += 1
    except BenchError as exc:
        timing.error = str(exc)
    return timing


# -- the helper scripts -----------------------------------------------------------------

BASELINE_PY = '''\
"""Baseline: merge already-rendered .docx files with docxcompose, one page break before each."""

import sys
from pathlib import Path

from docx import Document
from docxcompose.composer import Composer


def main() -> None:
    paths = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    composer = Composer(Document(paths[0]))
    for path in paths[1:]:
        doc = Document(path)
        if doc.paragraphs:
            doc.paragraphs[0].paragraph_format.page_break_before = True
        composer.append(doc)
    composer.save(sys.argv[2])


if __name__ == "__main__":
    main()
'''

HELLO_PY = '''\
"""A Typer hello-world: the floor for a Typer command's start-up."""

import typer

app = typer.Typer(add_completion=False)


@app.callback()
def main() -> None:
    """Say hello."""


@app.command()
def hello(name: str) -> None:
    """Greet NAME."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
'''

SHIM = """#!/bin/sh
echo "$$" >> "{log}"
exec "{real}" "$@"
"""


def case_number(path: Path) -> int:
    match = re.match(r"sak-(\d+)", path.name)
    return int(match.group(1)) if match else 0


def baseline_inputs(archive: Archive) -> list[Path]:
    """ho21's rendered saksfremlegg in case order, each followed by its case's vedlegg."""
    saksfremlegg = sorted((archive.meeting_dir / "build" / "saksfremlegg").glob("*.docx"), key=case_number)
    manifest = tomllib.loads((archive.meeting_dir / "meeting.toml").read_text(encoding="utf-8"))
    cases = manifest.get("cases", [])
    if len(cases) != len(saksfremlegg):
        raise BenchError(f"{len(saksfremlegg)} saksfremlegg in build/ but {len(cases)} cases in the manifest")
    paths: list[Path] = []
    for sf, case in zip(saksfremlegg, cases, strict=True):
        paths.append(sf)
        paths += [archive.meeting_dir / v["file"] for v in case.get("vedlegg", []) if v["file"].endswith(".docx")]
    return paths


# -- the benchmark ----------------------------------------------------------------------


@dataclass
class Results:
    sizes: list[int]
    reps: int
    quick: bool
    archives: dict[int, Archive] = field(default_factory=dict)
    build: dict[int, Timing] = field(default_factory=dict)
    baseline: dict[int, Timing] = field(default_factory=dict)
    startup: dict[str, Timing] = field(default_factory=dict)
    soffice: str | None = None
    pdf_option: bool = False
    bare_pdf: Timing | None = None
    ho21_pdf: Timing | None = None
    pdf_starts: float | None = None
    create_seconds: float = 0.0
    load: list[str] = field(default_factory=list)  # load average at the start and the end


def bench_build(res: Results, console: object) -> None:
    ho21 = ho21_command()
    for size in res.sizes:
        archive = res.archives[size]
        say(console, f"build-innkalling, {size} cases ...")
        res.build[size] = measure(
            f"ho21 build-innkalling ({size} cases)",
            [ho21, "build-innkalling", MEETING, "--root", str(archive.root), "--force"],
            res.reps,
        )
        timing = Timing(f"baseline docxcompose merge ({size} cases)")
        res.baseline[size] = timing
        try:
            inputs = baseline_inputs(archive)
        except (BenchError, OSError) as exc:
            timing.error = f"no input: {exc}"
            continue
        listing = WORK / f"baseline-{size}.txt"
        listing.write_text("\n".join(map(str, inputs)) + "\n", encoding="utf-8")
        timing.note = f"{len(inputs)} files"
        say(console, f"baseline merge, {size} cases ({len(inputs)} files) ...")
        measured = measure(
            timing.label,
            [sys.executable, str(WORK / "baseline.py"), str(listing), str(WORK / f"baseline-{size}.docx")],
            res.reps,
        )
        measured.note = "; ".join(n for n in (timing.note, measured.note) if n)
        res.baseline[size] = measured


def bench_startup(res: Results, console: object) -> None:
    ho21, python, hello = ho21_command(), sys.executable, str(WORK / "hello.py")
    say(console, "start-up: --help and add-case against Typer hello-world ...")
    reps = max(res.reps, STARTUP_REPS)  # a start-up is short and noisy: more runs are cheap
    res.startup["help"] = measure("ho21 --help", [ho21, "--help"], reps, cwd=WORK)
    res.startup["hello_help"] = measure("python hello.py --help", [python, hello, "--help"], reps, cwd=WORK)
    copy = WORK / "addcase-arkiv"
    shutil.copytree(res.archives[min(res.sizes)].root, copy)
    manifest = copy / MEETING / "meeting.toml"
    pristine = manifest.read_bytes()

    def restore() -> None:
        manifest.write_bytes(pristine)

    res.startup["add_case"] = measure(
        "ho21 add-case (12 cases)",
        [ho21, "add-case", MEETING, "--title", "Benchmarksak", "--root", str(copy)],
        reps,
        before=restore,
        cwd=WORK,
    )
    restore()
    res.startup["hello"] = measure("python hello.py hello x", [python, hello, "hello", "x"], reps, cwd=WORK)
    for timing in res.startup.values():
        timing.note = timing.note or f"{reps} repetitions"


def bench_pdf(res: Results, console: object) -> None:
    res.soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        res.pdf_option = (
            "--pdf"
            in subprocess.run(
                [ho21_command(), "build-innkalling", "--help"], capture_output=True, text=True, timeout=120, check=False
            ).stdout
        )
    except subprocess.TimeoutExpired:
        res.pdf_option = False
    if not res.soffice:
        return
    archive = res.archives[min(res.sizes)]
    docx = archive.meeting_dir / "build" / f"innkalling-{MEETING}.docx"
    if not docx.is_file():
        res.bare_pdf = Timing("bare soffice --convert-to pdf", error="no innkalling .docx (the build failed)")
        return
    source = WORK / "pdf-source" / docx.name  # a copy, so ho21's build cannot change it under us
    source.parent.mkdir()
    shutil.copyfile(docx, source)

    def bare(profile: str) -> float:  # a fresh profile in the temp folder for each start, as ho21 does
        return run(
            [
                str(res.soffice),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(WORK / "pdf-bare"),
                str(source),
            ]
        )

    say(console, "bare soffice --convert-to pdf ...")
    timing = Timing(f"bare soffice --convert-to pdf ({archive.size} cases)")
    try:
        for i in range(res.reps + 1):
            with tempfile.TemporaryDirectory(prefix="ho21-bench-lo-") as profile:
                elapsed = bare(profile)
            if i:
                timing.times.append(elapsed)
        if not (WORK / "pdf-bare" / f"{source.stem}.pdf").is_file():
            timing.error = "soffice made no PDF"
    except BenchError as exc:
        timing.error = str(exc)
    res.bare_pdf = timing
    if not res.pdf_option:
        return
    # Count LibreOffice starts: shims named soffice/libreoffice first on PATH log every start.
    shims, log = WORK / "shim", WORK / "soffice-starts.log"
    shims.mkdir()
    for name in ("soffice", "libreoffice"):
        real = shutil.which(name)
        if real:
            shim = shims / name
            shim.write_text(SHIM.format(log=log, real=real), encoding="utf-8")
            shim.chmod(0o755)
    env = base_env()
    env["PATH"] = f"{shims}{os.pathsep}{env.get('PATH', '')}"
    say(console, "ho21 build-innkalling --pdf ...")
    res.ho21_pdf = measure(
        f"ho21 build-innkalling --pdf ({archive.size} cases)",
        [ho21_command(), "build-innkalling", MEETING, "--root", str(archive.root), "--force", "--pdf"],
        res.reps,
        env=env,
    )
    if res.ho21_pdf.ok and log.is_file():
        starts = len(log.read_text(encoding="utf-8").split())
        res.pdf_starts = starts / res.ho21_pdf.runs


# -- reporting --------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    value: str
    target: str
    verdict: str  # PASS, FAIL, info, n/a


def ratio(a: Timing | None, b: Timing | None) -> float | None:
    if a is None or b is None or not a.ok or not b.ok or b.median <= 0:
        return None
    return a.median / b.median


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def fmt_ratio(value: float | None, failed: str = "not measured") -> str:
    return f"{value:.2f}×" if value is not None else failed


def ratio_rows(res: Results) -> list[Row]:
    rows: list[Row] = []
    small, large = min(res.sizes), max(res.sizes)
    for size in res.sizes:
        r = ratio(res.build[size], res.baseline[size])
        if size == small:
            rows.append(
                Row(f"build {size} cases / baseline", fmt_ratio(r), f"≤ {TARGET_BUILD:.1f}×", verdict(r, TARGET_BUILD))
            )
        else:
            rows.append(Row(f"build {size} cases / baseline", fmt_ratio(r), "—", "info"))
    growth = ratio(res.build[large], res.build[small])
    target = f"≤ {TARGET_GROWTH:.0f}×" + ("" if large == 200 else " (set for 200/12)")
    rows.append(Row(f"ho21 growth {large}/{small} cases", fmt_ratio(growth), target, verdict(growth, TARGET_GROWTH)))
    base_growth = ratio(res.baseline[large], res.baseline[small])
    rows.append(Row(f"baseline growth {large}/{small} cases", fmt_ratio(base_growth), "—", "info"))
    startup = [
        ("help", "hello_help", "ho21 --help / hello.py --help"),
        ("add_case", "hello", "ho21 add-case / hello.py hello x"),
    ]
    for key, ref, label in startup:
        r = ratio(res.startup.get(key), res.startup.get(ref))
        rows.append(Row(label, fmt_ratio(r), f"≤ {TARGET_STARTUP}×", verdict(r, TARGET_STARTUP)))
    rows.append(pdf_row(res))
    return rows


def pdf_row(res: Results) -> Row:
    target = f"{TARGET_PDF_STARTS} LibreOffice start per build"
    if not res.soffice:
        return Row("PDF step / bare soffice", "skipped: soffice not installed", target, "n/a")
    if not res.pdf_option:
        return Row("PDF step / bare soffice", "ho21 --pdf: not implemented yet", target, "n/a")
    small = min(res.sizes)
    pdf, plain, bare = res.ho21_pdf, res.build.get(small), res.bare_pdf
    if pdf is None or not pdf.ok:
        return Row("PDF step / bare soffice", f"failed: {pdf.error if pdf else 'not run'}", target, "FAIL")
    if plain is None or not plain.ok or bare is None or not bare.ok:
        return Row("PDF step / bare soffice", "not measured (a reference failed)", target, "n/a")
    step = pdf.median - plain.median
    r = step / bare.median if bare.median > 0 else None
    if res.pdf_starts is not None:
        starts = f"{res.pdf_starts:g} start/build"
        ok = abs(res.pdf_starts - TARGET_PDF_STARTS) < 1e-9
    else:  # ho21 found LibreOffice without PATH: judge by time (two starts would take about twice as long)
        starts = "starts not counted"
        ok = r is not None and r <= 1.5
    value = f"{fmt_ratio(r)} ({step:.2f} s vs {bare.median:.2f} s), {starts}"
    return Row("PDF step / bare soffice", value, target, "PASS" if ok else "FAIL")


def timing_rows(res: Results) -> list[Timing]:
    rows: list[Timing] = []
    for size in res.sizes:
        rows += [res.build[size], res.baseline[size]]
    rows += [res.startup[k] for k in ("help", "hello_help", "add_case", "hello") if k in res.startup]
    if res.bare_pdf:
        rows.append(res.bare_pdf)
    if res.ho21_pdf:
        rows.append(res.ho21_pdf)
    return rows


def fmt_s(timing: Timing, attr: str) -> str:
    if not timing.ok:
        return "—"
    return f"{getattr(timing, attr):.3f}"


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        arch = subprocess.run(["uname", "-m"], capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        arch = platform.machine()
    cores = os.cpu_count() or 0
    with contextlib.suppress(AttributeError):
        usable = len(os.sched_getaffinity(0))
        if usable != cores:
            cores_text = f"{cores} ({usable} usable)"
            return _machine(arch, cpu, cores_text)
    return _machine(arch, cpu, str(cores))


def _machine(arch: str, cpu: str, cores: str) -> dict[str, str]:
    return {
        "date": dt.date.today().isoformat(),
        "uname -m": arch,
        "CPU": cpu,
        "cores": cores,
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "LibreOffice": libreoffice_version(),
    }


def libreoffice_version() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        return "not installed"
    try:
        out = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return found
    return out.strip().splitlines()[0] if out.strip() else found


def say(console: object, text: str) -> None:
    console.print(f"[dim]{text}[/dim]")  # type: ignore[attr-defined]


def print_tables(console: object, res: Results, rows: list[Row]) -> None:
    from rich.table import Table

    timings = Table(title=f"Timings (seconds; {res.reps} repetitions after one warm-up unless noted)")
    for col in ("measurement", "min", "median", "note"):
        timings.add_column(col, justify="right" if col in ("min", "median") else "left")
    for t in timing_rows(res):
        timings.add_row(t.label, fmt_s(t, "min"), fmt_s(t, "median"), t.error or t.note)
    ratios = Table(title="Ratios (of medians) and targets")
    for col in ("ratio", "value", "target", "result"):
        ratios.add_column(col)
    colour = {"PASS": "green", "FAIL": "red"}
    for r in rows:
        style = colour.get(r.verdict)
        ratios.add_row(r.what, r.value, r.target, f"[{style}]{r.verdict}[/{style}]" if style else r.verdict)
    console.print(timings)  # type: ignore[attr-defined]
    console.print(ratios)  # type: ignore[attr-defined]


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def write_results(res: Results, rows: list[Row], total: float, command: str) -> None:
    info = machine()
    info["load average (1/5/15 min)"] = f"{res.load[0]} at the start, {res.load[-1]} at the end"
    lines = [
        "# ho21 benchmark results",
        "",
        f"Written by `{command}` (bench/run.py); {res.reps} repetitions after one untimed warm-up each, unless the note says otherwise.",
        "Times in seconds, wall clock, each command a separate process. Ratios use medians.",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in info.items()),
        "",
        "## Timings",
        "",
        "| measurement | min | median | note |",
        "|---|---:|---:|---|",
        *(
            f"| {t.label} | {fmt_s(t, 'min')} | {fmt_s(t, 'median')} | {(t.error or t.note).replace('|', '/')} |"
            for t in timing_rows(res)
        ),
        "",
        "## Ratios and targets",
        "",
        "| ratio | value | target | result |",
        "|---|---|---|---|",
        *(f"| {r.what} | {r.value} | {r.target} | {r.verdict} |" for r in rows),
        "",
        "Inputs: synthetic meetings built through ho21's API (every case with a 1-3 page Norwegian body,",
        "a small .docx vedlegg for every third case): "
        + ", ".join(f"{a.size} cases / {a.vedlegg} vedlegg" for a in res.archives.values())
        + ".",
        "Case counts include the 7 standard cases of every meeting.",
        "The baseline is a plain docxcompose merge (bench/_work/baseline.py) of ho21's own rendered",
        "saksfremlegg and the vedlegg, so it leaves out the templating ho21 does. The PDF step is",
        "`build-innkalling --pdf` minus the plain build (12 cases); LibreOffice starts are counted by a",
        "logging `soffice` shim first on PATH. The bare soffice uses a fresh -env:UserInstallation for",
        "each start, as ho21 does. Bytecode caching is on for every command (PYTHONPYCACHEPREFIX in",
        "bench/_work), and the warm-up runs fill the caches.",
        "",
        f"Whole run: {total:.0f} s (creating the archives: {res.create_seconds:.0f} s, not timed).",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    ensure_venv()
    parser = argparse.ArgumentParser(description="Benchmark ho21 (see the module docstring).")
    parser.add_argument("--quick", action="store_true", help="12 and 50 cases, 3 repetitions")
    parser.add_argument("--reps", type=int, default=None, help="timed repetitions (default 5; --quick 3)")
    args = parser.parse_args()
    reps = args.reps if args.reps is not None else (3 if args.quick else 5)
    if reps < 1:
        parser.error("--reps must be at least 1")

    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the tables into 80 columns
        console = Console(width=120)
    started = time.perf_counter()
    load_start = load_average()
    res = Results(sizes=[12, 50] if args.quick else [12, 50, 200], reps=reps, quick=args.quick)
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    (WORK / "baseline.py").write_text(BASELINE_PY, encoding="utf-8")
    (WORK / "hello.py").write_text(HELLO_PY, encoding="utf-8")

    t0 = time.perf_counter()
    for size in res.sizes:
        say(console, f"creating a meeting of {size} cases through ho21's API ...")
        res.archives[size] = make_archive(size, WORK / f"arkiv-{size}")
    res.create_seconds = time.perf_counter() - t0

    bench_build(res, console)
    bench_startup(res, console)
    bench_pdf(res, console)

    res.load = [load_start, load_average()]
    rows = ratio_rows(res)
    print_tables(console, res, rows)
    total = time.perf_counter() - started
    command = "python bench/run.py" + (" --quick" if args.quick else "") + (f" --reps {args.reps}" if args.reps else "")
    write_results(res, rows, total, command)
    console.print(f"Whole run {total:.0f} s. Written to {RESULTS.relative_to(REPO)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
