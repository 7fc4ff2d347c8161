"""The short, deterministic run of the schema-guided fuzz test (tests/tools/fuzz_hub.py): the same
examples on every run, in well under a minute. `make fuzz` runs the long, random one."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from tools.fuzz_hub import STATS, Case, Fuzzer, cases

# Hundreds of whole builds of the tiny hub (in memory, no MkDocs): a build-tier test, not a fast one.
pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Fuzzer:
    return Fuzzer(tmp_path_factory.mktemp("fuzz-hub"))


@settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    suppress_health_check=list(HealthCheck),
)
@given(case=cases())
def test_every_input_is_refused_in_one_line_per_problem_or_built_correctly(fuzzer: Fuzzer, case: Case):
    fuzzer.run(case)


def test_the_run_saw_both_outcomes():
    # Runs after the fuzz test (file order): a generator that only ever produced broken files (or
    # only valid ones) would test half of the promise.
    assert STATS["rejected"] > 0 and STATS["built"] > 0, STATS
