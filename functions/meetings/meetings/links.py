"""Join links handed to guests and hosts."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def join_url(base_url: str, room_name: str, password: str) -> str:
    return f"{base_url}/join/{quote(room_name)}?{urlencode({'password': password})}"


def host_join_url(base_url: str, room_name: str, password: str, host_key: str) -> str:
    query = urlencode({"password": password, "host": host_key})
    return f"{base_url}/join/{quote(room_name)}?{query}"
