"""The test tiers: every test that builds the site is marked `build`, every test that drives a
browser `browser`, so that `make test-fast` (`pytest -m "not build and not browser"`) runs the
pure tests in seconds and `make test` still runs everything.

Marks come from two places: tests that use a fixture which builds (`built_site`, ...) or starts
Chromium (`browser`) get them here at collection, all others say so themselves (`@pytest.mark.build`,
`pytestmark`). A guard makes the marks exact: a test that starts a build or a browser without its
mark fails at that moment with a message naming the mark, so a new slow test cannot slip into the
fast tier unnoticed. Loaded by tests/conftest.py.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator, Sequence

import pytest

# Fixtures whose set-up runs a real build or starts Chromium; a test using one (also through
# another fixture) gets the mark. Module-local fixtures that build carry the mark on their tests.
BUILD_FIXTURES = frozenset({"built_site", "payload_hub"})
BROWSER_FIXTURES = frozenset({"browser"})

# What counts as a build: MkDocs (or its fork ProperDocs) building, serving or deploying, the
# hub's command line writing or indexing a site, and the Makefile targets that do either.
_ENGINES = frozenset({"mkdocs", "properdocs"})
_ENGINE_COMMANDS = frozenset({"build", "serve", "gh-deploy"})
_HUB_COMMANDS = frozenset({"generate", "index", "admin", "finish"})
_MAKE_TARGETS = frozenset({"build", "serve", "generate", "properdocs", "bench", "test", "test-fast"})
# What counts as a browser: Chromium itself, Playwright's driver (which starts it), Lighthouse.
_BROWSERS = frozenset({"chromium", "chromium-browser", "chrome", "google-chrome", "lighthouse"})

_SHELLS = frozenset({"sh", "bash", "dash", "zsh"})  # `sh -c LINE`: the line's own words count

_current: pytest.Item | None = None


def _words(args: str | bytes | os.PathLike | Sequence) -> list[str]:
    """A command as words; a shell command line (``shell=True``, ``sh -c "mkdocs build"``) is split."""
    if isinstance(args, str | bytes | os.PathLike):
        return _split(os.fsdecode(args))
    words = [os.fsdecode(item) for item in args]
    if len(words) > 2 and os.path.basename(words[0]) in _SHELLS and words[1] == "-c":
        return words[:2] + _split(words[2]) + words[3:]
    return words


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError:  # an unbalanced quote: take the line whole
        return [line]


def _programs(words: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Each program a command runs (by its file name, `python -m` modules included) with the words after it."""
    for index, word in enumerate(words):
        name = os.path.basename(word)
        if name and (index == 0 or words[index - 1] in ("-m", "-c", "exec", "&&", ";", "|")):
            yield name, words[index + 1 :]


def needed_mark(args: str | bytes | os.PathLike | Sequence) -> str | None:
    """``"build"`` or ``"browser"`` if the command builds the site or starts a browser, else None."""
    words = _words(args)
    if "run-driver" in words:  # Playwright's driver: it launches Chromium next
        return "browser"
    for name, rest in _programs(words):
        if name in _ENGINES and _ENGINE_COMMANDS & set(rest):
            return "build"
        if name == "msdz_hub" and _HUB_COMMANDS & set(rest):
            return "build"
        if name == "make" and _MAKE_TARGETS & set(rest):
            return "build"
        if name in _BROWSERS:
            return "browser"
    return None


def refuse_unless_marked(mark: str, what: str) -> None:
    """Fail the running test (or the fixture it is setting up) if it lacks ``mark``."""
    item = _current
    if item is not None and item.get_closest_marker(mark) is not None:
        return
    who = f"the test {item.nodeid}" if item is not None else "code outside any test (at collection?)"
    pytest.fail(
        f"{who} runs {what} but is not marked `{mark}`: add @pytest.mark.{mark} (or pytestmark) so that "
        f"`make test-fast` leaves it out (tests/tiers.py)",
        pytrace=False,
    )


_execute_child = subprocess.Popen._execute_child  # type: ignore[attr-defined]


def _guarded_execute_child(self, args, *rest, **kwargs):
    mark = needed_mark(args)
    if mark is not None:
        refuse_unless_marked(mark, f"`{shlex.join(_words(args))[:200]}`")
    return _execute_child(self, args, *rest, **kwargs)


def _guard_in_process_builds() -> None:
    """MkDocs' own build and serve functions, for a test that calls them without a process."""
    from mkdocs.commands import build, serve

    real_build, real_serve = build.build, serve.serve

    def guarded_build(*args, **kwargs):
        refuse_unless_marked("build", "MkDocs' build() in-process")
        return real_build(*args, **kwargs)

    def guarded_serve(*args, **kwargs):
        refuse_unless_marked("build", "MkDocs' serve() in-process")
        return real_serve(*args, **kwargs)

    build.build, serve.serve = guarded_build, guarded_serve


def pytest_configure(config: pytest.Config) -> None:
    # Every process start passes through _execute_child, however subprocess was imported.
    subprocess.Popen._execute_child = _guarded_execute_child  # type: ignore[attr-defined]
    _guard_in_process_builds()


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Remember the running test: fixtures of a wider scope are set up inside its protocol."""
    global _current
    _current = item
    try:
        return (yield)
    finally:
        _current = None
