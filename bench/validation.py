"""Loading and validating alone (``load_hub``), in fresh processes: cold and warm.

Validation renders every Markdown field; a full load keeps the renderings in ``.cache/`` for the
next one (msdz_hub.core.rendered_store). Cold: that folder removed before each run, as on a fresh
checkout or in CI. Warm: each run after one before it, as an editor's second `make check`.

The target (bench/targets.py) is judged on the warm figure: the check an editor waits for again
and again. The cold one must render every Markdown text that is published (in CI always), so it
costs what rendering costs and is reported beside it, not hidden. CPU is that of the loading
process and of the helpers it forks (half of the YAML files to parse and half of the texts to render,
when a cold load has many of them; a warm one forks none).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from measure import mkdocs_env

Times = list[tuple[float, float]]  # (wall, CPU) seconds per run


def time_validation(root: Path, hooks: Path, repeats: int = 3) -> tuple[Times, Times]:
    """(cold, warm): (wall, CPU with the helpers) seconds of ``load_hub`` (load, validate, link) per
    run, imports excluded."""
    cold = []
    for _ in range(repeats):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        cold.append(_timed_load(root, hooks))
    warm = [_timed_load(root, hooks) for _ in range(repeats)]
    return cold, warm


def _timed_load(root: Path, hooks: Path) -> tuple[float, float]:
    code = (
        "import resource, sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from msdz_hub.plan import load_hub; w, c = time.perf_counter(), time.process_time();"
        "hub = load_hub(Path(sys.argv[2])); wall = time.perf_counter() - w;"
        "helpers = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(wall, time.process_time() - c + helpers.ru_utime + helpers.ru_stime)"
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
