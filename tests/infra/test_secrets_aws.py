"""Secrets read from Secrets Manager (moto) when the template passes ARNs: the admin
key, LiveKit's credentials, and the database's connection string."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities import parameters

from meet_common import secrets
from meet_common.db import _settings_url
from meet_common.errors import DatabaseUnavailable, ServiceUnavailable
from meet_common.settings import get_settings
from tests.infra.conftest import REGION

SECRET_NAMES = ("ADMIN_API_KEY", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "DATABASE_URL")


@pytest.fixture
def secretsmanager(
    aws: str, fresh_settings: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    for name in SECRET_NAMES:
        monkeypatch.delenv(name, raising=False)
    parameters.clear_caches()  # type: ignore[no-untyped-call]
    yield boto3.client("secretsmanager", region_name=REGION)
    parameters.clear_caches()  # type: ignore[no-untyped-call]


def secret(client: Any, value: str) -> str:
    import uuid

    return str(client.create_secret(Name=f"meet-{uuid.uuid4().hex}", SecretString=value)["ARN"])


def use(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def test_admin_key_comes_from_its_secret(secretsmanager: Any, monkeypatch: Any) -> None:
    use(monkeypatch, ADMIN_API_KEY_SECRET_ARN=secret(secretsmanager, "k" * 40))
    assert secrets.admin_api_key() == "k" * 40


def test_livekit_credentials_come_from_their_json_secret(
    secretsmanager: Any, monkeypatch: Any
) -> None:
    arn = secret(secretsmanager, json.dumps({"apiKey": "APIabc", "apiSecret": "s3cr3t"}))
    use(monkeypatch, LIVEKIT_SECRET_ARN=arn, LIVEKIT_API_KEY="devkey")
    assert secrets.livekit_credentials() == secrets.LiveKitCredentials("APIabc", "s3cr3t")


def test_livekit_credentials_fall_back_to_plain_settings_locally(
    secretsmanager: Any, monkeypatch: Any
) -> None:
    use(monkeypatch, LIVEKIT_API_KEY="devkey", LIVEKIT_API_SECRET="secret")
    assert secrets.livekit_credentials() == secrets.LiveKitCredentials("devkey", "secret")


@pytest.mark.parametrize("value", ['{"apiKey": "only-a-key"}', "not json", '["a", "b"]'])
def test_a_malformed_livekit_secret_is_a_503_not_a_500(
    secretsmanager: Any, monkeypatch: Any, value: str
) -> None:
    use(monkeypatch, LIVEKIT_SECRET_ARN=secret(secretsmanager, value))
    with pytest.raises(ServiceUnavailable):
        secrets.livekit_credentials()


def test_an_unreadable_secret_is_a_503(secretsmanager: Any, monkeypatch: Any) -> None:
    missing = f"arn:aws:secretsmanager:{REGION}:123456789012:secret:gone-AbCdEf"
    use(monkeypatch, ADMIN_API_KEY_SECRET_ARN=missing)
    with pytest.raises(ServiceUnavailable) as raised:
        secrets.admin_api_key()
    assert raised.value.status == 503


def test_database_url_comes_from_a_connection_string_secret(
    secretsmanager: Any, monkeypatch: Any
) -> None:
    url = "postgresql://meet:pw@db.example.internal:5432/meet?sslmode=require"
    use(monkeypatch, DATABASE_SECRET_ARN=secret(secretsmanager, url + "\n"))
    assert secrets.database_url() == url
    assert _settings_url() == url  # what the database layer connects with


def test_an_rds_json_secret_goes_through_the_proxy_over_tls(
    secretsmanager: Any, monkeypatch: Any
) -> None:
    value = {"username": "meet", "password": "p@ss word", "host": "cluster.internal", "port": 5432}
    use(
        monkeypatch,
        DATABASE_SECRET_ARN=secret(secretsmanager, json.dumps({**value, "dbname": "meet"})),
        DATABASE_HOST="meet-db.proxy-abc.eu-west-1.rds.amazonaws.com",
    )
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(secrets.database_url() or "")
    assert params == {
        "user": "meet",
        "password": "p@ss word",
        "host": "meet-db.proxy-abc.eu-west-1.rds.amazonaws.com",
        "port": "5432",
        "dbname": "meet",
        "sslmode": "require",
    }


def test_database_url_setting_wins_over_the_secret(secretsmanager: Any, monkeypatch: Any) -> None:
    arn = secret(secretsmanager, "postgresql://from-secret/meet")
    use(monkeypatch, DATABASE_URL="postgresql://local/meet", DATABASE_SECRET_ARN=arn)
    assert secrets.database_url() == "postgresql://local/meet"


def test_no_database_configured_is_a_503(secretsmanager: Any, monkeypatch: Any) -> None:
    use(monkeypatch)
    assert secrets.database_url() is None
    with pytest.raises(DatabaseUnavailable):
        _settings_url()


def test_secrets_are_cached_so_warm_functions_do_not_call_secrets_manager_each_time(
    secretsmanager: Any, monkeypatch: Any
) -> None:
    arn = secret(secretsmanager, "first-key-value-0123456789")
    use(monkeypatch, ADMIN_API_KEY_SECRET_ARN=arn)
    assert secrets.admin_api_key() == "first-key-value-0123456789"
    secretsmanager.put_secret_value(SecretId=arn, SecretString="second-key-value-012345678")
    assert secrets.admin_api_key() == "first-key-value-0123456789"  # cached for five minutes


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")  # "secret" on purpose
def test_participant_tokens_are_checked_with_the_livekit_secret_from_secrets_manager(
    secretsmanager: Any, monkeypatch: Any
) -> None:
    from livekit import api

    from meet_common.errors import Unauthorized
    from meet_common.participant_auth import verify_participant_token

    stored = json.dumps({"apiKey": "APIsecretkey", "apiSecret": "s" * 40})
    use(monkeypatch, LIVEKIT_SECRET_ARN=secret(secretsmanager, stored))

    def token(key: str, value: str) -> str:
        grants = api.VideoGrants(room_join=True, room="room-1")
        return api.AccessToken(key, value).with_identity("ada").with_grants(grants).to_jwt()

    assert verify_participant_token(token("APIsecretkey", "s" * 40), "room-1").identity == "ada"
    with pytest.raises(Unauthorized):
        verify_participant_token(token("devkey", "secret"), "room-1")  # the local defaults
