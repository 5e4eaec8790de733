"""The staff side of the chatbot, inside the Wagtail admin: callback requests to answer and
conversations to read. Staff only: every active ``is_staff`` user may read them and mark a callback
done; nobody creates them here, and only superusers may delete."""

from django.contrib.auth import get_user_model
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from portal import audit
from portal.models import AuditEntry

from .models import CallbackRequest, Conversation


class StaffOnlyPermissionPolicy(BasePermissionPolicy):
    def __init__(self, model, staff_actions):
        super().__init__(model)
        self.staff_actions = set(staff_actions)

    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            # What staff may do, and delete; never an action whose page the viewset does not have
            # (Wagtail would offer an "Edit" link that leads nowhere: a 500 on the listing).
            return action in self.staff_actions or action == "delete"
        return user.is_staff and action in self.staff_actions

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if set(actions) & self.staff_actions:
            return users.filter(is_staff=True) | users.filter(is_superuser=True)
        if "delete" in actions:
            return users.filter(is_superuser=True)
        return users.none()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


callback_policy = StaffOnlyPermissionPolicy(CallbackRequest, ["view", "change"])
conversation_policy = StaffOnlyPermissionPolicy(Conversation, ["view"])


def audit_opened(request, instance, what):
    """Staff reading a family's words or contact details leaves an entry, like a child's record."""
    audit.record(
        request.user, AuditEntry.Action.VIEW, obj=instance, summary=f"Staff opened {what}", request=request
    )


class OpensACallback:
    """Every page about one callback request shows the family's name and contact details: audited."""

    def get_context_data(self, **kwargs):
        audit_opened(self.request, self.object, f"callback request {self.object.reference}")
        return super().get_context_data(**kwargs)


class CallbackDeleteView(OpensACallback, generic.DeleteView):
    pass


class CallbackUsageView(OpensACallback, generic.UsageView):
    pass


class CallbackHistoryView(OpensACallback, generic.HistoryView):
    pass


class CallbackEditView(OpensACallback, generic.EditView):
    """Editing a callback request means recording progress; "Done" remembers who and when."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        if instance.status == CallbackRequest.Status.DONE and instance.done_by_id is None:
            instance.done_by = self.request.user
        instance.save()
        self.form.save_m2m()
        return instance


class CallbackIndexView(generic.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("object_list"):
            audit_opened(self.request, None, "the list of callback requests (names and reasons)")
        return context


class CallbackInspectView(OpensACallback, generic.InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transcript"] = self.object.transcript
        return context


class ConversationInspectView(generic.InspectView):
    def get_context_data(self, **kwargs):
        audit_opened(self.request, self.object, f"the conversation of {self.object}")
        context = super().get_context_data(**kwargs)
        context["chat_messages"] = self.object.messages.all()
        return context


class ContactByColumn(Column):
    """The promised contact date, flagged when it has passed and the request is not done."""

    def get_value(self, instance):
        value = format_date(instance.expect_contact_by, "j M Y")
        if instance.is_overdue:
            return format_html('{} <strong class="w-status w-status--label">Overdue</strong>', value)
        return value


class CallbackRequestViewSet(ModelViewSet):
    model = CallbackRequest
    icon = "mobile-alt"
    menu_label = "Callback requests"
    index_view_class = CallbackIndexView
    edit_view_class = CallbackEditView
    delete_view_class = CallbackDeleteView
    usage_view_class = CallbackUsageView
    history_view_class = CallbackHistoryView
    inspect_view_class = CallbackInspectView
    inspect_view_enabled = True
    inspect_template_name = "chatbot/admin/callback_inspect.html"
    copy_view_enabled = False
    form_fields = ["status", "staff_notes"]
    list_display = [
        "reference",
        "contact_name",
        StatusTagColumn(
            "status", label="Status", accessor="get_status_display", primary=lambda r: r.status != "done"
        ),
        "created_at",
        ContactByColumn("expect_contact_by", label="Contact by"),
    ]
    list_filter = ["status"]
    search_fields = ["reference", "contact_name", "contact_email", "contact_phone", "reason"]
    inspect_view_fields = [
        "reference",
        "status",
        "contact_name",
        "contact_email",
        "contact_phone",
        "reason",
        "created_at",
        "expect_contact_by",
        "user",
        "conversation",
        "staff_notes",
        "done_at",
        "done_by",
    ]


class ConversationViewSet(ModelViewSet):
    model = Conversation
    icon = "comment"
    menu_label = "Conversations"
    inspect_view_class = ConversationInspectView
    inspect_view_enabled = True
    inspect_template_name = "chatbot/admin/conversation_inspect.html"
    copy_view_enabled = False
    exclude_form_fields = []
    list_display = ["__str__", "user", "started_at", "last_activity_at"]
    search_fields = ["public_id", "user__email"]
    inspect_view_fields = ["public_id", "user", "started_at", "last_activity_at"]

    def get_urlpatterns(self):
        # Read-only: conversations are written by the chat and removed by purge_chat_history.
        hidden = {"add", "edit", "copy", "history", "history_results"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in hidden]


class ChatbotViewSetGroup(ViewSetGroup):
    menu_label = "Chatbot"
    menu_icon = "comment"
    items = (CallbackRequestViewSet("chat_callbacks"), ConversationViewSet("chat_conversations"))
