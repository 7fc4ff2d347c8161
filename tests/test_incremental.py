"""`make serve` rebuilds incrementally (msdz_hub.engine.session): after every save, whatever it was,
the pages and files it has written are byte for byte those of a full build of the same data, and
a data error is reported exactly as a full build reports it."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import TEST_OPERATOR, copy_repository

from msdz_hub.core.problems import DataError
from msdz_hub.core.settings import Operator, SiteSettings
from msdz_hub.engine import session, staging
from msdz_hub.plan import build_site

SETTINGS = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))


def serve_rebuild(repo, site_dir) -> dict[str, bytes] | list:
    """One rebuild as `mkdocs serve` into ``site_dir`` runs it: what its staging folder then holds,
    or the problems."""
    site = session.serve(repo, SETTINGS, str(site_dir))
    folder = site.staging
    try:
        manifest = site.manifest
    except DataError as error:
        return error.problems
    staging.stale_outputs(folder, manifest.paths)  # as the hook does before MkDocs builds
    site.wait_until_done()
    written = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return {path: data for path, data in written.items() if not path.startswith(staging.JINJA_CACHE)}


def full_build(repo) -> dict[str, bytes] | list:
    try:
        site = build_site(repo, SETTINGS)
    except DataError as error:
        return error.problems
    return {path: page.encode("utf-8") for path, page in site.pages.items()} | site.files


def _records(repo) -> list:
    return sorted(p for p in (repo / "data").glob("*/*.yml") if p.parent.name != "schema")


def edit(repo, kind: str, pick: int, number: int, broken: dict) -> None:
    """One save of the kinds an editor makes; ``broken`` remembers a broken file to fix later."""
    files = [p for p in _records(repo) if kind != "link" or "\ntopics:\n" in p.read_text(encoding="utf-8")]
    path = files[pick % len(files)]
    text = path.read_text(encoding="utf-8")
    if kind == "field":  # a title, a summary or a publication date
        field = ("title", "summary", "published")[number % 3]
        value = f"2025-0{number % 9 + 1}-1{number % 10}" if field == "published" else f"Geändert {number}"
        text = re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    elif kind == "link":  # a reference: the first topic becomes another one
        topics = sorted(t.stem for t in (repo / "data/topics").glob("*.yml"))
        text = re.sub(r"^(topics:\n  - ).*$", rf"\g<1>{topics[number % len(topics)]}", text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    elif kind == "rename":
        path.rename(path.with_name(f"umbenannt-{number}.yml"))
    elif kind == "add":
        shutil.copy(path, path.with_name(f"neu-{number}.yml"))
    elif kind == "delete":
        path.unlink()
    elif kind == "break":
        broken[path] = text
        path.write_text(text.replace("title:", "title: [nicht geschlossen", 1), encoding="utf-8")
    elif kind == "fix" and broken:
        fixed, original = broken.popitem()
        fixed.write_text(original, encoding="utf-8")


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["field", "field", "link", "link", "rename", "add", "delete", "break", "fix"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=4,
)


@pytest.mark.build  # a full build after every step
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
@example(edits=[("field", 297, 473)])  # a publication date moves a record into another month's letter
def test_after_every_save_the_incremental_output_equals_a_full_build(tmp_path_factory, edits):
    repo = copy_repository(tmp_path_factory.mktemp("repo"))
    folder = tmp_path_factory.mktemp("staging")
    assert serve_rebuild(repo, folder) == full_build(repo)
    broken: dict = {}
    for number, (kind, pick, value) in enumerate(edits):
        edit(repo, kind, pick, value + number, broken)
        assert serve_rebuild(repo, folder) == full_build(repo), (kind, pick, value)


@pytest.mark.build
def test_a_saved_title_rewrites_only_the_pages_that_show_it(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    folder = tmp_path / "staging"
    before = serve_rebuild(repo, folder)
    folder = session.served(str(folder)).staging
    times = {path: (folder / path).stat().st_mtime_ns for path in before}
    town = repo / "data/cities/zossen.yml"
    town.write_text(town.read_text(encoding="utf-8").replace("title: Zossen", "title: Zossen neu", 1), encoding="utf-8")
    after = serve_rebuild(repo, tmp_path / "staging")
    assert after == full_build(repo)
    rewritten = {path for path in after if (folder / path).stat().st_mtime_ns != times[path]}
    assert {"kommunen/zossen.md", "kommunen/index.md"} <= rewritten
    assert "impressum/index.md" not in rewritten and len(rewritten) < len(after) / 4, sorted(rewritten)


@pytest.mark.build
def test_an_edit_that_keeps_size_and_time_stamp_is_served(tmp_path):
    """`cp -p` and `rsync -t` keep a file's time stamp, and a one-letter fix keeps its size."""
    repo = copy_repository(tmp_path / "repo")
    serve_rebuild(repo, tmp_path / "site")
    town = repo / "data/cities/zossen.yml"
    before = town.stat()
    town.write_text(town.read_text(encoding="utf-8").replace("title: Zossen", "title: Zossem", 1), encoding="utf-8")
    os.utime(town, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (town.stat().st_size, town.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    after = serve_rebuild(repo, tmp_path / "site")
    assert "Zossem" in after["kommunen/zossen.md"].decode("utf-8")
    assert after == full_build(repo)


@pytest.mark.build
def test_a_second_save_within_a_tick_of_the_clock_is_served(tmp_path):
    """Two saves of the same size with the same time stamps, right after each other: the file's
    status may then look as after the first, and only its content tells them apart."""
    repo = copy_repository(tmp_path / "repo")
    town = repo / "data/cities/zossen.yml"
    text = town.read_text(encoding="utf-8")
    stamps = town.stat()
    for title in ("Zossem", "Zossex"):
        town.write_text(text.replace("title: Zossen", f"title: {title}", 1), encoding="utf-8")
        os.utime(town, ns=(stamps.st_atime_ns, stamps.st_mtime_ns))
        served = serve_rebuild(repo, tmp_path / "site")
        assert title in served["kommunen/zossen.md"].decode("utf-8")
