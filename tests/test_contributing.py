"""What CONTRIBUTING.md teaches passes the pull request's check: a correct edit is never red.

Every YAML example of the guide is pasted into a fresh data file, and every rule's example
(`topics: [klimawandel, teilhabe]`, `>-`, a quoted title with a colon, a comment …) into a copy of
the practice example; then `make check` runs on a copy of the repository, as CI runs it. Each must
pass. Where the spelling differs from the one file style, check names it as a notice, and the
suggestions it writes for the pull request turn the file into exactly what `make format` writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", GUIDE, re.S)
COLLECTION = re.compile(r"\$schema=\.\./schema/([a-z]+)\.schema\.json")
# `key: value` in running text: the rules' and the field tables' examples
INLINE = sorted(set(re.findall(r"`([a-z_]+: [^`\n]+)`", GUIDE)))
RULES = GUIDE.split("## YAML in sieben Regeln", 1)[1].split("\n## ", 1)[0]
BIN = Path(sys.executable).parent


def _collection(example: str) -> str:
    found = COLLECTION.search(example)
    assert found, example[:80]
    return found[1]


def _replace_field(example: str, line: str) -> str:
    """``example`` with the top-level field of ``line`` (and its indented lines) replaced by ``line``."""
    key = line.split(":", 1)[0]
    kept, skipping = [], False
    for row in example.splitlines():
        if row.startswith(f"{key}:"):
            kept.append(line)
            skipping = True
        elif skipping and (row.startswith(" ") or not row.strip()):
            continue
        else:
            kept.append(row)
            skipping = False
    assert line in kept, f"{key} is no field of the example"
    return "\n".join(kept) + "\n"


def _variants() -> dict[str, tuple[str, str]]:
    """{file id: (collection, text)}: the examples, and the examples with each taught spelling."""
    by_collection = {_collection(example): example for example in EXAMPLES}
    variants = {f"anleitung-{name}": (name, text) for name, text in by_collection.items()}
    for number, line in enumerate(INLINE, start=1):
        key = line.split(":", 1)[0]
        name = next(name for name, text in by_collection.items() if re.search(rf"(?m)^{key}:", text))
        variants[f"regel-{number}-{key.replace('_', '-')}"] = (name, _replace_field(by_collection[name], line))
    practice = by_collection["practices"]
    # rule 4: longer texts folded with >- ; rule 7: a comment, on a line of its own and after a value
    variants["regel-falten"] = ("practices", practice.replace("context: |", "context: >-"))
    variants["regel-kommentar"] = (
        "practices",
        practice.replace("\ntopics:", "\n# Themen aus data/topics/\ntopics:").replace(
            "published: 2026-11-26", "published: 2026-11-26  # im Zweifel heute"
        ),
    )
    # the event's start with a time, as its field table shows it
    for moment in re.findall(r"`(\d{4}-\d\d-\d\dT\d\d:\d\d)`", GUIDE):
        variants[f"beginn-{moment.lower().replace(':', '')}"] = (
            "events",
            _replace_field(by_collection["events"], f"start: {moment}"),
        )
    return variants


def test_the_guide_has_the_examples_and_rules_this_test_relies_on():
    assert {_collection(example) for example in EXAMPLES} == {"practices", "events"}
    assert "topics: [klimawandel, teilhabe]" in INLINE and ">-" in RULES and "#" in RULES
    assert any('"' in line for line in INLINE)  # rule 5: a quoted value with a colon


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """A copy of the repository with every variant as a new file; `make check` run there once."""
    root = tmp_path_factory.mktemp("guide")
    for name in ("data", "hooks"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "Makefile", root / "Makefile")
    variants = _variants()
    for record_id, (collection, text) in variants.items():
        (root / "data" / collection / f"{record_id}.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    # the Makefile's own recipe; its install step is done already (the shared .venv)
    result = subprocess.run(
        ["make", "--no-print-directory", "check", "STAMP=", f"BIN={BIN}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return root, variants, result


def test_every_example_and_rule_of_the_guide_passes_the_check(checked):
    root, variants, result = checked
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stderr.replace("::error", "error"), result.stderr
    assert f"{len(variants)}" and "data/ ist in Ordnung" in result.stdout


def test_another_spelling_is_a_notice_with_the_canonical_text(checked):
    root, variants, result = checked
    notices = [line for line in result.stderr.splitlines() if line.startswith("::notice file=data/")]
    assert any("regel-" in line and "topics:%0A  - klimawandel%0A  - teilhabe" in line for line in notices), notices
    assert all("title=Einheitliche Schreibweise (kein Fehler)" in line for line in notices)
    plain = [line for line in result.stderr.splitlines() if ": Hinweis: einheitliche Schreibweise" in line]
    assert len(plain) == len(notices) > 0


def test_accepting_every_suggestion_gives_exactly_the_canonical_file(checked, tmp_path):
    root, variants, _ = checked
    env = {**os.environ, "PYTHONPATH": str(root / "hooks")}
    out = tmp_path / "suggestions.json"
    subprocess.run(
        [str(BIN / "python"), "-m", "msdz_hub", "--root", str(root), "format", "--notice", "--suggestions", str(out)],
        env=env,
        check=True,
        capture_output=True,
    )
    suggestions = json.loads(out.read_text(encoding="utf-8"))
    touched = {item["path"] for item in suggestions}
    assert {f"data/{c}/{i}.yml" for i, (c, _) in variants.items()} >= touched and touched
    for path in touched:  # apply from the bottom up, as GitHub does one suggestion after another
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        for item in sorted((s for s in suggestions if s["path"] == path), key=lambda s: -s["start"]):
            lines[item["start"] - 1 : item["end"]] = item["text"].split("\n") if item["text"] else []
        (root / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "python"), "-m", "msdz_hub", "--root", str(root), "format", "--check"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
