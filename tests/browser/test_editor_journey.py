"""
The editor's journey in the real admin, in Lithuanian (the admin's default) and in English
(the editor's own preference): sign in, upload a document, create a funding call with that
document through the call editor's tabs and the document chooser, publish it from the action
menu, then find it on the public site and in the API; then add a progress update to an
initiative through its Progress tab, publish, and see the update and the new progress on the
initiative's public page and in the API. And, signed in, the Wagtail userbar on a public page
offers the accessibility checker; "Translate" keeps the English page a draft.
"""

import contextlib
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import EDITOR

JOURNEYS = {
    "lt": {
        "dashboard": "Prietaisų skydas",
        "document": "Bandomojo kvietimo sąlygos",
        "file": "bandomojo-kvietimo-salygos.pdf",
        "call": "Bandomasis kvietimas bendruomenės šventėms",
        "number": "2026-BR-LT",
        "status": "Priimamos paraiškos",
        "published": "publikuotas",
    },
    "en": {
        "dashboard": "Dashboard",
        "document": "Test call conditions",
        "file": "test-call-conditions.pdf",
        "call": "Test call for community festivals",
        "number": "2026-BR-EN",
        "status": "Open for applications",
        "published": "published",
    },
}

# The initiative each journey updates (demo content, in progress) and what the editor writes.
UPDATES = {
    "lt": {
        "slug": "kartu-pokalbiai",
        "text": "Bandomasis įrašas: įrašyti dar šeši kartų pokalbiai.",
        "progress": 65,
        "shown": "Pažanga: 65 %",
        "reported": "Nurodyta pažanga: 65 %",
    },
    "en": {
        "slug": "conversations-between-generations",
        "text": "Test entry: six more conversations between generations were recorded.",
        "progress": 70,
        "shown": "Progress: 70 %",
        "reported": "Progress reported: 70 %",
    },
}


def small_pdf(text):
    """A valid one-page PDF saying `text` (ASCII), built by hand: no PDF library needed."""
    content = b"BT /F1 18 Tf 72 770 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    """Keep what the browser showed when a step failed, to see why."""
    try:
        yield
    except BaseException:
        path = Path(tempfile.gettempdir()) / f"{name}-failure.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(path), full_page=True)
            print(f"screenshot of the failure: {path}")  # noqa: T201 - where to look
        raise


@pytest.fixture
def editor_language(site):
    """Set the editor's admin language for one test, and put it back afterwards."""

    def set_language(language):
        site.shell(
            "from django.contrib.auth import get_user_model; "
            "from wagtail.users.models import UserProfile; "
            f"profile = UserProfile.get_for_user(get_user_model().objects.get(username="
            f"{EDITOR['username']!r})); profile.preferred_language = {language!r}; "
            "profile.save()"
        )

    yield set_language
    set_language("")


def sign_in(page):
    page.goto("/admin/")
    page.wait_for_url("**/admin/login/**")
    page.locator("#id_username").fill(EDITOR["username"])
    page.locator("#id_password").fill(EDITOR["password"])
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def open_tab_holding(page, selector):
    """Click the tab of the page editor whose panel holds `selector`, whatever its label."""
    panel_id = page.locator(f'section[role="tabpanel"]:has({selector})').get_attribute("id")
    page.locator(f'a[role="tab"][href="#{panel_id}"]').click()
    page.locator(selector).first.wait_for(state="visible")


@pytest.mark.parametrize("language", ["lt", "en"])
def test_editor_publishes_a_call_with_a_document_and_residents_see_it(
    page, site, editor_language, language
):
    journey = JOURNEYS[language]
    if language != "lt":
        editor_language(language)
    index_id, index_url = site.shell(
        "from calls.models import CallIndexPage; "
        f"index = CallIndexPage.objects.get(locale__language_code={language!r}); "
        "print(index.pk, index.url)"
    ).split()
    today = date.today()

    with screenshot_on_failure(page, f"editor-journey-{language}"):
        # Signed in, the admin speaks the editor's language.
        sign_in(page)
        assert journey["dashboard"] in page.title()
        assert page.locator("html").get_attribute("lang") == language

        # Upload the call's conditions as a PDF.
        page.goto("/admin/documents/add/")
        page.locator("#id_file").set_input_files(
            files=[
                {
                    "name": journey["file"],
                    "mimeType": "application/pdf",
                    "buffer": small_pdf("Call conditions"),
                }
            ]
        )
        page.locator("#id_title").fill(journey["document"])
        page.locator("form button[type=submit].button-longrunning").click()
        page.wait_for_url("**/admin/documents/")
        assert page.get_by_role("link", name=journey["document"]).is_visible()

        # Pages → the calls index → add a child page: the index allows only calls, so the
        # call editor opens straight away.
        page.goto(f"/admin/pages/{index_id}/")
        page.locator(f'a[href="/admin/pages/{index_id}/add_subpage/"]').first.click()
        page.wait_for_url(f"**/admin/pages/add/calls/callpage/{index_id}/")

        # Main tab: title, number and dates (Wagtail's date-time inputs take typed values;
        # Escape closes the picker as a person would).
        page.locator("#id_title").fill(journey["call"])
        page.locator("#id_call_number").fill(journey["number"])
        for field, moment in [
            ("#id_opens_at", f"{today - timedelta(days=2):%Y-%m-%d} 09:00"),
            ("#id_closes_at", f"{today + timedelta(days=40):%Y-%m-%d} 16:00"),
        ]:
            page.locator(field).fill(moment)
            page.locator(field).press("Escape")

        # Conditions tab: the money.
        open_tab_holding(page, "#id_budget")
        page.locator("#id_budget").fill("40000")
        page.locator("#id_max_grant").fill("4000")
        page.locator("#id_co_funding_rate").fill("90")

        # Documents tab: add a row to the inline panel and choose the uploaded document.
        open_tab_holding(page, "#id_documents-ADD")
        page.locator("#id_documents-ADD").click()
        page.locator("#id_documents-0-document-chooser [data-chooser-action-choose]").first.click()
        modal = page.locator(".modal[role=dialog]")
        modal.get_by_role("link", name=journey["document"]).click()
        modal.wait_for(state="hidden")
        assert page.locator("#id_documents-0-document").input_value() != ""

        # The main button saves a draft; Publish is in the action menu's dropdown.
        publish_from_action_menu(page)
        page.wait_for_url(f"**/admin/pages/{index_id}/")
        message = page.locator(".messages").inner_text()
        assert journey["call"] in message and journey["published"] in message.lower()

        # The public calls index lists it as open, and its page links the PDF.
        page.goto(index_url)
        card = page.locator("article.call-card").filter(
            has=page.get_by_role("link", name=journey["call"], exact=True)
        )
        assert card.locator(".call-status").inner_text() == journey["status"]
        card.get_by_role("link", name=journey["call"], exact=True).click()
        assert page.locator("h1").inner_text() == journey["call"]
        assert journey["number"] in page.locator("main").inner_text()
        document_link = page.locator('main a[href*="/documents/"]').filter(
            has_text=journey["document"]
        )
        pdf = page.request.get(document_link.get_attribute("href"))
        assert pdf.ok and pdf.body().startswith(b"%PDF-")

        # The API has it too, with its status and its document.
        listing = page.request.get(f"/api/v1/calls?locale={language}&limit=100").json()
        found = [call for call in listing["results"] if call["title"] == journey["call"]]
        assert len(found) == 1, [call["title"] for call in listing["results"]]
        assert found[0]["number"] == journey["number"]
        assert found[0]["status"]["code"] == "open"
        detail = page.request.get(f"/api/v1/calls/{found[0]['id']}?locale={language}").json()
        assert [document["document"]["title"] for document in detail["documents"]] == [
            journey["document"]
        ]

        add_a_progress_update(page, site, language, journey)


def publish_from_action_menu(page):
    page.locator("footer [data-w-dropdown-target=toggle].button").click()
    page.locator('button[name="action-publish"]').click()


def add_a_progress_update(page, site, language, journey):
    """The editor's next task: an initiative's progress, through the Progress tab's inline panel."""
    update = UPDATES[language]
    initiative_id, initiative_url = site.shell(
        "from initiatives.models import InitiativePage; "
        f"page = InitiativePage.objects.get(slug={update['slug']!r}, "
        f"locale__language_code={language!r}); print(page.pk, page.url)"
    ).split()
    page.goto(f"/admin/pages/{initiative_id}/edit/")
    open_tab_holding(page, "#id_progress_updates-ADD")
    new_row = int(page.locator("#id_progress_updates-TOTAL_FORMS").input_value())
    page.locator("#id_progress_updates-ADD").click()
    # The new row's date is today's already; the editor writes what happened and the progress.
    row = f"#id_progress_updates-{new_row}"
    assert page.locator(f"{row}-date").input_value() == f"{date.today():%Y-%m-%d}"
    page.locator(f"{row}-text").fill(update["text"])
    page.locator(f"{row}-progress").fill(str(update["progress"]))
    publish_from_action_menu(page)
    page.wait_for_url("**/admin/pages/*/")
    message = page.locator(".messages").inner_text()
    assert journey["published"] in message.lower(), message

    # Residents see the update first in the timeline, and the new progress at the top.
    page.goto(initiative_url)
    header = page.locator(".page-header .initiative-progress__text")
    assert header.inner_text() == update["shown"]
    latest = page.locator(".initiative-timeline__entry").first
    assert update["text"] in latest.inner_text()
    assert update["reported"] in latest.inner_text()
    assert latest.locator("time").get_attribute("datetime") == f"{date.today():%Y-%m-%d}"

    # Other channels read the same progress through the API.
    detail = page.request.get(f"/api/v1/initiatives/{initiative_id}?locale={language}").json()
    assert detail["progress_percent"] == update["progress"]
    assert update["text"] in [entry["text"] for entry in detail["progress_updates"]]


def test_signed_in_editors_get_the_accessibility_checker_on_public_pages(page):
    """
    Wagtail's userbar runs its content checker (axe-core) on the public page an editor is
    looking at. It stays on: the userbar offers it, and it does report a problem once the
    page has one.
    """
    page.goto("/kvietimai/")
    assert page.locator("wagtail-userbar").count() == 0  # residents never see the userbar

    sign_in(page)

    # What an editor might paste into a page: an empty heading and a link without a name.
    # The checker runs as the page loads, so the flaws go into the page as it arrives.
    def with_flaws(route):
        response = route.fetch()
        html = response.text().replace("</main>", '<h2></h2><a href="/kvietimai/"></a></main>', 1)
        route.fulfill(response=response, body=html)

    page.route("**/kvietimai/", with_flaws)
    page.goto("/kvietimai/")
    page.locator("wagtail-userbar button[aria-haspopup]").first.click()
    checker = page.locator("wagtail-userbar #checker-trigger")
    expect(checker).to_be_visible()
    checker.click()
    results = page.locator("wagtail-userbar #checker-results")
    results.wait_for(state="visible")
    count = results.locator("[data-content-checker-count]").first
    page.wait_for_function("element => Number(element.textContent) > 0", arg=count.element_handle())
    assert results.locator("[data-content-checker-row]").count() >= 1


def test_translate_keeps_the_english_page_a_draft_until_it_is_published(page, site):
    """The editor translates a live Lithuanian call with wagtail-localize's own form (its only
    language already ticked): the English site does not show it until it is published in
    English from the translation editor."""
    call_id, slug = site.shell(
        "from calls.models import CallIndexPage, CallPage; "
        "from django.utils import timezone; from datetime import timedelta; "
        "index = CallIndexPage.objects.get(locale__language_code='lt'); "
        "call = index.add_child(instance=CallPage(title='Vietos kultūros renginiai 2027', "
        "call_number='2027-KR', opens_at=timezone.now() - timedelta(days=1), "
        "closes_at=timezone.now() + timedelta(days=30), budget=1000, max_grant=500, "
        "co_funding_rate=90)); call.save_revision().publish(); print(call.pk, call.slug)"
    ).split()
    assert slug == "vietos-kulturos-renginiai-2027"  # an ASCII address

    with screenshot_on_failure(page, "translate-journey"):
        sign_in(page)
        page.goto(f"/admin/localize/submit/page/{call_id}/")
        assert page.locator('input[name="locales"]').first.is_checked()
        form = page.locator('form:has(input[name="locales"])')
        form.locator("button[type=submit], input[type=submit]").first.click()
        page.wait_for_url(lambda url: "/localize/submit/" not in url)
        english = site.shell(
            "from calls.models import CallPage; "
            f"source = CallPage.objects.get(pk={call_id}); "
            "page = CallPage.objects.get(translation_key=source.translation_key, "
            "locale__language_code='en'); print(page.live, page.url_path)"
        ).split()
        assert english[0] == "False"
        listing = page.request.get("/en/calls/").text()
        assert "Vietos kultūros renginiai 2027" not in listing
