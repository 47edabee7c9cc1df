"""One list of page routes (web/pages.json): CloudFront's rewrite function is generated
from it, the local server serves it, and every page it names is one the build writes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from devserver.app import WEB_DIST, build_app
from devserver.pages import Page, load
from scripts import page_routes
from scripts.template_blocks import TEMPLATE, read_block
from tests.infra.test_template_site import HARNESS
from tests.support.template import ROOT, resources

PAGES = load()


def sample(page: Page) -> str:
    """A path the page answers: each {parameter} filled in."""
    return re.sub(r"\{[^}]+\}", "team-sync-a1b2", page.path)


def test_the_rewrite_function_is_what_the_generator_writes() -> None:
    """A page added to web/pages.json and not generated into the template fails here (and
    in `make check-template`): run `python -m scripts.page_routes`."""
    block = read_block(TEMPLATE.read_text(encoding="utf-8"), page_routes.BLOCK)
    assert block == page_routes.render(PAGES)


def run_rewrite(tmp_path: Path, uris: list[str]) -> list[dict[str, str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required (it also builds the pages)")
    function = resources("AWS::CloudFront::Function")["PageRewriteFunction"]["Properties"]
    script = tmp_path / "rewrite.js"
    script.write_text(function["FunctionCode"] + HARNESS, encoding="utf-8")
    result = subprocess.run(
        [node, str(script), json.dumps(uris)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return list(json.loads(result.stdout))


def test_cloudfront_serves_every_listed_page_and_redirect(tmp_path: Path) -> None:
    expected: dict[str, dict[str, str]] = {}
    for page in PAGES.pages:
        expected[sample(page)] = {"uri": f"/{page.html}"}
        expected[sample(page) + "/"] = {"uri": f"/{page.html}"}
        expected[sample(page) + "/more"] = {"uri": sample(page) + "/more"}  # one segment each
    for source, target in PAGES.redirects.items():
        expected[source] = {"redirect": target}
    assert len(expected) >= 10
    assert dict(zip(expected, run_rewrite(tmp_path, list(expected)), strict=True)) == expected


def test_the_local_server_serves_every_listed_page_and_redirect() -> None:
    if not (WEB_DIST / "join" / "index.html").is_file():
        pytest.fail("web/dist is not built: run `make web` (make test does)")
    client = TestClient(build_app(), follow_redirects=False)
    for page in PAGES.pages:
        response = client.get(sample(page))
        assert response.status_code == 200, page.path
        assert response.text == (WEB_DIST / page.html).read_text(encoding="utf-8"), page.path
        assert "content-security-policy" in response.headers
    for source, target in PAGES.redirects.items():
        response = client.get(source)
        assert response.is_redirect, source
        assert response.headers["location"] == target


def test_every_page_is_a_file_the_build_writes() -> None:
    for page in PAGES.pages:
        if page.entry is not None:  # Vite's input (web/tooling/page-routes.ts pageInputs)
            assert (ROOT / "web" / page.html).is_file(), page.html
    if WEB_DIST.is_dir():
        for page in PAGES.pages:
            assert (WEB_DIST / page.html).is_file(), page.html


def test_a_page_path_must_start_with_a_slash(tmp_path: Path) -> None:
    bad: dict[str, Any] = {"pages": [{"path": "meetings", "html": "meetings/index.html"}]}
    (tmp_path / "pages.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="starts with /"):
        load(tmp_path / "pages.json")
