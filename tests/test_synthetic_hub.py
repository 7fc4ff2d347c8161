"""The benchmark's synthetic hub (bench/synthetic.py) is a valid hub: `make check` accepts it."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from support import ROOT, mkdocs_env


def _synthetic():
    if str(ROOT / "bench") not in sys.path:  # its data tables beside it (bench/synthetic_tables.py)
        sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_synthetic", ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_synthetic_hub_passes_check_with_every_collection(tmp_path):
    synthetic = _synthetic()
    counts = synthetic.generate(tmp_path, 160)
    assert sum(counts.values()) == 160 and all(count >= 1 for count in counts.values())
    result = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "check", "--root", str(tmp_path)],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "160 Einträge geprüft" in result.stdout
    for collection, count in counts.items():
        assert len(list((tmp_path / "data" / collection).glob("*.yml"))) == count


def test_the_same_seed_gives_the_same_files(tmp_path):
    synthetic = _synthetic()
    synthetic.generate(tmp_path / "a", 40)
    synthetic.generate(tmp_path / "b", 40)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a" / "data").rglob("*.yml"))
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def special_word_share(data: Path) -> float:
    """Share of the words in the records that have an umlaut, ß or another non-ASCII letter."""
    words = []
    for path in data.glob("*/*.yml"):
        text = re.sub(r"https?://\S+", "", path.read_text(encoding="utf-8"))
        words += re.findall(r"[^\W\d_]+", text)
    return sum(not word.isascii() for word in words) / len(words)


def test_synthetic_text_has_umlauts_as_often_as_the_real_records(tmp_path):
    # Umlauts and ß weigh on the search index (stemming, folding): too many would skew the benchmark.
    synthetic = _synthetic()
    synthetic.generate(tmp_path, 300)
    real, made = special_word_share(ROOT / "data"), special_word_share(tmp_path / "data")
    assert abs(made - real) < 0.03, (made, real)
