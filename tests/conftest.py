import pytest


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium is marked `e2e`. `make test` runs them in a pytest process of
    their own: Playwright's sync API refuses to start in a process where an asyncio test has left
    an event loop behind."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _media_storage(settings, tmp_path):
    """Uploaded files from one test never leak into another or into the real media folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private-media", "base_url": None},
        },
    }
