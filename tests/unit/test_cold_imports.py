"""Heavy libraries are imported only by the functions and paths that use them: the
room-service client (livekit.api with aiohttp) is loaded on the first room-service
call, not when a handler module is imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("aiohttp", "livekit.api", "boto3")


def modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("module", ["meetings.handler", "meetings.app", "meet_common.deps"])
def test_importing_leaves_out_the_room_service_client_and_boto3(module: str) -> None:
    loaded = modules_loaded_by(f"import {module}")
    assert not loaded & set(HEAVY)


def test_the_room_service_client_is_loaded_on_first_use() -> None:
    loaded = modules_loaded_by(
        "import asyncio\n"
        "from meet_common import livekit_rooms\n"
        "async def touch():\n"
        "    try:\n"
        "        await livekit_rooms._guard(asyncio.sleep(0), 'noop')\n"
        "    except Exception:\n"
        "        pass\n"
        "asyncio.run(touch())"
    )
    assert {"aiohttp", "livekit.api"} <= loaded
