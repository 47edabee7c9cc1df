"""The /api/scheduler body: the documented counts, plus whatever later steps add."""

from __future__ import annotations

from lifecycle.models import PassReport


def test_counts_are_camel_case_and_later_steps_counts_pass_through() -> None:
    report = PassReport.model_validate(
        {"activated": 2, "ended": 1, "roomsDeleted": 1, "roomsCreated": 2, "messagesPurged": 7}
    )

    body = report.model_dump(by_alias=True)

    assert body["activated"] == 2
    assert body["roomsDeleted"] == 1
    assert body["roomsCreated"] == 2
    assert body["messagesPurged"] == 7
