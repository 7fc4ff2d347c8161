"""How the search splits German compounds (issue 29): CharSplit alone against CharSplit checked
against the hub's vocabulary (msdz_hub.views.search_words), on the issue's words and the most
frequent long nouns of data/, with what the splitter costs: time and memory for its model, whole
(as the package loads it) and only the n-grams of these words (as the build reads it).

    python bench/compound_splits.py [--nouns 120]

Prints a Markdown table; judge each row by eye (a split into words a reader searches for is right).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from msdz_hub.core import compound_cuts  # noqa: E402
from msdz_hub.load import load_hub  # noqa: E402
from msdz_hub.views.search_words import compound_parts, parts_of  # noqa: E402
from msdz_hub.views.site_words import counts  # noqa: E402

ISSUE = ["Jugendbeteiligung", "Klimaanpassung", "Zwischennutzung", "Transferwerkstatt", "Bürgerbeteiligung"]
MIN_LONG = 10  # letters of a "long" noun


def long_nouns(hub, how_many: int) -> list[str]:
    spelled: Counter[str] = counts(hub).spelled
    nouns = [w for w, _ in spelled.most_common() if len(w) >= MIN_LONG and w[0].isupper() and "-" not in w]
    return [w for w in nouns if w not in ISSUE][:how_many]


def model_cost(words: list[str], whole: bool) -> tuple[float, float]:
    """(CPU seconds, peak MB) of a fresh process that loads the model, whole or for ``words``."""
    if whole:
        code = "from split_words import splitter; splitter.get_ngram_probs()"
    else:
        code = (
            "import json, sys; from split_words import splitter; from msdz_hub.core.compound_cuts import _ngrams_of\n"
            "words = json.loads(sys.argv[1])\n"
            "_ngrams_of({w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}, splitter.NGRAM_PATH)"
        )
    probe = (
        "import resource, time; t = time.process_time()\n"
        + code
        + "\nprint(time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    base = "import resource; print(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    run = [sys.executable, "-c"]
    env_words = json.dumps([w.lower() for w in words])
    seconds, peak = map(float, subprocess.check_output([*run, probe, env_words], cwd=REPO / "hooks").split())
    _, idle = map(float, subprocess.check_output([*run, base]).split())
    return seconds, peak - idle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nouns", type=int, default=120)
    args = parser.parse_args()
    hub = load_hub(REPO)
    words = ISSUE + long_nouns(hub, args.nouns)
    kept = "aus .cache/" if (REPO / compound_cuts.CUTS_FILE).is_file() else "kalt, ohne .cache/"
    started = time.process_time()
    parts = compound_parts(hub)
    built = time.process_time() - started
    cutter = compound_cuts.Cutter((w.lower() for w in words), None)
    print("| Wort | CharSplit allein (bester Schnitt, Wert) | geprüft (Build) |")
    print("| --- | --- | --- |")
    for word in words:
        first, last, score = cutter(word.lower())[0]
        alone = f"{first} \\| {last} ({score:+.2f})"
        print(f"| {word} | {alone} | {' '.join(parts_of(hub, word, cutter)) or '–'} |")
    for whole in (True, False):
        seconds, peak = model_cost(words, whole)
        how = "ganz (wie das Paket lädt)" if whole else f"nur die N-Gramme der {len(words)} Wörter"
        print(f"\nModell {how}: {seconds:.2f} s CPU, {peak:.0f} MB Speicher mehr")
    print(f"Alle {len(parts)} geteilten Wörter des Hubs ({kept}): {built:.2f} s CPU")
    print(f"Peak dieses Prozesses: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
