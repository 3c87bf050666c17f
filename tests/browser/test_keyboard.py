"""Keyboard only: a skip link first, visible focus, and every journey with Tab and Enter."""


def focused_outline(page):
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return [style.outlineStyle, style.outlineWidth, style.boxShadow];
        }"""
    )


def test_skip_link_is_first_and_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Pereiti prie pagrindinio turinio"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_focus_is_visible_on_links_and_buttons(page):
    page.goto("/en/")
    for _ in range(4):
        page.keyboard.press("Tab")
        style, width, shadow = focused_outline(page)
        assert style != "none" and width != "0px", (style, width)
        assert shadow != "none"


def test_keyboard_reaches_the_menu_and_follows_a_link(page):
    page.goto("/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Strategija":
            break
    else:
        raise AssertionError("the menu's Strategija link was never focused")
    page.keyboard.press("Enter")
    page.wait_for_url("**/strategija/")
    assert page.locator("h1").inner_text() == "Strategija"
