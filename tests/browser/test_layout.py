"""Phone-sized screens: no page scrolls sideways, and the menu stays usable."""


def test_no_horizontal_scrolling_at_360_pixels(phone, sitemap_urls):
    too_wide = {}
    for path in [
        *sitemap_urls,
        "/search/?q=miesto",
        "/en/search/?q=city",
        "/nera-tokio-puslapio/",
        "/en/nope/",
    ]:
        phone.goto(path)
        widths = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            too_wide[path] = widths
    assert too_wide == {}


def test_menu_links_are_reachable_on_a_phone(phone):
    phone.goto("/")
    links = phone.locator("nav.main-nav a")
    assert links.count() >= 6
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert box["height"] >= 24  # WCAG 2.5.8 target size
