"""The GitHub side of contributing: issue forms that follow the schemas, review rules, update bots,
pre-commit, yamllint, and the guide that explains it all."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.schemas import Schemas

GITHUB = ROOT / ".github"
FORMS = {"praxisbeispiel-vorschlagen.yml": "practices", "veranstaltung-melden.yml": "events"}
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
EDITORIAL_ONLY = {"published", "updated", "sources_checked"}  # set by the editorial team, not asked in a form
CONTRIBUTING_URL = "https://github.com/msdz-brandenburg/wissenstransfer-hub/blob/main/CONTRIBUTING.md"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def form_fields(form: dict) -> dict[str, dict]:
    return {item["id"]: item for item in form["body"] if "id" in item}


@pytest.mark.parametrize(("name", "collection"), FORMS.items())
def test_issue_form_fields_are_the_schema_fields(name, collection):
    schemas = Schemas(ROOT / "data" / "schema")
    schema = schemas.collection_schema(collection)
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    fields = form_fields(form)
    for item in form["body"]:
        if item["type"] in ("input", "textarea", "dropdown"):
            assert "id" in item, f"{name}: Feld '{item['attributes']['label']}' ohne id"
    assert set(fields) <= set(schema["properties"]), set(fields) - set(schema["properties"])
    # Every field an editor can know is asked for; the required ones are required in the form too.
    assert set(schema["properties"]) - EDITORIAL_ONLY <= set(fields), set(schema["properties"]) - set(fields)
    for key in schema["required"]:
        if key not in EDITORIAL_ONLY:
            assert fields[key].get("validations", {}).get("required") is True, f"{name}: {key}"
    for key, item in fields.items():
        prop = schemas.resolve(schema["properties"][key])
        if item["type"] == "dropdown":  # the options are the schema's German labels, in its order
            allowed = prop if "enum" in prop else schemas.resolve(prop["items"])
            assert item["attributes"]["options"] == [allowed["x-labels"][v] for v in allowed["enum"]], key
            assert item["attributes"].get("multiple", False) == (prop.get("type") == "array"), key


def test_error_form_asks_for_page_correction_and_sources():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "fehler-melden.yml")
    assert set(form_fields(form)) == {"page", "problem", "correction", "sources"}


@pytest.mark.parametrize(
    ("files", "schema"),
    [
        (
            [
                "ISSUE_TEMPLATE/praxisbeispiel-vorschlagen.yml",
                "ISSUE_TEMPLATE/veranstaltung-melden.yml",
                "ISSUE_TEMPLATE/fehler-melden.yml",
            ],
            "vendor.github-issue-forms",
        ),
        (["ISSUE_TEMPLATE/config.yml"], "vendor.github-issue-config"),
        (["dependabot.yml"], "vendor.dependabot"),
    ],
)
def test_github_files_are_valid_for_github(files, schema):
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *(str(GITHUB / f) for f in files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_updates_pip_and_actions_weekly():
    updates = {u["package-ecosystem"]: u for u in load(GITHUB / "dependabot.yml")["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    assert all(u["schedule"]["interval"] == "weekly" and u["directory"] == "/" for u in updates.values())


def owners(path: str) -> list[str]:
    """The owners of a path: the last matching line of CODEOWNERS wins (the patterns used here)."""
    found: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *teams = line.split()
        if (
            pattern == "*"
            or (pattern.endswith("/") and ("/" + path).startswith(pattern))
            or "/" + path == pattern
            or fnmatch.fnmatch("/" + path, pattern)
        ):
            found = teams
    return found


@pytest.mark.parametrize(
    ("path", "team"),
    [
        ("data/practices/geloster-zukunftsrat.yml", "@msdz-brandenburg/redaktion"),
        ("data/events/auftakt-2020.yml", "@msdz-brandenburg/redaktion"),
        ("docs/mitmachen.md", "@msdz-brandenburg/redaktion"),
        ("hooks/msdz_hub/validation/__init__.py", "@msdz-brandenburg/technik"),
        (".github/workflows/ci.yml", "@msdz-brandenburg/technik"),
        ("Makefile", "@msdz-brandenburg/technik"),
    ],
)
def test_codeowners_send_data_to_the_editors_and_code_to_the_technical_team(path, team):
    assert owners(path) == [team]


def test_schemas_are_reviewed_by_both_teams():
    assert set(owners("data/schema/practices.schema.json")) == {
        "@msdz-brandenburg/technik",
        "@msdz-brandenburg/redaktion",
    }


def test_pre_commit_runs_yamllint_at_a_pinned_version_and_the_data_check():
    config = load(ROOT / ".pre-commit-config.yaml")
    repos = {repo["repo"]: repo for repo in config["repos"]}
    yamllint = repos["https://github.com/adrienverge/yamllint"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", yamllint["rev"])
    assert [h["id"] for h in yamllint["hooks"]] == ["yamllint"]
    local = {hook["id"]: hook for hook in repos["local"]["hooks"]}
    check = local["msdz-check"]
    assert check["language"] == "system" and check["pass_filenames"] is False
    assert "PYTHONPATH=hooks" in check["entry"] and check["entry"].endswith("-m msdz_hub check")
    assert re.match(check["files"], "data/practices/x.yml")


def test_pre_commit_runs_the_code_gates_of_make_lint_with_the_pinned_tools():
    local = {hook["id"]: hook for hook in load(ROOT / ".pre-commit-config.yaml")["repos"][1]["hooks"]}
    assert local["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert local["ruff-format"]["entry"].startswith(".venv/bin/ruff format --check")
    assert local["mypy"]["entry"].endswith(".venv/bin/mypy hooks")
    for hook in ("ruff-check", "ruff-format"):
        assert re.match(local[hook]["files"], "hooks/msdz_hub/model.py") and re.match(
            local[hook]["files"], "tests/x.py"
        )
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: lint ", makefile, re.M)
    for command in ("ruff check hooks tests bench", "ruff format --check hooks tests bench", "mypy hooks"):
        assert f"\t$(BIN)/{command}\n" in makefile


def test_yamllint_passes_on_the_repository_and_on_new_records(tiny_hub):
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    from msdz_hub.editors.new_record import create

    config = YamlLintConfig(file=str(ROOT / ".yamllint"))
    paths = [p for p in ROOT.rglob("*.y*ml") if not config.is_file_ignored(str(p.relative_to(ROOT)))]
    paths += [create(tiny_hub.root, c, "Vorlage") for c in COLLECTIONS]
    problems = [
        f"{p}:{e.line}:{e.column}: {e.desc}"
        for p in paths
        for e in linter.run(p.read_text(encoding="utf-8"), config, str(p))
    ]
    assert not problems, "\n".join(problems)


def test_pull_request_template_is_a_german_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ] ") >= 5
    for words in ("`sources`", "`notes`", "eigenen Worten", "Kennung"):
        assert words in text


def test_contributing_explains_every_field_of_practices_and_events():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for collection in ("practices", "events"):
        schema = Schemas(ROOT / "data" / "schema").collection_schema(collection)
        missing = [key for key in schema["properties"] if f"`{key}`" not in text]
        assert not missing, f"CONTRIBUTING.md erklärt diese Felder von {collection} nicht: {missing}"
    for words in ("Seite editieren", "Fork", "Pull Request", "CODEOWNERS", "`notes`", "https://"):
        assert words in text


def test_contributing_examples_are_valid_records(tiny_hub):
    """The YAML examples in CONTRIBUTING.md pass the schema (references aside, which differ in a TinyHub)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = re.findall(
        r"```yaml\n(# yaml-language-server: \$schema=\.\./schema/(\w+)\.schema\.json\n.*?)```", text, re.S
    )
    assert {collection for _, collection in examples} >= {"practices", "events"}
    for example, collection in examples:
        tiny_hub.write(f"{collection}/beispiel-aus-der-anleitung.yml", example)
    problems = [p for p in tiny_hub.problems() if "es gibt keine Datei" not in p]
    assert problems == []


def test_mitmachen_links_the_guide():
    assert f"]({CONTRIBUTING_URL})" in (ROOT / "docs" / "mitmachen.md").read_text(encoding="utf-8")
