"""`mkdocs serve` keeps each output's MkDocs File for all its rebuilds (hooks/msdz_mkdocs.py), but
only while the settings it was made with hold: the check runs once a rebuild, and a changed
`use_directory_urls` in mkdocs.yml must still give the pages their new addresses."""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

import msdz_mkdocs as hook


def _config(root: Path, directory_urls: bool) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "Test",
            "docs_dir": str(root / "docs"),
            "site_dir": str(root / "site"),
            "use_directory_urls": directory_urls,
        }
    )
    errors, _ = config.validate()
    assert not errors
    return config


@pytest.fixture
def served(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    monkeypatch.setattr(hook, "_worker", types.SimpleNamespace(staging=tmp_path / "staging"))
    monkeypatch.setattr(hook, "_kept_files", {})
    monkeypatch.setattr(hook, "_kept_for", ())
    return object()  # stands in for the preview's session: only its identity counts


def _rebuild(served, config: MkDocsConfig, uri: str):
    hook._keep_files_for(served, config)  # as on_files does, once a rebuild
    return hook._staged(uri, config, lambda: None, served)


def test_a_kept_file_is_the_same_for_the_next_rebuild_and_follows_changed_settings(tmp_path, served):
    first = _config(tmp_path, directory_urls=True)
    page = _rebuild(served, first, "kommunen/zossen.md")
    assert page.url == "kommunen/zossen/"
    assert _rebuild(served, first, "kommunen/zossen.md") is page
    assert _rebuild(served, _config(tmp_path, directory_urls=False), "kommunen/zossen.md").url == "kommunen/zossen.html"


def test_a_kept_file_belongs_to_its_session(tmp_path, served):
    config = _config(tmp_path, directory_urls=True)
    page = _rebuild(served, config, "kommunen/zossen.md")
    assert _rebuild(object(), config, "kommunen/zossen.md") is not page


def test_staged_pages_are_pages_and_feeds_are_not(tmp_path, served):
    config = _config(tmp_path, directory_urls=True)
    assert _rebuild(served, config, "kommunen/zossen.md").is_documentation_page()
    assert not _rebuild(served, config, "kommunen/zossen/rss.xml").is_documentation_page()
