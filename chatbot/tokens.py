"""The JWT that proves a chat message comes from this web app.

Rasa's custom input channel trusts nothing in the request body but the text: who is talking
(``sub``, an opaque conversation id) and on whose behalf (``user_token``, signed by
``portal.bot_auth``) come only from these signed claims."""

import time

import jwt
from django.conf import settings

ISSUER = "send-web"
AUDIENCE = "send-rasa"
ALGORITHM = "HS256"
LIFETIME_SECONDS = 60


def sign_message_token(conversation_id, user_token=None, now=None):
    if not settings.RASA_JWT_SECRET:
        raise RuntimeError("RASA_JWT_SECRET is not set: the chatbot cannot talk to Rasa.")
    issued_at = int(now if now is not None else time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": conversation_id,
        "user_token": user_token,
        "iat": issued_at,
        "exp": issued_at + LIFETIME_SECONDS,
    }
    return jwt.encode(claims, settings.RASA_JWT_SECRET, algorithm=ALGORITHM)


def verify_message_token(token, secret=None):
    """What Rasa's channel does, here for tests and the benchmark; raises ``jwt.InvalidTokenError``."""
    return jwt.decode(
        token,
        secret or settings.RASA_JWT_SECRET,
        algorithms=[ALGORITHM],
        audience=AUDIENCE,
        issuer=ISSUER,
        options={"require": ["iss", "aud", "sub", "iat", "exp"]},
    )
