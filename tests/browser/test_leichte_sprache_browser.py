"""The page in Leichte Sprache in a real browser: axe finds nothing, on desktop and on a phone; every
sentence starts a line of its own on screen and on paper; the header's symbol leads there."""

from __future__ import annotations

import pytest
from browsing import axe_violations

# The lines of each paragraph, list item and explanation whose first letter is not at the start of
# a line as shown: [] when every sentence (every line of the source) begins a line on screen.
LINES_NOT_STARTING_A_LINE = """(root) => {
  const bad = [];
  for (const block of root.querySelectorAll("p, li, dd")) {
    if (block.querySelector("p, ul, ol")) continue;  // a list item made of paragraphs: those count
    const starts = [];
    let lineStart = true;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (node.data[i] === "\\n") lineStart = true;
        else if (lineStart && node.data[i].trim()) { starts.push([node, i]); lineStart = false; }
      }
    }
    const lefts = starts.map(([node, i]) => {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getClientRects()[0].left;
    });
    const lines = block.textContent.split("\\n").filter((line) => line.trim());
    lefts.forEach((left, k) => { if (left - Math.min(...lefts) > 2) bad.push(lines[k]); });
  }
  return bad;
}"""


def test_leichte_sprache_passes_axe_and_loads_nothing_from_other_hosts(tracked_page, site_url, built_site):
    page = tracked_page.page
    page.goto(site_url + "leichte-sprache/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text().startswith("Leichte Sprache")
    assert axe_violations(page) == []
    assert tracked_page.foreign_requests() == []
    assert tracked_page.errors == []


def test_leichte_sprache_passes_axe_on_a_phone(mobile_page, site_url, built_site):
    page = mobile_page.page
    page.goto(site_url + "leichte-sprache/")
    assert axe_violations(page) == []
    # the footer link is there on a phone too, and it leads back to this page
    page.get_by_role("link", name="Leichte Sprache", exact=True).last.click()
    assert page.url.endswith("/leichte-sprache/")


@pytest.mark.parametrize("media", ["screen", "print"])
def test_every_sentence_starts_its_own_line(mobile_page, site_url, built_site, media):
    page = mobile_page.page
    page.emulate_media(media=media)
    page.goto(site_url + "leichte-sprache/")
    text = page.locator(".hub-easy-text")
    assert text.locator("p").count() > 20
    assert text.evaluate(LINES_NOT_STARTING_A_LINE) == []


def test_the_header_symbol_leads_to_leichte_sprache_on_a_phone(mobile_page, site_url, built_site):
    page = mobile_page.page
    page.goto(site_url + "praxisbeispiele/")
    link = page.locator("header").get_by_role("link", name="Leichte Sprache")
    assert link.locator("svg").is_visible()  # the symbol, in the first screen
    link.click()
    assert page.url.endswith("/leichte-sprache/")
