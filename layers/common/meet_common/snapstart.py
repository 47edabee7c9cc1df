"""SnapStart runtime hooks: no database connection is frozen into a snapshot.

With SnapStart, Lambda initialises a function once, snapshots its memory, and
resumes every new execution environment from that copy. A socket open at snapshot
time would be shared by every restored copy and be long dead by then, so the
connection is closed before the snapshot and any leftover is dropped after a
restore; the next transaction reconnects lazily.

A function may also name modules to import before the snapshot: ones its handler
leaves to first use, so that a plain cold start does not pay for them, but that a
request after a restore would otherwise import on the guest's time (a restore
resumes with whatever the snapshot holds).

The hooks come from ``snapshot_restore_py``, which only the Lambda runtime ships:
elsewhere (local runs, tests) registering them is a no-op.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

from meet_common.db import get_database

_registered = False


def drop_database_connection() -> None:
    get_database().close()


def _runtime_hooks() -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    try:
        from snapshot_restore_py import (  # type: ignore[import-not-found]
            register_after_restore,
            register_before_snapshot,
        )
    except ImportError:
        return None
    return register_before_snapshot, register_after_restore


def preloader(modules: Iterable[str]) -> Callable[[], None]:
    """A hook that imports ``modules``."""
    names = tuple(modules)

    def preload() -> None:
        for name in names:
            importlib.import_module(name)

    return preload


def register_snapstart_hooks(preload: Iterable[str] = ()) -> bool:
    """Register the hooks once per process (and, before the snapshot, the import of
    ``preload``); False where the runtime has none."""
    global _registered
    if _registered:
        return True
    hooks = _runtime_hooks()
    if hooks is None:
        return False
    before_snapshot, after_restore = hooks
    before_snapshot(drop_database_connection)
    after_restore(drop_database_connection)
    modules = tuple(preload)
    if modules:
        before_snapshot(preloader(modules))
    _registered = True
    return True
