"""The Monatsbrief (issue 28.5): a letter per month with new or changed records, newest first,
with a plain-text twin for a newsletter tool and a feed of its own; a month without news gets none."""

from __future__ import annotations

import feedparser


def _news(tiny_hub, name: str, published: str, updated: str | None = None) -> None:
    tiny_hub.write(
        f"news/{name}.yml",
        f"""
        title: Meldung {name}
        published: {published}
        summary: Eine Meldung & ihr Text für den Monatsbrief.
        body: "Der Text."
        topics: [klimawandel]
        sources: [{{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}}]
        {f"updated: {updated}" if updated else ""}
    """,
    )


def test_a_letter_for_each_month_with_news_and_none_for_a_month_without(tiny_hub):
    _news(tiny_hub, "mai", "2023-05-17")
    _news(tiny_hub, "juli", "2023-07-03", updated="2023-09-12")  # changed two months later
    site = tiny_hub.build()
    letters = sorted(p for p in site.pages if p.startswith("monatsbrief/20"))
    months = {p[len("monatsbrief/") : -len(".md")] for p in letters}
    assert {"2023-05", "2023-07", "2023-09"} <= months
    assert "2023-06" not in months and "2023-08" not in months  # nothing new: no letter
    september = site.pages["monatsbrief/2023-09.md"]
    assert "# Monatsbrief September 2023" in september and "## Aktualisiert" in september
    assert "Meldung juli" in september and "1 aktualisierter Eintrag" in september
    archive = site.pages["monatsbrief/index.md"]
    order = [archive.index(f"]({m}.md)") for m in ("2023-09", "2023-07", "2023-05")]
    assert order == sorted(order)  # newest first


def test_the_plain_text_twin_is_ready_to_paste(tiny_hub):
    _news(tiny_hub, "mai", "2023-05-17")
    files = tiny_hub.build().files
    text = files["monatsbrief/2023-05.txt"].decode("utf-8")
    assert text.startswith("Monatsbrief Mai 2023 – Testhub\n")
    assert "* Meldung mai\n  Eine Meldung & ihr Text für den Monatsbrief.\n  https://hub.example/aktuelles/mai/" in text
    assert "<" not in text and "&amp;" not in text and "\\" not in text  # no markup, no escapes
    assert all(len(line) <= 100 for line in text.splitlines())


def test_the_letters_have_their_own_feed_one_entry_per_letter(tiny_hub):
    _news(tiny_hub, "mai", "2023-05-17")
    site = tiny_hub.build()
    months = [p[len("monatsbrief/") : -len(".md")] for p in site.pages if p.startswith("monatsbrief/20")]
    for kind in ("rss.xml", "atom.xml"):
        feed = feedparser.parse(site.files[f"monatsbrief/{kind}"])
        assert feed.bozo == 0
        assert [e.link for e in feed.entries] == [
            f"https://hub.example/monatsbrief/{m}/" for m in sorted(months, reverse=True)
        ]
        assert feed.entries[-1].title.startswith("Monatsbrief ")
    assert "(../monatsbrief/index.md)" in site.pages["abonnieren/index.md"]
