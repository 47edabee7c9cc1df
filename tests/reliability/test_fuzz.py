"""Property-based fuzzing of the whole API (``/api/openapi.json``) with schemathesis.

Every operation gets generated requests, valid and invalid, authenticated the way its
security scheme says (the admin key, or a participant's LiveKit token for the live
meeting's room); half of them are aimed at the live meeting's id and room (valid ones only) so
they get past the lookups. Each answer must be documented for that operation, match its schema
and content type, carry the error shape when it is an error, and never be a 5xx other
than the documented 503.

``FUZZ_EXAMPLES`` sets the examples per operation and generation mode (default 8 here;
``make fuzz`` runs 60, over 2,000 requests). The count is printed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi import checks as openapi_checks

from devserver.app import build_api_app
from livekit_local.server import LiveKitServer
from meet_common.errors import error_classes
from tests.conftest import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET
from tests.reliability.conftest import LiveMeeting, assert_error_shape
from tests.support import livekit_webhooks as hooks

WEBHOOK = "/api/livekit/webhook"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
CHECKS = [
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
]
# Not ``negative_data_rejection``: it counts a repeated query parameter (how schemathesis
# sends an array where a string is expected) as invalid, while HTTP frameworks take the
# last value. Invalid cases are still held to documented statuses, schemas and shapes.


def error_shape_and_no_server_error(ctx: Any, response: Any, case: Any) -> bool:
    status = response.status_code
    assert status < 500 or status == 503, f"server error {status}: {response.text[:500]}"
    if status >= 400:
        assert_error_shape(response.json())
    return True


def _pin(case: Any, meeting: LiveMeeting) -> None:
    """Aim the request at the live meeting: its id and room wherever the operation names one."""
    path = case.path_parameters or {}
    if "meeting_id" in path:
        path["meeting_id"] = meeting.id
    if "room_name" in path:
        path["room_name"] = meeting.room
    if case.query and "roomName" in case.query:
        case.query["roomName"] = meeting.room
    if isinstance(case.body, dict) and "roomName" in case.body:
        case.body["roomName"] = meeting.room


def _authenticate(case: Any, meeting: LiveMeeting, *, keep_generated: bool) -> None:
    """The operation's credentials, unless the headers are all a negative case made
    invalid (then the invalid credentials are what it tests)."""
    schemes = {name for item in case.operation.definition.raw.get("security", []) for name in item}
    headers = dict(case.headers or {})
    components = case.meta.components if case.meta is not None else {}
    negated = {
        location for location, info in components.items() if info.mode is GenerationMode.NEGATIVE
    }
    if keep_generated and negated == {ParameterLocation.HEADER}:
        return
    if case.operation.path == WEBHOOK and not keep_generated:
        # Sign the exact bytes sent, so generated bodies get past the signature check.
        raw = json.dumps(case.body).encode()
        case.body = raw
        headers["Authorization"] = hooks.sign(raw.decode(), LIVEKIT_KEY, LIVEKIT_SECRET)
    if "AdminKey" in schemes:
        headers["Authorization"] = f"Bearer {ADMIN_KEY}"
    elif "LiveKitToken" in schemes:
        headers["Authorization"] = f"Bearer {meeting.host_token()}"
    case.headers = headers


def test_every_operation_answers_as_documented_under_generated_requests(
    live_meeting: LiveMeeting, fake_livekit: LiveKitServer, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_api_app()
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 20
    sent = 0
    statuses: Counter[int] = Counter()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            negative = mode is GenerationMode.NEGATIVE

            @given(case=strategy, aimed=st.booleans())
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=EXAMPLES <= 10,  # CI runs a fixed sample; `make fuzz` explores
                suppress_health_check=list(HealthCheck),
            )
            def exchange(case: Any, aimed: bool) -> None:
                nonlocal sent
                if aimed and not negative:  # noqa: B023 (runs before the loop moves on)  # pinning could make an invalid case valid
                    _pin(case, live_meeting)
                _authenticate(case, live_meeting, keep_generated=negative)  # noqa: B023
                response = case.call()
                sent += 1
                statuses[response.status_code] += 1
                case.validate_response(
                    response,
                    checks=CHECKS,
                    additional_checks=[error_shape_and_no_server_error],
                )

            try:
                exchange()
            except Unsatisfiable:
                # Nothing to make invalid (no parameters, no body): positive mode covers it.
                assert mode is GenerationMode.NEGATIVE, operation.label

    with capsys.disabled():
        print(
            f"\nfuzzing: {sent} generated requests over {len(operations)} operations; "
            f"statuses {dict(sorted(statuses.items()))}"
        )
    assert sent >= len(operations) * EXAMPLES
    # PostgreSQL and the fake LiveKit were up throughout: not even the documented 503.
    assert statuses[503] == 0


def test_every_documented_error_is_the_error_shape() -> None:
    """What the error handlers answer is what the document promises (health's 503 aside,
    which reports the database instead)."""
    document = build_api_app().openapi()
    by_code = {cls.code: cls for cls in error_classes()}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) < 400 or (path, status) == ("/api/health", "503"):
                    continue
                schema = response["content"]["application/json"]["schema"]
                shape, narrowed = schema["allOf"]
                assert shape == {"$ref": "#/components/schemas/ErrorResponse"}, (
                    method,
                    path,
                    status,
                )
                codes = narrowed["properties"]["error"]["properties"]["code"]["enum"]
                assert codes, (method, path, status)
                assert codes == response["x-error-codes"], (method, path, status)
                assert {by_code[code].status for code in codes} == {int(status)}, (method, path)
    assert "HTTPValidationError" not in document["components"]["schemas"]
