"""Production settings must pass Django's deployment checks with the usual environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x7$k2!pq9-z0-long-random-production-secret-for-the-check-9f8e7d6c5b4a",
    "DJANGO_ALLOWED_HOSTS": "send.example.gov.uk",
    "RASA_JWT_SECRET": "another-long-random-secret-for-rasa-jwt-0123456789",
    "BOT_SERVICE_TOKEN": "a-long-random-bot-service-token-0123456789",
    "SAFEGUARDING_DUTY_EMAIL": "safeguarding-duty@send.example.gov.uk",
}


def run_manage(*args, extra_env=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", extra_env={"DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0


def committed_values():
    """Every secret-looking value committed to the repository: development, test and example."""
    values = {}
    for path in (ROOT / "config" / "development.env", ROOT / ".env.example"):
        for line in path.read_text().splitlines():
            # .env.example shows production's secrets commented out ("# NAME=value").
            name, _, value = line.removeprefix("# ").partition("=")
            if name in ("DJANGO_SECRET_KEY", "RASA_JWT_SECRET", "BOT_SERVICE_TOKEN"):
                values.setdefault(name, set()).add(value)
    from config.settings import test

    for name in ("SECRET_KEY", "RASA_JWT_SECRET", "BOT_SERVICE_TOKEN"):
        values.setdefault("DJANGO_SECRET_KEY" if name == "SECRET_KEY" else name, set()).add(
            getattr(test, name)
        )
    return sorted((name, value) for name, found in values.items() for value in found)


@pytest.mark.parametrize(("name", "value"), committed_values())
def test_production_refuses_every_committed_development_or_example_secret(name, value):
    result = run_manage("check", extra_env={name: value})
    assert result.returncode != 0 and name in result.stderr


def test_production_refuses_to_start_without_a_safeguarding_duty_inbox():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k != "SAFEGUARDING_DUTY_EMAIL"})
    env.pop("SAFEGUARDING_DUTY_EMAIL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SAFEGUARDING_DUTY_EMAIL" in result.stderr


def test_production_static_files_collect_with_hashed_names(tmp_path):
    """Whitenoise's manifest storage refuses a build that references a missing file."""
    result = run_manage("collectstatic", "--noinput", "-v0", extra_env={"DJANGO_STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "build/main.css" in manifest
    assert "build/govuk-frontend.js" in manifest
    assert list(tmp_path.glob("build/main.*.css.gz"))


def test_copying_the_example_env_file_gives_a_working_development_setup():
    example = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            example[name] = value
    assert example["DJANGO_SETTINGS_MODULE"] == "config.settings.dev"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(example)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
