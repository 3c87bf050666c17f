"""The initiatives' map in a real browser: drawn from the list's markers/ address, under the
site's Content-Security-Policy, and following the list's filters. Markers are drawn on one
canvas (no element and no image each), so they are counted by what the map says it drew."""


def test_the_map_draws_the_initiatives_markers_on_a_canvas(page, site):
    errors = []
    missing = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on(
        "response",
        lambda response: (
            missing.append(response.url)
            if response.status >= 400 and response.url.startswith(site.base_url)
            else None
        ),
    )
    page.goto("/iniciatyvos/")
    page.locator("#initiative-map[data-markers-drawn]").wait_for(state="visible")
    drawn = page.locator("#initiative-map").get_attribute("data-markers-drawn")
    assert drawn == "3"  # the demo initiatives with coordinates
    assert page.locator("#initiative-map canvas.leaflet-tile").count() >= 1
    assert page.locator("#initiative-map .leaflet-marker-icon").count() == 0
    # Nothing of the portal's own is missing (no marker image asked next to the page).
    assert missing == []
    # Tiles come from an outside server the test machine cannot reach; nothing else may fail,
    # and above all no Content-Security-Policy refusal.
    assert not [text for text in errors if "Content Security Policy" in text], errors


def test_the_map_follows_the_lists_filters(page):
    page.goto("/en/initiatives/?status=completed")
    map_ = page.locator("#initiative-map[data-markers-drawn]")
    map_.wait_for(state="visible")
    assert map_.get_attribute("data-markers-drawn") == "1"
    # One marker: the map is centred on it.
    box = map_.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.get_by_role("link").get_attribute("href").startswith("/en/initiatives/")
    assert "Completed" in popup.inner_text()
