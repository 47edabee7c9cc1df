"""The run-wide secret scan (tests/conftest.py) sees the service's logs and would find
a leak of each kind of secret, in the forms a log line carries them."""

from __future__ import annotations

import json
import secrets

from livekit import api

from meet_common.observability import logger
from tests.conftest import ADMIN_KEY, LIVEKIT_SECRET, SECRETS
from tests.reliability.conftest import livekit_token
from tests.support.secret_scan import LogTape, SecretLedger


def test_the_run_wide_capture_holds_the_service_log(service_log_capture: LogTape) -> None:
    probe = f"probe-{secrets.token_hex(4)}"
    logger.info("secret scan probe", extra={"probe": probe})
    assert probe in service_log_capture.getvalue()


def test_tokens_minted_anywhere_are_recorded() -> None:
    token = livekit_token("scan-room")
    assert SECRETS.leaks(f"Authorization: Bearer {token}")
    assert SECRETS.leaks(json.dumps({"signature": token.rsplit(".", 1)[1]}))


def test_each_kind_of_secret_is_found_in_a_json_log_line() -> None:
    ledger = SecretLedger()
    host_key = secrets.token_urlsafe(24)
    password = "bcdfg23456"
    odd_password = 'p"w\\d-1!'
    jwt = api.AccessToken("k", "s" * 32).with_identity("x").to_jwt()
    ledger.record_all([host_key, password, odd_password, jwt, ADMIN_KEY, LIVEKIT_SECRET, "hk"])

    for secret in [host_key, password, odd_password, jwt, ADMIN_KEY, LIVEKIT_SECRET]:
        line = json.dumps({"message": "request", "extra": f"got {secret}!"})
        assert ledger.leaks(line), secret
    assert ledger.leaks(f"?hostKey={host_key}&x=1")
    assert ledger.leaks(f"the password was {password}.")


def test_ordinary_log_lines_are_not_reported() -> None:
    ledger = SecretLedger()
    ledger.record_all(["hk", "bcdfg23456", secrets.token_urlsafe(24)])
    line = json.dumps({"message": "request", "path": "/api/meetings/hk", "id": "bcdfg234567"})
    assert ledger.leaks(line) == []


def test_a_tests_part_of_the_tape_is_what_was_logged_since_its_mark() -> None:
    tape = LogTape()
    tape.write("before the test\n")
    mark = tape.mark()
    tape.write(f"during it: {ADMIN_KEY}\n")

    assert tape.since(mark) == f"during it: {ADMIN_KEY}\n"
    assert SECRETS.leaks(tape.since(mark))
    assert tape.getvalue() == f"before the test\nduring it: {ADMIN_KEY}\n"
