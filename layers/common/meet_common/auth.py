"""Caller authentication shared by the HTTP functions.

Admin routes take ``Depends(require_admin)``: the ``Authorization: Bearer <key>``
header compared with the admin key in constant time. Wrong keys are counted per
client (``ADMIN_FAILURE_LIMIT`` in 10 minutes); past the limit every admin request
from that client is a 429 until the window ends, the right key included, so the key
cannot be guessed at speed.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from meet_common import rate_limits
from meet_common.client import client_address
from meet_common.db import get_database
from meet_common.errors import (
    AdminKeyInvalid,
    AdminKeyNotConfigured,
    DatabaseUnavailable,
    SecretUnavailable,
    TooManyAdminFailures,
)
from meet_common.secrets import admin_api_key
from meet_common.settings import get_settings

_bearer = HTTPBearer(auto_error=False, scheme_name="AdminKey", description="The admin API key")

BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    if credentials is None or credentials.scheme.lower() != "bearer":
        return None
    return credentials.credentials or None


def constant_time_equals(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def require_admin(credentials: BearerCredentials, request: Request) -> None:
    expected = admin_api_key()
    if not expected:
        raise AdminKeyNotConfigured()
    failures = rate_limits.admin_failures(get_settings())
    client, now, db = client_address(request), datetime.now(UTC), get_database()
    with db.transaction() as conn:
        failures.check(conn, client, now)
    given = bearer_token(credentials)
    if given is None or not constant_time_equals(given, expected):
        with db.transaction() as conn:
            failures.record(conn, client, now)
        raise AdminKeyInvalid()


AdminRequired = Depends(require_admin)
# What an admin route may answer before its own work (the check reads the database).
ADMIN_ERRORS = (
    AdminKeyInvalid,
    TooManyAdminFailures,
    AdminKeyNotConfigured,
    DatabaseUnavailable,
    SecretUnavailable,
)
