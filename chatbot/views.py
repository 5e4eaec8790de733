"""The chat widget's one HTTP view: the current conversation, so a reload shows it again."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .history import conversation_id_for_session, recent_messages


@never_cache
@require_GET
def conversation(request):
    """Starts the session's conversation if there is none (so the WebSocket, which cannot set a
    cookie, finds the same one), and returns its latest messages."""
    conversation_id = conversation_id_for_session(request.session)
    return JsonResponse({"messages": recent_messages(conversation_id)})
