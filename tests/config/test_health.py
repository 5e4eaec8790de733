import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db(transaction=True)

# Port 1 on loopback: nothing listens there, so a Redis client gets "connection refused" at once.
STOPPED_REDIS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}


def test_healthz_reports_every_service_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "up"
    assert body["down"] == []
    assert body["services"]["database"]["status"] == "up"
    assert body["services"]["channel_layer"]["status"] == "up"
    assert body["services"]["cache"]["status"] == "up"


def test_healthz_names_a_stopped_redis_as_down(client):
    from channels.layers import channel_layers

    with override_settings(CHANNEL_LAYERS=STOPPED_REDIS):
        channel_layers.backends.clear()
        try:
            response = client.get("/healthz")
        finally:
            channel_layers.backends.clear()
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["channel_layer"]
    assert body["services"]["channel_layer"]["status"] == "down"
    assert body["services"]["database"]["status"] == "up"


def test_healthz_names_a_stopped_redis_cache_as_down(client, monkeypatch):
    from django.core.cache.backends.redis import RedisCache

    from config import health

    # Nothing listens on port 1: the cache's Redis is "down" for this request's check.
    monkeypatch.setattr(health, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]


def test_healthz_reports_chatbot_services_when_enabled(client, settings):
    settings.HEALTHZ_CHECK_CHATBOT = True
    settings.RASA_URL = "http://127.0.0.1:1"
    settings.RASA_ACTIONS_URL = "http://127.0.0.1:1"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert set(response.json()["down"]) == {"rasa", "actions"}
