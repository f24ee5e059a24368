"""Nothing untrue leaves ho21 (issue 23): statements from records, and every gate asking what
`ho21 check` asks, in the same words.

Each test reproduces what a new user met in a first year, through the CLI.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from ho21cli.actions.gates import run_check
from ho21cli.storage.manifest import load_meeting
from tests.conftest import Run, refused, snapshot, write
from tests.docx_read import all_text, open_docx

M = "2026-1"
PREVIOUS = ("--meeting", "4/2025", "--date", "2025-11-26", "--referat-sent", "2025-12-03")
# ho21's own marks for a fact it lacks, and the skeleton's marks: never in a document that is sent
MARKS = re.compile(r"\[(forrige møte|dato|Antall|Skriv referat[^\]]*)\]")
HAS_SOFFICE = shutil.which("soffice") is not None


def ok(result: Run) -> Run:
    assert result.code == 0, f"exit {result.code}\n--- stdout\n{result.out}\n--- stderr\n{result.err}"
    return result


def orienteringer(root: Path, key: str, ho21: Callable[..., Run], tmp_path: Path) -> None:
    body = write(tmp_path / f"o-{key}.md", "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n")
    ok(ho21("edit-case", key, "orienteringer", "--body", body, "--root", root))


def texts_of(folder: Path) -> dict[str, str]:
    """Every text ho21 wrote under ``folder``: .docx (every XML part), .html, .json, .ics, .pdf (page text)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                out[rel] = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
        elif path.suffix in (".html", ".json", ".ics", ".toml", ".css"):
            out[rel] = path.read_text(encoding="utf-8")
        elif path.suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(path)
            out[rel] = " ".join(page.extract_text() or "" for page in reader.pages) + repr(reader.metadata)
    return out


# -- no placeholder in what is sent or published ------------------------------------------------


def test_a_new_archive_s_first_meeting_names_the_command_for_the_facts_it_lacks(
    tmp_path: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # one line per problem in check's table
    root = tmp_path / "arkiv"
    ok(ho21("new-meeting", "--date", "2026-01-14", "--root", root))
    orienteringer(root, M, ho21, tmp_path)
    _, problems = run_check(root, M, today=date(2025, 12, 20))
    [missing] = [p for p in problems if p.code == "missing-fact"]
    assert missing.place == "Sak 3/1/2026" and "«[forrige møte]», «[dato]»" in missing.what
    checked = ho21("check", M, "--as-of", "2025-12-20", "--root", root)
    assert checked.code == 1 and "ho21 previous-meeting 2026-1 --meeting" in " ".join(checked.out.split())

    before = snapshot(root)
    refused(ho21("build-innkalling", M, "--root", root), 1, "the meeting before this one is not in the archive")
    assert snapshot(root) == before
    ok(ho21("build-innkalling", M, "--draft", "--root", root))  # a draft may show the mark: every page says UTKAST
    draft = all_text(open_docx(root / M / "build" / "innkalling-2026-1.docx"))
    assert "ble sendt ut [dato] med merknadsfrist [dato]" in draft

    recorded = ok(ho21("previous-meeting", M, *PREVIOUS, "--root", root))
    assert "Godkjenning av referat fra møte 4/2025" in recorded.out  # the standard title follows
    assert load_meeting(root / M / "meeting.toml").previous is not None
    ok(ho21("build-innkalling", M, "--root", root))
    text = all_text(open_docx(root / M / "build" / "innkalling-2026-1.docx"))
    assert "Sak 3/1/2026 Godkjenning av referat fra møte 4/2025" in text
    assert "Utkast til referat fra møte 4/2025 ble sendt ut 3. desember med merknadsfrist 10. desember." in text
    for rel, found in texts_of(root / M / "build").items():
        assert rel.startswith("utgått/") or not MARKS.search(found), rel  # utgått/: the draft's, set aside


def test_a_meeting_whose_previous_meeting_is_held_asks_for_its_referat_sent(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    for day in ("2026-01-14", "2026-03-11"):
        ok(ho21("new-meeting", "--date", day, "--root", root))
    _, problems = run_check(root, "2026-2", today=date(2026, 2, 20))
    [missing] = [p for p in problems if p.code == "missing-fact"]
    assert "when the draft referat of meeting 1/2026 was sent" in missing.what
    assert missing.hint is not None and (missing.hint.action, missing.hint.args) == ("referat-sent", ("2026-1",))
    before = snapshot(root)
    # the archive holds meeting 1: its own record is the fact, not one typed for meeting 2
    refused(ho21("previous-meeting", "2026-2", *PREVIOUS, "--root", root), 3, "meeting 1/2026 is in the archive")
    assert snapshot(root) == before
    ok(ho21("referat-sent", "2026-1", "--date", "2026-01-21", "--root", root))
    _, problems = run_check(root, "2026-2", today=date(2026, 2, 20))
    assert not [p for p in problems if p.code == "missing-fact"]


@pytest.mark.soffice
@pytest.mark.skipif(not HAS_SOFFICE, reason="publishing makes PDFs with LibreOffice, which is not installed")
def test_no_mark_in_anything_sent_or_published_from_a_new_archive(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    ok(ho21("new-meeting", "--date", "2026-01-14", "--root", root))
    orienteringer(root, M, ho21, tmp_path)
    ok(ho21("previous-meeting", M, *PREVIOUS, "--root", root))
    ok(ho21("build-innkalling", M, "--pdf", "--root", root))
    ok(ho21("build-innkalling", M, "--public", "--pdf", "--root", root))
    ok(ho21("send", M, "--date", "2026-01-04", "--root", root))
    ok(ho21("publish", "--root", root))
    written = {
        f"{folder}/{rel}": text
        for folder in (M + "/build", M + "/offentlig", "nettsted")
        for rel, text in texts_of(root / folder).items()
        if not rel.startswith("utgått/")  # what a build set aside: never sent nor published
    }
    assert any(rel.endswith(".pdf") and "nettsted" in rel for rel in written)  # the published PDFs were read
    assert any("4/2025" in text for text in written.values())
    leaks = {rel: MARKS.findall(text) for rel, text in written.items() if MARKS.search(text)}
    assert leaks == {}


# -- statuses from records -----------------------------------------------------------------------


def year_statuses(root: Path, ho21: Callable[..., Run], year: str = "2026") -> dict[str, str]:
    """Meeting -> status, from the table of `ho21 year` (one row a meeting at 200 columns)."""
    out = ok(ho21("year", year, "--root", root)).out
    found = {}
    for line in out.splitlines():
        label = re.match(r"(\d+/\d{4}) ", line)
        if label:
            found[label.group(1)] = next(s for s in STATUSES if f" {s} " in line)
    return found


STATUSES = ("planned", "innkalling sent", "held", "referat sent", "referat approved")


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """rich tables one line per row, so a message is never wrapped inside a cell."""
    monkeypatch.setenv("COLUMNS", "1000")


@pytest.fixture
def year_of_records(tmp_path: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> Path:
    """1/2026 sent and its referat sent, 2/2026 never sent, 3/2026 sent; 1/2099 planned."""
    monkeypatch.setenv("COLUMNS", "200")
    root = tmp_path / "arkiv"
    for day in ("2026-01-14", "2026-03-11", "2026-06-10", "2099-01-14"):
        ok(ho21("new-meeting", "--date", day, "--root", root))
    for key in ("2026-1", "2026-2", "2026-3"):
        orienteringer(root, key, ho21, tmp_path)
    ok(ho21("previous-meeting", "2026-1", *PREVIOUS, "--root", root))
    ok(ho21("build-innkalling", "2026-1", "--root", root))
    ok(ho21("send", "2026-1", "--date", "2026-01-04", "--root", root))
    ok(ho21("referat-sent", "2026-1", "--date", "2026-01-21", "--root", root))
    ok(ho21("build-innkalling", "2026-3", "--draft", "--root", root))  # 2/2026's referat was never sent
    meeting3 = root / "2026-3" / "meeting.toml"  # sent, as recorded by hand before ho21 was used for it
    meeting3.write_text(meeting3.read_text(encoding="utf-8").replace("[meeting]\n", "[meeting]\nsent = 2026-05-29\n"))
    return root


def test_statuses_follow_only_records(year_of_records: Path, ho21: Callable[..., Run]) -> None:
    root = year_of_records
    # 1/2026's referat is not approved although 2/2026's day has passed; 2/2026 was never called
    assert year_statuses(root, ho21) == {"1/2026": "referat sent", "2/2026": "planned", "3/2026": "held"}
    assert year_statuses(root, ho21, "2099") == {"1/2099": "planned"}

    before = snapshot(root)
    refused(
        ho21("referat-approved", "2026-1", "--date", "2026-03-11", "--by", "2026-2", "--root", root),
        3,
        "meeting 2/2026 has no record of being held",
    )
    assert snapshot(root) == before


def test_the_calendar_pages_json_and_ics_say_what_the_records_say(
    year_of_records: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    from icalendar import Calendar
    from lxml import html

    from ho21cli.actions.publish import publish

    root = year_of_records
    published = publish(root, "2026-1", pdfs=False, today=date(2026, 12, 7))
    calendar = html.fromstring((published.folder / "index.html").read_bytes())
    rows = {
        " ".join(r.xpath("string(td[1])").split()): " ".join(r.xpath("string(td[last()])").split())
        for r in calendar.xpath("//table//tr[td]")
    }
    statuses = {key: value for key, value in rows.items() if value}
    assert set(statuses.values()) <= {"Planlagt", "Innkalling sendt", "Avholdt", "Referat sendt", "Referat godkjent"}
    tree = html.fromstring((published.folder / M / "index.html").read_bytes())
    assert tree.xpath("string(//dt[.='Status']/following-sibling::dd[1])") == "Referat sendt"
    page = " ".join(tree.text_content().split())
    assert "godkjent i" not in page and "Referatet ble godkjent" not in page
    moetemappe = json.loads((published.folder / M / "moetemappe.json").read_text(encoding="utf-8"))
    assert not any("vedtak" in sak for sak in moetemappe["moetesak"])  # no approval: no vedtak published

    ics = tmp_path / "aar.ics"
    ok(ho21("year", "2026", "--ics", ics, "--root", root))
    events = {
        str(e["summary"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT") if "møte" in e["summary"]
    }
    meetings = {k: v for k, v in events.items() if not k.startswith(("Frist", "Merknadsfrist"))}
    assert {k: str(v["status"]) for k, v in meetings.items()} == {
        "HO21 møte 1/2026": "CONFIRMED",
        "HO21 møte 2/2026": "TENTATIVE",
        "HO21 møte 3/2026": "CONFIRMED",
    }
    assert "Status: referat sendt." in str(meetings["HO21 møte 1/2026"]["description"])
    assert "Status: planlagt." in str(meetings["HO21 møte 2/2026"]["description"])


# -- nothing done is dated after today -------------------------------------------------------------


def test_a_record_of_something_done_cannot_be_dated_after_today(
    year_of_records: Path, ho21: Callable[..., Run]
) -> None:
    root = year_of_records
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    before = snapshot(root)
    for args in (
        ("send", "2099-1", "--date", tomorrow),
        ("referat-sent", "2026-3", "--date", tomorrow),
        ("referat-approved", "2026-1", "--date", tomorrow),
        ("previous-meeting", "2026-1", "--meeting", "4/2025", "--referat-sent", tomorrow),
    ):
        refused(ho21(*args, "--root", root), 3, "cannot be recorded for", "that is after today")
    assert snapshot(root) == before


# -- send needs a current, real build ----------------------------------------------------------------


def test_send_needs_a_current_build_that_is_not_a_draft(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    before = snapshot(root)
    none = ho21("send", M, "--date", "2026-01-04", "--root", root)
    assert none.code == 1 and "has not been built" in none.out
    ok(ho21("build-innkalling", M, "--draft", "--root", root))
    draft = ho21("send", M, "--date", "2026-01-04", "--root", root)
    assert draft.code == 1 and "is a draft" in draft.out
    ok(ho21("build-innkalling", M, "--root", root))
    ok(ho21("edit-case", M, "orienteringer", "--title", "Orienteringer fra sekretariatet", "--root", root))
    stale = ho21("send", M, "--date", "2026-01-04", "--root", root)
    assert stale.code == 1 and "built before the latest change" in stale.out
    assert load_meeting(root / M / "meeting.toml").sent is None

    ok(ho21("build-innkalling", M, "--root", root))
    ok(ho21("send", M, "--date", "2026-01-04", "--root", root))
    # a late case changes the manifest: sending again (--force) asks for a build of it too
    ok(ho21("add-case", M, "--title", "Statsbudsjettet", "--ettersendes", "--root", root))
    listed = ok(ho21("list-cases", M, "--root", root)).out
    assert "ettersendt sak" in " ".join(listed.split())
    forced = ho21("send", M, "--force", "--date", "2026-01-05", "--root", root)
    assert forced.code == 1 and "built before the latest change" in forced.out
    assert snapshot(root) != before


# -- check and every gate agree ---------------------------------------------------------------------


def _unbuilt(root: Path, ho21: Callable[..., Run], tmp: Path) -> None:
    """The buildable meeting as it is: checked, never built."""


def _draft_built(root: Path, ho21: Callable[..., Run], tmp: Path) -> None:
    ok(ho21("build-innkalling", M, "--draft", "--root", root))


def _case_without_text(root: Path, ho21: Callable[..., Run], tmp: Path) -> None:
    ok(ho21("add-case", M, "--title", "Uten tekst", "--root", root))


def _edited_build_file(root: Path, ho21: Callable[..., Run], tmp: Path) -> None:
    ok(ho21("build-innkalling", M, "--root", root))
    innkalling = root / M / "build" / "innkalling-2026-1.docx"
    innkalling.write_bytes(innkalling.read_bytes() + b"\0")  # as if saved again in Word


def _untouched_skeleton(root: Path, ho21: Callable[..., Run], tmp: Path) -> None:
    ok(ho21("build-innkalling", M, "--root", root))
    ok(ho21("send", M, "--date", "2026-01-04", "--root", root))
    ok(ho21("draft-referat", M, "--root", root))


STATES = {
    "not built": (_unbuilt, ["send"]),
    "draft built": (_draft_built, ["send"]),
    "case without text": (_case_without_text, ["build-innkalling", "send"]),
    "build file edited": (_edited_build_file, ["build-innkalling"]),
    "referat skeleton untouched": (_untouched_skeleton, ["referat-sent", "referat-approved", "referat-pdf"]),
}
GATES = {
    "build-innkalling": (M,),
    "send": (M, "--date", "2026-01-04"),
    "referat-sent": (M, "--date", "2026-01-21"),
    "referat-approved": (M, "--date", "2026-01-20"),
    "referat-pdf": (M,),
}


@pytest.mark.parametrize("state", list(STATES))
def test_check_and_every_gate_agree(
    state: str, buildable: Path, ho21: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each gate run on the state: it refuses exactly when `check` reports the problem, in the same words."""
    monkeypatch.setenv("COLUMNS", "1000")  # one line per problem in check's table
    make, refusing = STATES[state]
    root = buildable
    make(root, ho21, tmp_path)
    _, problems = run_check(root, M, today=date(2026, 1, 20))
    said = [p for p in problems if p.code not in ("past", "deadline-passed", "deadline-soon")]
    assert said, f"check says nothing of «{state}»"
    for gate in refusing:
        if gate == "referat-pdf" and not HAS_SOFFICE:
            continue
        before = snapshot(root)
        result = ho21(gate, *GATES[gate], "--root", root)
        printed = " ".join((result.out + result.err).split())
        assert result.code in (1, 4), f"{gate} did not refuse «{state}»: {printed}"
        assert snapshot(root) == before, gate
        blocking = [p for p in said if p.severity.value == "feil"] or said
        for p in blocking:
            assert " ".join(p.what.split()) in printed, f"{gate} on «{state}» does not say «{p.what}»"


def test_a_refusal_lists_every_error_not_only_their_number(buildable: Path, ho21: Callable[..., Run]) -> None:
    root = buildable
    for n in range(12):
        ok(ho21("add-case", M, "--title", f"Sak uten tekst nummer {n + 1}", "--root", root))
    result = ho21("build-innkalling", M, "--root", root)
    assert result.code == 1 and "12 error(s)" in result.err
    for n in range(12):
        assert f"«Sak uten tekst nummer {n + 1}» has no saksfremlegg text" in result.err
