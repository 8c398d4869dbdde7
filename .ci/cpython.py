"""Provision CPython versions that this machine image lacks, from Debian's builds, without root.

    python3 .ci/cpython.py 3.14 3.15        # prints the interpreter of each version

Debian's development suites carry the newest CPythons (packages python3.14, python3.15).
For each version this fetches the suite's package index from the Debian archive named in
the machine's apt sources, verifies it (the suite's InRelease signature with gpgv and
Debian's archive keyring, then the index's SHA256), resolves what python3.X-minimal,
libpython3.X-minimal and libpython3.X-stdlib depend on, checks every .deb against the
index's SHA256, and unpacks them into a cache folder with `dpkg-deb -x`.

Those builds need a newer C library than the machine has, so each is started through
the C library's own loader, unpacked beside it, from a small wrapper script in the
unpacked usr/bin/: `CACHE/3.X/usr/bin/python`. The wrapper names itself as argv[0],
so sys.executable, sys.prefix, `python -m venv` and subprocesses all work.

The cache folder (HTTP_REGISTRIES_CPYTHON_CACHE, else ~/.cache/http-registries/cpython)
is reused while its interpreter runs; delete a version's folder to fetch it again.
Suites move on, so a version is looked for in unstable, then testing, then experimental;
when it is in none of them, the script says what it tried and exits 1.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import lzma
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

SUITES = ("unstable", "testing", "experimental")
KEYRING = Path("/usr/share/keyrings/debian-archive-keyring.gpg")
# Debian's architecture name, its multiarch folder and its loader, per machine.
ARCHITECTURES = {
    "x86_64": ("amd64", "x86_64-linux-gnu", "ld-linux-x86-64.so.2"),
    "aarch64": ("arm64", "aarch64-linux-gnu", "ld-linux-aarch64.so.1"),
}
WRAPPER = """\
#!/bin/sh
# CPython {version} from Debian's {suite} suite ({packages}), started through the
# C library unpacked beside it, which is newer than this machine's. Made by .ci/cpython.py.
real=$(readlink -f "$0")
root=${{real%/usr/bin/*}}
exec "$root/{loader}" --library-path "$root/usr/lib/{multiarch}" --argv0 "$0" \\
    "$root/usr/bin/python{version}" "$@"
"""
COMPLETE = ".complete"
COMPILED = ".byte-compiled"


class ProvisionError(Exception):
    pass


def cache_folder() -> Path:
    configured = os.environ.get("HTTP_REGISTRIES_CPYTHON_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "http-registries" / "cpython"


def provision(version: str, cache: Path) -> Path:
    root = cache / version
    python = root / "usr" / "bin" / "python"
    if (root / COMPLETE).exists() and _runs(python, version):
        if not (root / COMPILED).exists():  # a cache made before this step
            byte_compile(python, root, version)
        return python
    architecture = ARCHITECTURES.get(platform.machine())
    if architecture is None:
        raise ProvisionError(f"no Debian architecture known for {platform.machine()}")
    debian_arch, multiarch, loader_name = architecture
    archive = debian_archive()
    tried = []
    base: dict[str, dict[str, str]] = {}
    for suite in SUITES:
        try:
            index = package_index(archive, suite, debian_arch)
        except ProvisionError as error:
            tried.append(f"{suite} ({error})")
            continue
        if suite == "unstable":
            base = index
        # experimental holds only what differs from unstable
        packages = {**base, **index} if suite == "experimental" else index
        if f"python{version}-minimal" in index:
            break
        tried.append(f"{suite} (no python{version}-minimal)")
    else:
        raise ProvisionError(
            f"CPython {version} was found in no suite of {archive}: tried {'; '.join(tried)}"
        )
    needed = resolve(
        packages,
        [
            f"python{version}-minimal",
            f"libpython{version}-minimal",
            f"libpython{version}-stdlib",
        ],
    )
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=cache))
    try:
        for name in needed:
            unpack(archive, packages[name], staging)
        loaders = glob.glob(str(staging / "usr" / "lib*" / loader_name))
        if not loaders:
            raise ProvisionError(f"the unpacked C library has no {loader_name}")
        wrapper = staging / "usr" / "bin" / "python"
        wrapper.write_text(
            WRAPPER.format(
                version=version,
                suite=suite,
                packages=packages[f"python{version}-minimal"]["Version"],
                loader=os.path.relpath(loaders[0], staging),
                multiarch=multiarch,
            ),
            encoding="utf-8",
        )
        wrapper.chmod(0o755)
        (staging / COMPLETE).write_text(
            "".join(
                f"{name} {packages[name]['Version']} {packages[name]['SHA256']}\n"
                for name in needed
            ),
            encoding="utf-8",
        )
        shutil.rmtree(root, ignore_errors=True)
        staging.rename(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not _runs(python, version):
        raise ProvisionError(f"{python} was unpacked but does not run")
    byte_compile(python, root, version)
    return python


def byte_compile(python: Path, root: Path, version: str) -> None:
    """Compile the standard library, as Debian's package scripts do on installation:
    without it every import of it compiles from source (and with PYTHONDONTWRITEBYTECODE
    set, every time), which no installed CPython does."""
    subprocess.run(
        [
            str(python),
            "-m",
            "compileall",
            "-q",
            "-j0",
            str(root / "usr" / "lib" / f"python{version}"),
        ],
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
        check=False,  # a test file that does not compile is no reason to stop
    )
    (root / COMPILED).touch()


def _runs(python: Path, version: str) -> bool:
    return full_version(python).startswith(f"{version}.")


def full_version(python: Path) -> str:
    """Such as 3.14.10, or "" when the interpreter does not run."""
    try:
        result = subprocess.run(
            [str(python), "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def debian_archive() -> str:
    """The Debian archive that the machine's apt sources name (not its security archive)."""
    found = []
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for stanza in re.split(r"\n\s*\n", text):
            fields = _fields(stanza)
            if "deb" in fields.get("Types", "").split():
                found += fields.get("URIs", "").split()
    for path in [
        "/etc/apt/sources.list",
        *sorted(glob.glob("/etc/apt/sources.list.d/*.list")),
    ]:
        if os.path.exists(path):
            for line in (
                Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            ):
                match = re.match(r"\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)", line)
                if match:
                    found.append(match.group(1))
    for uri in found:
        if re.search(r"/debian/?$", uri):
            return uri.rstrip("/")
    raise ProvisionError(
        "the apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/) name no Debian archive"
    )


def _fields(stanza: str) -> dict[str, str]:
    """The fields of one deb822 stanza; continuation lines are joined."""
    fields: dict[str, str] = {}
    key = None
    for line in stanza.splitlines():
        if line.startswith("#"):
            continue
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except OSError as error:
        raise ProvisionError(f"cannot fetch {url}: {error}") from None


def package_index(archive: str, suite: str, arch: str) -> dict[str, dict[str, str]]:
    """The suite's main packages for `arch`, by name, verified from the signed InRelease."""
    with tempfile.TemporaryDirectory() as folder:
        signed = Path(folder) / "InRelease"
        signed.write_bytes(fetch(f"{archive}/dists/{suite}/InRelease"))
        verified = subprocess.run(
            ["gpgv", "--keyring", str(KEYRING), "--output", "-", str(signed)],
            capture_output=True,
            check=False,
        )
    if verified.returncode != 0:
        raise ProvisionError(
            f"the signature of {suite}/InRelease does not verify against {KEYRING}: "
            + verified.stderr.decode("utf-8", "replace").strip()
        )
    release = verified.stdout.decode("utf-8")
    member = f"main/binary-{arch}/Packages.xz"
    match = re.search(rf"^ ([0-9a-f]{{64}}) +\d+ {re.escape(member)}$", release, re.M)
    if not match:
        raise ProvisionError(f"{suite}/InRelease lists no SHA256 of {member}")
    compressed = fetch(f"{archive}/dists/{suite}/{member}")
    if hashlib.sha256(compressed).hexdigest() != match.group(1):
        raise ProvisionError(f"{suite}/{member} does not match its SHA256 in InRelease")
    packages: dict[str, dict[str, str]] = {}
    for stanza in lzma.decompress(compressed).decode("utf-8").split("\n\n"):
        fields = _fields(stanza)
        if "Package" in fields:
            packages.setdefault(fields["Package"], fields)
    return packages


def resolve(packages: dict[str, dict[str, str]], roots: list[str]) -> list[str]:
    """The roots and every package they need at run time, by Depends and Pre-Depends.

    Packages for all architectures (tzdata, media-types, netbase, ...) hold data, not
    code that the loader needs; the interpreter runs without them, so they are left out.
    """
    providers: dict[str, str] = {}
    for name, fields in packages.items():
        for provided in fields.get("Provides", "").split(","):
            if provided.strip():
                providers.setdefault(provided.split()[0], name)
    needed: list[str] = []
    queue = list(roots)
    while queue:
        name = queue.pop(0)
        if name in needed:
            continue
        if name not in packages:
            raise ProvisionError(f"the index has no package {name}")
        if packages[name].get("Architecture") == "all" and name not in roots:
            continue
        needed.append(name)
        relations = ",".join(
            packages[name].get(field, "") for field in ("Pre-Depends", "Depends")
        )
        for group in relations.split(","):
            choices = [
                re.sub(r"[ (:].*", "", choice.strip()) for choice in group.split("|")
            ]
            choices = [choice for choice in choices if choice]
            if not choices:
                continue
            chosen = next(
                (choice for choice in choices if choice in packages),
                next((providers[c] for c in choices if c in providers), None),
            )
            if chosen is None:
                raise ProvisionError(
                    f"{name} needs {group.strip()}, which the index lacks"
                )
            queue.append(chosen)
    return needed


def unpack(archive: str, fields: dict[str, str], into: Path) -> None:
    data = fetch(f"{archive}/{fields['Filename']}")
    if hashlib.sha256(data).hexdigest() != fields["SHA256"]:
        raise ProvisionError(
            f"{fields['Filename']} does not match its SHA256 in the index"
        )
    with tempfile.NamedTemporaryFile(suffix=".deb") as deb:
        deb.write(data)
        deb.flush()
        subprocess.run(["dpkg-deb", "-x", deb.name, str(into)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="+", metavar="VERSION", help="such as 3.14")
    arguments = parser.parse_args()
    cache = cache_folder()
    for version in arguments.versions:
        try:
            print(provision(version, cache))
        except ProvisionError as error:
            print(f".ci/cpython.py: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
