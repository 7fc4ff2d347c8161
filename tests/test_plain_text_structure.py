"""Plain-text fields (summaries, notes, titles) make no structure on a page, whatever their lines
hold: a line of '=====' is no heading (no second <h1>, no entry in the table of contents), a line
starting with ': ' no definition list, an indented line no code block, a blank line no new
paragraph. The page Markdown is rendered with the extensions of mkdocs.yml, as MkDocs does."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from support import ROOT, TinyHub

TRICKS = {
    "setext heading": "Ein Satz über die Stadt.\n=====",
    "setext h2": "Ein Satz über die Stadt.\n-----",
    "definition": "Ein Begriff der Stadt\n: und seine Erklärung dazu",
    "code block": "Ein Satz über die Stadt.\n\n        eingerückter Text",
    "leading definition": ": Erklärung gleich am Anfang des Texts",
    "leading equals": "=====\nEin Satz über die Stadt.",
}


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV) read as nothing: only markdown_extensions is needed."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def _render(page: str) -> str:
    """A generated page's Markdown as MkDocs renders it (same extensions, front matter removed)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            settings[name] = options
        else:
            names.append(item)
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=names, extension_configs=settings)


@pytest.fixture
def tricked(tiny_hub: TinyHub):
    def build(text: str):
        tiny_hub.write(
            "topics/klimawandel.yml",
            yaml.safe_dump({"title": "Klimawandel", "summary": text}, allow_unicode=True),
        )
        tiny_hub.write(
            "cities/zossen.yml",
            yaml.safe_dump(
                {
                    "title": "Zossen",
                    "district": "Teltow-Fläming",
                    "summary": text,
                    "coordinates": {"lat": 52.22, "lon": 13.45, "approximate": True},
                    "notes": [text],
                    "sources": [
                        {"url": "https://msdz.brandenburg.de/", "title": "Testquelle", "publisher": "Testherausgeber"}
                    ],
                },
                allow_unicode=True,
            ),
        )
        assert tiny_hub.problems() == []
        return tiny_hub.build()

    return build


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_plain_text_makes_no_heading_list_or_code(tricked, trick):
    text = TRICKS[trick]
    plain = tricked("Ein harmloser Satz.")  # the pages' own code elements (feed addresses) are not the text's
    site = tricked(text)
    written = " ".join(text.split())  # what a reader sees: the text as one paragraph
    for path in ("themen/klimawandel.md", "themen/index.md", "kommunen/zossen.md"):
        html, before = _render(site.pages[path]), _render(plain.pages[path])
        assert len(re.findall(r"<h1[ >]", html)) <= 1, (path, html)
        assert not re.search(r"<h[2-6][^>]*>[^<]*(Satz|Begriff)", html), (path, html)
        for tag in ("<dl", "<pre", "<code"):
            assert html.count(tag) == before.count(tag), (path, tag, html)
        shown = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert written in shown.replace("&#61;", "=").replace("&#58;", ":"), (path, shown)
