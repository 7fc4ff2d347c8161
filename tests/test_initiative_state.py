"""An honest state (issue 28.3): where no event lies ahead, the events, calendar and subscription
pages say in one sentence where the initiative stands; the sentence is mkdocs.yml's, not the
templates', and a coming event hides it."""

from __future__ import annotations

import re

from support import ROOT, TEST_OPERATOR, TEST_OPERATOR_CONTACT

from msdz_hub.core.settings import Operator, SiteSettings
from msdz_hub.engine.generate import read_config
from msdz_hub.plan import build_site

PAGES = ("veranstaltungen/index.md", "abonnieren/kalender.md", "abonnieren/index.md")
SENTENCE = "Die Initiative ruht; der Kalender zeigt neue Termine, sobald es welche gibt."


def _settings(ended: str = "2021-12-31") -> SiteSettings:
    return SiteSettings(
        "https://hub.example/",
        "Testhub",
        "D",
        "Testredaktion",
        "hub.example,2026",
        Operator.from_dict(TEST_OPERATOR),
        initiative_status=SENTENCE,
        initiative_ended=ended,
    )


def _state(page: str) -> re.Match | None:
    return re.search(r'<p class="hub-state" data-hub-state data-hub-until="([\d-]+)"( hidden)?>([^<]*)</p>', page)


def test_the_pages_say_where_the_initiative_stands_in_the_configured_sentence(tiny_hub):
    pages = build_site(tiny_hub.root, _settings()).pages
    for path in PAGES:
        state = _state(pages[path])
        assert state and state.group(3) == SENTENCE and not state.group(2), path
        assert state.group(1) == "2021-04-21"  # the last event's day: the browser compares it with today


def test_an_event_after_the_end_hides_the_sentence(tiny_hub):
    tiny_hub.write(
        "events/neue-runde.yml",
        """
        title: Auftakt einer neuen Runde
        kind: fachkonferenz
        start: 2030-05-02
        location: {name: Potsdam}
        summary: Eine Veranstaltung nach dem Ende der Initiative.
        published: 2029-12-01
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    )
    pages = build_site(tiny_hub.root, _settings()).pages
    for path in PAGES:
        state = _state(pages[path])
        assert state and state.group(2) == " hidden" and state.group(1) == "2030-05-02", path


def test_the_real_sentence_is_in_mkdocs_yml_and_says_the_initiative_ended(monkeypatch):
    for key, value in TEST_OPERATOR_CONTACT.items():  # the Impressum's contact, as every build needs
        monkeypatch.setenv(f"HUB_OPERATOR_{key.upper()}", value)
    settings = read_config(ROOT)
    assert settings.initiative_ended == "2025-11-27"
    assert "endete am 27. November 2025" in settings.initiative_status
    assert len(re.findall(r"[^\d\s][.!?](?:\s|$)", settings.initiative_status)) == 1  # one sentence
    template_text = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "hooks/msdz_hub/pages/templates").rglob("*.md")
    )
    assert "endete am" not in template_text  # not a template constant
