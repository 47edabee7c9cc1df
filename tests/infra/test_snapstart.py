"""SnapStart hooks: the database connection is closed before the snapshot and the
first transaction after a restore opens a new one."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

import pytest

from meet_common import db as db_module
from meet_common import snapstart
from meet_common.db import Database
from meet_common.http import create_app
from meet_common.lambda_http import http_handler


class FakeRuntime:
    """Stands in for the Lambda runtime's snapshot_restore_py module."""

    def __init__(self) -> None:
        self.before: list[Callable[[], Any]] = []
        self.after: list[Callable[[], Any]] = []

    def module(self) -> types.ModuleType:
        module = types.ModuleType("snapshot_restore_py")
        module.register_before_snapshot = self.before.append  # type: ignore[attr-defined]
        module.register_after_restore = self.after.append  # type: ignore[attr-defined]
        return module


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> FakeRuntime:
    fake = FakeRuntime()
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", fake.module())
    monkeypatch.setattr(snapstart, "_registered", False)
    return fake


def test_without_the_lambda_runtime_registering_is_a_no_op(monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", None)  # import fails
    monkeypatch.setattr(snapstart, "_registered", False)
    assert snapstart.register_snapstart_hooks() is False


def test_every_http_handler_registers_the_hooks_once(runtime: FakeRuntime) -> None:
    http_handler(create_app([]))
    http_handler(create_app([]))
    assert runtime.before == [snapstart.drop_database_connection]
    assert runtime.after == [snapstart.drop_database_connection]


def test_connection_is_closed_before_snapshot_and_reopened_after_restore(
    runtime: FakeRuntime, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapstart.register_snapstart_hooks()
    database = Database(lambda: database_url)
    monkeypatch.setattr(db_module, "_default", database)  # what the hooks close
    try:
        # The pid announced for the client connection: through a pooler the server
        # process behind it may be the same one again.
        with database.transaction() as conn:
            before_pid = conn.info.backend_pid
        frozen = conn

        for hook in runtime.before:
            hook()
        assert frozen.closed  # nothing open goes into the snapshot
        for hook in runtime.after:
            hook()

        with database.transaction() as conn:
            after_pid = conn.info.backend_pid
        assert conn is not frozen
        assert before_pid != after_pid
    finally:
        database.close()


def test_a_handler_s_preload_is_imported_before_the_snapshot(
    runtime: FakeRuntime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    http_handler(create_app([]), preload=("colorsys",))
    assert runtime.before[0] == snapstart.drop_database_connection
    assert "colorsys" not in sys.modules
    for hook in runtime.before:
        hook()
    assert "colorsys" in sys.modules
    assert runtime.after == [snapstart.drop_database_connection]
