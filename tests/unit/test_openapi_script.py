"""`python -m scripts.openapi`: the pages' copy of the OpenAPI document, and its staleness check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devserver.app import build_api_app
from scripts import openapi


def test_writes_the_document_the_api_serves(tmp_path: Path) -> None:
    output = tmp_path / "openapi.json"
    assert openapi.main(["--output", str(output)]) == 0
    assert json.loads(output.read_text(encoding="utf-8")) == build_api_app().openapi()
    assert openapi.main(["--check", "--output", str(output)]) == 0


def test_check_fails_on_a_stale_or_missing_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "openapi.json"
    openapi.main(["--output", str(output)])
    output.write_text(output.read_text(encoding="utf-8").replace("Meeting", "Meet"), "utf-8")
    assert openapi.main(["--check", "--output", str(output)]) == 1
    assert "make api-types" in capsys.readouterr().err
    output.unlink()
    assert openapi.main(["--check", "--output", str(output)]) == 1


def test_the_committed_copy_is_current() -> None:
    assert openapi.main(["--check"]) == 0
