from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Wagtail models whose changes visitors can see, besides pages (handled separately).
VISIBLE_WAGTAIL_MODELS = {
    ("wagtailcore", "pageviewrestriction"),
    ("wagtailcore", "site"),
    ("wagtailcore", "locale"),
    ("wagtailcore", "collection"),
    ("wagtailcore", "collectionviewrestriction"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("wagtailsearchpromotions", "searchpromotion"),
    ("wagtailredirects", "redirect"),
}


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal core")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cache import bump_content_version

        content_apps = {"portal", *settings.PORTAL_PLUGINS}

        def is_visible(instance):
            meta = instance._meta
            return (
                isinstance(instance, Page)
                or meta.app_label in content_apps
                or (meta.app_label, meta.model_name) in VISIBLE_WAGTAIL_MODELS
            )

        def content_changed(sender, instance, **kwargs):
            # A model may say that this save or delete changes nothing visitors see (a
            # resident's new idea, waiting for moderation): the caches then stay.
            changes_visible = getattr(instance, "changes_what_visitors_see", None)
            if is_visible(instance) and (changes_visible is None or changes_visible()):
                bump_content_version()

        # Every cached page and the cached navigation depend on the content version
        # (portal/cache.py): anything visitors can see sets a new one.
        self._content_changed = content_changed  # receivers are weakly referenced
        post_save.connect(content_changed, dispatch_uid="portal-content-save")
        post_delete.connect(content_changed, dispatch_uid="portal-content-delete")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"portal-content-{id(signal)}")

        from django.core import checks

        from .api_fields import check_api_fields

        # No model may offer an API an e-mail address, an account or form submissions.
        checks.register(check_api_fields, "api")
