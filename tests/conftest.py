"""Shared fixtures: a small valid hub to break on purpose, and one real build of the site; the
marks `build` and `browser` and their guard (tests/tiers.py)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from support import ROOT, TinyHub, run_mkdocs_build
from tiers import pytest_collection_modifyitems, pytest_configure, pytest_runtest_protocol

__all__ = ["pytest_collection_modifyitems", "pytest_configure", "pytest_runtest_protocol"]

# Started from a shell in the background (`cmd &`, nohup), pytest inherits Ctrl-C ignored, and an
# ignored signal stays ignored across exec: `make serve` started by a test could then not be stopped
# with SIGINT, and those tests would wait for ever. A handled signal is reset to the default on exec.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def tiny_hub(tmp_path: Path) -> TinyHub:
    return TinyHub(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real hub, built once with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def payload_hub(tmp_path_factory: pytest.TempPathFactory):
    """The tiny hub plus XSS payloads in every text field of every collection, built once with
    `mkdocs build --strict` (tests/tools/payload_hub.py); for test_harmless_text and the browser."""
    from tools.payload_hub import build_payload_hub

    return build_payload_hub(tmp_path_factory.mktemp("payload-hub"))
