"""What each page costs to load: every JS and CSS file the browser fetched,
gzipped, against the budgets (dashboard 80 KB; join page with the call 250 KB).
The figures are written to tests/artifacts/page-weight.json."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi

pytestmark = pytest.mark.browser

ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "page-weight.json"
BUDGET_KB = {"dashboard": 80, "join+meeting": 250}


def watch_assets(page: Any) -> dict[str, bytes]:
    """Each JS/CSS file the page loads from now on, by URL."""
    bodies: dict[str, bytes] = {}

    def on_response(response: Any) -> None:
        if response.url.split("?")[0].endswith((".js", ".css")):
            bodies[response.url] = response.body()

    page.on("response", on_response)
    return bodies


def gzip_kb(bodies: dict[str, bytes]) -> float:
    return sum(len(gzip.compress(b, compresslevel=6)) for b in bodies.values()) / 1024


def test_pages_stay_within_their_budgets(page: Any, admin_api: AdminApi) -> None:
    dashboard = watch_assets(page)
    page.goto("/meetings")
    expect(page.get_by_label("Admin key")).to_be_visible()
    page.wait_for_load_state("networkidle")
    dashboard_assets = dict(dashboard)

    meeting = admin_api.instant(title="Weigh-in")
    join = watch_assets(page)
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()
    expect(page.get_by_role("group", name="Meeting controls")).to_be_visible()
    page.wait_for_load_state("networkidle")

    totals = {"dashboard": gzip_kb(dashboard_assets), "join+meeting": gzip_kb(join)}
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(
        json.dumps(
            {
                "gzipKB": {k: round(v, 1) for k, v in totals.items()},
                "files": {
                    "dashboard": sorted(Path(k).name for k in dashboard_assets),
                    "join+meeting": sorted(Path(k).name for k in join),
                },
            },
            indent=2,
        )
        + "\n"
    )
    # livekit-client is the only WebRTC code: the dashboard must not carry it.
    assert not any(b"RTCPeerConnection" in body for body in dashboard_assets.values())
    assert any(b"RTCPeerConnection" in body for body in join.values())
    for page_name, budget in BUDGET_KB.items():
        assert totals[page_name] <= budget, f"{page_name}: {totals[page_name]:.1f} KB gzipped"
