"""Every page and file the hub generates for a project, written into a folder: the basis's docs/.

    python bench/dump_generated.py HUB_ROOT DOCS

Runs in a process of its own, as the hook would run inside MkDocs, with the copy's own package.
"""

from __future__ import annotations

import sys
from pathlib import Path


def dump_generated(hub_root: Path, docs: Path) -> None:
    """Every page and file the hub generates for ``hub_root``, written into ``docs``: what the hook
    hands to MkDocs (msdz_hub.engine.generate, as ``python -m msdz_hub generate``; tests/test_generate.py
    checks that the two are the same)."""
    sys.path.insert(0, str(hub_root / "hooks"))  # the copy's own package
    from msdz_hub.engine.generate import generate

    written = generate(hub_root, docs)
    print(f"  {written.pages + written.files} generated files dumped to {docs}", file=sys.stderr)


if __name__ == "__main__":
    dump_generated(Path(sys.argv[1]), Path(sys.argv[2]))
