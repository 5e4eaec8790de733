"""Every /internal/bot/ error is JSON, and malformed or deeply nested bodies get a clear 400."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

POSTS = ["/internal/bot/complaints/", "/internal/bot/callbacks/"]
GETS = ["/internal/bot/plans/", "/internal/bot/knowledge/?q=ehcp", "/internal/bot/guides/search/?q=ehcp"]
BAD_BODIES = [b"", b"not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"[" * 50_000, b'{"a":' * 50_000]


@pytest.fixture
def service(settings):
    return {"HTTP_AUTHORIZATION": f"Bearer {settings.BOT_SERVICE_TOKEN}"}


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("body", BAD_BODIES, ids=lambda b: repr(b[:12]))
def test_a_body_that_is_not_a_json_object_gets_a_json_400(client, service, path, body):
    response = client.post(path, body, content_type="application/json", **service)
    assert response.status_code == 400
    assert response.json() == {"errors": {"body": "The request body must be a JSON object"}}


@pytest.mark.parametrize("path", POSTS + GETS)
def test_a_wrong_method_is_a_json_405(client, service, path):
    response = client.put(path, b"{}", content_type="application/json", **service)
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
    assert response.json() == {"error": "method_not_allowed"}


def test_an_unknown_address_under_the_api_is_a_json_404(client, service):
    response = client.get("/internal/bot/nothing-here/", **service)
    assert response.status_code == 404 and response.json() == {"error": "not_found"}


def test_a_server_error_under_the_api_is_json_and_elsewhere_the_site_page(settings):
    from config import errors

    request = Client().get("/").wsgi_request
    request.path = "/internal/bot/complaints/"
    response = errors.server_error(request)
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    request.path = "/guidance/"
    assert errors.server_error(request)["Content-Type"].startswith("text/html")
