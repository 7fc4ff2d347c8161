"""Shared test helpers: the repository root, a small valid hub to break on purpose, MkDocs runs.

A module of its own (not conftest.py) so that tests in every folder can import it by one name."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A tiny but complete hub: one record per collection, all references valid.
VALID_RECORDS = {
    "topics/klimawandel.yml": """
        title: Klimawandel
        summary: Klimaschutz und Klimaanpassung in der Stadtentwicklung.
    """,
    "organisations/mil.yml": """
        title: Ministerium für Infrastruktur und Landesplanung
        short_title: MIL
        kind: ministerium
        summary: Trägt die Landesinitiative und fördert die Modellvorhaben.
        sources: [{url: https://mil.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    "rounds/runde-1.yml": """
        title: Runde 1 (2021–2022)
        number: 1
        period: {start: "2021", end: "2022"}
        summary: Die erste Wettbewerbsrunde mit acht Modellvorhaben.
        themes:
          - {label: Klimawandel, kind: querschnittsthema, topic: klimawandel}
        project_assistance: [mil]
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    "cities/zossen.yml": """
        title: Zossen
        district: Teltow-Fläming
        summary: Eine wachsende Stadt südlich von Berlin.
        coordinates: {lat: 52.22, lon: 13.45, approximate: true}
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    "projects/zossen-2021.yml": """
        title: Zukunft Zossen
        round: runde-1
        cities: [zossen]
        topics: [klimawandel]
        summary: Ein ehrenamtlich getragenes Vorhaben mit einem Beirat.
        published: 2021-02-10
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    "events/fachkonferenz-2021.yml": """
        title: Erste Fachkonferenz
        kind: fachkonferenz
        start: 2021-04-21
        location: {name: online, online: true}
        summary: Die erste Fachkonferenz zur digitalen Transformation.
        projects: [zossen-2021]
        published: 2021-04-21
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    "practices/beirat.yml": """
        title: Ein berufener Beirat
        summary: Ein Beirat trägt das Vorhaben ehrenamtlich.
        projects: [zossen-2021]
        topics: [klimawandel]
        context: Die Stadt wächst schnell.
        steps: [Beirat berufen, Themen setzen]
        transferability: Braucht engagierte Menschen.
        published: 2026-11-26
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    "news/2021-04-21-fachkonferenz.yml": """
        title: Fachkonferenz gestartet
        published: 2021-04-21
        summary: Die erste Fachkonferenz hat stattgefunden.
        events: [fachkonferenz-2021]
        topics: [klimawandel]
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
}


# What mkdocs.yml's extra.operator holds, for builds outside MkDocs.
TEST_OPERATOR = {
    "name": "Testbehörde",
    "address": "Teststraße 1, 14467 Potsdam",
    "host": {"name": "Testhoster", "privacy_url": "https://example.org/datenschutz"},
    "accessibility": {
        "statement_date": "2026-11-26",
        "method": "Selbstbewertung",
        "enforcement_name": "Teststelle",
        "enforcement_address": "Testweg 2",
    },
}


class TinyHub:
    """A repository-like folder with the real schemas and VALID_RECORDS, to be broken by a test."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(ROOT / "data" / "schema", root / "data" / "schema")
        for rel, text in VALID_RECORDS.items():
            self.write(rel, text)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self, site_url: str = "https://hub.example/"):
        """The whole in-memory build (pages, feeds, calendars, open data) of this tiny hub."""
        from msdz_hub.core.settings import Operator, SiteSettings
        from msdz_hub.plan import build_site

        operator = Operator.from_dict(TEST_OPERATOR)
        settings = SiteSettings(
            site_url, "Testhub", "Ein Hub für Tests.", "Testredaktion", "hub.example,2026", operator
        )
        return build_site(self.root, settings)

    def problems(self) -> list[str]:
        """Every problem line, exactly as `make check` prints them."""
        from msdz_hub.core.problems import DataError
        from msdz_hub.plan import load_hub

        try:
            load_hub(self.root)
        except DataError as error:
            return [p.format_line() for p in error.problems]
        return []


FALLBACK_SOURCE_DATE_EPOCH = "1795651200"  # 2026-11-26T00:00:00Z, for a copy without .git


@functools.cache
def source_date_epoch() -> str:
    """The time of the checked-out commit, as the Makefile and the workflows set it for every build."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return result.stdout.strip()
    return FALLBACK_SOURCE_DATE_EPOCH


TEST_OPERATOR_CONTACT = {"email": "kontakt@hub-test.example", "phone": "+49 331 0000000 (Testwert)"}


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "hooks"))
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())  # every build of the tests is reproducible
    # mkdocs.yml has no operator contact yet (no public source was found); without it a build is a
    # preview whose legal pages say so: test builds use these stand-ins (tests/test_legal.py checks
    # both ways; the go-live check refuses them as reserved test values, tests/test_go_live.py).
    env.setdefault("HUB_OPERATOR_EMAIL", TEST_OPERATOR_CONTACT["email"])
    env.setdefault("HUB_OPERATOR_PHONE", TEST_OPERATOR_CONTACT["phone"])
    env.pop("GITHUB_ACTIONS", None)
    return env


def run_mkdocs_build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, then the search index, as `make build` runs them."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        return result
    index = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "index", str(site_dir)],
        cwd=config_dir,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    return subprocess.CompletedProcess(
        result.args, index.returncode, result.stdout + index.stdout, result.stderr + index.stderr
    )


def search_fragments(site: Path) -> list[dict]:
    """What Pagefind stored for each indexed page (url, content, meta, filters): its fragment files,
    gzip-compressed JSON after a fixed signature."""
    import gzip
    import json

    signature = b"pagefind_dcd"
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(signature), path
        fragments.append(json.loads(raw[len(signature) :]))
    return fragments


SITE_SOURCES = ("mkdocs.yml", "docs", "overrides", "hooks")

# `mkdocs serve` as `make serve` runs it.
SERVE_OPTIONS = (
    re.search(r"^SERVE_OPTIONS := (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1).split()
)


def copy_repository(target: Path, with_data: bool = True) -> Path:
    """A copy of what a build needs (configuration, docs, templates, hooks, and data/ if asked)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES + (("data",) if with_data else ()):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    # The build copies the pinned Decap CMS from node_modules/ to site/admin/: share it, never copy 400 MB.
    if (ROOT / "node_modules").is_dir() and not (target / "node_modules").exists():
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target
