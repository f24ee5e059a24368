"""Rebuild the example archive examples/arkiv/ from examples/kilde/ with ho21's own commands.

It reconstructs meeting 3/2025 (its saksliste) and meeting 1/2026 (every case,
text and vedlegg) from the council's real documents (shared/seeds/003). Each
command is printed as a user would type it.

    python examples/lag_eksempel.py            # refuses if examples/arkiv exists
    python examples/lag_eksempel.py --replace  # deletes examples/arkiv first
"""

from __future__ import annotations

import shlex
import shutil
import sys
import tomllib
from pathlib import Path

from ho21cli.cli.app import main

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "kilde"
ARCHIVE = HERE / "arkiv"

# Standard cases that new-meeting puts in; the source's texts replace the profile's where they differ.
STANDARD = {
    "godkjenning-av-innkalling-og-saksliste": "innkalling",
    "sporsmal-om-habilitet": "habilitet",
    "godkjenning-av-referat": "referat",
    "orienteringer": "orienteringer",
    "meldinger-og-strategier": "meldinger",
    "eventuelt": "eventuelt",
    "evaluering-av-motet": "evaluering",
}


def ho21(*args: str) -> None:
    shown = " ".join(shlex.quote(str(a)) for a in args)
    print(f"$ ho21 {shown}".replace(str(HERE.parent) + "/", ""))
    code = main([*args, "--root", str(ARCHIVE)])
    if code:
        sys.exit(f"ho21 failed with exit code {code}")


def meeting_3_2025(previous: list[dict[str, str]]) -> None:
    ho21(
        "new-meeting",
        "--date",
        "2025-10-08",
        "--number",
        "3",
        "--first-case",
        "30",
        "--start",
        "10:00",
        "--end",
        "15:00",
    )
    topical = [c["title"] for c in previous[5:10]]  # 35-39; the rest are the standard cases
    for title in topical:
        ho21("add-case", "2025-3", "--title", title)
    # The secretariat's finished referat of 3/2025 (the seed's text), and when its draft went out.
    shutil.copyfile(SOURCE / "vedlegg" / "utkast-referat-mote-3-2025.docx", ARCHIVE / "2025-3" / "referat-2025-3.docx")
    print("(referat-2025-3.docx: the council's referat of 3/2025, as a person finished it)")
    ho21("referat-sent", "2025-3", "--date", "2025-10-17")


def case_args(case: dict[str, object]) -> list[str]:
    args: list[str] = []
    for name in case.get("saksbehandlere", []):  # type: ignore[union-attr]
        args += ["--saksbehandler", str(name)]
    for v in case.get("vedlegg", []):  # type: ignore[union-attr]
        args += ["--vedlegg", f"{SOURCE / 'vedlegg' / v['file']}={v['title']}"]  # type: ignore[index]
    if case.get("forslag"):
        args += ["--forslag", str(case["forslag"])]
    if case.get("slug"):
        args += ["--body", str(SOURCE / "2026-1" / str(case.get("body") or f"{case['slug']}.md"))]
    return args


def meeting_1_2026(cases: list[dict[str, object]]) -> None:
    ho21("new-meeting", "--date", "2026-01-14", "--start", "10:00", "--end", "15:00")
    for case in cases:
        slug = str(case.get("slug", ""))
        if slug in STANDARD:
            if slug in ("eventuelt", "evaluering-av-motet", "godkjenning-av-innkalling-og-saksliste"):
                continue  # the profile's texts are the seed's
            if slug == "godkjenning-av-referat":
                continue  # Bakgrunn and Vedlegg 1 come from `referat-sent 2025-3` and referat-2025-3.docx
            ho21("edit-case", "2026-1", STANDARD[slug], "--kind", str(case["kind"]), *case_args(case))
            continue
        extra = ["--ettersendes"] if case.get("ettersendes") else []
        ho21("add-case", "2026-1", "--title", str(case["title"]), "--kind", str(case["kind"]), *case_args(case), *extra)


def run() -> None:
    if ARCHIVE.exists():
        if "--replace" not in sys.argv:
            sys.exit(f"{ARCHIVE} exists; run with --replace to rebuild it")
        shutil.rmtree(ARCHIVE)
    source = tomllib.loads((SOURCE / "cases.toml").read_text(encoding="utf-8"))
    meeting_3_2025(source["previous_case"])
    meeting_1_2026(source["case"])
    ho21("list-cases", "2026-1")
    # After the meeting: who came (in the council's practice), then the referat skeleton.
    ho21(
        "attendance", "2026-1",
        "--absent", "Ingrid Stenstadvold Ross", "--absent", "Mari Trommald",
        "--online", "Toril Hernes", "--note", "Per Olav Østbyhaug=t.o. sak 9/1/2026",
        "--guest", "Gunnar Bovim, leder av Helsereformutvalget=sak 6/1/2026",
        "--guest", "Sofia Anderholm Strand, Forskningsrådet=sak 10/1/2026",
    )  # fmt: skip
    ho21("draft-referat", "2026-1")


if __name__ == "__main__":
    run()
