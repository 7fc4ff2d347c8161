"""The browser harness itself: a page loads from 127.0.0.1 and calls no other host."""


def test_home_page_loads_without_foreign_requests(tracked_page, site_url):
    tracked_page.page.goto(site_url)
    assert tracked_page.page.locator("h1").first.inner_text().startswith("Wissenstransfer")
    assert tracked_page.page.locator("html").get_attribute("lang") == "de"
    assert tracked_page.foreign_requests() == []
    assert tracked_page.errors == []
