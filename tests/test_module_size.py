"""Every Python module of the repository can be read in one go: at most 300 lines, as `wc -l` counts
them (tests, tools and the benchmark included). A module that is a table of data, not code, may be
longer; none is today."""

from __future__ import annotations

import subprocess

from support import ROOT

LIMIT = 300
DATA_TABLES: set[str] = set()  # paths from the repository root, each with the reason in a comment


def python_files() -> list[str]:
    """Every .py file of the repository, committed or new, that git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode == 0:
        return [path for path in listed.stdout.splitlines() if (ROOT / path).is_file()]
    skip = {".venv", "node_modules", "site", ".git"}  # outside a git checkout
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts)]


def test_no_python_module_is_longer_than_300_lines():
    lengths = {path: len((ROOT / path).read_bytes().splitlines()) for path in python_files()}
    assert len(lengths) > 100 and "hooks/msdz_mkdocs.py" in lengths and "bench/run.py" in lengths
    too_long = {path: n for path, n in lengths.items() if n > LIMIT and path not in DATA_TABLES}
    assert not too_long, f"über {LIMIT} Zeilen, bitte aufteilen: {too_long}"
