"""
The core's hooks: pages outside their schedule are not served, and the admin's "Translate" form
(wagtail-localize) opens with its only possible language already ticked (the portal has two
languages, so there is one target; the views are wagtail-localize's own, only the initial
choice differs).
"""

from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail_localize.views import submit_translations

from .schedule import is_visible


@hooks.register("before_serve_page")
def refuse_pages_outside_their_schedule(page, request, serve_args, serve_kwargs):
    """A live page past its expiry (publish_scheduled has not run yet) is gone for visitors at
    that second: the one rule of portal/schedule.py."""
    if not is_visible(page):
        raise Http404


class TicksTheOnlyLanguage:
    def get_form(self):
        form = super().get_form()
        if not form.is_bound and not form.initial.get("locales"):
            choices = list(form.fields["locales"].queryset)
            if len(choices) == 1:
                form.initial = {**form.initial, "locales": choices}
        return form


class SubmitPageTranslationView(
    TicksTheOnlyLanguage, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    TicksTheOnlyLanguage, submit_translations.SubmitSnippetTranslationView
):
    pass


# Registered before wagtail-localize's own URLs (order), at the same addresses, so that its
# links and `reverse()` land here.
@hooks.register("register_admin_urls", order=-1)
def register_translate_forms():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
        ),
    ]
