"""Heavy libraries are imported only by the functions and paths that use them: the
room-service client (livekit.api with aiohttp) is loaded on the first room-service
call, not when a handler module is imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Powertools imports the botocore package itself (shared/user_agent.py, to tag the
# SDK's user agent if one is made): cheap; its sessions and clients are not.
HEAVY = ("aiohttp", "livekit.api", "boto3", "botocore.session", "botocore.client")


IMPORTS = (
    "meetings.handler",
    "meetings.app",
    "meet_common.deps",
    "tokens.handler",
    "messages.handler",
)
FIRST_USE = (
    "import asyncio\n"
    "from meet_common import livekit_rooms\n"
    "async def touch():\n"
    "    try:\n"
    "        await livekit_rooms._guard(asyncio.sleep(0), 'noop')\n"
    "    except Exception:\n"
    "        pass\n"
    "asyncio.run(touch())"
)


@pytest.fixture(scope="module")
def modules_loaded_by() -> dict[str, set[str]]:
    """What a fresh interpreter has imported after each statement. The interpreters
    start together: each spends its second or so importing, and they need not queue."""
    statements = [f"import {module}" for module in IMPORTS] + [FIRST_USE]
    processes = {
        statement: subprocess.Popen(
            [sys.executable, "-c", f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for statement in statements
    }
    loaded: dict[str, set[str]] = {}
    for statement, process in processes.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        loaded[statement] = set(out.split())
    return loaded


@pytest.mark.parametrize("module", IMPORTS)
def test_importing_leaves_out_the_room_service_client_and_boto3(
    module: str, modules_loaded_by: dict[str, set[str]]
) -> None:
    loaded = modules_loaded_by[f"import {module}"]
    assert not loaded & set(HEAVY)


def test_the_room_service_client_is_loaded_on_first_use(
    modules_loaded_by: dict[str, set[str]],
) -> None:
    loaded = modules_loaded_by[FIRST_USE]
    assert {"aiohttp", "livekit.api"} <= loaded


def test_the_tokens_handler_loads_no_protobuf_messages(
    modules_loaded_by: dict[str, set[str]],
) -> None:
    # The tokens function signs its join tokens with PyJWT, so a join's cold start
    # pays for neither livekit-api nor the protobuf messages it carries.
    assert "livekit.protocol" not in modules_loaded_by["import tokens.handler"]


def test_the_messages_handler_loads_no_livekit_sdk(
    modules_loaded_by: dict[str, set[str]],
) -> None:
    # Participant tokens are checked with PyJWT as the SDK's TokenVerifier checks them;
    # the room-service client (for live delivery) is loaded on a post's first delivery.
    loaded = modules_loaded_by["import messages.handler"]
    assert not loaded & {"livekit", "livekit.api", "aiohttp", "google.protobuf"}


def test_the_tokens_handler_loads_neither_pyjwt_nor_cryptography(
    modules_loaded_by: dict[str, set[str]],
) -> None:
    # An HMAC signs the join token; PyJWT would load cryptography wherever installed.
    loaded = modules_loaded_by["import tokens.handler"]
    assert not loaded & {"jwt", "cryptography"}
