"""Pages restricted to signed-in users or to a password, as a resident meets them in Chromium,
in both languages (Wagtail's own /_util/ views in the portal's layout)."""

import pytest

from .conftest import EDITOR
from .test_accessibility import AXE_OPTIONS, axe, violations_on

LOGIN_PAGES = {"lt": "/nariams/", "en": "/en/members/"}
PASSWORD_PAGES = {"lt": "/slaptas/", "en": "/en/secret/"}
PASSWORD = "Vvg-slaptazodis-2026"


@pytest.fixture(scope="module")
def restricted_pages(site):
    site.shell(
        "from wagtail.models import PageViewRestriction; "
        "from home.models import HomePage, ContentPage; "
        "homes = {h.locale.language_code: h for h in HomePage.objects.select_related('locale')}; "
        f"login = {LOGIN_PAGES!r}; password = {PASSWORD_PAGES!r}\n"
        "for code, home in homes.items():\n"
        "    kinds = ((login, 'login', 'Nariams'), (password, 'password', 'Slapta'))\n"
        "    for paths, kind, title in kinds:\n"
        "        slug = paths[code].strip('/').split('/')[-1]\n"
        "        page = home.add_child(instance=ContentPage(title=f'{title} {code}', slug=slug))\n"
        "        PageViewRestriction.objects.create(page=page, restriction_type=kind, "
        f"password={PASSWORD!r} if kind == 'password' else '')\n"
    )


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_login_restricted_page_asks_to_sign_in_then_opens(page, restricted_pages, language):
    page.goto(LOGIN_PAGES[language])
    page.wait_for_url("**/_util/login/**")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == ("Prisijungti" if language == "lt" else "Sign in")
    page.get_by_label("Vartotojo vardas" if language == "lt" else "Username").fill(
        EDITOR["username"]
    )
    page.locator("#id_password").fill(EDITOR["password"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{LOGIN_PAGES[language]}")
    assert page.locator("h1").inner_text() == f"Nariams {language}"


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_password_page_refuses_a_wrong_password_and_opens_with_the_right_one(
    page, restricted_pages, language
):
    page.goto(PASSWORD_PAGES[language])
    assert page.locator("html").get_attribute("lang") == language
    field = page.locator("#id_password")
    field.fill("spejimas")
    page.locator("main form button[type=submit]").click()
    error = page.locator(".form-field__error")
    error.wait_for()
    assert ("neteisingas" if language == "lt" else "not correct") in error.inner_text()
    assert page.locator("h1").inner_text() != f"Slapta {language}"
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{PASSWORD_PAGES[language]}")
    assert page.locator("h1").inner_text() == f"Slapta {language}"


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_sign_in_and_password_pages_have_no_axe_violations_on_a_phone_and_a_desktop(
    page, phone, restricted_pages, language
):
    """The two pages a resident meets before a restricted page, each with its error shown."""
    for browser_page in (phone, page):
        for path in (LOGIN_PAGES[language], PASSWORD_PAGES[language]):
            assert violations_on(browser_page, path) == [], path
        browser_page.locator("#id_password").fill("spejimas")
        browser_page.locator("main form button[type=submit]").click()
        browser_page.locator(".form-field__error").wait_for()
        found = axe.run(browser_page, options=AXE_OPTIONS).response["violations"]
        assert [violation["id"] for violation in found] == []
