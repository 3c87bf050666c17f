"""
WCAG 2.1 AA with axe-core on every page of the site in both languages, plus the states a
resident can reach (search results, 404), and full-page screenshots of each page type at
desktop and phone width (ci-output/screenshots/, kept by CI).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
EXTRA_STATES = [
    "/search/?q=miesto",
    "/search/?q=suoliukai",  # a resident's idea among the results
    "/en/search/?q=city",
    "/search/?q=",
    "/nera-tokio-puslapio/",
    "/en/no-such-page/",
]

axe = Axe()


def violations_on(page, path):
    page.goto(path)
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def idea_pages(site):
    """A public demo idea's own page, in both languages."""
    idea_id = site.shell(
        "from engagement.models import Idea; print(Idea.objects.public().order_by('pk')[0].pk)"
    ).strip()
    return [f"/idejos/{idea_id}/", f"/en/ideas/{idea_id}/"]


def test_every_page_has_zero_axe_violations(page, site, sitemap_urls):
    problems = {}
    for path in [*sitemap_urls, *EXTRA_STATES, *idea_pages(site)]:
        found = violations_on(page, path)
        if found:
            problems[path] = found
    assert problems == {}


def test_every_page_type_has_zero_axe_violations_at_360_pixels(phone, site, sitemap_urls):
    """On a phone too (scrollable regions, target sizes, reflow): one page of each type in each
    language, and the states a resident can reach."""
    problems = {}
    seen = set()
    for path in [*sitemap_urls, *idea_pages(site), *EXTRA_STATES]:
        phone.goto(path)
        key = (
            phone.locator("body").get_attribute("data-page-type"),
            phone.locator("html").get_attribute("lang"),
        )
        if key in seen and path not in EXTRA_STATES:
            continue
        seen.add(key)
        found = violations_on(phone, path)
        if found:
            problems[path] = found
    assert len(seen) >= 12
    assert problems == {}


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_of_each_page_type(browser, site, sitemap_urls, screenshots, width):
    context = browser.new_context(base_url=site.base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    seen = set()
    for path in [
        *sitemap_urls,
        *idea_pages(site),
        "/search/?q=miesto",
        "/en/search/?q=city",
        "/nera-tokio-puslapio/",
        "/en/nope/",
    ]:
        page.goto(path)
        page_type = page.locator("body").get_attribute("data-page-type") or "page"
        language = page.locator("html").get_attribute("lang")
        key = (page_type, language)
        if key in seen:
            continue
        seen.add(key)
        name = f"{page_type}-{language}-{'desktop' if width > 600 else 'phone'}.png"
        page.screenshot(path=str(screenshots / name), full_page=True)
    context.close()
    assert ("homepage", "lt") in seen and ("homepage", "en") in seen
    assert len(seen) >= 12


def test_the_checker_does_report_a_known_violation(page):
    """The zero above means something: the same run finds a missing alt text and label."""
    page.set_content(
        '<html lang="lt"><head><title>x</title></head><body><main>'
        '<img src="/static/portal/img/favicon.svg"><input type="text"></main></body></html>'
    )
    found = {v["id"] for v in axe.run(page, options=AXE_OPTIONS).response["violations"]}
    assert {"image-alt", "label"} <= found
