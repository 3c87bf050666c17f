"""The initiatives' map in a real browser: drawn from the list's markers/ address, under the
site's Content-Security-Policy, and following the list's filters."""


def test_the_map_draws_the_initiatives_markers(page):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto("/iniciatyvos/")
    markers = page.locator("#initiative-map .leaflet-marker-icon")
    markers.first.wait_for(state="visible")
    assert markers.count() == 3  # the demo initiatives with coordinates
    assert page.locator("#initiative-map").is_visible()
    # Tiles come from an outside server the test machine cannot reach; nothing else may fail,
    # and above all no Content-Security-Policy refusal.
    assert not [text for text in errors if "Content Security Policy" in text], errors


def test_the_map_follows_the_lists_filters(page):
    page.goto("/en/initiatives/?status=completed")
    markers = page.locator("#initiative-map .leaflet-marker-icon")
    markers.first.wait_for(state="visible")
    assert markers.count() == 1
    markers.first.click()
    popup = page.locator(".leaflet-popup-content")
    assert popup.get_by_role("link").get_attribute("href").startswith("/en/initiatives/")
    assert "Completed" in popup.inner_text()
