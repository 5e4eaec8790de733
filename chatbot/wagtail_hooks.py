from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import ChatbotViewSetGroup, callback_policy, conversation_policy
from .models import CallbackRequest, Conversation

register_permission_policy(CallbackRequest, callback_policy)
register_permission_policy(Conversation, conversation_policy)


@hooks.register("register_admin_viewset")
def register_chatbot_viewsets():
    return ChatbotViewSetGroup()
