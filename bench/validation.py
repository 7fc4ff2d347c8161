"""Loading and validating alone (``load_hub``), in fresh processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from measure import mkdocs_env


def time_validation(root: Path, hooks: Path, repeats: int = 3) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``load_hub`` (load, validate, link) in fresh processes, imports excluded."""
    code = (
        "import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from msdz_hub.plan import load_hub; w, c = time.perf_counter(), time.process_time();"
        "hub = load_hub(Path(sys.argv[2])); print(time.perf_counter() - w, time.process_time() - c)"
    )
    results = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code, str(hooks), str(root)],
            check=True,
            capture_output=True,
            text=True,
            env=mkdocs_env(),
        )
        wall, cpu = out.stdout.strip().splitlines()[-1].split()
        results.append((float(wall), float(cpu)))
    return results
