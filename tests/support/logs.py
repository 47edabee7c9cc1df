"""Capture the service's log output exactly as Lambda would print it (JSON lines)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from meet_common.observability import logger


@contextmanager
def captured_service_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    capture = logging.StreamHandler(stream)
    capture.setFormatter(logger.registered_formatter)
    service_logger = logging.getLogger(logger.name)
    service_logger.addHandler(capture)
    try:
        yield stream
    finally:
        service_logger.removeHandler(capture)
