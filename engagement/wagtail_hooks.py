"""
Moderation in the Wagtail admin: residents' ideas (list, filters, search, CSV and XLSX export,
status actions) and the themes they are filed under.
"""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import ledger

from .models import Idea, IdeaStatus, Theme
from .search import ideas_changed


class YesNoFieldPanel(FieldPanel):
    """A read-only yes/no field that reads "Taip"/"Ne", not Python's True/False."""

    def format_value_for_display(self, value):
        return _("Yes") if value else _("No")


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["title", "measure"]
    list_filter = ["locale"]
    search_fields = ["title"]


class IdeaPermissionPolicy(ModelPermissionPolicy):
    """Ideas come from residents only: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Idea, IdeaPermissionPolicy(Idea), exact_class=True)


class IdeaViewSet(SnippetViewSet):
    model = Idea
    icon = "comment"
    menu_label = _("Ideas")
    list_display = [
        "title",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "theme",
        Column("language", label=_("Language"), accessor="get_language_display"),
        DateColumn("created_at", label=_("Submitted at")),
    ]
    list_filter = ["status", "theme", "language", "created_at"]
    search_fields = ["title", "description", "location", "name", "email"]
    # Moderators search every idea, new ones and personal data included, which the site search
    # index never holds (engagement/search.py): the database, not the index.
    search_backend_name = None
    list_export = [
        "pk",
        "created_at",
        "language",
        "status",
        "theme",
        "title",
        "description",
        "location",
        "name",
        "show_name",
        "email",
        "public_reason",
        "merged_into",
        "published_at",
    ]
    export_headings = {"pk": _("Number")}
    export_filename = "idejos"
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["client_hash", "attachment"]

    def get_queryset(self, request):
        return Idea.objects.select_related("theme")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title", read_only=True),
                FieldPanel("description", read_only=True),
                FieldPanel("location", read_only=True),
                FieldPanel("name", read_only=True),
                YesNoFieldPanel("show_name", read_only=True),
                FieldPanel("email", read_only=True),
                HelpPanel(
                    template="engagement/admin/attachment_panel.html",
                    heading=_("Attachment"),
                ),
                FieldPanel("language", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("consent_text", read_only=True),
                FieldPanel("consented_at", read_only=True),
            ],
            heading=_("As the resident sent it"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("theme"),
                FieldPanel("public_reason"),
                FieldPanel("merged_into"),
                FieldPanel("moderator_note"),
            ],
            heading=_("Moderation"),
        ),
        InlinePanel(
            "outcome_links",
            heading=_("What grew out of the idea"),
            label=_("Page"),
            help_text=_("Initiatives or other pages that grew out of this idea."),
        ),
    ]


class EngagementViewSetGroup(SnippetViewSetGroup):
    items = (IdeaViewSet, ThemeViewSet)
    menu_icon = "comment"
    menu_label = _("Residents' ideas")
    menu_name = "ideas"
    add_to_admin_menu = True


register_snippet(EngagementViewSetGroup)


class SetIdeaStatusBulkAction(SnippetBulkAction):
    """Move the chosen ideas to one status (those needing a reason or a target are edited one
    by one instead)."""

    status = None
    template_name = "engagement/admin/confirm_set_status.html"
    action_priority = 20

    @classproperty
    def models(cls):
        return [Idea]

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", snippet
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        ideas = Idea.objects.filter(pk__in=[idea.pk for idea in objects])
        changes = {"status": cls.status, "updated_at": timezone.now()}
        if cls.status == IdeaStatus.PUBLISHED:
            changes["published_at"] = Coalesce(F("published_at"), timezone.now())
        count = ideas.update(**changes)
        # update() sends no signals: record the change in the ledger and tell search.
        ledger.record_many(Idea, [idea.pk for idea in objects], ledger.Kind.CHANGED)
        ideas_changed(idea.pk for idea in objects)
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d idea is now: %(status)s.",
            "%(count)d ideas are now: %(status)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": IdeaStatus(self.status).label}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "status_label": IdeaStatus(self.status).label}


@hooks.register("register_bulk_action")
class PublishIdeasBulkAction(SetIdeaStatusBulkAction):
    display_name = _("Publish")
    action_type = "publish_ideas"
    aria_label = _("Publish the selected ideas")
    status = IdeaStatus.PUBLISHED


@hooks.register("register_bulk_action")
class ReviewIdeasBulkAction(SetIdeaStatusBulkAction):
    display_name = _("Mark as under review")
    action_type = "review_ideas"
    aria_label = _("Mark the selected ideas as under review")
    status = IdeaStatus.UNDER_REVIEW


class IdeasAwaitingModerationPanel(Component):
    """On the admin's dashboard, for those who moderate: how many new ideas wait, oldest first."""

    name = "ideas_awaiting_moderation"
    template_name = "engagement/admin/ideas_awaiting_moderation.html"
    order = 50  # above Wagtail's own panels: residents are waiting for an answer
    shown = 5

    def get_context_data(self, parent_context):
        waiting = Idea.objects.filter(status=IdeaStatus.NEW).order_by("created_at", "pk")
        viewset = Idea.snippet_viewset
        return {
            "count": waiting.count(),
            "oldest": list(waiting.only("pk", "title", "created_at", "language")[: self.shown]),
            "list_url": reverse(viewset.get_url_name("list")) + f"?status={IdeaStatus.NEW}",
            "edit_url_name": viewset.get_url_name("edit"),
        }


@hooks.register("construct_homepage_panels")
def add_ideas_awaiting_moderation(request, panels):
    if ModelPermissionPolicy(Idea).user_has_permission(request.user, "change"):
        panels.append(IdeasAwaitingModerationPanel())


def idea_attachment(request, pk):
    """An idea's attachment, for those who may see the idea: attachments are never public."""
    if not ModelPermissionPolicy(Idea).user_has_any_permission(request.user, ["view", "change"]):
        raise Http404
    idea = get_object_or_404(Idea, pk=pk)
    if not idea.attachment:
        raise Http404
    response = FileResponse(
        idea.attachment.open("rb"),
        content_type=idea.attachment_type or "application/octet-stream",
        as_attachment=True,
        filename=f"idea-{idea.pk}.{idea.attachment.name.rsplit('.', 1)[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "engagement/ideas/<int:pk>/attachment/",
            idea_attachment,
            name="engagement_idea_attachment",
        )
    ]
