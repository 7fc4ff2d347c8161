"""What the build installs is pinned: workflows install only through the Makefile, Python packages
with hashes (requirements*.txt), npm packages exact and locked with integrity."""

from __future__ import annotations

import json
import re

import pytest
from support import ROOT
from test_workflows import WORKFLOWS, load, steps


def test_workflows_install_only_through_the_makefile():
    for path in WORKFLOWS:
        for step in steps(load(path)):
            script = step.get("run", "")
            assert not re.search(r"\bpip3? install\b", script) or "--require-hashes" in script, script
            assert not re.search(r"\bnpm (install|i|update)\b|\bnpx\b|\byarn\b", script), script
            assert not re.search(r"curl|wget", script), script


def test_the_makefile_installs_with_hashes_and_from_the_lockfile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pip_lines = [line for line in makefile.splitlines() if "pip install" in line]
    assert pip_lines and all(
        "--require-hashes" in line and re.search(r"-r requirements-(dev|zensical)\.txt", line) for line in pip_lines
    )
    npm_lines = [line for line in makefile.splitlines() if re.search(r"\bnpm\b", line) and not line.startswith("#")]
    assert npm_lines and all(re.search(r"\bnpm ci\b", line) for line in npm_lines)


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt", "requirements-zensical.txt"])
def test_every_python_requirement_is_pinned_with_a_hash(name):
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    requirements = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(("#", "-"))]
    assert len(requirements) >= 10  # requirements-zensical.txt: Zensical and its ten dependencies
    for line in requirements:
        assert re.match(r"[A-Za-z0-9_.\-\[\]]+==[^\s;]+", line), line
        assert "--hash=sha256:" in line, line


def test_every_npm_package_is_exact_and_locked_with_integrity():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version} is not an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    for name, entry in lock["packages"].items():
        if name:
            assert entry.get("integrity", "").startswith("sha512-"), name
