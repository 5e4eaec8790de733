"""SQLite holds up under concurrent writes (issue 10): 20 families signing in and trying a link code
at the same moment, and 20 sending the complaint form, on `make run`'s SQLite, get no server errors
and every complaint is stored. (Before the SQLite options in config/settings/base.py, the link-code
attempts, which read and then write in one transaction, failed with "database is locked".)

The web app runs in its own process (uvicorn, several threads) on a SQLite file of its own, as
`make run` does; the test suite's in-memory database could not show file locking."""

import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import httpx
import pytest
from django.db import connection

from tests.stack.servers import HOST, free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 20
PASSWORD = "a-long-test-password-0123"
MAKE_PARENTS = f"""
from allauth.account.models import EmailAddress
from portal.models import User
for n in range({WRITERS}):
    user = User.objects.create_user(email=f"writer{{n}}@example.org", password="{PASSWORD}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
"""

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="a test of the SQLite default")


@pytest.fixture(scope="module")
def sqlite_site():
    workdir = Path(tempfile.mkdtemp(prefix="sqlite-writers-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        REDIS_URL="",
        WEB_THREADS="8",
        # Each family comes from its own address (X-Forwarded-For), as they would through the proxy:
        # 20 sign-ins at once from one address would meet the per-address sign-in limit first.
        TRUSTED_PROXY_COUNT="1",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MAKE_PARENTS], cwd=ROOT, env=env, check=True, timeout=120
    )
    port = free_port()
    log = (workdir / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://{HOST}:{port}"
    try:
        wait_until_up(f"{url}/healthz", lambda: server.poll() is None, "the SQLite web app", timeout=120)
        yield url, workdir / "db.sqlite3"
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def send_a_complaint(url, number, statuses):
    with httpx.Client(base_url=url, timeout=60, follow_redirects=False) as browser:
        form = browser.get("/complaints/new/")
        token = csrf(form)
        key = re.search(r'name="idempotency_key" value="([^"]+)"', form.text).group(1)
        response = browser.post(
            "/complaints/new/",
            data={
                "csrfmiddlewaretoken": token,
                "idempotency_key": key,
                "category": "delay",
                "what_happened": f"Writer {number}: the plan is late.",
                "desired_outcome": "Issue the plan.",
                "contact_name": f"Parent {number}",
                "contact_email": f"parent{number}@example.org",
                "contact_preference": "email",
            },
            headers={"Referer": f"{url}/complaints/new/"},
        )
        statuses.append(response.status_code)


def csrf(response):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    if found is None:
        raise AssertionError(
            f"{response.request.url} answered {response.status_code} with no form "
            f"(to {response.headers.get('location')}, cookies {dict(response.cookies)})"
        )
    return found.group(1)


def sign_in_and_try_a_code(url, number, statuses):
    address = {"X-Forwarded-For": f"198.51.100.{number + 1}"}
    with httpx.Client(base_url=url, timeout=60, follow_redirects=False, headers=address) as browser:
        headers = {"Referer": f"{url}/accounts/login/"}
        token = csrf(browser.get("/accounts/login/"))
        signed_in = browser.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": f"writer{number}@example.org", "password": PASSWORD},
            headers=headers,
        )
        statuses.append(signed_in.status_code)
        assert signed_in.status_code == 302, re.findall(
            r"govuk-error-summary__list.*?</ul>", signed_in.text, re.S
        )
        token = csrf(browser.get("/portal/link/"))
        attempt = browser.post(
            "/portal/link/",
            data={
                "csrfmiddlewaretoken": token,
                "code": "ABCD-EFGH-JK34",
                "date_of_birth_0": "3",
                "date_of_birth_1": "4",
                "date_of_birth_2": "2015",
            },
            headers={"Referer": f"{url}/portal/link/"},
        )
        statuses.append(attempt.status_code)


def run_at_once(target, url):
    statuses = []

    def family(number):
        try:
            target(url, number, statuses)
        except Exception as error:
            statuses.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=family, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def test_twenty_parents_signing_in_and_trying_link_codes_at_once_get_no_server_error(sqlite_site):
    url, _database = sqlite_site
    statuses = run_at_once(sign_in_and_try_a_code, url)
    print(f"\nSQLite, {WRITERS} concurrent sign-ins and link-code attempts: {sorted(statuses, key=str)}")
    assert len(statuses) == 2 * WRITERS
    assert [s for s in statuses if s >= 500] == []
    assert sorted(set(statuses), key=str) == [200, 302], statuses  # signed in, the wrong code explained


def test_twenty_complaints_sent_at_once_are_all_stored(sqlite_site):
    import sqlite3

    url, database = sqlite_site
    statuses = []
    barrier_threads = [
        threading.Thread(target=send_a_complaint, args=(url, n, statuses)) for n in range(WRITERS)
    ]
    for thread in barrier_threads:
        thread.start()
    for thread in barrier_threads:
        thread.join(timeout=120)
    print(f"\nSQLite, {WRITERS} concurrent complaints: statuses {sorted(statuses, key=str)}")
    assert len(statuses) == WRITERS
    assert [s for s in statuses if s >= 500] == []
    assert all(s == 302 for s in statuses), statuses
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT COUNT(*) FROM portal_complaint").fetchone()[0] == WRITERS
