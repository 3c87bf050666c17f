"""
The idea page (form, thank-you page and public idea wall) and editor-built form pages.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField

from portal.cache import remember
from portal.models import IntroBodyPage, SectionPageMixin
from portal.navigation import site_for_request, site_navigation

from .. import conf, spam

THANKS_SLUGS = {"lt": "aciu", "en": "thank-you"}


def privacy_url(request) -> str:
    """The privacy notice in the visitor's language (from the cached navigation)."""
    navigation = site_navigation(request)
    return (navigation or {}).get("footer", {}).get("privacy", "")


def rate_limited_response(request, template, context, retry_after: int):
    context = {**context, "rate_limited": True, "retry_minutes": max(1, -(-retry_after // 60))}
    response = TemplateResponse(request, template, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class IdeaPage(RoutablePageMixin, SectionPageMixin, IntroBodyPage):
    """Where residents share their ideas and opinions, without an account, and read others'."""

    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "Shown after an idea is sent. Leave empty for the standard text on what happens next."
        ),
    )

    content_panels = [*IntroBodyPage.content_panels, FieldPanel("thank_you_text")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["engagement.FormPage"]
    max_count_per_parent = 1
    template = "engagement/idea_page.html"

    class Meta:
        verbose_name = _("ideas page")

    # Routes --------------------------------------------------------------------------

    @path("")
    def index(self, request):
        from ..forms import IdeaForm
        from ..wall import themes_in

        themes = themes_in(self.locale_id)
        if request.method == "POST":
            return self.receive_idea(request, themes)
        form = IdeaForm(themes=themes, privacy_url=privacy_url(request))
        return self.render_idea_page(request, form, themes)

    @re_path(r"^(?P<slug>aciu|thank-you)/$", name="thanks")
    def thanks(self, request, slug):
        return TemplateResponse(request, "engagement/idea_thanks.html", self.get_context(request))

    @path("<int:idea_id>/", name="idea")
    def idea(self, request, idea_id):
        """A public idea's own page: the address search results and shared links point to."""
        from ..wall import present, public_ideas, themes_in

        idea = public_ideas().filter(pk=idea_id).first()
        if idea is None:
            raise Http404
        item = present([idea], themes_in(self.locale_id), translation.get_language(), request)[0]
        context = self.get_context(request)
        context.update(item=item, breadcrumb_current=item.title, language_route=f"{idea_id}/")
        return TemplateResponse(request, "engagement/idea_detail.html", context)

    def thanks_url(self, request=None):
        slug = THANKS_SLUGS.get(translation.get_language(), THANKS_SLUGS["lt"])
        return self.get_url(request) + slug + "/"

    # Receiving an idea ----------------------------------------------------------------

    def receive_idea(self, request, themes):
        from ..forms import IdeaForm
        from ..intake import after_idea_stored, store_idea

        form = IdeaForm(
            request.POST, request.FILES, themes=themes, privacy_url=privacy_url(request)
        )
        retry_after = spam.rate_limit_wait(request)
        if retry_after is not None:
            return rate_limited_response(
                request,
                self.template,
                self.idea_page_context(request, form, themes),
                retry_after,
            )
        if form.is_honeypot_filled():
            # Looks like success to the robot; nothing is stored.
            return redirect(self.thanks_url(request))
        if not form.is_valid():
            return self.render_idea_page(request, form, themes)
        try:
            idea = store_idea(form, request)
        except spam.FillTokenUsed:
            form.refuse_used_token()
            return self.render_idea_page(request, form, themes)
        after_idea_stored(idea, request)
        return redirect(self.thanks_url(request))

    # Rendering ------------------------------------------------------------------------

    def idea_page_context(self, request, form, themes):
        from ..wall import WallFilter, public_idea_ids, public_status_choices

        context = self.get_context(request)
        wall_filter = WallFilter.from_query(request.GET, themes)
        paginator = Paginator(public_idea_ids(wall_filter), conf.get("ENGAGEMENT_WALL_PAGE_SIZE"))
        wall_page = paginator.get_page(request.GET.get("page"))  # of idea ids
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            themes=themes,
            wall_filter=wall_filter,
            status_choices=public_status_choices(),
            wall_page=wall_page,
            wall_items=self.wall_items(list(wall_page.object_list), themes, request),
            wall_query=query.urlencode(),
        )
        return context

    def wall_items(self, ids, themes, request) -> str:
        """
        The wall's list items of these ideas, kept in the cache under the content version.

        Besides the content (ideas, themes, outcomes), they depend on the language and on the
        site the request came to (a link within the same site is relative): both are in the
        key. Only public ideas are shown, so every visitor gets the same items.
        """

        from ..wall import present, public_ideas_with_ids

        if not ids:
            return ""
        language = translation.get_language()
        # A preview shows the page's draft (its address may differ): never from the cache.
        preview = getattr(request, "is_preview", False)

        def build():
            ideas = present(public_ideas_with_ids(ids), themes, language, request)
            return render_to_string(
                "engagement/includes/idea_wall_items.html",
                {"page": self, "wall_ideas": ideas},
                request,
            )

        if preview:
            return build()
        site = site_for_request(request)
        return remember(
            "engagement:wall-items",
            self.pk,
            language,
            site.pk if site else "",
            ",".join(map(str, ids)),
            build=build,
        )

    def render_idea_page(self, request, form, themes):
        return TemplateResponse(
            request, self.template, self.idea_page_context(request, form, themes)
        )


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")

    api_fields = [APIField("label"), APIField("field_type"), APIField("required")]


class FormPage(AbstractEmailForm):
    """A form that staff build themselves: a survey, an event registration, ..."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail for each submission"),
        ),
    ]

    # The form's own texts only: never its staff addresses or submissions (portal/api_fields.py).
    api_fields = [APIField("intro"), APIField("thank_you_text"), APIField("form_fields")]

    parent_page_types = ["home.HomePage", "engagement.IdeaPage"]
    subpage_types = []
    template = "engagement/form_page.html"
    landing_page_template = "engagement/form_page_landing.html"

    class Meta:
        verbose_name = _("form page")

    @property
    def listing_summary(self):
        return self.search_description or self.intro

    def get_form_class(self):
        from ..forms import editor_form_class

        return editor_form_class(self.get_form_fields())

    def get_data_fields(self):
        return [*super().get_data_fields(), ("consent", _("Consent"))]

    def serve(self, request, *args, **kwargs):
        form_kwargs = {"page": self, "user": request.user, "privacy_url": privacy_url(request)}
        if request.method != "POST":
            form = self.get_form(**form_kwargs)
        else:
            form = self.get_form(request.POST, request.FILES, **form_kwargs)
            retry_after = spam.rate_limit_wait(request)
            if retry_after is not None:
                return rate_limited_response(
                    request,
                    self.get_template(request),
                    {**self.get_context(request), "form": form},
                    retry_after,
                )
            if form.is_honeypot_filled():
                return self.render_landing_page(request, None, *args, **kwargs)
            if form.is_valid():
                try:
                    submission = self.process_form_submission(form)
                except spam.FillTokenUsed:
                    form.refuse_used_token()
                else:
                    spam.count_submission(request)
                    return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def process_form_submission(self, form):
        from django.db import transaction

        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if name not in (spam.HONEYPOT_FIELD, "consent")
        }
        data["consent"] = f"{form.consent_text()} [{timezone.now().isoformat()}]"
        with transaction.atomic(durable=True):
            # The form's token is spent with the submission, or nothing is stored.
            spam.spend_fill_token(form.data.get(spam.FILL_TOKEN_FIELD, ""))
            submission = self.get_submission_class().objects.create(form_data=data, page=self)
            if self.to_address:
                self.send_mail(form, submission)
        return submission

    def send_mail(self, form, submission):
        """Stored in the outbox beside the submission, delivered in the background."""
        from ..emails import mail_form_submission

        addresses = [address.strip() for address in self.to_address.split(",")]
        subject = self.subject or self.title
        mail_form_submission(submission, addresses, subject, lambda: self.render_email(form))

    def render_email(self, form):
        """The submission as text, without the honeypot and the consent checkbox."""
        lines = []
        for bound in form.fields_for_people:
            if bound.name not in form.cleaned_data:
                continue
            value = form.cleaned_data[bound.name]
            if isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, datetime.datetime):
                value = date_format(value, "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            lines.append(f"{bound.label}: {value}")
        return "\n".join(lines)
