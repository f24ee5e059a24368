"""What the benchmark measures, against which baseline, and the targets it judges by (issue 12).

Three sizes of meeting: SMALL (12 cases), LARGE (200) and HUGE (400); ``--quick`` puts small
stand-ins in place of the large two, and then judges only the 12-case targets.

Every group of measurements runs interleaved: one untimed warm-up round, then timed rounds in
which each command runs once, in the same order (harness.interleaved). Ratios are of medians;
two measurements of the same group are paired round by round, which gives each ratio its range.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.harness import (
    BASELINES,
    WORK,
    Ratio,
    Row,
    Spec,
    Timing,
    base_env,
    derived,
    fmt_ratio,
    interleaved,
    ratio,
    soffice_path,
    verdict,
)
from bench.workload import MEETING, Archive, baseline_inputs, docx_vedlegg, innkalling_path

if TYPE_CHECKING:
    from rich.console import Console

BARE_MERGE = BASELINES / "bare_merge.py"
FLOOR = BASELINES / "floor.py"
INPUT_FLOOR = BASELINES / "input_floor.py"
TYPER_HELLO = BASELINES / "typer_hello.py"
SOFFICE_SHIM = BASELINES / "soffice_shim.sh"

SMALL, LARGE, HUGE = 12, 200, 400  # the sizes the targets are set for
QUICK_SIZES = (12, 24, 48)  # --quick: stand-ins for 12, 200 and 400; only 12-case targets judged

TARGET_FLOOR = {SMALL: 4.0, LARGE: 6.0}  # build ÷ floor
TARGET_GROWTH = 2.1  # build 400 cases ÷ build 200 cases
TARGET_BASELINE = 1.0  # build 12 cases ÷ docxcompose merge with ho21's style shortcut
TARGET_PDF = 1.15  # --pdf step ÷ bare soffice, at 12 and 200 cases
TARGET_PDF_STARTS = 1  # one LibreOffice start per build
TARGET_OLD_GROWTH = 20.0  # build 200 cases ÷ build 12 cases (the earlier target, kept)
TARGET_STARTUP = 1.3  # --help and add-case ≤ 1.3 × Typer hello-world
STARTUP_REPS = 15
# ho21's export options (ho21cli/render/pdf.py TAGGED_PDF), for an information-only conversion
# that shows how much of the --pdf step is LibreOffice's tagging rather than ho21's own work.
TAGGED_PDF = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)


def ho21_command() -> str:
    return str(Path(sys.executable).parent / "ho21")


@dataclass
class Results:
    sizes: tuple[int, int, int]  # small, large, huge
    reps: int  # timed rounds at the small size and for start-up (at least STARTUP_REPS there)
    large_reps: int  # timed rounds at the large sizes
    quick: bool
    archives: dict[int, Archive] = field(default_factory=dict)
    t: dict[str, Timing] = field(default_factory=dict)  # every measurement by key
    soffice: str | None = None
    pdf_option: bool = False
    pdf_starts: dict[int, float] = field(default_factory=dict)  # LibreOffice starts per --pdf build
    merge_kind: dict[str, str] = field(default_factory=dict)  # baseline key -> "shortcut" / "stock"
    pieces: dict[int, int] = field(default_factory=dict)  # files the baselines merge, by size
    create_seconds: float = 0.0
    load: list[str] = field(default_factory=list)  # load average at the start and the end

    @property
    def small(self) -> int:
        return self.sizes[0]

    @property
    def large(self) -> int:
        return self.sizes[1]

    @property
    def huge(self) -> int:
        return self.sizes[2]

    def get(self, key: str) -> Timing | None:
        return self.t.get(key)


# -- the commands -------------------------------------------------------------------------


def build_spec(archive: Archive) -> Spec:
    return Spec(
        f"build-{archive.size}",
        f"ho21 build-innkalling ({archive.size} cases)",
        [ho21_command(), "build-innkalling", MEETING, "--root", str(archive.root), "--force"],
    )


def finished_path(archive: Archive) -> Path:
    return WORK / f"finished-{archive.size}" / innkalling_path(archive).name


def finished_copy(archive: Archive) -> Path:
    """A copy of the innkalling ho21 built (after the warm-up build), so later builds cannot change it."""
    copy = finished_path(archive)
    if not copy.is_file():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(innkalling_path(archive), copy)
    return copy


def floor_spec(archive: Archive) -> Spec:
    size = archive.size

    def prepare() -> None:
        finished_copy(archive)

    return Spec(
        f"floor-{size}",
        f"floor: lxml parse + serialise + zip ({size} cases)",
        [sys.executable, str(FLOOR), str(finished_path(archive)), str(WORK / f"floor-{size}.docx")],
        prepare=prepare,
    )


def input_floor_spec(archive: Archive) -> Spec:
    """Information only: reading the parts of the meeting's .docx vedlegg that any merge must read."""
    size = archive.size
    listing = WORK / f"vedlegg-{size}.txt"

    def prepare() -> None:
        listing.write_text("".join(f"{path}\n" for path in docx_vedlegg(archive)), encoding="utf-8")

    return Spec(
        f"input-{size}",
        f"input floor: lxml parse of what a merge reads of the vedlegg ({size} cases)",
        [sys.executable, str(INPUT_FLOOR), str(listing)],
        prepare=prepare,
        note="information only",
    )


def baseline_specs(res: Results, archive: Archive, *, stock: bool = True) -> list[Spec]:
    """The docxcompose merges of the same pieces: with ho21's style shortcut (the target), and
    stock (information only; left out with ``stock=False``, at sizes where it takes minutes)."""
    size = archive.size
    listing = WORK / f"baseline-{size}.txt"

    def prepare() -> None:
        if not listing.is_file():
            pieces = baseline_inputs(archive, WORK / f"pieces-{size}")
            listing.write_text("\n".join(map(str, pieces)) + "\n", encoding="utf-8")
            res.pieces[size] = len(pieces)

    def spec(key: str, label: str, extra: list[str], note: str) -> Spec:
        return Spec(
            f"{key}-{size}",
            f"{label} ({size} cases)",
            [sys.executable, str(BARE_MERGE), str(listing), str(WORK / f"{key}-{size}.docx"), *extra],
            prepare=prepare,
            note=note,
        )

    fair = spec(
        "fair", "baseline: docxcompose + ho21's style shortcut", [], "" if size == SMALL else "information only"
    )
    if not stock:
        return [fair]
    return [fair, spec("stock", "baseline: stock docxcompose", ["--stock"], "information only")]


def pdf_specs(res: Results, archive: Archive) -> list[Spec]:
    """ho21's build with --pdf (LibreOffice starts logged by a shim first on PATH) and one bare
    ``soffice --convert-to pdf`` of the same innkalling, with a fresh profile for each start as
    ho21 does; at the small size also soffice with ho21's export options (information only)."""
    if not res.soffice or not res.pdf_option:
        return []
    soffice, size = res.soffice, archive.size
    shims, log = WORK / f"shim-{size}", WORK / f"soffice-starts-{size}.log"
    shims.mkdir(exist_ok=True)
    env = base_env()
    env["HO21_BENCH_SOFFICE_LOG"] = str(log)
    for name in ("soffice", "libreoffice"):
        real = shutil.which(name)
        if real:
            shim = shims / name
            shutil.copyfile(SOFFICE_SHIM, shim)
            shim.chmod(0o755)
            env[f"HO21_BENCH_REAL_{name.upper()}"] = real
    env["PATH"] = f"{shims}{os.pathsep}{env.get('PATH', '')}"
    profile = Path(tempfile.gettempdir()) / f"ho21-bench-lo-{os.getpid()}-{size}"  # where ho21 puts its own
    source = finished_path(archive)
    outdir = WORK / f"pdf-bare-{size}"

    def fresh_profile() -> None:
        shutil.rmtree(profile, ignore_errors=True)

    def prepare() -> None:
        finished_copy(archive)

    bare = Spec(
        f"soffice-{size}",
        f"bare soffice --convert-to pdf ({size} cases)",
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
        prepare=prepare,
        before=fresh_profile,
    )  # fmt: skip
    tagged_out = WORK / f"pdf-tagged-{size}"
    tagged = Spec(
        f"tagged-{size}",
        f"soffice with ho21's PDF/UA options ({size} cases)",
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", TAGGED_PDF, "--outdir", str(tagged_out), str(source)],
        prepare=prepare,
        before=fresh_profile,
        note="information only",
    )  # fmt: skip
    with_pdf = Spec(
        f"pdf-{size}",
        f"ho21 build-innkalling --pdf ({size} cases)",
        [ho21_command(), "build-innkalling", MEETING, "--root", str(archive.root), "--force", "--pdf"],
        env=env,
    )
    return [with_pdf, bare, tagged] if size == res.small else [with_pdf, bare]


def count_starts(res: Results, size: int) -> None:
    log, timing = WORK / f"soffice-starts-{size}.log", res.get(f"pdf-{size}")
    if timing is not None and timing.ok and timing.runs and log.is_file():
        res.pdf_starts[size] = len(log.read_text(encoding="utf-8").split()) / timing.runs
    shutil.rmtree(Path(tempfile.gettempdir()) / f"ho21-bench-lo-{os.getpid()}-{size}", ignore_errors=True)
    bare_pdf = WORK / f"pdf-bare-{size}" / innkalling_path(res.archives[size]).with_suffix(".pdf").name
    bare = res.get(f"soffice-{size}")
    if bare is not None and bare.ok and not bare.error and not bare_pdf.is_file():
        bare.error = "soffice made no PDF"


def detect_pdf(res: Results) -> None:
    res.soffice = soffice_path()
    try:
        res.pdf_option = (
            "--pdf"
            in subprocess.run(
                [ho21_command(), "build-innkalling", "--help"], capture_output=True, text=True, timeout=120, check=False
            ).stdout
        )
    except subprocess.TimeoutExpired:
        res.pdf_option = False


# -- the groups ---------------------------------------------------------------------------


def bench_small(res: Results, console: Console) -> None:
    """12 cases: build, floor, input floor, the two baselines, --pdf and bare soffice, interleaved."""
    archive = res.archives[res.small]
    specs = [
        build_spec(archive),
        floor_spec(archive),
        input_floor_spec(archive),
        *baseline_specs(res, archive),
        *pdf_specs(res, archive),
    ]
    res.t.update(interleaved(specs, res.reps, console, f"{res.small} cases"))
    merge_kinds(res, res.small)
    count_starts(res, res.small)


def bench_large(res: Results, console: Console) -> None:
    """200 and 400 cases: the builds, their floors and input floors, the merge with the shortcut
    and --pdf and bare soffice at 200, interleaved."""
    large, huge = res.archives[res.large], res.archives[res.huge]
    specs = [
        build_spec(large),
        build_spec(huge),
        floor_spec(large),
        floor_spec(huge),
        input_floor_spec(large),
        input_floor_spec(huge),
        *baseline_specs(res, large, stock=False),
        *pdf_specs(res, large),
    ]
    timings = interleaved(specs, res.large_reps, console, f"{res.large} and {res.huge} cases")
    rounds = f"{res.large_reps} rounds" + ("" if res.quick else " (long runs)")
    for timing in timings.values():
        timing.note = "; ".join(n for n in (timing.note, rounds) if n)
    res.t.update(timings)
    merge_kinds(res, res.large)
    count_starts(res, res.large)


def merge_kinds(res: Results, size: int) -> None:
    for key in (f"fair-{size}", f"stock-{size}"):
        timing = res.get(key)
        if timing is None:
            continue
        if timing.said:  # bare_merge.py prints which composer it used
            res.merge_kind[key] = timing.said
        pieces = res.pieces.get(size)
        if pieces:
            timing.note = "; ".join(n for n in (timing.note, f"{pieces} files") if n)


def bench_startup(res: Results, console: Console) -> None:
    ho21, python, hello = ho21_command(), sys.executable, str(TYPER_HELLO)
    reps = res.reps if res.quick else max(res.reps, STARTUP_REPS)  # short and noisy: more runs are cheap
    copy = WORK / "addcase-arkiv"
    shutil.copytree(res.archives[res.small].root, copy)
    manifest = copy / MEETING / "meeting.toml"
    pristine = manifest.read_bytes()

    def restore() -> None:
        manifest.write_bytes(pristine)

    specs = [
        Spec("help", "ho21 --help", [ho21, "--help"], cwd=WORK),
        Spec("hello_help", "python hello.py --help", [python, hello, "--help"], cwd=WORK),
        Spec(
            "add_case",
            f"ho21 add-case ({res.small} cases)",
            [ho21, "add-case", MEETING, "--title", "Benchmarksak", "--root", str(copy)],
            before=restore,
            cwd=WORK,
        ),
        Spec("hello", "python hello.py hello x", [python, hello, "hello", "x"], cwd=WORK),
    ]
    res.t.update(interleaved(specs, reps, console, "start-up"))
    restore()


# -- derived figures ----------------------------------------------------------------------


def pdf_step(res: Results, size: int) -> Timing | None:
    """The --pdf step round by round: build with --pdf minus the plain build of the same round."""
    pdf, plain = res.get(f"pdf-{size}"), res.get(f"build-{size}")
    if pdf is None or plain is None or not pdf.ok or not plain.ok or len(pdf.times) != len(plain.times):
        return None
    return derived(
        f"--pdf step ({size} cases)",
        [a - b for a, b in zip(pdf.times, plain.times, strict=True)],
        note="build --pdf minus the plain build, round by round",
    )


def floor_note(res: Results) -> None:
    """The floor's own figure: its work alone, without Python's start-up and imports."""
    for key, timing in res.t.items():
        if key.startswith(("floor-", "input-")) and timing.inner:
            inner = statistics.median(timing.inner)
            timing.note = "; ".join(
                n
                for n in (f"in-process work {inner:.3f} s (the rest is Python start-up and imports)", timing.note)
                if n
            )


# -- ratios and targets -------------------------------------------------------------------


def judged(size: int, target_size: int, value: Ratio | None, limit: float) -> tuple[str, str]:
    """Target text and verdict: a target is judged only at the size it was set for."""
    if size == target_size:
        return f"≤ {limit:g}×", verdict(value, limit)
    return f"≤ {limit:g}× at {target_size} cases", "info"


def ratio_rows(res: Results) -> list[Row]:
    rows: list[Row] = []
    small, large, huge = res.sizes

    # build ÷ floor
    for size, target_size in ((small, SMALL), (large, LARGE), (huge, None)):
        r = ratio(res.get(f"build-{size}"), res.get(f"floor-{size}"))
        if target_size is None:
            rows.append(Row(f"build ÷ floor, {size} cases", fmt_ratio(r), "—", "info"))
        else:
            target, result = judged(size, target_size, r, TARGET_FLOOR[target_size])
            rows.append(Row(f"build ÷ floor, {size} cases", fmt_ratio(r), target, result))
    # Reading the vedlegg alone, in floors: what a merge that parses them pays before doing anything;
    # and the build against a floor that reads them too (one start-up: the floor's run plus the
    # input floor's own work, round by round).
    for size in (small, large, huge):
        inputs = res.get(f"input-{size}")
        if inputs is not None:
            r = ratio(inputs, res.get(f"floor-{size}"))
            rows.append(Row(f"input floor ÷ floor, {size} cases", fmt_ratio(r), "—", "info"))
            both = floor_with_inputs(res, size)
            if both is not None:
                r = ratio(res.get(f"build-{size}"), both)
                rows.append(Row(f"build ÷ (floor + reading the vedlegg), {size} cases", fmt_ratio(r), "—", "info"))

    # growth
    r = ratio(res.get(f"build-{huge}"), res.get(f"build-{large}"))
    target, result = judged(large, LARGE, r, TARGET_GROWTH) if huge == 2 * large else ("—", "info")
    rows.append(Row(f"growth: build {huge} ÷ {large} cases", fmt_ratio(r), target, result))
    rows.append(Row(f"growth in CPU time: {huge} ÷ {large} cases", fmt_ratio(cpu_ratio(res, huge, large)), "—", "info"))
    r = ratio(res.get(f"build-{large}"), res.get(f"build-{small}"))
    target, result = judged(large, LARGE, r, TARGET_OLD_GROWTH)
    rows.append(Row(f"growth: build {large} ÷ {small} cases (earlier target)", fmt_ratio(r), target, result))

    # the fair baseline, and the stock one for information
    fair, stock = res.get(f"fair-{small}"), res.get(f"stock-{small}")
    r = ratio(res.get(f"build-{small}"), fair)
    target, result = judged(small, SMALL, r, TARGET_BASELINE)
    kind = res.merge_kind.get(f"fair-{small}", "")
    rows.append(Row(f"build ÷ docxcompose + style shortcut, {small} cases", fmt_ratio(r), target, result))
    if kind == "stock":
        rows[-1].value += " (the shortcut is not checked for this docxcompose: stock composer used)"
    rows.append(
        Row(
            f"build ÷ stock docxcompose, {small} cases", fmt_ratio(ratio(res.get(f"build-{small}"), stock)), "—", "info"
        )
    )
    rows.append(Row("docxcompose + shortcut ÷ stock docxcompose", fmt_ratio(ratio(fair, stock)), "—", "info"))
    # The same merge at the large size: how far the library alone is from the floor there.
    fair_large = res.get(f"fair-{large}")
    if fair_large is not None:
        rows.append(
            Row(
                f"build ÷ docxcompose + style shortcut, {large} cases",
                fmt_ratio(ratio(res.get(f"build-{large}"), fair_large)),
                "—",
                "info",
            )
        )
        rows.append(
            Row(
                f"docxcompose + style shortcut ÷ floor, {large} cases",
                fmt_ratio(ratio(fair_large, res.get(f"floor-{large}"))),
                "—",
                "info",
            )
        )

    # PDF
    for size, target_size in ((small, SMALL), (large, LARGE)):
        rows += pdf_rows(res, size, target_size)

    # peak memory
    build = res.get(f"build-{huge}")
    if build is not None and build.ok and build.rss:
        value = f"{statistics.median(build.rss):.0f} MB (range {min(build.rss):.0f}–{max(build.rss):.0f})"
    else:
        value = "not measured"
    rows.append(Row(f"peak memory, build {huge} cases", value, "reported", "info"))

    # start-up (earlier targets, kept)
    for key, ref, label in (
        ("help", "hello_help", "ho21 --help ÷ hello.py --help"),
        ("add_case", "hello", "ho21 add-case ÷ hello.py hello x"),
    ):
        r = ratio(res.get(key), res.get(ref))
        rows.append(Row(label, fmt_ratio(r), f"≤ {TARGET_STARTUP}×", verdict(r, TARGET_STARTUP)))
    return rows


def floor_with_inputs(res: Results, size: int) -> Timing | None:
    """The floor's run plus the input floor's own work (without its start-up), round by round."""
    floor, inputs = res.get(f"floor-{size}"), res.get(f"input-{size}")
    if floor is None or inputs is None or not floor.ok or not inputs.ok or len(inputs.inner) != len(floor.times):
        return None
    return derived(
        f"floor + reading the vedlegg ({size} cases)", [f + i for f, i in zip(floor.times, inputs.inner, strict=True)]
    )


def cpu_ratio(res: Results, size_a: int, size_b: int) -> Ratio | None:
    a, b = res.get(f"build-{size_a}"), res.get(f"build-{size_b}")
    if a is None or b is None or not a.ok or not b.ok:
        return None
    return ratio(derived("cpu", a.cpu), derived("cpu", b.cpu))


def pdf_rows(res: Results, size: int, target_size: int) -> list[Row]:
    what = f"--pdf step ÷ bare soffice, {size} cases"
    starts_what = f"LibreOffice starts per --pdf build, {size} cases"
    starts_target = f"{TARGET_PDF_STARTS} per build"
    if not res.soffice:
        return [Row(what, "skipped: soffice not installed", f"≤ {TARGET_PDF:g}×", "n/a")]
    if not res.pdf_option:
        return [Row(what, "ho21 --pdf: not implemented", f"≤ {TARGET_PDF:g}×", "n/a")]
    pdf, bare = res.get(f"pdf-{size}"), res.get(f"soffice-{size}")
    if pdf is None or not pdf.ok:
        return [Row(what, f"failed: {pdf.error if pdf else 'not run'}", f"≤ {TARGET_PDF:g}×", "FAIL")]
    step = pdf_step(res, size)
    r = ratio(step, bare)
    target, result = judged(size, target_size, r, TARGET_PDF)
    value = fmt_ratio(r, "not measured (a reference failed)")
    if r is not None and step is not None and bare is not None:
        value += f"; {step.median:.2f} s vs {bare.median:.2f} s"
    rows = [Row(what, value, target, result)]
    tagged = res.get(f"tagged-{size}")
    if tagged is not None:
        rows.append(
            Row(
                f"--pdf step ÷ soffice with ho21's PDF/UA options, {size} cases",
                fmt_ratio(ratio(step, tagged)),
                "—",
                "info",
            )
        )
    starts = res.pdf_starts.get(size)
    if starts is None:
        rows.append(Row(starts_what, "not counted (ho21 found LibreOffice without PATH)", starts_target, "n/a"))
    else:
        ok = abs(starts - TARGET_PDF_STARTS) < 1e-9
        rows.append(Row(starts_what, f"{starts:g}", starts_target, "PASS" if ok else "FAIL"))
    return rows


def timing_rows(res: Results) -> list[Timing]:
    small, large, huge = res.sizes
    keys = [
        f"build-{small}",
        f"floor-{small}",
        f"input-{small}",
        f"fair-{small}",
        f"stock-{small}",
        f"pdf-{small}",
        f"soffice-{small}",
        f"tagged-{small}",
        f"build-{large}",
        f"floor-{large}",
        f"input-{large}",
        f"build-{huge}",
        f"floor-{huge}",
        f"input-{huge}",
        f"fair-{large}",
        f"pdf-{large}",
        f"soffice-{large}",
        "help",
        "hello_help",
        "add_case",
        "hello",
    ]
    rows: list[Timing] = []
    for key in keys:
        timing = res.get(key)
        if timing is None:
            continue
        rows.append(timing)
        if key.startswith("soffice-"):
            step = pdf_step(res, int(key.split("-")[1]))
            if step is not None:
                rows.append(step)
    return rows
