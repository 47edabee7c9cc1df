"""What a livekit-server is configured with, as far as the model honours it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ServerConfig:
    """The parts of livekit-server's config the model honours, with its defaults
    (pkg/config/config.go ``DefaultConfig``; pkg/service/roommanager.go constants)."""

    api_key: str = "devkey"
    api_secret: str = "secret"  # noqa: S105 - livekit-server --dev's well-known pair
    auto_create: bool = True
    empty_timeout: int = 5 * 60
    departure_timeout: int = 20
    enable_remote_unmute: bool = False
    max_metadata_size: int = 512 * 1024
    max_attributes_size: int = 64 * 1024
    max_room_name_length: int = 256
    max_participant_identity_length: int = 256
    max_participant_name_length: int = 256
    # pkg/rtc/room.go Join: a participant not active a minute after joining is removed.
    join_timeout: float = 60.0
    # pkg/service/roommanager.go tokenRefreshInterval / tokenDefaultTTL.
    token_refresh_interval: float = 5 * 60.0
    token_default_ttl: float = 10 * 60.0
    # pkg/rtc/transport.go iceFailedTimeoutTotal: a connected client whose network
    # dropped is closed when its peer connection fails, 10 s + 5 s later.
    ice_failed_timeout: float = 15.0
    # A psrpc request to a topic nobody serves (an unknown participant, a room not
    # live) fails with ``unavailable`` only after the client's attempts: protocol
    # rpc/typed_api.go DefaultPSRPCConfig, 3 attempts from 3 s growing by 2 s (3+5+7).
    unavailable_after: float = 15.0
    region: str = ""
    server_version: str = "1.9.0-local"
