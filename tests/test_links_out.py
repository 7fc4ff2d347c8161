"""Nothing outside the repository is read for the site, wherever a link points from: MkDocs follows
links in docs/ and overrides/ (a link to /proc/self/environ once published the build's
environment), so the build refuses any link that leads out, naming each in German. Links in data/
are refused by the loader (tests/bad_input: symlink, symlink-in-schema-folder, symlinked-data-folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import TinyHub, copy_repository, run_mkdocs_build

from msdz_hub.core.inside import links_leaving


def test_links_leading_out_are_found_and_links_inside_are_not(tmp_path):
    root, outside = tmp_path / "repo", tmp_path / "draussen"
    (root / "docs" / "teil").mkdir(parents=True)
    outside.mkdir()
    (outside / "geheim.txt").write_text("geheim", encoding="utf-8")
    (root / "README.md").write_text("drinnen", encoding="utf-8")
    os.symlink("../README.md", root / "docs" / "liesmich.md")  # inside: fine
    os.symlink(outside / "geheim.txt", root / "docs" / "teil" / "geheim.md")
    os.symlink(outside, root / "docs" / "ordner")  # a folder: named, not entered
    os.symlink("kette2", root / "docs" / "kette1.md")  # a chain whose end is outside
    os.symlink("/proc/self/environ", root / "docs" / "kette2")
    os.symlink("schleife", root / "docs" / "schleife")  # a loop: no end
    found = links_leaving(root, root / "docs")
    assert found == ["docs/kette1.md", "docs/kette2", "docs/ordner", "docs/schleife", "docs/teil/geheim.md"]
    os.symlink(outside, root / "overrides")
    assert links_leaving(root, root / "overrides") == ["overrides"]


@pytest.mark.build
def test_the_build_refuses_links_out_of_docs_and_overrides(tmp_path):
    root = copy_repository(tmp_path / "repo", with_data=False)
    TinyHub(root)
    (tmp_path / "geheim.html").write_text("<p>GEHEIM-INHALT</p>", encoding="utf-8")
    os.symlink("/proc/self/environ", root / "docs" / "umgebung.md")
    (root / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
    os.symlink(tmp_path / "geheim.html", root / "overrides" / "partials" / "geheim.html")
    site = root / "site"
    result = run_mkdocs_build(root, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for rel in ("docs/umgebung.md", "overrides/partials/geheim.html"):
        assert f"{rel} ist eine Verknüpfung (Symlink) auf etwas außerhalb des Repositorys" in output, output
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any("GEHEIM-INHALT" in p.read_text(errors="ignore") for p in published)
    assert not (site / "umgebung" / "index.html").exists()


def test_the_repository_itself_has_no_link_out_of_it():
    root = Path(__file__).resolve().parent.parent
    assert links_leaving(root, root / "docs") == links_leaving(root, root / "overrides") == []
    assert links_leaving(root, root / "data") == []


def test_format_neither_reads_nor_rewrites_through_a_link_or_a_pipe(tmp_path):
    import threading

    from msdz_hub.__main__ import main

    hub = TinyHub(tmp_path / "repo")
    outside = tmp_path / "draussen.yml"
    outside.write_text("title:    Geheim\nsummary:   nicht ins Repository\n", encoding="utf-8")  # not in the file style
    os.symlink(outside, hub.root / "data" / "topics" / "geheim.yml")
    os.mkfifo(hub.root / "data" / "topics" / "rohr.yml")
    status: list[int] = []
    run = threading.Thread(target=lambda: status.append(main(["format", "--root", str(hub.root)])), daemon=True)
    run.start()
    run.join(timeout=60)  # a pipe read would block for ever
    assert status == [0]
    assert outside.read_text(encoding="utf-8") == "title:    Geheim\nsummary:   nicht ins Repository\n"
