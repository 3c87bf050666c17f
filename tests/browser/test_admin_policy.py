"""
The admin under its Content-Security-Policy in a real browser: the screens editors use most
load and work without a single violation of the policy (docs/security.md), so what the policy
narrows costs editors nothing.
"""

from playwright.sync_api import expect

from .conftest import EDITOR

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
    );
});
"""

SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/engagement/idea/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/account/",
    "/admin/two-factor/",
]


def sign_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(EDITOR["username"])
    page.locator("#id_password").fill(EDITOR["password"])
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def violations(page):
    return page.evaluate("window.cspViolations")


def test_admin_screens_load_without_policy_violations(page):
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page)
    for path in SCREENS:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path


def test_the_page_editor_works_under_the_policy(page):
    """The editor's inline scripts run (the date pickers of scheduled publishing are set up by
    one), its rich text editor and inline panels work, and nothing is blocked."""
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page)
    # A call's page has inline panels (documents, events) and rich text.
    calls = page.request.get("/api/v2/pages/?type=calls.CallPage&limit=1").json()
    call_id = calls["items"][0]["id"]
    page.goto(f"/admin/pages/{call_id}/edit/")
    page.wait_for_selector("#page-edit-form")
    page.wait_for_load_state("networkidle")
    # An inline script of Wagtail's set up the date picker on the scheduled-publishing field.
    assert page.evaluate("typeof window.initDateTimeChooser") == "function"
    # Draftail (the rich text editor) is up.
    expect(page.locator(".Draftail-Editor").first).to_be_attached()
    assert violations(page) == []
