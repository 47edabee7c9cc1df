"""Secret values: from the environment locally, from Secrets Manager in AWS.

In AWS the template passes ``*_SECRET_ARN`` settings instead of the values; they
are read through Powertools parameters, cached for five minutes so a warm
function does not call Secrets Manager on every request. A secret that cannot be
read is a 503 (``SecretUnavailable``), never a 500, and its value is never logged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from psycopg.conninfo import make_conninfo

from meet_common.errors import SecretUnavailable
from meet_common.observability import logger
from meet_common.settings import get_settings

_CACHE_SECONDS = 300


@dataclass(frozen=True)
class LiveKitCredentials:
    api_key: str
    api_secret: str


def _from_secrets_manager(arn: str) -> str:
    from aws_lambda_powertools.utilities import parameters  # boto3: paid only in AWS

    value = parameters.get_secret(arn, max_age=_CACHE_SECONDS)
    return value if isinstance(value, str) else bytes(value).decode()


def _read(arn: str, what: str) -> str:
    from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

    try:
        return _from_secrets_manager(arn)
    except GetParameterError as exc:
        # The exception text may quote the service's answer, but never the value.
        logger.error("secret read failed", extra={"secret": what, "error": type(exc).__name__})
        raise SecretUnavailable(what) from exc


def read_secret(arn: str, what: str) -> str:
    """A secret's text; ``SecretUnavailable`` (a 503) when it cannot be read."""
    return _read(arn, what)


def _read_json(arn: str, what: str) -> dict[str, Any]:
    try:
        data = json.loads(_read(arn, what))
    except ValueError:
        data = None
    if not isinstance(data, dict):
        logger.error("secret is not a JSON object", extra={"secret": what})
        raise SecretUnavailable(what)
    return data


def admin_api_key() -> str | None:
    settings = get_settings()
    if settings.admin_api_key is not None and settings.admin_api_key.get_secret_value():
        return settings.admin_api_key.get_secret_value()
    if settings.admin_api_key_secret_arn:
        return _read(settings.admin_api_key_secret_arn, "admin API key")
    return None


def livekit_credentials() -> LiveKitCredentials:
    """The LiveKit API key and secret: the secret named by LIVEKIT_SECRET_ARN when set,
    else LIVEKIT_API_KEY / LIVEKIT_API_SECRET."""
    settings = get_settings()
    if not settings.livekit_secret_arn:
        return LiveKitCredentials(
            settings.livekit_api_key, settings.livekit_api_secret.get_secret_value()
        )
    data = _read_json(settings.livekit_secret_arn, "LiveKit credentials")
    key, secret = data.get("apiKey"), data.get("apiSecret")
    if not isinstance(key, str) or not key or not isinstance(secret, str) or not secret:
        logger.error("LiveKit secret lacks apiKey or apiSecret")
        raise SecretUnavailable("LiveKit credentials")
    return LiveKitCredentials(key, secret)


def database_url() -> str | None:
    """The PostgreSQL connection string: DATABASE_URL, else the secret named by
    DATABASE_SECRET_ARN; None when neither is configured."""
    settings = get_settings()
    if settings.database_url is not None and settings.database_url.get_secret_value():
        return settings.database_url.get_secret_value()
    if settings.database_secret_arn:
        raw = _read(settings.database_secret_arn, "database secret")
        return connection_string(
            raw, host=settings.database_host, sslrootcert=settings.database_sslrootcert
        )
    return None


def _ca_bundle(sslrootcert: str) -> str:
    if sslrootcert == "certifi":
        import certifi

        return str(certifi.where())
    return sslrootcert


def connection_string(
    secret: str, *, host: str | None = None, sslrootcert: str | None = None
) -> str:
    """A secret's text as a libpq connection string.

    Either the text is one already (``postgresql://...`` or ``key=value``), or it is
    the JSON that RDS and Secrets Manager use for database credentials
    (``username``, ``password``, ``host``, ``port``, ``dbname``). ``host`` replaces
    the JSON's host: the template points it at RDS Proxy, which requires TLS.
    With ``sslrootcert`` (a CA bundle's path, or ``certifi``) the server's certificate
    and name are verified (``verify-full``); without it the link is only encrypted.
    """
    text = secret.strip()
    if not text.startswith("{"):
        return text
    try:
        data = json.loads(text)
        params: dict[str, Any] = {
            "user": data["username"],
            "password": data["password"],
            "host": host or data["host"],
            "port": data.get("port", 5432),
            "dbname": data.get("dbname") or data.get("dbName") or "postgres",
            "sslmode": "require",
        }
        if sslrootcert:
            params.update(sslmode="verify-full", sslrootcert=_ca_bundle(sslrootcert))
    except (ValueError, KeyError, TypeError) as exc:
        logger.error("database secret lacks username, password or host")
        raise SecretUnavailable("database secret") from exc
    return make_conninfo("", **params)
