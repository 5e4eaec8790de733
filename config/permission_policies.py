"""Admin permission policies shared by the apps' viewsets."""

from wagtail.permission_policies import ModelPermissionPolicy


class ServiceKeptPermissionPolicy(ModelPermissionPolicy):
    """Records the service writes (audit entries, unanswered questions): staff with the model's
    permissions may read them, and delete them where ``refused`` allows, but nobody adds or rewrites
    one by hand, superusers included (Wagtail grants superusers every action unless told, and its
    listing then offers an "Add" button whose page does not exist)."""

    def __init__(self, model, refused=("add", "change")):
        super().__init__(model)
        self.refused = frozenset(refused)

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
