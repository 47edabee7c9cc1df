"""Fixtures of the infrastructure tests: fake AWS credentials (nothing here may
reach AWS) and moto in process."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from meet_common.settings import get_settings

REGION = "eu-west-1"
# `make test-compose` points the AWS tests at LocalStack instead of moto.
LOCALSTACK = os.environ.get("MEET_TEST_AWS_ENDPOINT", "")


@pytest.fixture(autouse=True)
def fake_aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


@pytest.fixture
def aws(fake_aws_credentials: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """AWS APIs in process (moto), or LocalStack under `make test-compose`."""
    if LOCALSTACK:
        monkeypatch.setenv("AWS_ENDPOINT_URL", LOCALSTACK)
        yield "localstack"
        return
    from moto import mock_aws

    with mock_aws():
        yield "moto"


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings re-read from the (monkeypatched) environment, and again afterwards."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
