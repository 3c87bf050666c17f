from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .api import build_api, unknown_endpoint
from .api_v2 import build_v2_router
from .routing import serve
from .sitemaps import PortalSitemap

# The portal's API (also what `make api-snapshot` exports the OpenAPI document of).
api_v1 = build_api()


class FaviconRedirect(RedirectView):
    def get_redirect_url(self, *args, **kwargs):
        return static("portal/img/favicon.ico")


# Outside the language prefix: the admin, documents, the API and machine-readable files.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api_v1.urls),
    path("api/v2/", build_v2_router().urls),
    re_path(r"^api/(?P<path>.*)$", unknown_endpoint),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path(
        "favicon.ico",
        # The address is looked up per request: the static files' manifest may not exist when
        # the URLs are loaded (check --deploy before collectstatic).
        FaviconRedirect.as_view(permanent=True),
        name="favicon",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Local media for development and the browser tests; production serves media from the
    # object storage behind the CDN.
    from django.views.static import serve as serve_file

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT})
    ]

# Plugins that serve views of their own (not Wagtail pages) declare `i18n_urls` on their
# AppConfig; they are mounted inside the language prefixes, before Wagtail's catch-all.
plugin_patterns = [
    path("", include(app.i18n_urls))
    for app in apps.get_app_configs()
    if getattr(app, "i18n_urls", None)
]

# Wagtail's own front-end views (sign-in for restricted pages, page passwords), before pages.
wagtail_utility_patterns = [
    pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"
]

# Lithuanian at /, English at /en/. Page serving comes last: the portal's router (Wagtail's
# serve URL pattern and view, given the route found in one query: portal/routing.py), then
# Wagtail's own URLs, which name the pattern that page addresses are built with.
urlpatterns += i18n_patterns(
    *plugin_patterns,
    *wagtail_utility_patterns,
    re_path(wagtail_urls.serve_pattern, serve, name="portal_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
