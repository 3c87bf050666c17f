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


CHAIN = """() => [...document.querySelectorAll('.initiative-chain li')].map(item => {
    const kind = item.querySelector('.initiative-chain__kind').getBoundingClientRect();
    return {
        text: item.textContent.replace(/\\s+/g, ' ').trim(),
        lineTop: item.getClientRects()[0].top,
        kindTop: kind.top,
        display: getComputedStyle(item).display,
    };
})"""


def test_you_said_we_did_reads_as_one_line_of_steps(page, phone):
    """Idea → measure → call → initiative as one line of text that wraps like a sentence, each
    step's label on the line of its own arrow and text, read in order."""
    for browser_page, width in [(page, 1280), (phone, 360)]:
        browser_page.goto("/iniciatyvos/kartu-pokalbiai/")
        steps = browser_page.evaluate(CHAIN)
        kinds = [step["text"].split(":")[0] for step in steps]
        measures = kinds.count("Strategijos uždavinys")
        assert measures >= 1
        assert kinds == ["Idėja", *["Strategijos uždavinys"] * measures, "Kvietimas", "Iniciatyva"]
        assert all(step["display"] == "inline" for step in steps)
        for step in steps:
            assert abs(step["kindTop"] - step["lineTop"]) < 2, (width, step)
        tops = [step["lineTop"] for step in steps]
        assert tops == sorted(tops)  # read left to right, line after line, like a sentence


def test_header_and_menu_leave_the_phone_screen_to_the_content(phone):
    """At 360 × 740 the header and the whole menu take at most a fifth of the screen's height,
    without JavaScript, and every link stays on screen and large enough to tap."""
    for path in ["/", "/en/", "/kvietimai/"]:
        phone.goto(path)
        bottom = phone.evaluate(
            "() => document.querySelector('.site-header').getBoundingClientRect().bottom"
        )
        assert bottom <= 148, (path, bottom)
        links = phone.locator(".site-header a")
        for index in range(links.count()):
            box = links.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (path, index, box)
            assert box["height"] >= 24


def test_tables_read_on_a_phone(phone):
    """At 360 px a table fits, or scrolls inside a region the keyboard reaches and that has a
    name; the call's criteria table fits, its headings whole."""
    phone.goto("/kvietimai/")
    phone.locator("article.call-card a").first.click()
    criteria = phone.locator("#call-criteria ~ .table-wrap table")
    assert criteria.count() == 1
    box = criteria.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    for path in [phone.url, "/strategija/", "/iniciatyvos/"]:
        phone.goto(path)
        wide = phone.evaluate(
            """() => [...document.querySelectorAll('main table')].filter(table => {
                const region = table.parentElement;
                return region.scrollWidth > region.clientWidth && !(
                    region.getAttribute('role') === 'region' && region.tabIndex === 0
                    && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))
                );
            }).map(table => table.outerHTML.slice(0, 80))"""
        )
        assert wide == [], path
