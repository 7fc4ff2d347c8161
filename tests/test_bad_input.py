"""Broken and hostile data files, end to end: each is refused by a real `mkdocs build --strict` and by
`python -m msdz_hub check` with a line `path:line:col: error: 'field': message`, never a traceback,
and the failed build leaves no site behind.

Every case is a folder under tests/bad_input/: the files in its data/ are laid over the valid tiny hub
(tests/conftest.py), and expected.txt holds the start of the line the editor must see. A few cases
cannot be plain fixture files (a file over the size limit, a symlink, a schema with a field referring
to its own collection); GENERATED below writes them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import TinyHub, copy_repository, mkdocs_env, run_mkdocs_build

from msdz_hub.reading import MAX_FILE_BYTES

CASES_DIR = Path(__file__).resolve().parent / "bad_input"
PROBLEM_LINE = re.compile(
    r"(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): error: '(?P<field>[^'\n]+)': \S.*"
)
SUMMARY_LINE = re.compile(
    r"Prüfung nicht bestanden: \d+ Fehler in \d+ Datei(en)? – siehe oben; nach der Korrektur erneut `make check`\."
)


def _oversize_file(root: Path) -> None:
    text = "title: Riesig\nsummary: >\n" + "  Ein Satz, der sich sehr oft wiederholt.\n" * (MAX_FILE_BYTES // 40)
    (root / "data/topics/riesig.yml").write_text(text, encoding="utf-8")


def _symlink(root: Path) -> None:
    (root / "geheim.txt").write_text(
        "title: Geheim\nsummary: Ein Text, der nicht veröffentlicht werden darf.\n", encoding="utf-8"
    )
    os.symlink("../../geheim.txt", root / "data/topics/geheim.yml")


def _symlink_in_schema(root: Path) -> None:
    (root.parent / f"{root.name}-geheim.json").write_text('{"type": "object"}', encoding="utf-8")
    os.symlink(f"../../../{root.name}-geheim.json", root / "data/schema/geheim.schema.json")


def _symlinked_data_folder(root: Path) -> None:
    outside = root.parent / f"{root.name}-daten-woanders"
    shutil.move(root / "data", outside)
    os.symlink(outside, root / "data", target_is_directory=True)


def _self_reference(root: Path) -> None:
    # No schema has a field referring to its own collection yet; the first one must not allow a
    # record to list itself.
    schema_path = root / "data/schema/practices.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["related"] = {"$ref": "defs.schema.json#/$defs/refs", "x-ref": "practices"}
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    path = root / "data/practices/beirat.yml"
    path.write_text(path.read_text(encoding="utf-8") + "related: [beirat]\n", encoding="utf-8")


GENERATED: dict[str, tuple[Callable[[Path], None], str]] = {
    "oversize-file": (_oversize_file, "data/topics/riesig.yml:1:1: error: 'Datei': Datei ist zu groß"),
    "symlink": (
        _symlink,
        "data/topics/geheim.yml:1:1: error: 'Datei': Verknüpfungen (Symlinks) sind in data/ nicht erlaubt",
    ),
    "symlink-in-schema-folder": (
        _symlink_in_schema,
        "data/schema/geheim.schema.json:1:1: error: 'Datei': Schema-Datei ist eine Verknüpfung (Symlink)",
    ),
    "symlinked-data-folder": (
        _symlinked_data_folder,
        "data:1:1: error: 'Datei': data/ ist eine Verknüpfung (Symlink)",
    ),
    "self-reference-through-own-collection": (
        _self_reference,
        "data/practices/beirat.yml:10:11: error: 'related[0]': der Eintrag verweist auf sich selbst",
    ),
}
FIXTURE_CASES = sorted(d.name for d in CASES_DIR.iterdir() if d.is_dir())
CASES = FIXTURE_CASES + sorted(GENERATED)


def expected_line(case: str) -> str:
    if case in GENERATED:
        return GENERATED[case][1]
    return (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8").strip()


@dataclass
class Outcome:
    root: Path
    build: subprocess.CompletedProcess
    check: subprocess.CompletedProcess
    site_left: bool


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (configuration, docs, templates, hooks) holding the valid tiny hub."""
    root = copy_repository(tmp_path_factory.mktemp("bad-input-template"), with_data=False)
    TinyHub(root)
    return root


def _lay_over(case: str, root: Path) -> None:
    """The case's broken files over the valid tiny hub in ``root``."""
    if case in GENERATED:
        GENERATED[case][0](root)
    else:
        shutil.copytree(CASES_DIR / case / "data", root / "data", dirs_exist_ok=True)


def _run_case(case: str, template: Path, base: Path) -> Outcome:
    root = base / case
    shutil.copytree(template, root, symlinks=True)
    _lay_over(case, root)
    site = root / "site"
    build = run_mkdocs_build(root, site)
    check = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "--root", str(root), "check"],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Outcome(root, build, check, site.exists())


@pytest.fixture(scope="module")
def outcomes(template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case built and checked once; the runs are independent processes, run side by side."""
    base = tmp_path_factory.mktemp("bad-input")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {case: pool.submit(_run_case, case, template, base) for case in CASES}
    return {case: future.result() for case, future in futures.items()}


def test_there_are_enough_cases():
    assert len(CASES) >= 25
    for case in FIXTURE_CASES:
        assert (CASES_DIR / case / "expected.txt").is_file(), case
        assert any((CASES_DIR / case / "data").rglob("*")), case


def test_the_tiny_hub_alone_passes_the_check(template):
    result = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "--root", str(template), "check"],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def _assert_refused(output: str, returncode: int, case: str, root: Path) -> None:
    assert returncode != 0, output
    assert "Traceback" not in output, output
    lines = output.splitlines()
    assert any(line.startswith(expected_line(case)) for line in lines), f"expected {expected_line(case)!r} in\n{output}"
    problems = [PROBLEM_LINE.fullmatch(line) for line in lines if ": error: " in line and not line.startswith("ERROR")]
    assert problems and all(problems), output
    for match in problems:  # only the broken file is blamed, by a path that exists in the repository
        path = root / match["path"]
        assert path.is_file() or path.is_symlink(), match.group(0)


@pytest.mark.build  # `outcomes` builds every case
@pytest.mark.parametrize("case", CASES)
def test_mkdocs_build_refuses_it_and_writes_nothing(outcomes, case):
    outcome = outcomes[case]
    _assert_refused(outcome.build.stdout + outcome.build.stderr, outcome.build.returncode, case, outcome.root)
    assert not outcome.site_left, "a failed build must not leave a site behind"


@pytest.mark.build  # `outcomes` builds every case
@pytest.mark.parametrize("case", CASES)
def test_check_refuses_it_with_one_line_per_problem(outcomes, case):
    outcome = outcomes[case]
    _assert_refused(outcome.check.stderr, outcome.check.returncode, case, outcome.root)
    for line in outcome.check.stderr.splitlines():  # nothing but problem lines and the count
        assert PROBLEM_LINE.fullmatch(line) or SUMMARY_LINE.fullmatch(line), line


@pytest.mark.parametrize("case", CASES)
def test_loading_refuses_it_in_process_with_the_same_line(tmp_path, case):
    # The fast tier's copy of the two tests above: the same promise without a process or a build.
    hub = TinyHub(tmp_path)
    _lay_over(case, tmp_path)
    lines = hub.problems()
    _assert_refused("\n".join(lines), 1 if lines else 0, case, tmp_path)
    assert all(PROBLEM_LINE.fullmatch(line) for line in lines), lines
