from __future__ import annotations

import pytest
from pydantic import ValidationError

from meet_common.settings import Settings


def test_defaults_match_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [
        "LIVEKIT_URL",
        "LIVEKIT_API_KEY",
        "LIVEKIT_API_SECRET",
        "PUBLIC_BASE_URL",
        "PORT",
        "TOKEN_TTL_SECONDS",
        "JOIN_EARLY_MINUTES",
        "LIFECYCLE_INTERVAL_SECONDS",
    ]:
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.livekit_url == "ws://localhost:7880"
    assert settings.livekit_http_url == "http://localhost:7880"
    assert (settings.livekit_api_key, settings.livekit_api_secret.get_secret_value()) == (
        "devkey",
        "secret",
    )
    assert settings.base_url == "http://localhost:3000"
    assert (settings.token_ttl_seconds, settings.join_early_minutes) == (900, 10)
    assert settings.lifecycle_interval_seconds == 30


def test_wss_maps_to_https_for_the_room_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEKIT_URL", "wss://demo.livekit.cloud/")
    assert Settings().livekit_http_url == "https://demo.livekit.cloud"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LIVEKIT_URL", "ftp://x"),
        ("PUBLIC_BASE_URL", "localhost:3000"),
        ("PORT", "0"),
        ("TOKEN_TTL_SECONDS", "ten"),
    ],
)
def test_bad_configuration_fails_loudly(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_secrets_do_not_show_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEKIT_API_SECRET", "very-secret-value")
    monkeypatch.setenv("ADMIN_API_KEY", "admin-secret-value")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:dbpass@h/db")
    text = repr(Settings()) + str(Settings().model_dump())
    for secret in ["very-secret-value", "admin-secret-value", "dbpass"]:
        assert secret not in text
