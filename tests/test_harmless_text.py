"""Text from data never becomes markup: escaped in plain fields, sanitised in Markdown fields."""

from __future__ import annotations

import json
from xml.etree import ElementTree
import shutil
from html.parser import HTMLParser

from support import ROOT, run_mkdocs_build

PAYLOADS = [
    "</title><script>alert(1)</script>",
    '" onmouseover="alert(2)',
    "<img src=x onerror=alert(3)>",
    "[klick](javascript:alert(4))",
    "<iframe src=https://evil.example></iframe>",
    '<a href="data:text/html,x" onclick="alert(5)">x</a>',
    "<svg onload=alert(6)>",
    "<style>body{display:none}</style>",
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "style") or (tag == "script" and not dict(attrs).get("src")):
            self._in_script = tag == "script"
            if tag != "script":
                self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action") and value.startswith(("javascript:", "data:")):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"script: {data[:60]}")


def dangerous_markup(text: str) -> list[str]:
    """Elements and attributes a browser would run or embed, found by a real HTML parser."""
    collector = _Collector()
    collector.feed(text)
    return collector.found


def test_payloads_in_every_text_field_stay_text(tiny_hub, tmp_path):
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = ROOT / name
        target = tiny_hub.root / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    joined = " ".join(PAYLOADS)
    quoted = joined.replace("'", "''")
    short = " ".join(PAYLOADS[:4]).replace("'", "''")  # titles are limited to 200 characters
    tiny_hub.write("practices/xss.yml", f"""
        title: '{short}'
        summary: '{quoted}'
        projects: [zossen-2021]
        topics: [klimawandel]
        context: '{quoted}'
        steps: ['{quoted}', '{quoted}']
        pitfalls: ['{quoted}']
        actors: ['{quoted}']
        transferability: '{quoted}'
        published: 2026-11-26
        sources: [https://msdz.brandenburg.de/]
    """)
    site = tmp_path / "site"
    result = run_mkdocs_build(tiny_hub.root, site)
    assert result.returncode == 0, result.stderr
    outputs = [site / "praxisbeispiele/xss/index.html", site / "praxisbeispiele/index.html", site / "rss.xml",
               site / "atom.xml", site / "search/search_index.json", site / "kommunen/zossen/index.html"]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".xml":  # the HTML a feed reader renders: the entries' content
            root = ElementTree.fromstring(text.encode("utf-8"))
            contents = [e.text or "" for e in root.iter() if e.tag.endswith(("}encoded", "}content"))]
            assert contents, path
            text = " ".join(contents)
        elif path.suffix == ".json":
            text = " ".join(d["text"] + " " + d["title"] for d in json.loads(text)["docs"])
        assert dangerous_markup(text) == [], path
    page = (site / "praxisbeispiele/xss/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown to the reader as text
    assert '<meta name="description" content="&lt;/title&gt;' in page
