"""The part of the internal bot API that the chatbot app owns: callback requests (handoff to a person).

``POST /internal/bot/callbacks/`` with the service token, optionally on behalf of the signed-in user
named by ``X-User-Token``. Idempotent: the action server retries with the same key, and the family
gets the same reference, never a second request."""

import logging

from django.db import IntegrityError
from django.http import JsonResponse

from portal.bot_auth import NOT_A_JSON_OBJECT, allow, json_object, require_service_token
from portal.models import SafeguardingFlag
from portal.safeguarding import flags, screening

from .forms import CallbackRequestForm
from .models import CallbackRequest, Conversation, Message

logger = logging.getLogger(__name__)


def _created(callback, status):
    return JsonResponse(
        {"reference": callback.reference, "expect_contact_by": callback.expect_contact_by.isoformat()},
        status=status,
    )


def _transcript_from_history(conversation):
    """Our own copy of the conversation, for when the bot sends no transcript."""
    return [
        {"sender": message.sender, "text": message.text, "at": message.created_at.isoformat()}
        for message in conversation.messages.all()
        if message.sender in (Message.Sender.USER, Message.Sender.BOT)
    ]


@allow("POST")
@require_service_token
def callbacks(request):
    if (body := json_object(request)) is None:
        return JsonResponse(NOT_A_JSON_OBJECT, status=400)

    key = body.get("idempotency_key")
    if isinstance(key, str) and (existing := CallbackRequest.objects.filter(idempotency_key=key).first()):
        return _created(existing, 200)

    form = CallbackRequestForm(body, user=request.bot_user)
    if not form.is_valid():
        return JsonResponse({"errors": form.error_dict()}, status=400)
    data = form.cleaned_data
    conversation = Conversation.objects.filter(public_id=data["conversation_id"]).first()
    callback = CallbackRequest(
        idempotency_key=data["idempotency_key"],
        user=request.bot_user,
        conversation=conversation,
        conversation_public_id=data["conversation_id"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        reason=data["reason"],
        transcript=data["transcript"] or (_transcript_from_history(conversation) if conversation else []),
    )
    try:
        callback.save()
    except IntegrityError:
        # The same request arrived twice at once: the other one won, so answer with its reference.
        existing = CallbackRequest.objects.filter(idempotency_key=data["idempotency_key"]).first()
        if existing is None:
            raise
        return _created(existing, 200)
    if (concern := screening.screen(callback.reason)) is not None:
        flags.raise_flag(
            concern,
            callback.reason,
            SafeguardingFlag.Source.CALLBACK,
            user=request.bot_user,
            conversation_public_id=callback.conversation_public_id,
            reference=callback.reference,
        )
    logger.info("Callback request %s stored", callback.reference)
    return _created(callback, 201)
