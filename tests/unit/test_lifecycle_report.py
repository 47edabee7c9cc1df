"""The /api/scheduler body: every count of the pass, camelCase on the wire."""

from __future__ import annotations

from lifecycle.models import PassReport


def test_counts_are_camel_case_and_default_to_zero() -> None:
    report = PassReport.model_validate(
        {"activated": 2, "ended": 1, "roomsDeleted": 1, "roomsCreated": 2, "messagesPurged": 7}
    )

    body = report.model_dump(by_alias=True)

    assert body["activated"] == 2
    assert body["roomsDeleted"] == 1
    assert body["roomsCreated"] == 2
    assert body["messagesPurged"] == 7
    assert body == report.counts()
    assert set(body) == {
        "activated",
        "ended",
        "endedIdle",
        "roomsCreated",
        "roomsDeleted",
        "roomCallsFailed",
        "roomCallsDeferred",
        "reconciled",
        "attendanceChecked",
        "attendanceCheckFailed",
        "leavesRepaired",
        "joinsRepaired",
        "barredRemoved",
        "webhookEventsPurged",
        "messagesPurged",
        "attendancePurged",
        "rateCountersPurged",
        "admissionRequestsExpired",
    }
    assert body["endedIdle"] == 0
