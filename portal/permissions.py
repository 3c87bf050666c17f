"""Admin permission policies shared by the core's apps."""

from wagtail.permission_policies import ModelPermissionPolicy


class RecordPermissionPolicy(ModelPermissionPolicy):
    """A record of what was sent (an outgoing e-mail, a webhook delivery): nobody adds, edits or
    deletes one in the admin; other actions (view, retry, resend) follow the model's
    permissions."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
