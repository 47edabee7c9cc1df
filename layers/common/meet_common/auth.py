"""Caller authentication shared by the HTTP functions.

Admin routes take ``Depends(require_admin)``: the ``Authorization: Bearer <key>``
header compared with the admin key in constant time.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from meet_common.errors import ServiceUnavailable, Unauthorized
from meet_common.secrets import admin_api_key

_bearer = HTTPBearer(auto_error=False, scheme_name="AdminKey", description="The admin API key")

BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    if credentials is None or credentials.scheme.lower() != "bearer":
        return None
    return credentials.credentials or None


def constant_time_equals(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def require_admin(credentials: BearerCredentials) -> None:
    expected = admin_api_key()
    if not expected:
        raise ServiceUnavailable("The admin API key is not configured.")
    given = bearer_token(credentials)
    if given is None or not constant_time_equals(given, expected):
        raise Unauthorized("A valid admin API key is required.")


AdminRequired = Depends(require_admin)
