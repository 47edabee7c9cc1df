"""Which address the failed-join limiter counts against: CloudFront-Viewer-Address only
where the deployment says it can be believed, API Gateway's sourceIp otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.requests import Request

from meet_common.client import UNKNOWN, VIEWER_ADDRESS_HEADER, client_address
from meet_common.settings import get_settings

EDGE_IP = "130.176.1.17"  # what API Gateway sees behind CloudFront


def request_from_edge(*headers: tuple[str, str], source_ip: str = EDGE_IP) -> Request:
    event = {"requestContext": {"identity": {"sourceIp": source_ip}}}
    scope: dict[str, Any] = {
        "type": "http",
        "aws.event": event,
        "client": ("10.0.0.1", 443),
        "headers": [(name.encode(), value.encode()) for name, value in headers],
    }
    return Request(scope)


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_the_viewer_header_is_used_when_trusted() -> None:
    request = request_from_edge((VIEWER_ADDRESS_HEADER, "203.0.113.50:46532"))
    assert client_address(request, trust_viewer_header=True) == "203.0.113.50"


def test_the_viewer_header_is_ignored_when_not_trusted() -> None:
    request = request_from_edge((VIEWER_ADDRESS_HEADER, "203.0.113.50:46532"))
    assert client_address(request, trust_viewer_header=False) == EDGE_IP


def test_trust_follows_the_setting_and_is_off_by_default(
    settings_env: pytest.MonkeyPatch,
) -> None:
    request = request_from_edge((VIEWER_ADDRESS_HEADER, "203.0.113.50:46532"))
    settings_env.delenv("TRUST_VIEWER_IP_HEADER", raising=False)
    assert client_address(request) == EDGE_IP

    settings_env.setenv("TRUST_VIEWER_IP_HEADER", "true")
    get_settings.cache_clear()
    assert client_address(request) == "203.0.113.50"


@pytest.mark.parametrize(
    ("sent", "counted"),
    [
        ("2001:db8::7:46532", "2001:db8::/64"),  # as CloudFront writes IPv6: the port last
        ("[2001:db8::7]:46532", "2001:db8::/64"),  # the URL form
        ("2001:0db8:0000:0000:0000:0000:0000:0007:443", "2001:db8::/64"),  # however written
        ("2001:DB8::7:1", "2001:db8::/64"),
        ("2001:db8::1:2:3:8:65535", "2001:db8::/64"),  # another address of the subscriber
        ("2001:db8:0:1::7:80", "2001:db8:0:1::/64"),
        ("::ffff:203.0.113.50:443", "203.0.113.50"),  # an IPv4 viewer written as IPv6
        (" 203.0.113.50:0 ", "203.0.113.50"),
    ],
)
def test_addresses_are_normalised(sent: str, counted: str) -> None:
    request = request_from_edge((VIEWER_ADDRESS_HEADER, sent))
    assert client_address(request, trust_viewer_header=True) == counted


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "unknown",
        "203.0.113.50",  # no port: not what CloudFront writes
        "203.0.113.50:",
        ":443",
        "203.0.113.50:65536",
        "203.0.113.50:-1",
        "203.0.113.50:\uff14\uff14\uff13",  # digits, but not ASCII ones
        "203.0.113.50:" + "4" * 5000,
        "[2001:db8::7]",
        "203.0.113.50:443, 198.51.100.1:443",  # a list
        "203.0.113.999:443",
        "fe80::1%eth0:443",  # a zone index
        "1" * 500 + ":443",
        "203.0.113.50\x00:443",
    ],
)
def test_anything_but_one_address_and_port_falls_back_to_the_source_ip(garbage: str) -> None:
    request = request_from_edge((VIEWER_ADDRESS_HEADER, garbage))
    assert client_address(request, trust_viewer_header=True) == EDGE_IP


def test_a_repeated_header_is_not_believed() -> None:
    request = request_from_edge(
        (VIEWER_ADDRESS_HEADER, "203.0.113.50:46532"), (VIEWER_ADDRESS_HEADER, "198.51.100.1:443")
    )
    assert client_address(request, trust_viewer_header=True) == EDGE_IP


def test_without_the_header_a_trusting_deployment_counts_the_source_ip() -> None:
    assert client_address(request_from_edge(), trust_viewer_header=True) == EDGE_IP


def test_x_forwarded_for_is_never_the_viewer_address() -> None:
    request = request_from_edge(("x-forwarded-for", "203.0.113.50"))
    assert client_address(request, trust_viewer_header=True) == EDGE_IP


def test_the_old_custom_header_is_not_believed() -> None:
    # CloudFront no longer writes x-meet-viewer-ip, so a client could have sent it.
    request = request_from_edge(("x-meet-viewer-ip", "203.0.113.50"))
    assert client_address(request, trust_viewer_header=True) == EDGE_IP


def test_with_nothing_to_go_on_the_address_is_unknown() -> None:
    request = Request({"type": "http", "headers": [(VIEWER_ADDRESS_HEADER.encode(), b"nonsense")]})
    assert client_address(request, trust_viewer_header=True) == UNKNOWN


def test_an_ipv6_source_address_is_counted_by_its_64() -> None:
    request = request_from_edge(source_ip="2001:db8::1:2:3:4")
    assert client_address(request, trust_viewer_header=False) == "2001:db8::/64"
