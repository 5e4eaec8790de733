import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, PageProblems


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium is marked `e2e`. `make test` runs them in a pytest process of
    their own: Playwright's sync API refuses to start in a process where an asyncio test has left
    an event loop behind."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _fresh_page_cache_generation():
    """The cache outlives each test's rolled-back database: a new generation makes whatever an
    earlier test cached from its own database (pages, search results, site settings) stale."""
    from cms.page_cache import new_generation

    new_generation()


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


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium` (Debian's chromium package).")
    # Playwright's sync API keeps an event loop running in this thread for the whole session; the
    # tests' own ORM calls are still synchronous, so Django's async-safety check must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = PageProblems(page)
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
