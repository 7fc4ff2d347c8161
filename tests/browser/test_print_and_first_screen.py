"""What readers see first (issue 32): the printed Steckbrief of a practice, a model project and a
town as Chromium prints it to PDF (sender on page 1, one date, no stray characters, caveats after
the facts), the print button, and the first screen of a phone (content before caveats, the site's
full name, card summaries that end at a word)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from pypdf import PdfReader
from support import ROOT

PRINTABLE = {  # one page of each printable type, each with caveats
    "practice": "praxisbeispiele/interkommunaler-buergerinnenrat/",
    "project": "modellvorhaben/grossraeschen-altdoebern-2021/",
    "town": "kommunen/grossraeschen/",
}
PHONE = {"width": 360, "height": 800}
CAVEATS = "Unsichere oder widersprüchliche Angaben"


class _Env(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` read as its default."""


_Env.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Env)
SENDER = [  # who publishes a printout: initiative, ministry, web address
    CONFIG["extra"]["hub"]["initiative"]["name"],
    CONFIG["extra"]["operator"]["short_name"],
    CONFIG["site_url"].removeprefix("https://").rstrip("/"),
]
A4_TEXT_WIDTH = round((210 - 18 - 16) / 25.4 * 96)  # px between the margins of hub-print.css's @page


def printed_lines(browser, url: str, pdf: Path) -> list[list[str]]:
    """The page printed by Chromium to A4 (its print dialog's PDF), as the lines of each page."""
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    page = context.new_page()
    page.goto(url)
    page.pdf(path=str(pdf), format="A4")
    context.close()
    return [(p.extract_text() or "").splitlines() for p in PdfReader(str(pdf)).pages]


def printed(browser, url: str, pdf: Path) -> list[str]:
    """The same printout as the text of each page."""
    return [" ".join(" ".join(lines).split()) for lines in printed_lines(browser, url, pdf)]


def shown_change(built_site: Path, path: str) -> str:
    """„2. Dezember 2026“: the date of last change the page shows on screen, under its sources."""
    tree = lxml.html.fromstring((built_site / path / "index.html").read_bytes())
    return tree.xpath('//p[contains(@class, "hub-record-dates")]/time[1]')[0].text_content()


@pytest.mark.parametrize("kind", list(PRINTABLE))
def test_printout_starts_with_the_sender_and_has_one_date(browser, site_url, built_site, artifacts, kind):
    path = PRINTABLE[kind]
    pages = printed(browser, site_url + path, artifacts / f"steckbrief-{kind}.pdf")
    first, text = pages[0], " ".join(pages)
    flat = first.replace(" ", "")
    for part in SENDER:  # who publishes it, above everything else on page 1
        assert part.replace(" ", "") in flat, part
    assert flat.index(SENDER[0].replace(" ", "")) < flat.index("Steckbrief")
    stand = re.findall(r"Stand: (\d{1,2}\. \w+ \d{4})", text)
    assert stand == [shown_change(built_site, path)], stand  # one date: the record's last change
    assert "Stand:" in first and "Zuletzt geändert" not in text
    assert "\\" not in text  # no Markdown escape leaking into the printout
    assert "Steckbrief drucken" not in text and "Strg + P" not in text  # the button is not printed
    # the caveats come after the facts of the Steckbrief
    assert text.index("Steckbrief") < text.index(CAVEATS)
    assert text.index("Größe") < text.index(CAVEATS)


def test_a_record_with_checked_sources_prints_one_date_all_the_same(browser, site_url, built_site, artifacts):
    path = "praxisbeispiele/geloster-zukunftsrat/"  # its file says when its sources were last checked
    assert "Quellen geprüft am" in (built_site / path / "index.html").read_text(encoding="utf-8")
    text = " ".join(printed(browser, site_url + path, artifacts / "steckbrief-sources-checked.pdf"))
    assert re.findall(r"Stand: (\d{1,2}\. \w+ \d{4})", text) == [shown_change(built_site, path)]
    assert "geprüft am" not in text and "Zuletzt geändert" not in text


def longest_title(built_site: Path) -> str:
    """The printable page whose title (h1) is the longest of all practices, projects and towns."""
    titles = {
        page.parent.relative_to(built_site).as_posix() + "/": lxml.html.fromstring(page.read_bytes())
        .xpath("string(//h1)")
        .strip()
        for folder in ("praxisbeispiele", "modellvorhaben", "kommunen")
        for page in (built_site / folder).glob("*/index.html")
    }
    return max(titles, key=lambda path: len(titles[path]))


@pytest.mark.parametrize("kind", list(PRINTABLE))
def test_the_printed_sender_is_one_line(browser, site_url, artifacts, kind):
    first_page = printed_lines(browser, site_url + PRINTABLE[kind], artifacts / f"sender-{kind}.pdf")[0]
    whole = "·".join(SENDER).replace(" ", "")
    assert first_page[0].replace(" ", "") == whole, first_page[:2]  # line 1 is the whole sender, line 2 not


def test_the_sender_keeps_to_one_line_above_the_longest_title(browser, site_url, built_site):
    path = longest_title(built_site)
    page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.goto(site_url + path)
    sender = page.locator(".hub-print-sender")
    lines = sender.evaluate(
        """p => { const style = getComputedStyle(p);
                 const content = p.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
                 return content / parseFloat(style.lineHeight); }"""
    )
    assert round(lines, 2) == 1, (path, lines)
    page.close()


def test_print_headings_are_black_and_bold(browser, site_url):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(site_url + PRINTABLE["practice"])
    styles = page.locator("article h2").evaluate_all(
        "hs => hs.map(h => [getComputedStyle(h).color, getComputedStyle(h).fontWeight])"
    )
    assert styles and all(style == ["rgb(0, 0, 0)", "700"] for style in styles), styles
    page.close()


@pytest.mark.parametrize("kind", list(PRINTABLE))
def test_the_print_button_opens_the_print_dialog(browser, site_url, kind):
    page = browser.new_page()
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(site_url + PRINTABLE[kind])
    page.get_by_role("button", name="Steckbrief drucken").click()
    assert page.evaluate("window.__printed") == 1
    assert not page.locator(".hub-print-hint").is_visible()
    page.close()


def test_without_javascript_the_page_says_how_to_print(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PRINTABLE["practice"])
    assert page.locator("[data-hub-print]").is_hidden()  # no button that would do nothing
    assert "Strg + P" in page.locator(".hub-print-hint").inner_text()
    context.close()


def phone(browser):
    return browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="de-DE"
    ).new_page()


@pytest.mark.parametrize("kind", list(PRINTABLE))
def test_the_first_screen_on_a_phone_is_the_content(browser, site_url, artifacts, kind):
    page = phone(browser)
    page.goto(site_url + PRINTABLE[kind])
    page.screenshot(path=str(artifacts / f"first-screen-{kind}-360.png"))
    steckbrief = page.locator("h2#steckbrief").bounding_box()
    caveats = page.locator(".admonition.warning").bounding_box()
    facts_end = page.locator("h2#steckbrief + div").bounding_box()
    assert steckbrief and caveats and facts_end
    assert steckbrief["y"] < PHONE["height"]  # the facts start on the first screen
    assert caveats["y"] >= facts_end["y"] + facts_end["height"]  # the caveats come after them
    page.context.close()


def test_a_towns_trivial_caveats_are_out_of_the_way(browser, site_url):
    page = phone(browser)
    page.goto(site_url + PRINTABLE["town"])
    caveats = page.locator(".admonition.warning")
    assert "Koordinaten" in caveats.inner_text()
    box, sources = caveats.bounding_box(), page.locator("h2#quellen").bounding_box()
    assert box and sources and box["y"] > 2 * PHONE["height"] and box["y"] < sources["y"]  # near the sources
    page.context.close()


def test_the_site_name_is_whole_on_a_360_px_phone(browser, site_url, artifacts):
    page = phone(browser)
    page.goto(site_url)
    page.screenshot(path=str(artifacts / "first-screen-home-360.png"))
    name = page.locator(".md-header__topic:first-child .hub-site-name")
    assert " ".join(name.inner_text().split()) == CONFIG["site_name"]
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")  # not cut
    assert name.evaluate("e => e.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(e).lineHeight)")
    page.context.close()


def test_card_summaries_end_at_a_word_with_an_ellipsis(browser, site_url):
    page = phone(browser)
    page.goto(site_url + "praxisbeispiele/")
    cards = page.locator("#praxisbeispiele-liste .hub-card__summary").evaluate_all(
        """ps => ps.map(p => {
            const cut = p.querySelector('.hub-card__cut');
            return {whole: p.textContent, cut: cut ? cut.textContent : null,
                    ellipsis: cut ? getComputedStyle(cut, '::after').content : null,
                    rest: p.querySelector('.hub-card__more')?.getBoundingClientRect().width ?? null,
                    clipped: p.scrollHeight > p.clientHeight + 1};
        })"""
    )
    assert len(cards) > 10
    shortened = [c for c in cards if c["cut"] is not None]
    assert shortened, "no summary is long enough to be shortened"
    for card in cards:
        assert not card["clipped"], card["whole"]  # no line cut off by the stylesheet
    for card in shortened:
        assert card["whole"].startswith(card["cut"])
        assert card["whole"][len(card["cut"])] == " ", card["cut"][-20:]  # ends at a whole word
        assert card["ellipsis"].startswith('"…"'), card["ellipsis"]
        assert card["rest"] is not None and card["rest"] <= 1  # the rest is for screen readers only
    page.context.close()
