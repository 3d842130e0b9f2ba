"""The pinned requirements install on every Python the README names, 3.11 to 3.14, from wheels.

Without the interpreters: pip resolves requirements.txt, with every dependency, for another
Python (`--python-version`), from wheels only (`--only-binary=:all:`), without installing
anything (`--dry-run`). It needs the package registry: run on its own (it takes about a
minute), as .ci/run does, with REQUIRE_REGISTRY=1, where a registry out of reach fails it;
elsewhere it skips with a notice.

    .venv/bin/pytest tests/check_python_versions.py
"""

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import CHAPTERS, ROOT

SUPPORTED = ("3.11", "3.12", "3.13", "3.14")
TOO_OLD = "3.10"
OFFLINE = re.compile(
    r"NewConnectionError|Max retries exceeded|Temporary failure in name resolution|"
    r"Could not fetch URL|Network is unreachable|ProxyError|timed out",
    re.I,
)


def pins():
    found = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


def resolve(version, tmp):
    """(exit code, pip's output, {name: version} pip would install) for a Python version."""
    report = tmp / f"report-{version}.json"
    args = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        "--only-binary=:all:",
        "--python-version",
        version,
        "--target",
        str(tmp / f"t{version}"),
        "--report",
        str(report),
        "-r",
        str(ROOT / "requirements.txt"),
    ]
    done = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    output = done.stdout + done.stderr
    installs = {}
    if done.returncode == 0:
        for item in json.loads(report.read_text())["install"]:
            meta = item["metadata"]
            installs[re.sub(r"[-_.]+", "-", meta["name"]).lower()] = meta["version"]
    return done.returncode, output, installs


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pip")
    with ThreadPoolExecutor(max_workers=2) as pool:  # the machine's two cores
        runs = dict(
            zip(SUPPORTED + (TOO_OLD,), pool.map(lambda v: resolve(v, tmp), SUPPORTED + (TOO_OLD,)))
        )
    for code, output, _ in runs.values():
        if code and OFFLINE.search(output):
            message = f"the package registry is out of reach: {OFFLINE.search(output).group(0)}"
            if os.environ.get("REQUIRE_REGISTRY") == "1":
                pytest.fail(f"REQUIRE_REGISTRY=1, but {message}", pytrace=False)
            pytest.skip(message)
    return runs


@pytest.mark.parametrize("version", SUPPORTED)
def test_every_pin_resolves_from_wheels(resolved, version):
    code, output, installs = resolved[version]
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert code == 0, f"Python {version}: " + "\n".join(errors or output.splitlines()[-5:])
    for name, pinned in pins().items():
        assert installs.get(name) == pinned, (
            f"Python {version}: {name} resolves to {installs.get(name)}"
        )
    assert len(installs) > 50  # the dependencies too, not only the pins


def test_a_too_old_python_is_refused_with_the_message_the_troubleshooting_page_quotes(resolved):
    code, output, _ = resolved[TOO_OLD]
    assert code != 0
    page = (CHAPTERS / "troubleshooting.md").read_text(encoding="utf-8")
    quoted = re.search(r"ERROR: No matching distribution found for \S+", page)
    assert quoted, "troubleshooting.md quotes no 'No matching distribution' message"
    assert quoted.group(0) in output, output[-2000:]
