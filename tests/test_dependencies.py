"""The rule of hooks/msdz_hub/engine/tracing.py, held: after an edit, `make serve` makes again every
output that shows the edited record, for the calendars, feeds, overviews and similar-records lists,
and makes again each record's kept piece of an output that lists every record (cards, CSV and JSON).

Each case is an edit an editor makes, after which the incremental output must equal a full build.
Each case runs once more with one read of that output moved out of the traced region, or one derived
value no longer compared (a mutation, as a later change to the code might make by accident): the
outputs stay byte for byte the same, only their dependencies are lost, and the check must then
find the stale file. A check that passes both ways would guard nothing."""

from __future__ import annotations

import dataclasses
import re

import pytest
from support import copy_repository
from test_incremental import full_build, serve_rebuild

from msdz_hub import plan
from msdz_hub.engine import session, tracing
from msdz_hub.load import load_hub
from msdz_hub.outputs import ical
from msdz_hub.outputs.selections import combinations
from msdz_hub.views.facets import facet_values, facets
from msdz_hub.views.similar import SimilarIndex

pytestmark = pytest.mark.build  # a full build per case


def missed(repo, site_dir, edit) -> set[str]:
    """The outputs `make serve` leaves different from a full build after ``edit``."""
    serve_rebuild(repo, site_dir)
    edit(repo)
    after, full = serve_rebuild(repo, site_dir), full_build(repo)
    assert isinstance(after, dict) and isinstance(full, dict), "the edit keeps the data valid"
    return {path for path in full.keys() | after.keys() if after.get(path) != full.get(path)}


def _sub(path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")


# -- calendars: an event an hour later; its topic's calendar shows the time ----------------------

EVENT, EVENT_TOPIC = "fruehjahrsradeln-herzberg-2022", "themen/lokale-mobilitaet/kalender.ics"


def later_event(repo) -> None:
    _sub(repo / f"data/events/{EVENT}.yml", r'^start: "2022-03-04T17:00"$', 'start: "2022-03-04T18:00"')


def calendars_cached_and_sorted_before_tracing(monkeypatch) -> None:
    """The probe of the review: each VEVENT in a plain cache (the first calendar reads the event,
    the next gets its bytes), and the sort key read while the site is planned."""
    starts: dict[str, str] = {}
    plan_outputs = plan.calendar_outputs

    def calendar_outputs(hub, settings):
        starts.update({r.key: str(r.data["start"]) for r in hub.all("events")})
        return plan_outputs(hub, settings)

    def event(self, record):
        plain = self.__dict__.setdefault("plain", {})
        if record.key not in plain:
            plain[record.key] = self._serialised(record)
        return plain[record.key]

    def calendar(self, records, name):
        ordered = sorted(records, key=lambda r: (starts[r.key], r.id))
        return original(self, _Ordered(ordered), name)

    original = ical._Components.calendar
    monkeypatch.setattr(plan, "calendar_outputs", calendar_outputs)
    monkeypatch.setattr(ical._Components, "event", event)
    monkeypatch.setattr(ical._Components, "calendar", calendar)
    monkeypatch.setattr(ical, "sorted", _keep_order, raising=False)


class _Ordered(list):
    """Records already in calendar order."""


def _keep_order(items, key=None):
    return list(items) if isinstance(items, _Ordered) else sorted(items, key=key)


# -- feeds: a news item renamed; every feed that lists it shows the title ---------------------------

NEWS = "2025-12-10-positive-bilanz-landesinitiative"  # the newest: in the site feed


def renamed_news(repo) -> None:
    _sub(repo / f"data/news/{NEWS}.yml", r'^title: ("?)', r"title: \1Umbenannt ")


def feeds_made_before_tracing(monkeypatch) -> None:
    """Each feed made while the site is planned (as a cache warmed early might), its bytes handed out later."""
    feed_outputs = plan.feed_outputs

    def early(*args, **kwargs):
        made = {path: make() for path, make in feed_outputs(*args, **kwargs).items()}
        return {path: (lambda b=made[path]: b) for path in made}

    monkeypatch.setattr(plan, "feed_outputs", early)


# -- overviews: a practice renamed; the practices' overview lists its title -----------------------


def renamed_practice(repo) -> None:
    _sub(repo / "data/practices/aktionswoche-mit-testnutzungen.yml", r"^title: Aktionswoche", "title: Testwoche")


def overviews_made_before_tracing(monkeypatch) -> None:
    """Each overview made while the site is planned, its bytes handed out later."""
    page_jobs = plan.page_jobs

    def early(*args):
        jobs = page_jobs(*args)
        made = {job.path: job.make() for job in jobs if job.path.count("/") == 1 and job.edit_path is None}
        return [dataclasses.replace(j, make=lambda b=made[j.path]: b) if j.path in made else j for j in jobs]

    monkeypatch.setattr(plan, "page_jobs", early)


# -- similar records: a practice given another's formats enters its similar records ---------------


def _practice_entering_anothers_similar(repo, reads) -> tuple[str, list[str], str]:
    """(practice X, formats, practice P): with those formats X becomes one of P's similar practices,
    and P's page did not read X before."""
    hub = load_hub(repo)
    practices = hub.all("practices")
    before = SimilarIndex(practices)
    selections = _feed_selections(hub, practices)
    for x in (x for x in practices if x.data.get("formats")):
        own = x.data["formats"]
        for p in practices:
            if p is x or x in before.of(p) or x.key in reads[p.src_uri]:
                continue
            x.data["formats"] = list(p.data.get("formats", []))
            # the filters' feeds stay as they were: a new or vanished feed changes the site's shape,
            # and then every page is made anew, mutation or not
            if x in SimilarIndex(practices).of(p) and _feed_selections(hub, practices, x) == selections:
                return x.id, x.data["formats"], p.id
            x.data["formats"] = own
    raise AssertionError("no practice can enter another's similar practices and leave the feeds as they are")


def _feed_selections(hub, practices, changed=None) -> set:
    """The selections of the practices' filter that have a feed, with ``changed``'s formats as its data has them."""
    keys = tuple(facet.key for facet in facets(hub, "practices", practices))  # reads formats from the data
    found = set()
    for practice in practices:
        values = facet_values(practice)  # kept per hub: the formats as loaded
        if practice is changed:
            values["formats"] = " ".join(practice.data["formats"])
        found.update(combinations(values, keys))
    return found


def practice_with_anothers_formats(repo) -> None:
    reads = session.served(str(repo / "site")).kept.graph.reads  # type: ignore[union-attr]
    x, formats, p = _practice_entering_anothers_similar(repo, reads)
    _sub(
        repo / f"data/practices/{x}.yml",
        r"^formats:\n(  - .*\n)+",
        "formats:\n" + "".join(f"  - {f}\n" for f in formats),
    )
    SIMILAR_PAGE.append(f"praxisbeispiele/{p}.md")


SIMILAR_PAGE: list[str] = []


def similar_records_not_compared(monkeypatch) -> None:
    """The similar records are ranked while the site is planned: not comparing them loses a new one."""
    links = plan.SitePlan._links
    monkeypatch.setattr(plan.SitePlan, "_links", lambda self, r: dataclasses.replace(links(self, r), similar=()))


# -- kept pieces: a practice's summary changed; its card, CSV row and JSON entry show it ------------

PRACTICE_DATA = ("daten/practices.csv", "daten/practices.json")


def new_summary(repo) -> None:
    _sub(repo / "data/practices/aktionswoche-mit-testnutzungen.yml", r"^summary: Angermünde", "summary: Die Stadt")


def pieces_kept_without_their_reads(monkeypatch) -> None:
    """Every card and CSV row kept from the last run, whatever it read (only a full run forgets them)."""
    keep = tracing.Pieces.keep
    monkeypatch.setattr(tracing.Pieces, "keep", lambda self, touched: keep(self, touched and frozenset()))


CASES = {
    "calendars": (later_event, calendars_cached_and_sorted_before_tracing, lambda: {EVENT_TOPIC}),
    "feeds": (renamed_news, feeds_made_before_tracing, lambda: {"rss.xml", "atom.xml"}),
    "overviews": (renamed_practice, overviews_made_before_tracing, lambda: {"praxisbeispiele/index.md"}),
    "similar": (practice_with_anothers_formats, similar_records_not_compared, lambda: set(SIMILAR_PAGE[-1:])),
    "pieces": (new_summary, pieces_kept_without_their_reads, lambda: {"praxisbeispiele/index.md", *PRACTICE_DATA}),
}


@pytest.mark.parametrize("case", CASES)
def test_an_edit_is_served_as_a_full_build_serves_it(tmp_path, case):
    repo = copy_repository(tmp_path / "repo")
    edit, _, _ = CASES[case]
    assert missed(repo, repo / "site", edit) == set()


@pytest.mark.parametrize("case", CASES)
def test_with_a_read_moved_out_of_tracing_the_check_finds_the_stale_output(tmp_path, monkeypatch, case):
    repo = copy_repository(tmp_path / "repo")
    edit, mutate, expected = CASES[case]
    mutate(monkeypatch)
    found = missed(repo, repo / "site", edit)
    assert found, "the mutation went unnoticed"
    assert expected() <= found, found
