"""The two projects the benchmark builds: the hub (a copy of this repository with synthetic data)
and its basis (plain MkDocs with exactly the pages and files the hook generated for it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from measure import Run, mkdocs_env, timed

REPO = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "overrides", "hooks")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")
DUMP = Path(__file__).resolve().parent / "dump_generated.py"


def build(root: Path, site: Path) -> Run:
    return timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], root)


def copy_repo(target: Path, with_data: bool) -> None:
    target.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=IGNORE)
        else:
            shutil.copy2(source, target / name)
    if with_data:
        shutil.copytree(REPO / "data", target / "data")
    # The hub's build copies the pinned Decap CMS to site/admin/ from node_modules/ (shared, not copied).
    if (REPO / "node_modules").is_dir():
        (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def drop_top_level_keys(config_text: str, keys: set[str]) -> str:
    """mkdocs.yml without the given top-level keys (and their indented blocks)."""
    kept, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        match = re.match(r"^([A-Za-z_]+):", line)
        if match:
            skipping = match.group(1) in keys
        elif line.strip() and not line.startswith((" ", "#")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def make_baseline(hub_root: Path, base_root: Path) -> None:
    """Plain MkDocs with exactly the pages and files the hook generates for ``hub_root``."""
    copy_repo(base_root, with_data=False)
    shutil.rmtree(base_root / "hooks")  # the generator, its templates (hooks/msdz_hub/pages/templates/) included
    config = (base_root / "mkdocs.yml").read_text(encoding="utf-8")
    config = drop_top_level_keys(config, {"hooks", "watch"}).replace(
        "\nplugins: []\n", "\nplugins:\n  - search:\n      lang: de\n"
    )
    (base_root / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The dump runs in its own process, as the hook would run inside MkDocs.
    subprocess.run(
        [sys.executable, str(DUMP), str(hub_root), str(base_root / "docs")],
        check=True,
        env=mkdocs_env(),
    )
