"""Fixtures every test layer shares: a throwaway PostgreSQL, the fake LiveKit
server, and the settings that point the service at both."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from livekit_local.server import LiveKitServer
from meet_common import db as db_module
from meet_common.db import Database
from meet_common.migrate import apply_migrations
from meet_common.observability import logger
from meet_common.settings import get_settings
from tests.support.database import (
    APP_ROLE,
    PgBouncer,
    empty_tables,
    pgbouncer,
    pgbouncer_wanted,
    postgres_server,
    throwaway_database,
)
from tests.support.secret_scan import LogTape, SecretLedger, record_minted_tokens

ADMIN_KEY = "test-admin-key-0123456789"
LIVEKIT_KEY = "devkey"
LIVEKIT_SECRET = "test-livekit-secret-that-is-long-enough"
PUBLIC_BASE_URL = "https://meet.example.test"

# Every secret the run uses (see tests/support/secret_scan.py); tests may add their own.
SECRETS = SecretLedger()


# Under pytest-xdist (`make pytest` runs two processes) every browser test goes to one
# process, in collection order, and the rest of the suite to the other: the browser tests
# are bound by this machine's two cores (each call is several Chromiums encoding and
# decoding video), and two at once slowed each other past their timeouts. The files are
# named here because the scheduler sees test ids only; collection refuses a browser test
# elsewhere. (xdist_group marks would say it per test, but xdist 3.8 groups by editing
# item._nodeid, which pytest 9 no longer reads.)
BROWSER_TEST_FILES = ("tests/browser/", "tests/livekit_local/test_rtc_browser.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    strays = [
        item.nodeid
        for item in items
        if item.get_closest_marker("browser") and not item.nodeid.startswith(BROWSER_TEST_FILES)
    ]
    if strays:
        raise pytest.UsageError(f"browser tests outside BROWSER_TEST_FILES: {strays}")


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """The browser tests as one unit of work, every other file as one of its own (its
    module fixtures set up once), handed out in collection order as processes free up."""
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class BrowserTestsTogether(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(BROWSER_TEST_FILES):
                return "browser"
            return nodeid.split("::", 1)[0]

    return BrowserTestsTogether(config, log)


@pytest.fixture(scope="session", autouse=True)
def service_log_capture() -> Iterator[LogTape]:
    """The whole run's log output (the service's, formatted as in Lambda, and anything
    else that reaches the root logger). Each test's part must hold none of ``SECRETS``
    (``no_secret_logged``), and so must the whole at the end: that also sees what was
    logged between tests, and secrets recorded after their test."""
    stream = LogTape()
    service_handler = logging.StreamHandler(stream)
    service_handler.setFormatter(logger.registered_formatter)
    root_handler = logging.StreamHandler(stream)
    service_logger = logging.getLogger(logger.name)
    service_logger.addHandler(service_handler)
    logging.getLogger().addHandler(root_handler)
    undo = record_minted_tokens(SECRETS)
    SECRETS.record_all([ADMIN_KEY, LIVEKIT_SECRET])
    yield stream
    undo()
    service_logger.removeHandler(service_handler)
    logging.getLogger().removeHandler(root_handler)
    leaks = SECRETS.leaks(stream.getvalue())
    assert not leaks, f"secrets in the logs of this run: {leaks}"


@pytest.fixture(autouse=True)
def no_secret_logged(service_log_capture: LogTape) -> Iterator[None]:
    """Fails (at teardown) the test during which a secret reached the logs. Autouse
    fixtures are set up first, so this check runs after the test's other fixtures are
    torn down: ``db`` has recorded the test's meetings' passwords and host keys by then."""
    mark = service_log_capture.mark()
    yield
    leaks = SECRETS.leaks(service_log_capture.since(mark))
    assert not leaks, f"secrets in the logs of this test: {leaks}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def pooler(postgres_url: str) -> Iterator[PgBouncer | None]:
    """PgBouncer in transaction pooling mode in front of the server when
    MEET_TEST_PGBOUNCER=1 (`make test` runs the integration tests both ways), else None."""
    if not pgbouncer_wanted():
        yield None
        return
    with pgbouncer(postgres_url, users=[APP_ROLE]) as bouncer:
        yield bouncer


@pytest.fixture(scope="session")
def database_url(postgres_url: str, pooler: PgBouncer | None) -> Iterator[str]:
    """A migrated database of this session's own (through the pooler, if one runs)."""
    with throwaway_database(postgres_url) as direct:
        url = pooler.url(direct) if pooler else direct
        apply_migrations(url)
        yield url


@pytest.fixture(scope="session")
def fake_livekit_server() -> Iterator[LiveKitServer]:
    server = LiveKitServer(LIVEKIT_KEY, LIVEKIT_SECRET)
    server.start()
    yield server
    server.close()


@pytest.fixture
def fake_livekit(fake_livekit_server: LiveKitServer) -> Iterator[LiveKitServer]:
    fake_livekit_server.reset()
    yield fake_livekit_server
    fake_livekit_server.reset()


@pytest.fixture(scope="session")
def service_env(database_url: str, fake_livekit_server: LiveKitServer) -> Iterator[dict[str, str]]:
    """Point the settings at the test database and the fake LiveKit, for the whole session."""
    env = {
        "DATABASE_URL": database_url,
        "LIVEKIT_URL": fake_livekit_server.url,
        "LIVEKIT_API_KEY": LIVEKIT_KEY,
        "LIVEKIT_API_SECRET": LIVEKIT_SECRET,
        "ADMIN_API_KEY": ADMIN_KEY,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "POWERTOOLS_METRICS_NAMESPACE": "LiveKitMeetTest",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    get_settings.cache_clear()
    db_module.set_database(Database(lambda: database_url))
    yield env
    db_module.set_database(None)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()


@pytest.fixture
def db(service_env: dict[str, str], database_url: str) -> Iterator[Database]:
    """The service's database, emptied after each test."""
    yield db_module.get_database()
    with psycopg.connect(database_url) as conn:
        SECRETS.record_meetings(conn)
        empty_tables(conn)


@pytest.fixture
def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture
def rate_limits_lifted(
    service_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """For tests about volume, ordering or access rather than the rate limits: one client
    (the test) sends what many would."""
    for name in LIMIT_SETTINGS:
        monkeypatch.setenv(name, str(10**9))
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


LIMIT_SETTINGS = (
    "CHAT_PARTICIPANT_LIMIT",
    "CHAT_MEETING_LIMIT",
    "ROOM_LOOKUP_MISS_LIMIT",
    "ADMIN_FAILURE_LIMIT",
)
