"""
The machinery of `manage.py load_demo_content`: locales, the site, and idempotent creation of
pages in Lithuanian with their English translations. Each plugin's `demo.py` describes its own
content and registers a loader in portal.registry.demo_loaders.

Pages created in code get no translations on their own, so the loader creates each English
page as a translation of the Lithuanian one (same translation key), the way an editor's
"Translate" action would. Existing pages are left as they are: running the loader again keeps
what editors changed and creates only what is missing.
"""

from __future__ import annotations

import json

from django.db import transaction
from wagtail.models import Locale, Page, Site

EXAMPLE_LABEL = {"lt": "Pavyzdys", "en": "Example"}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def bullet_list(items: list[str]) -> dict:
    return paragraph("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def stream(*blocks: dict) -> str:
    return json.dumps(list(blocks))


class DemoLoader:
    def __init__(self, *, examples: bool = True, stdout=None):
        self.examples = examples
        self.stdout = stdout
        self.created = 0

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    # Locales and site ------------------------------------------------------------------

    def locale(self, code: str) -> Locale:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        return locale

    @property
    def lt(self) -> Locale:
        return self.locale("lt")

    @property
    def en(self) -> Locale:
        return self.locale("en")

    def home(self):
        """The Lithuanian home page, i.e. the default site's root page."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        return site.root_page.specific if site else None

    def set_home(self, home: Page) -> None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Druskininkų miesto VVG",
            )
            return
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = "Druskininkų miesto VVG"
            site.save()

    def remove_placeholder_home(self) -> None:
        """Wagtail's first migration creates a bare "Welcome" page; the portal has its own."""
        root = Page.get_first_root_node()
        for placeholder in Page.objects.child_of(root).filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            if not placeholder.get_children().exists():
                # Its default Site goes with it (on_delete=CASCADE); set_home() makes ours.
                placeholder.delete()

    # Pages -----------------------------------------------------------------------------

    @transaction.atomic
    def page(self, parent: Page, model, *, slug: str, lt: dict, en: dict, en_slug: str):
        """Create (or find) a page with this slug under `parent`, and its English translation."""
        existing = parent.get_children().filter(slug=slug, locale=self.lt).first()
        if existing is None:
            page = model(slug=slug, locale=self.lt, **lt)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1
            self.log(f"  created /{slug}/ ({model.__name__})")
        else:
            page = existing.specific
        self.translate(page, en, en_slug)
        return page

    @transaction.atomic
    def root_page(self, model, *, slug: str, lt: dict, en: dict, en_slug: str):
        """A page at the top of the tree (the home page of each language)."""
        root = Page.get_first_root_node()
        existing = Page.objects.child_of(root).type(model).filter(locale=self.lt).first()
        if existing is None:
            self.remove_placeholder_home()
            page = model(slug=slug, locale=self.lt, **lt)
            root.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1
            self.log(f"  created the home page ({model.__name__})")
        else:
            page = existing.specific
        self.translate(page, en, en_slug)
        return page

    def translate(self, page: Page, fields: dict, slug: str):
        translation = page.get_translation_or_none(self.en)
        if translation is not None:
            return translation.specific
        translation = page.copy_for_translation(self.en, copy_parents=False)
        # Give the copy its English slug directly: a slug change through save() would make
        # Wagtail record a redirect from the copy's temporary address.
        Page.objects.filter(pk=translation.pk).update(slug=slug)
        translation.slug = slug
        translation.set_url_path(translation.get_parent())
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        translation.save_revision().publish()
        self.created += 1
        return translation

    def label_example(self, title: str, language: str) -> str:
        """Example content beyond the client's own text says so in its title."""
        return f"{EXAMPLE_LABEL[language]}: {title}"
