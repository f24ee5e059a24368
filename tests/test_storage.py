"""The manifest, the profile and safe file handling on disk."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from ho21cli.core.model import Case, CaseKind, Meeting, Vedlegg
from ho21cli.core.numbering import MeetingId
from ho21cli.errors import EnvironmentProblem, InputError
from ho21cli.storage.archive import Archive
from ho21cli.storage.files import LOCK_NAME, atomic_write_text, folder_lock
from ho21cli.storage.manifest import load_meeting, parse_meeting, render_manifest, save_meeting
from ho21cli.storage.profile import builtin_profile_text, load_profile
from ho21cli.storage.tomlfile import Table

REPO = Path(__file__).resolve().parent.parent


def sample_meeting() -> Meeting:
    return Meeting(
        year=2026,
        number=2,
        date=date(2026, 3, 14),
        first_case=13,
        fixed_first=13,  # the archive's first meeting of 2026 starts at 13
        start="10:00",
        end="15:00",
        place="Forskningsrådets lokaler",
        address="Drammensveien 288",
        cases=[
            Case("innkalling", "Godkjenning av innkalling og saksliste", standard="innkalling"),
            Case(
                "helsereform",
                "Helsereformutvalget – «innspill» fra rådet",
                kind=CaseKind.DISKUSJON,
                saksbehandlere=["Henrietta Blankson", "Tine Thorbjørnsen"],
                forslag="Rådet gir innspill.\nSekretariatet følger opp.",
                body="saker/helsereform.md",
                vedlegg=[Vedlegg("vedlegg/notat.pdf", "Notat"), Vedlegg("vedlegg/brev.pdf", "Brev fra HOD")],
                inhabil=["Guri Rørtveit"],
            ),
            Case("orienteringer", "Orienteringer", kind=CaseKind.ORIENTERING, ettersendes=True),
            Case("eventuelt", "Eventuelt", standard="eventuelt"),
        ],
    )


def parse_text(text: str) -> Meeting:
    return parse_meeting(Table(tomllib.loads(text), "2026-2/meeting.toml"))


MANIFEST = """\
# Toppkommentar skrevet for hånd: møtet ble flyttet fra februar.
schema = 1

[meeting]
year = 2026
number = 2
date = 2026-03-14
first_case = 13

[[cases]]
id = "innkalling"
title = "Godkjenning av innkalling og saksliste"

[[cases]]
id = "helsereform"
# Kommentar i saken: HOD ba om denne.
title = "Helsereformutvalget"
kind = "diskusjon"  # avklart med leder

[[cases]]
id = "eventuelt"
title = "Eventuelt"
"""


def write_meeting(root: Path, text: str) -> Path:
    folder = root / "2026-2"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "meeting.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> InputError:
    path = write_meeting(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_meeting(path)
    return info.value


# -- manifest round trip ------------------------------------------------------------


def test_manifest_round_trip() -> None:
    meeting = sample_meeting()
    text = render_manifest(meeting)
    assert parse_text(text) == meeting
    assert text.startswith("# Møtemanifest for ho21.")
    assert "first_case = 13" in text
    assert "Sak 13" not in text  # numbers are never written


def test_save_and_load_meeting(tmp_path: Path) -> None:
    path = tmp_path / "2026-2" / "meeting.toml"
    meeting = sample_meeting()
    save_meeting(path, meeting)
    loaded = load_meeting(path)
    assert loaded == meeting
    assert [n for n, _ in loaded.numbered()] == [13, 14, 15, 16]
    save_meeting(path, loaded)  # a second save changes nothing
    assert load_meeting(path) == meeting


def test_defaults_are_left_out() -> None:
    text = render_manifest(Meeting(2026, 1, date(2026, 1, 14), 1, cases=[Case("a", "A")]))
    data = tomllib.loads(text)
    assert data["meeting"] == {"year": 2026, "number": 1, "date": date(2026, 1, 14)}  # first_case: computed
    assert data["cases"] == [{"id": "a", "title": "A", "kind": "vedtak"}]


def test_rewrite_of_unchanged_meeting_only_adds_explicit_kinds() -> None:
    text = render_manifest(parse_text(MANIFEST), MANIFEST)
    assert text.count('kind = "vedtak"\n') == 2  # the default kind is written out
    assert text.replace('kind = "vedtak"\n', "") == MANIFEST
    assert render_manifest(parse_text(text), text) == text


# -- comments survive rewrites -------------------------------------------------------

TOP = "# Toppkommentar skrevet for hånd: møtet ble flyttet fra februar."
INSIDE = "# Kommentar i saken: HOD ba om denne."
INLINE = 'kind = "diskusjon"  # avklart med leder'


def case_block(text: str, case_id: str) -> str:
    """The text of one [[cases]] table, from its header to the next one."""
    blocks = text.split("[[cases]]\n")[1:]
    return next(b for b in blocks if b.startswith(f'id = "{case_id}"'))


def test_comments_kept_when_a_case_is_moved() -> None:
    meeting = parse_text(MANIFEST)
    meeting.cases.insert(0, meeting.cases.pop(1))  # helsereform first
    text = render_manifest(meeting, MANIFEST)
    assert text.startswith(TOP + "\n")
    assert INSIDE in case_block(text, "helsereform")
    assert INLINE in case_block(text, "helsereform")
    assert [c.id for c in parse_text(text).cases] == ["helsereform", "innkalling", "eventuelt"]


def test_comments_kept_when_a_case_is_changed() -> None:
    meeting = parse_text(MANIFEST)
    meeting.cases[1].title = "Helsereformutvalget – innspill"
    meeting.cases[1].saksbehandlere = ["Karianne Solaas"]
    meeting.date = date(2026, 3, 18)
    text = render_manifest(meeting, MANIFEST)
    assert text.startswith(TOP + "\n")
    block = case_block(text, "helsereform")
    assert INSIDE in block
    assert INLINE in block
    assert 'title = "Helsereformutvalget – innspill"' in block
    assert 'saksbehandlere = ["Karianne Solaas"]' in block
    assert "date = 2026-03-18" in text
    assert parse_text(text) == meeting


def test_comments_kept_when_a_case_is_added() -> None:
    meeting = parse_text(MANIFEST)
    meeting.cases.insert(1, Case("ny-sak", "Ny sak"))
    text = render_manifest(meeting, MANIFEST)
    assert text.startswith(TOP + "\n")
    assert INSIDE in case_block(text, "helsereform")
    assert INLINE in case_block(text, "helsereform")
    assert [c.id for c in parse_text(text).cases] == ["innkalling", "ny-sak", "helsereform", "eventuelt"]


def test_comments_kept_when_another_case_is_removed() -> None:
    meeting = parse_text(MANIFEST)
    del meeting.cases[0]
    text = render_manifest(meeting, MANIFEST)
    assert text.startswith(TOP + "\n")
    assert INSIDE in case_block(text, "helsereform")
    assert "innkalling" not in text
    assert [n for n, _ in parse_text(text).numbered()] == [13, 14]


def test_comment_goes_with_its_removed_case() -> None:
    meeting = parse_text(MANIFEST)
    del meeting.cases[1]
    text = render_manifest(meeting, MANIFEST)
    assert text.startswith(TOP + "\n")
    assert INSIDE not in text
    assert [c.id for c in parse_text(text).cases] == ["innkalling", "eventuelt"]


def test_comment_above_a_case_header_moves_with_the_case() -> None:
    text = MANIFEST.replace('[[cases]]\nid = "eventuelt"', '# Eventuelt: to saker meldt\n[[cases]]\nid = "eventuelt"')
    meeting = parse_text(text)
    meeting.cases.insert(0, meeting.cases.pop(2))  # eventuelt first
    new = render_manifest(meeting, text)
    assert new.index("# Eventuelt: to saker meldt") < new.index('id = "eventuelt"') < new.index('id = "innkalling"')


# -- manifest errors -------------------------------------------------------------


def test_unknown_case_key_suggests_the_right_one(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace('title = "Eventuelt"', 'titel = "Eventuelt"'))
    assert err.what == "unknown key «titel»"
    assert err.where == "2026-2/meeting.toml: cases[2]"
    assert err.fix == "Did you mean «title»?"


def test_unknown_key_without_a_near_match_lists_known_keys(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace("first_case = 13", "first_case = 13\nxyzzy = 1"))
    assert err.what == "unknown key «xyzzy»"
    assert err.where == "2026-2/meeting.toml: meeting"
    assert err.fix is not None and err.fix.startswith("Known keys: year, number, date")


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("year = 2026", 'year = "2026"', "«year» must be a whole number, not str '2026'"),
        ("number = 2", "number = true", "«number» must be a whole number, not bool True"),
        ("first_case = 13", "first_case = 13.0", "«first_case» must be a whole number, not float 13.0"),
        ("first_case = 13", "first_case = 0", "«first_case» must be at least 1, not 0"),
    ],
)
def test_wrong_type_message(tmp_path: Path, old: str, new: str, what: str) -> None:
    err = load_error(tmp_path, MANIFEST.replace(old, new))
    assert err.what == what
    assert err.where == "2026-2/meeting.toml: meeting"


def test_wrong_type_in_a_case(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace('title = "Eventuelt"', 'title = "Eventuelt"\nsaksbehandlere = "Ole"'))
    assert err.what == "«saksbehandlere» must be a list of texts in quotes, not str 'Ole'"
    assert err.where == "2026-2/meeting.toml: cases[2]"


def test_missing_required_key(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace('title = "Eventuelt"\n', ""))
    assert err.what == "«title» is missing"
    assert err.fix == "Add a line: title = ..."


def test_invalid_date_in_manifest(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace("date = 2026-03-14", 'date = "2026-02-30"'))
    assert err.what == "«2026-02-30» is not a valid date"
    assert err.where == "2026-2/meeting.toml: meeting.date"


def test_unknown_case_kind(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace('kind = "diskusjon"', 'kind = "vedtakk"'))
    assert err.what == "unknown case kind «vedtakk»"
    assert err.fix == "Use vedtak, diskusjon or orientering."


def test_schema_newer_than_supported_is_refused(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace("schema = 1", "schema = 2"))
    assert err.what == "was written by a newer ho21 (schema 2; this ho21 reads up to 1)"
    assert err.where == "2026-2/meeting.toml"
    assert err.fix is not None and "Upgrade ho21" in err.fix


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = write_meeting(tmp_path, MANIFEST.replace("number = 2", "number = = 2"))
    with pytest.raises(InputError) as info:
        load_meeting(path)
    assert info.value.what.startswith("is not valid TOML at line 6, column 10: a value TOML does not know")
    assert info.value.where == str(path)


def test_manifest_that_is_not_utf8(tmp_path: Path) -> None:
    path = write_meeting(tmp_path, "")
    path.write_bytes(MANIFEST.encode("latin-1", errors="replace").replace(b"\xe5", b"\xe5\xff"))
    with pytest.raises(InputError) as info:
        load_meeting(path)
    assert info.value.what == "is not UTF-8 text"


def test_duplicate_case_ids_are_refused(tmp_path: Path) -> None:
    err = load_error(tmp_path, MANIFEST.replace('id = "eventuelt"', 'id = "innkalling"'))
    assert err.what == "case id «innkalling» is used twice"
    assert err.where == "2026-2/meeting.toml: cases[2].id"


# -- profile ----------------------------------------------------------------------


def write_profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profil.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_profile_loads(tmp_path: Path) -> None:
    profile = load_profile(write_profile(tmp_path, builtin_profile_text()))
    assert profile.name == "HelseOmsorg21-rådet"
    assert profile.short_name == "HO21"
    assert len(profile.roster.members) == 14
    assert len(profile.roster.observers) == 3
    assert len(profile.roster.secretariat) == 4
    assert [s.key for s in profile.opening_cases] == [
        "innkalling",
        "habilitet",
        "referat",
        "orienteringer",
        "meldinger",
    ]
    assert [s.key for s in profile.closing_cases] == ["eventuelt", "evaluering"]
    assert profile.closing_cases[0].title == "Eventuelt"
    assert profile.opening_cases[2].title == "Godkjenning av referat fra møte {forrige_møte}"
    assert profile.numbering.saksliste == "Sak {n}/{meeting}/{year}"
    assert (profile.start, profile.end) == ("10:00", "15:00")
    assert (profile.innkalling_days_before, profile.merknadsfrist_days) == (10, 7)
    assert profile.roster.members[0].name == "Per Morten Sandset"
    assert profile.roster.find("guri rørtveit") is not None
    assert profile.opening_cases[0].body.startswith("## Hvorfor saken fremmes")  # stripped


def test_profile_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    text = builtin_profile_text().replace(
        'forslag = "Referatet godkjennes."', 'forslag = "Referatet {ukjent} godkjennes."'
    )
    with pytest.raises(InputError) as info:
        load_profile(write_profile(tmp_path, text))
    assert info.value.what == "unknown placeholder(s) {ukjent}"
    assert info.value.where == "profil.toml: opening_cases[2].forslag"
    assert info.value.fix is not None and "{forrige_møte}" in info.value.fix


def test_profile_literal_braces_that_are_not_placeholders_are_allowed(tmp_path: Path) -> None:
    text = builtin_profile_text().replace('forslag = "Referatet godkjennes."', 'forslag = "Se {{ 7*7 }} og {1}."')
    profile = load_profile(write_profile(tmp_path, text))
    assert profile.opening_cases[2].forslag == "Se {{ 7*7 }} og {1}."


def test_profile_bad_number_format_is_refused(tmp_path: Path) -> None:
    text = builtin_profile_text().replace('saksliste = "Sak {n}/{meeting}/{year}"', 'saksliste = "Sak {nr}"')
    with pytest.raises(InputError) as info:
        load_profile(write_profile(tmp_path, text))
    assert info.value.what == "number format «Sak {nr}» uses unknown field(s) ['nr']"
    assert info.value.where == "profil.toml: numbering.saksliste"


def test_profile_person_listed_twice_is_refused(tmp_path: Path) -> None:
    text = builtin_profile_text().replace('name = "Tarje Bjørgum"', 'name = "Øivind  Enger"')
    with pytest.raises(InputError) as info:
        load_profile(write_profile(tmp_path, text))
    assert info.value.what == "«Øivind Enger» is listed twice"


# -- files -----------------------------------------------------------------------


def test_atomic_write_text_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "meeting.toml"
    atomic_write_text(path, "første\n")
    assert path.read_text(encoding="utf-8") == "første\n"
    path.chmod(0o640)
    atomic_write_text(path, "andre – æøå\n")
    assert path.read_text(encoding="utf-8") == "andre – æøå\n"
    assert path.stat().st_mode & 0o777 == 0o640  # the mode survives the replacement
    assert sorted(p.name for p in path.parent.iterdir()) == ["meeting.toml"]


def test_atomic_write_failure_leaves_old_file(tmp_path: Path) -> None:
    path = tmp_path / "meeting.toml"
    atomic_write_text(path, "gammel\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(path, "\ud800")  # a lone surrogate cannot be written
    assert path.read_text(encoding="utf-8") == "gammel\n"
    assert [p.name for p in tmp_path.iterdir()] == ["meeting.toml"]


HOLD_LOCK = """
import sys, time
from pathlib import Path
from ho21cli.storage.files import folder_lock
with folder_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(30)
"""


def test_folder_lock_held_by_another_process_times_out(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env, cwd=REPO
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(EnvironmentProblem) as info, folder_lock(tmp_path, wait_seconds=0.2):
            pass
        assert info.value.what == "another ho21 command is working on this meeting"
        assert info.value.where == str(tmp_path)
        assert info.value.exit_code == 5
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    with folder_lock(tmp_path, wait_seconds=0.2):  # free again once the other process is gone
        assert (tmp_path / LOCK_NAME).exists()


def test_folder_lock_can_be_taken_again_after_release(tmp_path: Path) -> None:
    entered = []
    with folder_lock(tmp_path, wait_seconds=0.1):
        entered.append(1)
    with folder_lock(tmp_path, wait_seconds=0.1):
        entered.append(2)
    assert entered == [1, 2]


def test_folder_lock_on_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info, folder_lock(tmp_path / "finnes-ikke"):
        pass
    assert info.value.what == "file or folder not found"


# -- build record ----------------------------------------------------------------


def test_archive_lists_and_resolves_meetings(tmp_path: Path) -> None:
    write_meeting(tmp_path, MANIFEST)
    (tmp_path / "2025-3").mkdir()
    (tmp_path / "2025-3" / "meeting.toml").write_text(MANIFEST.replace("year = 2026", "year = 2025"), encoding="utf-8")
    (tmp_path / "notater").mkdir()
    (tmp_path / "2026-3").mkdir()  # no manifest: not a meeting
    archive = Archive(tmp_path)
    assert archive.meeting_ids() == [MeetingId(2025, 3), MeetingId(2026, 2)]
    assert archive.resolve("2026-2") == MeetingId(2026, 2)
    assert archive.resolve(" 2/2026 ") == MeetingId(2026, 2)
    with pytest.raises(InputError) as info:
        archive.resolve("2026-3")
    assert info.value.what == f"there is no meeting 3/2026 in {tmp_path}"
    assert info.value.fix is not None and "2025-3, 2026-2" in info.value.fix
    with pytest.raises(InputError) as info:
        archive.load(MeetingId(2025, 3))
    assert info.value.what == "the manifest says year 2025, number 2, but its folder is 2025-3"
