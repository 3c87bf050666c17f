"""
Webhooks in the Wagtail admin: endpoints (add, edit, delete; the signing secret shown to those
who may see them) and the delivery log (read-only, filter by state, "Send again"). Only
superusers and groups given the webhooks' permissions see either: a secret lets its holder sign
as the portal.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permissions import register_permission_policy

from portal.permissions import RecordPermissionPolicy

from . import conf
from .dispatch import resend
from .forms import WebhookEndpointForm
from .models import DeliveryState, WebhookDelivery, WebhookEndpoint

register_permission_policy(
    WebhookDelivery, RecordPermissionPolicy(WebhookDelivery), exact_class=True
)


def can_resend(user, delivery):
    return delivery.state != DeliveryState.SENDING and RecordPermissionPolicy(
        WebhookDelivery
    ).user_has_permission(user, "resend")


def resend_url(delivery):
    return reverse("webhook_deliveries:resend", args=[delivery.pk])


class DeliveryIndexView(generic.IndexView):
    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("No delivery matches these filters.")
        return _("No deliveries yet: they appear here when content that endpoints want changes.")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_resend(self.request.user, instance):
            buttons.append(
                MenuItem(_("Send again"), url=resend_url(instance), icon_name="resubmit")
            )
        return buttons


class DeliveryInspectView(generic.InspectView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_resend(self.request.user, self.object):
            buttons.append(
                Button(_("Send again"), url=resend_url(self.object), icon_name="resubmit")
            )
        return buttons


class ResendView(PermissionCheckedMixin, TemplateView):
    """Asks, then queues the delivery for one more attempt now, with the same webhook-id."""

    model = WebhookDelivery
    permission_required = "resend"
    template_name = "webhooks/admin/confirm_resend.html"

    @cached_property
    def object(self):
        # Looked up after the permission check: nobody learns which deliveries exist.
        return get_object_or_404(
            WebhookDelivery.objects.select_related("endpoint"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "delivery": self.object,
            "index_url": reverse("webhook_deliveries:index"),
        }

    def post(self, request, pk):
        if resend(self.object.pk):
            messages.success(
                request,
                _("Delivery of change #%(change)s to %(url)s is queued again.")
                % {"change": self.object.change_id, "url": self.object.endpoint.url},
            )
        else:
            messages.error(request, _("The delivery is being sent right now; try again later."))
        return redirect("webhook_deliveries:index")


class RotateSecretView(PermissionCheckedMixin, TemplateView):
    """Asks, then gives the endpoint a new secret; the old one keeps signing beside it for
    WEBHOOKS_PREVIOUS_SECRET_SECONDS, while the receiver changes to the new one."""

    model = WebhookEndpoint
    permission_required = "change"
    template_name = "webhooks/admin/confirm_rotate.html"

    @cached_property
    def object(self):
        return get_object_or_404(WebhookEndpoint, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "endpoint": self.object,
            "hours": round(conf.get("WEBHOOKS_PREVIOUS_SECRET_SECONDS") / 3600),
            "back_url": reverse("webhook_endpoints:inspect", args=[self.object.pk]),
        }

    def post(self, request, pk):
        endpoint = self.object
        endpoint.rotate_secret()
        messages.success(
            request,
            _(
                "%(url)s has a new secret. Both secrets sign every delivery until %(until)s: "
                "give the new one to the receiver before then."
            )
            % {
                "url": endpoint.url,
                "until": date_format(
                    timezone.localtime(endpoint.previous_secret_until), "DATETIME_FORMAT"
                ),
            },
        )
        return redirect("webhook_endpoints:inspect", endpoint.pk)


def rotate_button(user, endpoint):
    if not user.has_perm("webhooks.change_webhookendpoint"):
        return []
    url = reverse("webhook_endpoints:rotate_secret", args=[endpoint.pk])
    return [Button(_("Rotate secret"), url=url, icon_name="key")]


class EndpointInspectView(generic.InspectView):
    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *rotate_button(self.request.user, self.object)]


class EndpointEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *rotate_button(self.request.user, self.object)]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhook_endpoints"
    url_prefix = "webhooks/endpoints"
    icon = "link-external"
    menu_label = _("Endpoints")
    edit_handler = ObjectList(
        [
            FieldPanel("url"),
            FieldPanel("description"),
            FieldPanel("kinds"),
            FieldPanel("types"),
            FieldPanel("active"),
            FieldPanel("secret", read_only=True),
        ],
        base_form_class=WebhookEndpointForm,
    )
    list_display = [
        "url",
        Column("description", label=_("Description"), accessor="description"),
        Column("active", label=_("Active"), accessor="active_label"),
        DateColumn("created_at", label=_("Created at")),
    ]
    inspect_view_enabled = True
    inspect_view_class = EndpointInspectView
    edit_view_class = EndpointEditView
    inspect_view_fields = [
        "url",
        "description",
        "kinds",
        "types",
        "active",
        "secret",
        "previous_secret",
        "previous_secret_until",
        "created_at",
    ]
    copy_view_enabled = False
    search_fields = ["url", "description"]
    search_backend_name = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("rotate/<int:pk>/", RotateSecretView.as_view(), name="rotate_secret"),
        ]


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    url_prefix = "webhooks/deliveries"
    icon = "list-ul"
    menu_label = _("Deliveries")
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "endpoint",
        "change_id",
        "event_type",
        "payload",
        "state",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
    ]
    copy_view_enabled = False
    list_display = [
        "event_type",  # the title column: links to the delivery, carries its "Send again"
        Column("endpoint", label=_("Endpoint"), accessor="endpoint"),
        Column("change_id", label=_("Change"), accessor="change_id"),
        Column("state", label=_("State"), accessor="get_state_display"),
        Column("attempts", label=_("Attempts"), accessor="attempts"),
        Column("last_status_code", label=_("Last status code"), accessor="last_status_code"),
        DateColumn("created_at", label=_("Created at")),
        Column("last_error", label=_("Last error"), accessor="last_error"),
    ]
    list_filter = ["state", "endpoint", "created_at"]
    search_fields = ["event_type"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint")

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
            path("resend/<int:pk>/", ResendView.as_view(), name="resend"),
        ]


class WebhooksGroup(ViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 9010
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksGroup()
