from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and content pages")

    def ready(self):
        from portal.registry import demo_loaders

        from .demo import load_home_content

        # The home page and the general pages come first: every other plugin hangs its
        # section under the home page.
        demo_loaders.register("home", load_home_content, order=0)
