"""Loading and validating alone (``load_hub``), in fresh processes: cold and warm.

Validation renders every Markdown field; a full load keeps the renderings in ``.cache/`` for the
next one (msdz_hub.core.rendered_store). Cold: that folder removed before each run, as on a fresh
checkout or in CI. Warm: each run after one before it, as an editor's second `make check`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from measure import mkdocs_env

Times = list[tuple[float, float]]  # (wall, CPU) seconds per run


def time_validation(root: Path, hooks: Path, repeats: int = 3) -> tuple[Times, Times]:
    """(cold, warm): (wall, CPU) seconds of ``load_hub`` (load, validate, link) per run, imports excluded."""
    cold = []
    for _ in range(repeats):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        cold.append(_timed_load(root, hooks))
    warm = [_timed_load(root, hooks) for _ in range(repeats)]
    return cold, warm


def _timed_load(root: Path, hooks: Path) -> tuple[float, float]:
    code = (
        "import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from msdz_hub.plan import load_hub; w, c = time.perf_counter(), time.process_time();"
        "hub = load_hub(Path(sys.argv[2])); print(time.perf_counter() - w, time.process_time() - c)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(hooks), str(root)],
        check=True,
        capture_output=True,
        text=True,
        env=mkdocs_env(),
    )
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)
