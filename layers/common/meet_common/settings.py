"""Runtime configuration, read from the environment once and validated at cold start.

Logic never reads ``os.environ``: it asks for ``get_settings()``. A bad value makes
the import of a handler fail, so a broken deployment fails at init, not on the
first request.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: SecretStr | None = None
    livekit_url: str = "ws://localhost:7880"
    livekit_api_key: str = "devkey"
    livekit_api_secret: SecretStr = SecretStr("secret")
    admin_api_key: SecretStr | None = None
    port: int = Field(default=3000, ge=1, le=65535)
    public_base_url: str | None = None
    token_ttl_seconds: int = Field(default=900, ge=60, le=86_400)
    join_early_minutes: int = Field(default=10, ge=0, le=24 * 60)
    lifecycle_interval_seconds: int = Field(default=30, ge=1)
    join_failure_limit: int = Field(default=10, ge=1)
    join_failure_window_seconds: int = Field(default=600, ge=1)
    # Count failed joins against CloudFront-Viewer-Address instead of the caller's
    # address; only where nothing but CloudFront can reach the API (the AWS template).
    trust_viewer_ip_header: bool = False
    chat_retention_days: int = Field(default=30, ge=1)
    # An instant meeting that people joined and then all left ends after this long
    # with nobody in it (the lifecycle pass decides, from attendance).
    instant_idle_end_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # Chat posts per minute: by one participant (a person types far slower), and in one
    # meeting (ten busy people); a flood of 2,000-character messages stops there.
    chat_participant_limit: int = Field(default=20, ge=1)
    chat_meeting_limit: int = Field(default=200, ge=1)
    # Lookups of room names that do not exist, per client per 10 minutes.
    room_lookup_miss_limit: int = Field(default=30, ge=1)
    # Wrong admin keys per client per 10 minutes, after which even the right key waits.
    admin_failure_limit: int = Field(default=20, ge=1)
    livekit_timeout_seconds: float = Field(default=5.0, gt=0)
    # Short enough that a database that never answers still gets a 503 within 5 s.
    database_connect_timeout_seconds: int = Field(default=3, ge=1)
    database_statement_timeout_ms: int = Field(default=5_000, ge=100)
    # The statement timeout is the database role's own (ALTER ROLE ... SET, which the
    # migrator gives the app role), not a SET LOCAL per transaction: behind RDS Proxy,
    # where any SET pins the client to one server connection.
    database_timeout_from_role: bool = False
    # Larger request bodies are refused with a 413; the largest legitimate one (a meeting
    # with a full allowlist of 1,000 invitees) is about half of the default.
    max_request_body_bytes: int = Field(default=1_048_576, ge=1_024)
    # In AWS, secrets arrive as Secrets Manager ARNs rather than values.
    admin_api_key_secret_arn: str | None = None
    # {"apiKey", "apiSecret"}; wins over LIVEKIT_API_KEY/LIVEKIT_API_SECRET when set.
    livekit_secret_arn: str | None = None
    # A connection string, or RDS-style JSON; used when DATABASE_URL is unset.
    database_secret_arn: str | None = None
    # Host to use instead of the JSON secret's own (the RDS Proxy endpoint).
    database_host: str | None = None
    # CA bundle to verify a JSON secret's server against (sslmode=verify-full); "certifi"
    # is the Mozilla bundle the layer ships, which holds the Amazon roots RDS Proxy's
    # certificates chain to. Unset: sslmode=require (encrypted, not verified).
    database_sslrootcert: str | None = None
    # The migrator on the database the stack creates: the RDS-managed master secret
    # (username and password only), the cluster endpoint and the database name.
    migration_admin_secret_arn: str | None = None
    migration_admin_host: str | None = None
    database_name: str = "meet"
    # One-shot EventBridge Scheduler schedules at each meeting's start and end; all
    # three of function, role and group unset locally, where the periodic pass keeps time.
    lifecycle_function_arn: str | None = None
    scheduler_role_arn: str | None = None
    schedule_group_name: str | None = None
    lifecycle_dlq_arn: str | None = None

    @field_validator("livekit_url")
    @classmethod
    def _livekit_url_scheme(cls, value: str) -> str:
        if urlsplit(value).scheme not in {"ws", "wss", "http", "https"}:
            raise ValueError("LIVEKIT_URL must start with ws://, wss://, http:// or https://")
        return value.rstrip("/")

    @field_validator("public_base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if urlsplit(value).scheme not in {"http", "https"}:
            raise ValueError("PUBLIC_BASE_URL must be an http:// or https:// origin")
        return value.rstrip("/")

    @property
    def base_url(self) -> str:
        """The origin used in join links."""
        return self.public_base_url or f"http://localhost:{self.port}"

    @property
    def livekit_http_url(self) -> str:
        """The room service speaks HTTP on the same host browsers reach over WebSocket."""
        scheme, rest = self.livekit_url.split("://", 1)
        return {"ws": "http", "wss": "https"}.get(scheme, scheme) + "://" + rest


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
