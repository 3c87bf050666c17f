"""
The accessibility statement follows the EU model statement (Commission Implementing Decision
(EU) 2018/1523) in both languages, and every page of the site links it from its footer.
"""

import re

import pytest
from wagtail.models import Page

STATEMENT = {
    "lt": {
        "path": "/prieinamumo-deklaracija/",
        "privacy": "/privatumo-pranesimas/",
        "sections": [
            "Atitikties būsena",
            "Neprieinamas turinys",
            "Neatitiktis reikalavimams",
            "Neproporcinga našta",
            "Turinys, kuriam prieinamumo reikalavimai netaikomi",
            "Deklaracijos parengimas",
            "Atsiliepimai ir kontaktai",
            "Įgyvendinimo užtikrinimo procedūra",
        ],
        "facts": ["iš dalies atitinka", "2026 m. lapkričio 24 d.", "įsivertinimo", "2016/2102"],
    },
    "en": {
        "path": "/en/accessibility-statement/",
        "privacy": "/en/privacy-notice/",
        "sections": [
            "Compliance status",
            "Non-accessible content",
            "Non-compliance",
            "Disproportionate burden",
            "Content outside the scope of the accessibility requirements",
            "Preparation of this statement",
            "Feedback and contact information",
            "Enforcement procedure",
        ],
        "facts": ["partially compliant", "24 November 2026", "self-assessment", "2016/2102"],
    },
}


def footer_of(html):
    found = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)
    assert found, "no site footer"
    return found.group(0)


def headings_of(html):
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lt", "en"])
def test_statement_has_every_section_of_the_eu_model(client, language):
    expected = STATEMENT[language]
    html = client.get(expected["path"]).content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    headings = headings_of(main)
    # In the model's order: status, non-accessible content, preparation, feedback, enforcement.
    assert [h for h in headings if h in expected["sections"]] == expected["sections"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", main))
    for fact in expected["facts"]:
        assert fact in text


@pytest.mark.django_db
def test_every_page_links_the_statement_and_privacy_notice_in_its_footer(client):
    """Every live page of every type, in both languages, and the views that are not pages."""
    pages = [
        page for page in Page.objects.live().public().select_related("locale") if page.depth > 1
    ]
    page_types = {page.content_type.model for page in pages}
    assert len(page_types) >= 8, page_types  # every type the demo site has
    paths = [page.url for page in pages] + [
        "/search/?q=miesto",
        "/en/search/?q=city",
        "/nera-tokio-puslapio/",
        "/en/no-such-page/",
    ]
    missing = {}
    for path in paths:
        language = "en" if path.startswith("/en/") else "lt"
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        footer = footer_of(response.content.decode())
        wanted = [STATEMENT[language]["path"], STATEMENT[language]["privacy"]]
        absent = [href for href in wanted if f'href="{href}"' not in footer]
        if absent:
            missing[path] = absent
    assert missing == {}
