"""Invalidates the CloudFront cache after an upload, so the new HTML is served at once."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_cloudfront import CloudFrontClient

# One wildcard path is one invalidation path for billing; /api/* is uncached anyway.
DEFAULT_PATHS = ("/*",)


def invalidate(
    cloudfront: CloudFrontClient,
    distribution_id: str,
    paths: Sequence[str] = DEFAULT_PATHS,
    *,
    wait: bool = False,
) -> str:
    """Start an invalidation (optionally wait for it); returns its id."""
    answer = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": list(paths)},
            "CallerReference": f"deploy-{time.time_ns()}",
        },
    )
    invalidation_id = answer["Invalidation"]["Id"]
    if wait:
        cloudfront.get_waiter("invalidation_completed").wait(
            DistributionId=distribution_id, Id=invalidation_id
        )
    return invalidation_id
