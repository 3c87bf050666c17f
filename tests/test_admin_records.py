"""What was sent stays as it was sent: in the admin nobody, not even a superuser, adds, edits or
deletes an outgoing e-mail or a webhook delivery; viewing them follows the permissions."""

import pytest
from wagtail.permissions import policy_registry

from outbox.models import OutgoingMessage
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [OutgoingMessage, WebhookDelivery])
def test_a_record_of_what_was_sent_is_never_edited_in_the_admin(model, admin_user):
    policy = policy_registry.get_by_type(model)
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(admin_user, action), action
    assert not policy.user_has_any_permission(admin_user, ["add", "change", "delete"])
    assert policy.user_has_permission(admin_user, "view")
