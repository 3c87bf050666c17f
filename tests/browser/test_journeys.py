"""Resident journeys in a real browser, in Lithuanian and English."""

import pytest


@pytest.mark.parametrize(
    ("start", "query", "expected_title", "switch_to", "translated_title"),
    [
        (
            "/",
            "bendruomenė",
            "Miesto bendruomenė — kas tai?",
            "English",
            "The city community — what is it?",
        ),
        (
            "/en/",
            "community",
            "The city community — what is it?",
            "Lietuvių",
            "Miesto bendruomenė — kas tai?",
        ),
    ],
)
def test_search_then_switch_language_lands_on_the_translation(
    page, start, query, expected_title, switch_to, translated_title
):
    page.goto(start)
    page.locator("footer").get_by_role("link", name="Paieška" if start == "/" else "Search").click()
    page.get_by_role("searchbox").fill(query)
    page.get_by_role("searchbox").press("Enter")
    page.get_by_role("link", name=expected_title).click()
    assert page.locator("h1").inner_text() == expected_title
    page.locator("nav.language-switcher").get_by_role("link", name=switch_to).click()
    assert page.locator("h1").inner_text() == translated_title
    assert page.locator("html").get_attribute("lang") == ("en" if switch_to == "English" else "lt")
