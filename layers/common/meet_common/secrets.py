"""Secret values: from the environment locally, from Secrets Manager in AWS.

In AWS the template passes ``*_SECRET_ARN`` settings instead of the values; they
are read through Powertools parameters, cached for five minutes so a warm
function does not call Secrets Manager on every request.
"""

from __future__ import annotations

from meet_common.settings import get_settings

_CACHE_SECONDS = 300


def _from_secrets_manager(arn: str) -> str:
    from aws_lambda_powertools.utilities import parameters  # boto3: paid only in AWS

    value = parameters.get_secret(arn, max_age=_CACHE_SECONDS)
    return value if isinstance(value, str) else bytes(value).decode()


def admin_api_key() -> str | None:
    settings = get_settings()
    if settings.admin_api_key is not None:
        return settings.admin_api_key.get_secret_value()
    if settings.admin_api_key_secret_arn:
        return _from_secrets_manager(settings.admin_api_key_secret_arn)
    return None
