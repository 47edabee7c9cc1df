"""The tokens function signs its join tokens with PyJWT: importing its handler loads
neither livekit-api (with aiohttp and the protobuf messages) nor boto3."""

from __future__ import annotations

from tests.unit.test_cold_imports import modules_loaded_by


def test_the_tokens_handler_imports_no_livekit_client_protobufs_or_boto3() -> None:
    loaded = modules_loaded_by("import tokens.handler")
    assert not loaded & {"livekit.api", "livekit.protocol", "aiohttp", "boto3"}
