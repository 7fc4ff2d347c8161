"""The marks `build` and `browser` are exact: a test that builds or starts a browser without its mark
fails, and a test using a building fixture is left out of `make test-fast` (tests/tiers.py)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from support import ROOT
from tiers import needed_mark

pytest_plugins = ["pytester"]

TESTS = Path(__file__).resolve().parent

# A harmless command that the guard must still take for a build: if the guard let it through,
# MkDocs would print its help and the test would pass, which the outer test sees.
BUILD_COMMAND = [sys.executable, "-m", "mkdocs", "build", "--help"]


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A small test suite with the tiers plugin and the marks as pyproject.toml registers them."""
    pytester.makeini(
        textwrap.dedent(
            """
            [pytest]
            addopts = --strict-markers -p tiers
            markers =
                build: builds
                browser: drives a browser
            """
        )
    )
    pytester.makeconftest(
        textwrap.dedent(
            """
            import pytest

            @pytest.fixture(scope="session")
            def built_site(tmp_path_factory):
                return tmp_path_factory.mktemp("site")
            """
        )
    )
    pytester.makepyfile(
        test_example=textwrap.dedent(
            f"""
            import subprocess
            import pytest

            def test_builds_without_the_mark():
                subprocess.run({BUILD_COMMAND!r}, check=True, capture_output=True)

            @pytest.mark.build
            def test_builds_with_the_mark():
                subprocess.run({BUILD_COMMAND!r}, check=True, capture_output=True)

            def test_uses_the_built_site(built_site):
                assert built_site.is_dir()

            def test_pure():
                assert 1 + 1 == 2
            """
        )
    )
    return pytester


def _run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    # A process of its own: the guard patches this process too, and one inner run must not undo it.
    return suite.runpytest_subprocess(
        *args, "-p", "no:cacheprovider", f"--rootdir={suite.path}", "-o", f"pythonpath={TESTS} {ROOT / 'hooks'}"
    )


def test_a_test_that_builds_without_the_mark_fails_and_names_the_mark(suite):
    result = _run(suite)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*test_builds_without_the_mark runs `*mkdocs build*` but is not marked `build`*"])


def test_a_test_using_a_building_fixture_is_left_out_of_the_fast_tier(suite):
    result = _run(suite, "-m", "not build and not browser", "-v")
    result.assert_outcomes(passed=1, failed=1, deselected=2)
    result.stdout.fnmatch_lines(["*test_pure PASSED*"])
    result.stdout.no_fnmatch_line("*test_uses_the_built_site*")


@pytest.mark.parametrize(
    "command, mark",
    [
        ([sys.executable, "-m", "mkdocs", "build", "--strict"], "build"),
        (["/work/.venv/bin/mkdocs", "serve", "--dirty"], "build"),
        ("cd repo && mkdocs build", "build"),
        (["/bin/sh", "-c", "mkdocs build --strict"], "build"),
        ([sys.executable, "-m", "msdz_hub", "--root", "x", "generate", "out"], "build"),
        (["make", "--no-print-directory", "build"], "build"),
        (["/usr/bin/chromium", "--headless"], "browser"),
        (["node", "cli.js", "run-driver"], "browser"),
        ([sys.executable, "-m", "msdz_hub", "check"], None),
        ([sys.executable, "-m", "mkdocs", "--version"], None),
        (["apt-get", "install", "-y", "chromium"], None),
        (["git", "commit", "-m", "mkdocs build"], None),
    ],
)
def test_the_guard_knows_builds_and_browsers_by_their_command(command, mark):
    assert needed_mark(command) == mark
