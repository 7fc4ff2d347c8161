"""`make fuzz`: the schema-guided fuzz test, random and long (FUZZ_MINUTES, default 10).

Prints how many inputs were tried, refused, accepted and built; ends with the failing input and
exit code 1 at the first input that breaks a promise (see tests/tools/fuzz_hub.py)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parents[2] / "hooks")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tools.fuzz_hub import STATS, Fuzzer, cases  # noqa: E402


def main() -> int:
    minutes = float(os.environ.get("FUZZ_MINUTES", "10"))
    deadline = time.monotonic() + minutes * 60
    with tempfile.TemporaryDirectory(prefix="msdz-fuzz-") as folder:
        fuzzer = Fuzzer(Path(folder) / "hub")

        @settings(database=None, deadline=None, max_examples=200, suppress_health_check=list(HealthCheck))
        @given(case=cases())
        def round_(case):
            fuzzer.run(case)

        rounds = 0
        while time.monotonic() < deadline:
            try:
                round_()
            except Exception as error:  # hypothesis has shrunk it and printed the input
                print(f"FEHLER nach {dict(STATS)}:", file=sys.stderr)
                traceback.print_exception(error, limit=3)
                return 1
            rounds += 1
            print(f"{time.strftime('%H:%M:%S')} Runde {rounds}: {dict(STATS)}", flush=True)
    print(
        f"fuzz: {minutes:g} min, {STATS['tried']} Eingaben, {STATS['rejected']} abgelehnt, "
        f"{STATS['accepted']} angenommen, {STATS['built']} gebaut; {STATS['markdown rendered']} Markdown-Felder "
        f"angenommener Einträge von der Prüfung im Budget dargestellt, {STATS['markdown refused']} über dem Budget "
        "abgelehnt; keine Fehler."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
