"""
The admin's "Translate" form (wagtail-localize) with its only possible language already ticked:
the portal has two languages, so there is one target, and the form as it opens should be ready
to send. The views are wagtail-localize's own; only the initial choice differs.
"""

from django.urls import path
from wagtail import hooks
from wagtail_localize.views import submit_translations


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
