from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db

SECTION_PATHS = [
    ("/apie/", "/en/about/"),
    ("/strategija/", "/en/strategy/"),
    ("/dokumentai/", "/en/documents/"),
    ("/kvietimai/", "/en/calls/"),
    ("/iniciatyvos/", "/en/initiatives/"),
    ("/idejos/", "/en/ideas/"),
]


def test_lithuanian_home_page_shows_the_seed_text(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="lt">' in html
    assert "Ateitį kuriame dabar" in html
    assert "Kokio miesto norite Jūs?" in html
    # The introduction once, in the hero; not again in the next section.
    assert html.count("Esame atviri miesto gyventojų idėjoms") == 1


def test_english_home_page_is_the_translation(client, home_lt, home_en):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "We are building the future now" in html
    assert "What kind of city do you want?" in html
    assert html.count("Share your thoughts. What city do you want to see?") == 1
    assert home_en.translation_key == home_lt.translation_key


@pytest.mark.parametrize(("lt_path", "en_path"), SECTION_PATHS)
def test_every_section_exists_in_both_languages_as_translations(client, page_at, lt_path, en_path):
    lt_page = page_at(lt_path)
    en_page = page_at(en_path)
    assert lt_page.locale.language_code == "lt"
    assert en_page.locale.language_code == "en"
    assert lt_page.translation_key == en_page.translation_key
    assert type(lt_page) is type(en_page)


def test_community_pages_carry_the_seed_text(client):
    html = client.get("/apie/miesto-bendruomene/").content.decode()
    assert "Miestas tai mes – čia gyvenantys ir čia kuriantys" in html
    html = client.get("/en/about/our-aim/").content.decode()
    assert "To increase public involvement in solving local problems." in html


def test_loader_is_idempotent():
    before = Page.objects.count()
    call_command("load_demo_content", stdout=StringIO())
    assert Page.objects.count() == before
    assert HomePage.objects.count() == 2
    assert Site.objects.count() == 1


def test_loader_keeps_what_editors_changed(home_lt):
    home_lt.hero_title = "Redaktoriaus antraštė"
    home_lt.save_revision().publish()
    call_command("load_demo_content", stdout=StringIO())
    home_lt.refresh_from_db()
    assert home_lt.hero_title == "Redaktoriaus antraštė"


COUNT_EXAMPLES = """
from django.apps import apps
from django.db.models import CharField
total = 0
for model in apps.get_models():
    for field in ("title", "name"):
        try:
            if isinstance(model._meta.get_field(field), CharField):
                total += model.objects.filter(
                    **{field + "__regex": "^(Pavyzdys|Example)"}
                ).count()
        except Exception:
            pass
print(total)
"""


def test_without_examples_a_fresh_site_has_only_the_clients_content(tmp_path):
    """On a new database: pages, snippets and ideas labelled as examples are all left out."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout.strip()

    manage("migrate", "--no-input", "-v0")
    manage("load_demo_content", "--no-examples", "-v0")
    assert manage("shell", "--no-imports", "-c", COUNT_EXAMPLES) == "0"
    assert (
        int(
            manage(
                "shell",
                "--no-imports",
                "-c",
                "from wagtail.models import Page; print(Page.objects.count())",
            )
        )
        >= 20
    )
    manage("load_demo_content", "-v0")
    assert int(manage("shell", "--no-imports", "-c", COUNT_EXAMPLES)) > 0


def test_footer_links_the_accessibility_statement_and_privacy_notice(client):
    html = client.get("/kvietimai/").content.decode()
    assert 'href="/prieinamumo-deklaracija/"' in html
    assert 'href="/privatumo-pranesimas/"' in html
    html = client.get("/en/calls/").content.decode()
    assert 'href="/en/accessibility-statement/"' in html
    assert 'href="/en/privacy-notice/"' in html


@pytest.mark.django_db
def test_demo_progress_photos_pass_the_editors_own_validation():
    """An editor opening a demo initiative can publish it as it is: every photo of a progress
    update has alt text, in the page's language (the editor's form refuses it otherwise)."""
    from initiatives.models import ProgressUpdate

    block = ProgressUpdate._meta.get_field("photos").stream_block
    updates = [u for u in ProgressUpdate.objects.select_related("page__locale") if u.photo_ids]
    assert updates
    for update in updates:
        block.clean(update.photos)  # raises ValidationError without alt text
        alts = [item["value"]["alt_text"] for item in update.photos.raw_data]
        expected = (
            "Piešta iliustracija" if update.page.locale.language_code == "lt" else "A drawing"
        )
        assert all(alt.startswith(expected) for alt in alts), alts
