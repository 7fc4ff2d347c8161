"""What `make serve` re-renders after a save comes from what each output read (msdz_hub.engine.tracing).
Values many pages ask of a record (its towns, their size classes, its facets) are derived once per
build (model.derived); a page that takes such a value from the memo must still depend on the records
it came from, or an edited town's population would leave stale size classes on some pages."""

from __future__ import annotations

from support import ROOT

from msdz_hub.engine.tracing import trace_records, traced
from msdz_hub.load import load_hub
from msdz_hub.views import facets


def _practice_with_towns_only_through_projects(hub):
    return next(p for p in hub.all("practices") if "cities" not in p.data and p.refs("projects"))


def test_a_value_from_the_memo_depends_on_the_records_its_first_derivation_read():
    hub = load_hub(ROOT)
    trace_records(hub)
    practice = _practice_with_towns_only_through_projects(hub)
    towns = {t.key for p in practice.refs("projects") for t in p.refs("cities") + p.refs("partner_cities")}
    derived, first = traced(lambda: facets.sizes(practice))
    remembered, again = traced(lambda: facets.sizes(practice))
    assert remembered == derived and derived
    assert towns and towns <= first and again == first


def test_every_caller_gets_its_own_copy_and_the_next_build_derives_anew():
    hub = load_hub(ROOT)
    practice = _practice_with_towns_only_through_projects(hub)
    facets.cities(practice).append("not-a-town")  # a caller changing its list changes nothing else
    assert "not-a-town" not in facets.cities(practice)
    before = facets.sizes(practice)
    # The next build (a new hub, as every rebuild of `make serve` makes) of its towns all made tiny:
    tiny = "unter-10000"
    population = 1 if before != [tiny] else 200_000
    fresh = load_hub(ROOT)
    for town_id in facets.cities(fresh.get("practices", practice.id)):
        fresh.get("cities", town_id).data["population"] = population
    assert facets.sizes(fresh.get("practices", practice.id)) == ([tiny] if population == 1 else ["ab-50000"])
    assert facets.sizes(practice) == before


def test_counting_a_collection_reads_none_of_its_records_but_showing_one_reads_all_it_was_sorted_by():
    hub = load_hub(ROOT)
    trace_records(hub)
    practices = {r.key for r in hub.all("practices")}
    count, counted = traced(lambda: len(hub.all("practices")))  # the home page's "18 Praxisbeispiele"
    assert count == len(practices) and counted == frozenset()
    newest, shown = traced(lambda: hub.all("practices")[0])  # which is newest depends on every one
    assert newest.key in practices and practices <= shown
    topic = next(t for t in hub.all("topics") if t.linked("practices"))
    _, listed = traced(lambda: [p.title for p in topic.linked("practices")])
    assert {p.key for p in topic.linked("practices")} <= listed
