"""Every Markdown field is rendered once, by the check, with the pages' renderer: the build's pages
take that HTML from memory, and the renderings kept in .cache/ make a second check cheap
(core.markdown_html, core.rendered_store). A stale or broken cache file is rendered anew. A large
load's texts are rendered ahead, half of them by a helper process (core.render_ahead)."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest
from support import TinyHub

from msdz_hub.core import markdown_html, render_ahead
from msdz_hub.core.paths import values_at
from msdz_hub.core.rendered_store import STORE_FILE
from msdz_hub.load import load_hub

DESCRIPTION = "Ein *kurzer* Text mit [einem Link](https://example.org/)."
RESULTS = "- Ergebnis **eins**\n- Ergebnis zwei\n"


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text Python-Markdown converts during the test, in order (no cache in memory at the start)."""
    seen: list[str] = []
    convert = markdown_html._convert

    def counting(text: str) -> str:
        seen.append(text)
        return convert(text)

    monkeypatch.setattr(markdown_html, "_convert", counting)
    monkeypatch.delenv("CI", raising=False)  # CI keeps no cache (tested below)
    markdown_html.forget_rendered()
    yield seen
    markdown_html.forget_rendered()


@pytest.fixture
def hub(tmp_path: Path) -> TinyHub:
    hub = TinyHub(tmp_path)
    topic = hub.root / "data/topics/klimawandel.yml"
    topic.write_text(topic.read_text(encoding="utf-8") + f"description: '{DESCRIPTION}'\n", encoding="utf-8")
    practice = hub.root / "data/practices/beirat.yml"
    practice.write_text(practice.read_text(encoding="utf-8") + "results: |\n  - Ergebnis **eins**\n  - Ergebnis zwei\n")
    return hub


def _kept(root: Path) -> tuple:
    """(signature, renderings by text) of the cache file."""
    return marshal.loads((root / STORE_FILE).read_bytes())


def _markdown_texts(root: Path) -> set[str]:
    loaded = load_hub(root)
    return {
        value
        for name, records in loaded.records.items()
        for record in records.values()
        for path in loaded.schemas.markdown[name]
        for _, value in values_at(record.data, path)
    }


def _again(hub: TinyHub, converted: list[str]) -> list[str]:
    """What a new process's check converts: nothing in memory, only the cache file."""
    markdown_html.forget_rendered()
    converted.clear()
    assert hub.problems() == []
    return list(converted)


def test_check_renders_every_markdown_field_and_the_build_uses_its_html(hub, converted):
    texts = _markdown_texts(hub.root)
    assert {DESCRIPTION, RESULTS} <= texts and len(texts) >= 5  # the tiny hub's others are in the schema's fields too
    (hub.root / STORE_FILE).unlink()  # a cold build: nothing kept from the load above
    markdown_html.forget_rendered()
    converted.clear()
    site = hub.build()
    # Every field, each once: pages, feeds and the open data's CSV files rendered none again.
    assert sorted(converted) == sorted(texts)
    assert "<em>kurzer</em>" in site.pages["themen/klimawandel.md"]
    assert "<strong>eins</strong>" in site.pages["praxisbeispiele/beirat.md"]
    assert "Ergebnis eins | Ergebnis zwei" in site.files["daten/practices.csv"].decode("utf-8")


def test_a_second_check_renders_only_what_changed(hub, converted):
    assert hub.problems() == []
    kept = _kept(hub.root)[1]
    assert kept[DESCRIPTION] == (True, str(markdown_html.to_html(DESCRIPTION)))
    assert _again(hub, converted) == []
    edited = DESCRIPTION.replace("kurzer", "längerer")
    topic = hub.root / "data/topics/klimawandel.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace(DESCRIPTION, edited), encoding="utf-8")
    assert _again(hub, converted) == [edited]
    kept = _kept(hub.root)[1]
    assert edited in kept and DESCRIPTION not in kept  # the old text dropped out


def test_a_refused_text_is_refused_again_from_the_cache(hub, converted):
    stalling = "[" * 19000 + "a"
    topic = hub.root / "data/topics/klimawandel.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace(DESCRIPTION, stalling), encoding="utf-8")
    first = hub.problems()
    markdown_html.forget_rendered()
    converted.clear()
    assert hub.problems() == first and converted == []
    assert len(first) == 1 and "'description': der Text lässt sich nicht in 1 s Rechenzeit darstellen" in first[0]


def _planted(root: Path, html: object, signature: str | None = None, entry: object = None) -> bytes:
    """A cache file of this renderer (or of ``signature``) whose entry for DESCRIPTION says ``html``
    (or is ``entry``)."""
    kept_signature, kept = _kept(root)
    kept[DESCRIPTION] = (True, html) if entry is None else entry
    return marshal.dumps((signature or kept_signature, kept))


@pytest.mark.parametrize(
    "damage",
    [
        lambda root: b"",
        lambda root: (root / STORE_FILE).read_bytes()[:40],  # cut short
        lambda root: (root / STORE_FILE).read_bytes()[:-40],
        lambda root: marshal.dumps([1, 2, 3]),
        lambda root: _planted(root, "<p>alt</p>", signature="ein anderer"),  # stale
        lambda root: _planted(root, 17),
        lambda root: _planted(root, "<p>x</p>", entry=[True, "<p>x</p>"]),
        lambda root: marshal.dumps((_kept(root)[0], [1])),
        lambda root: b"\xff\xfe kaputt",
    ],
)
def test_a_stale_or_broken_cache_file_is_rendered_anew(hub, converted, damage):
    assert hub.problems() == []
    (hub.root / STORE_FILE).write_bytes(damage(hub.root))
    assert DESCRIPTION in _again(hub, converted)
    assert "<em>kurzer</em>" in hub.build().pages["themen/klimawandel.md"]
    kept = _kept(hub.root)[1]  # replaced by a whole, current one
    assert kept[DESCRIPTION] == (True, str(markdown_html.to_html(DESCRIPTION)))


def test_a_cache_that_cannot_be_written_costs_only_the_rendering(hub, converted):
    (hub.root / ".cache").write_text("kein Ordner", encoding="utf-8")
    assert hub.problems() == []
    assert DESCRIPTION in _again(hub, converted)


def test_ci_neither_reads_nor_writes_the_cache(hub, converted, monkeypatch):
    # A cache file committed in a pull request must not stand in for rendering what is published.
    assert hub.problems() == []
    (hub.root / STORE_FILE).write_bytes(_planted(hub.root, "<p>untergeschoben</p>"))
    before = (hub.root / STORE_FILE).read_bytes()
    monkeypatch.setenv("CI", "true")
    assert DESCRIPTION in _again(hub, converted)
    page = hub.build().pages["themen/klimawandel.md"]
    assert "untergeschoben" not in page and "<em>kurzer</em>" in page
    assert (hub.root / STORE_FILE).read_bytes() == before


def test_a_linked_cache_folder_is_neither_read_nor_written(hub, converted, tmp_path_factory):
    assert hub.problems() == []
    elsewhere = tmp_path_factory.mktemp("woanders")
    (elsewhere / STORE_FILE.name).write_bytes(_planted(hub.root, "<p>untergeschoben</p>"))
    before = (elsewhere / STORE_FILE.name).read_bytes()
    shutil.rmtree(hub.root / ".cache")
    (hub.root / ".cache").symlink_to(elsewhere, target_is_directory=True)
    assert DESCRIPTION in _again(hub, converted)
    assert "untergeschoben" not in hub.build().pages["themen/klimawandel.md"]
    assert (elsewhere / STORE_FILE.name).read_bytes() == before


def test_a_helper_renders_every_second_text_as_the_check_would(hub, converted, monkeypatch):
    monkeypatch.setattr(render_ahead, "RENDER_AHEAD_FROM", 2)
    monkeypatch.setattr(render_ahead, "_can_fork", lambda: True)
    monkeypatch.setenv("CI", "true")  # nothing kept from an earlier run: all rendered now
    stalling = "[" * 19000 + "a"
    texts = ["Text *0*", stalling, "Text **2**", "- drei\n- vier", "[fünf](https://example.org/)"]
    render_ahead.render_ahead(texts)
    assert converted == texts[::2]  # the others by the helper, the stalling one among them
    ahead = {text: markdown_html.markdown_problem(text) for text in texts}
    html = {text: str(markdown_html.to_html(text)) for text in texts if text != stalling}
    assert converted == texts[::2] and "nicht in 1 s Rechenzeit" in (ahead[stalling] or "")
    markdown_html.forget_rendered()
    assert {text: markdown_html.markdown_problem(text) for text in texts} == ahead  # as rendered here
    assert {text: str(markdown_html.to_html(text)) for text in texts if text != stalling} == html
    topic = hub.root / "data/topics/klimawandel.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace(DESCRIPTION, stalling), encoding="utf-8")
    markdown_html.forget_rendered()
    lines = hub.problems()
    assert len(lines) == 1 and "'description': der Text lässt sich nicht in 1 s Rechenzeit" in lines[0]
