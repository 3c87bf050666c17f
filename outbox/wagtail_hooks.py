"""
Outgoing messages in the Wagtail admin: a read-only list with their state, filter and search,
and "Retry" for failed ones. Messages hold personal data, so only superusers and those given
the "view outgoing messages" permission see them; retrying needs its own permission.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permissions import register_permission_policy

from portal.permissions import RecordPermissionPolicy

from .models import MessageState, OutgoingMessage
from .sending import retry

register_permission_policy(
    OutgoingMessage, RecordPermissionPolicy(OutgoingMessage), exact_class=True
)


def can_retry(user, message):
    return message.state == MessageState.FAILED and RecordPermissionPolicy(
        OutgoingMessage
    ).user_has_permission(user, "retry")


def retry_url(message):
    return reverse("outgoing_messages:retry", args=[message.pk])


class MessageIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_retry(self.request.user, instance):
            buttons.append(
                MenuItem(_("Retry"), url=retry_url(instance), icon_name="resubmit", priority=5)
            )
        return buttons


class MessageInspectView(generic.InspectView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_retry(self.request.user, self.object):
            buttons.append(
                Button(_("Retry"), url=retry_url(self.object), icon_name="resubmit", priority=5)
            )
        return buttons


class RetryView(PermissionCheckedMixin, TemplateView):
    """Asks, then puts a failed message back in the queue for one more attempt."""

    model = OutgoingMessage
    permission_required = "retry"
    template_name = "outbox/admin/confirm_retry.html"

    @cached_property
    def object(self):
        # Looked up after the permission check: nobody learns which messages exist.
        return get_object_or_404(OutgoingMessage, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "message": self.object,
            "index_url": reverse("outgoing_messages:index"),
        }

    def get(self, request, *args, **kwargs):
        if self.object.state != MessageState.FAILED:
            messages.info(request, _("Only a failed message can be retried."))
            return redirect("outgoing_messages:index")
        return super().get(request, *args, **kwargs)

    def post(self, request, pk):
        if self.object.state != MessageState.FAILED:
            raise PermissionDenied
        if retry(self.object.pk):
            messages.success(
                request,
                _("“%(subject)s” is queued again and will be sent shortly.")
                % {"subject": self.object.subject},
            )
        return redirect("outgoing_messages:index")


class OutgoingMessageViewSet(ModelViewSet):
    model = OutgoingMessage
    name = "outgoing_messages"
    url_prefix = "outgoing-messages"
    icon = "mail"
    menu_label = _("Outgoing messages")
    menu_order = 9000
    add_to_admin_menu = True
    index_view_class = MessageIndexView
    inspect_view_class = MessageInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "to",
        "subject",
        "body",
        "html_body",
        "language",
        "state",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "key",
    ]
    copy_view_enabled = False
    list_display = [
        "subject",  # the title column: links to the message, carries its "Retry"
        Column("to", label=_("Recipients"), accessor="to"),
        Column("state", label=_("State"), accessor="get_state_display"),
        Column("attempts", label=_("Attempts"), accessor="attempts"),
        DateColumn("created_at", label=_("Created at")),
        DateColumn("sent_at", label=_("Sent at")),
        Column("last_error", label=_("Last error"), accessor="last_error"),
    ]
    list_filter = ["state", "created_at"]
    search_fields = ["to", "subject"]
    search_backend_name = None  # the database: messages are never in the site search index
    ordering = ["-created_at", "-pk"]

    def get_common_view_kwargs(self, **kwargs):
        # Read-only: no view links to adding, editing, deleting or history.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("retry/<int:pk>/", RetryView.as_view(), name="retry"),
        ]


@hooks.register("register_admin_viewset")
def register_outgoing_messages():
    return OutgoingMessageViewSet()
