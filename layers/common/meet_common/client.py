"""Who is asking: the client address the rate limits count against.

Behind API Gateway the address is the request context's ``sourceIp`` (Mangum
hands the event over as ``scope["aws.event"]``); it cannot be set by the client,
unlike ``X-Forwarded-For``, which is therefore ignored. Under uvicorn locally the
socket peer stands in.

Deployed, though, API Gateway's caller is a CloudFront edge, which many guests
share. There CloudFront itself tells the origin the viewer's address and source
port in ``CloudFront-Viewer-Address`` (``198.51.100.10:46532``; IPv6 as
``2001:db8::1:46532``, the port after the last colon), which the /api/* origin
request policy forwards; API Gateway only answers requests carrying the key
CloudFront adds, so that header can be believed, but only when
``TRUST_VIEWER_IP_HEADER`` says this deployment is set up that way. A value that
is not one ``address:port`` is ignored, never counted, and so is a repeated header.

An IPv6 client is counted by its /64: one subscriber gets a whole /64 and could
otherwise take a fresh address for every ten guesses. An IPv4 address written as
IPv6 (``::ffff:192.0.2.1``, as a dual-stack socket reports it) is the IPv4 address.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from fastapi import Request

from meet_common.settings import get_settings

UNKNOWN = "unknown"
VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address"
# The longest textual IPv6 address (with an embedded IPv4 tail) is 45 characters.
_MAX_ADDRESS_LENGTH = 45
_MAX_PORT = 65535


def client_address(request: Request, *, trust_viewer_header: bool | None = None) -> str:
    """The address to count failures against; ``trust_viewer_header`` defaults to the setting."""
    if trust_viewer_header is None:
        trust_viewer_header = get_settings().trust_viewer_ip_header
    if trust_viewer_header:
        viewer = viewer_address(request)
        if viewer is not None:
            return viewer
    event: dict[str, Any] = request.scope.get("aws.event") or {}
    identity = (event.get("requestContext") or {}).get("identity") or {}
    source_ip = identity.get("sourceIp")
    if isinstance(source_ip, str) and source_ip:
        return _normalised(source_ip) or source_ip
    if request.client is not None and request.client.host:
        return _normalised(request.client.host) or request.client.host
    return UNKNOWN


def viewer_address(request: Request) -> str | None:
    """The address in the single ``CloudFront-Viewer-Address``, normalised; None if absent,
    repeated, or not ``address:port``."""
    values = request.headers.getlist(VIEWER_ADDRESS_HEADER)
    if len(values) != 1:
        return None
    host, colon, port = values[0].strip().rpartition(":")
    if not colon or not (port.isascii() and port.isdigit() and len(port) <= 5):
        return None
    if int(port) > _MAX_PORT:
        return None
    if host.startswith("[") and host.endswith("]"):  # the URL form, in case it comes so
        host = host[1:-1]
    return _normalised(host)


def _normalised(value: str) -> str | None:
    """One key per client: IPv4 as is (also when written as IPv6), IPv6 by its /64;
    None for anything that is not one IP address."""
    if not value or len(value) > _MAX_ADDRESS_LENGTH:
        return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id is not None:
            return None  # a zone index means nothing beyond one host's links
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)  # one guest, one key, however it is written
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)
