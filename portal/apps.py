from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal core")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import navigation
        from .models import SiteSettings

        # The cached navigation is rebuilt after anything that can change a menu or footer.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(navigation.invalidate, dispatch_uid=f"navigation-{id(signal)}")
        watched = (Page, PageViewRestriction, Site, SiteSettings)

        def invalidate_navigation(sender, instance, **kwargs):
            # Page subclasses send signals under their own class, hence isinstance.
            if isinstance(instance, watched):
                navigation.invalidate()

        self._invalidate_navigation = invalidate_navigation  # keep the receiver alive
        post_save.connect(invalidate_navigation, dispatch_uid="portal-navigation-save")
        post_delete.connect(invalidate_navigation, dispatch_uid="portal-navigation-delete")

        from django.core import checks

        from .api_fields import check_api_fields

        # No model may offer an API an e-mail address, an account or form submissions.
        checks.register(check_api_fields, "api")
