"""
The resident's journey, in each language: home page, strategy, a call and its .ics, then an
idea through the real form: a validation message first (consent missing), then the thank-you
page, and the idea is in the database.
"""

import pytest
from icalendar import Calendar

JOURNEYS = {
    "lt": {
        "home": "/",
        "strategy": "Strategija",
        "calls": "Kvietimai",
        "ideas": "Idėjos",
        "send": "Siųsti idėją",
        "consent_error": "Pažymėkite",
        "thanks": "/idejos/aciu/",
        "title": "Daugiau suoliukų Vilniaus alėjoje",
    },
    "en": {
        "home": "/en/",
        "strategy": "Strategy",
        "calls": "Calls",
        "ideas": "Ideas",
        "send": "Send my idea",
        "consent_error": "tick",
        "thanks": "/en/ideas/thank-you/",
        "title": "More benches on Vilniaus alley",
    },
}


def menu(page, name):
    page.locator("nav.main-nav").get_by_role("link", name=name, exact=True).click()


@pytest.mark.parametrize("language", ["lt", "en"])
def test_resident_reads_the_strategy_and_a_call_then_shares_an_idea(page, site, language):
    journey = JOURNEYS[language]
    page.goto(journey["home"])
    assert page.locator("html").get_attribute("lang") == language

    menu(page, journey["strategy"])
    assert page.locator("h1").inner_text() == journey["strategy"]
    assert "268" in page.locator("main").inner_text()

    menu(page, journey["calls"])
    page.locator(".call-list a").first.click()
    call_title = page.locator("h1").inner_text()
    ics_link = page.locator('main a[href$="/ics/"]').first
    ics = page.request.get(ics_link.get_attribute("href"))
    assert ics.ok
    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.body())
    summaries = [str(event.get("summary")) for event in calendar.walk("VEVENT")]
    assert any(call_title in summary for summary in summaries), summaries

    menu(page, journey["ideas"])
    page.locator("#id_title").fill(journey["title"])
    page.locator("#id_description").fill(
        "Prie Vilniaus alėjos trūksta suoliukų senjorams pailsėti. / Seniors need benches."
    )
    # The form refuses what is sent faster than a person types (ENGAGEMENT_MIN_FILL_SECONDS,
    # 1 s on this site); a resident takes far longer than that.
    page.wait_for_timeout(1500)
    page.get_by_role("button", name=journey["send"]).click()
    # Consent missing: the form comes back with the message next to the checkbox and
    # everything typed still there.
    error = page.locator("#id_consent-error")
    assert error.is_visible()
    assert journey["consent_error"].lower() in error.inner_text().lower()
    assert page.locator("#id_title").input_value() == journey["title"]
    assert page.locator("#id_consent").get_attribute("aria-invalid") == "true"

    page.locator("#id_consent").check()
    page.get_by_role("button", name=journey["send"]).click()
    page.wait_for_url(f"**{journey['thanks']}")
    assert page.locator("h1").is_visible()

    stored = site.shell(
        "from engagement.models import Idea; "
        f"print(Idea.objects.filter(title={journey['title']!r}, language={language!r}).count())"
    )
    assert stored == "1"
    # The worker running beside the site (as `make run` starts it) delivers the staff's
    # notification in the background.
    states = ""
    for _ in range(60):
        states = site.shell(
            "from engagement.models import Idea; from outbox.models import OutgoingMessage; "
            f"idea = Idea.objects.get(title={journey['title']!r}); "
            "print(sorted(OutgoingMessage.objects.filter(key__startswith=f'idea:{idea.pk}:')"
            ".values_list('state', flat=True)))"
        )
        if states == "['sent']":
            break
        page.wait_for_timeout(500)
    assert states == "['sent']"


def test_keyboard_alone_can_share_an_idea(page, site):
    page.goto("/idejos/")
    page.locator("#id_title").focus()
    page.keyboard.type("Klaviatūra pateikta idėja")
    page.keyboard.press("Tab")
    page.keyboard.type("Visa forma užpildyta tik klaviatūra.")
    # Tab through the optional fields to the consent checkbox, tick it, then send with Enter.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "id_consent":
            break
    else:
        raise AssertionError("the consent checkbox was never reached with Tab")
    page.keyboard.press("Space")
    page.wait_for_timeout(1500)  # see above: not faster than a person
    # Past the link to the privacy notice in the consent's label, to the send button.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "submit":
            break
    else:
        raise AssertionError("the send button was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/idejos/aciu/")
    stored = site.shell(
        "from engagement.models import Idea; "
        "print(Idea.objects.filter(title='Klaviatūra pateikta idėja').count())"
    )
    assert stored == "1"


PASTE = """(text) => {
    const area = document.querySelector("#id_description");
    area.focus();
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const options = {clipboardData: data, bubbles: true, cancelable: true};
    area.dispatchEvent(new ClipboardEvent("paste", options));
}"""


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_long_pasted_idea_is_counted_and_its_cut_is_told(phone, language):
    """20,000 characters pasted into the 4,000-character description: the form keeps what fits,
    says how much was left out, and counts the characters as the resident types."""
    phone.goto("/idejos/" if language == "lt" else "/en/ideas/")
    area = phone.locator("#id_description")
    count = phone.locator("#id_description-count")
    assert count.inner_text().replace("\u00a0", " ") == (
        "Simbolių: 0 iš 4 000." if language == "lt" else "Characters: 0 of 4,000."
    )
    phone.evaluate(PASTE, "Suoliukai. " * 1000 + "x" * 9000)  # 20,000 characters
    assert len(area.input_value()) == 4000
    notice = phone.locator("#id_description-cut")
    assert notice.get_attribute("role") == "status"
    told = notice.inner_text().replace("\u00a0", " ")
    assert ("16 000" if language == "lt" else "16,000") in told
    assert count.inner_text().replace("\u00a0", " ") == (
        "Simbolių: 4 000 iš 4 000." if language == "lt" else "Characters: 4,000 of 4,000."
    )
    # Both are read with the field.
    described = area.get_attribute("aria-describedby").split()
    assert {"id_description-count", "id_description-cut"} <= set(described)
    # A paste that fits is left to the browser, and the notice goes away.
    area.fill("")
    phone.evaluate(PASTE, "Trumpa idėja.")
    assert notice.inner_text() == ""
