"""Uploads the built pages (web/dist) to the site bucket.

Vite fingerprints everything under ``assets/`` (the hash is in the name), so those
objects are cached for a year and never revalidated. Everything else (the HTML,
the docs, openapi.json, config.json) keeps its name across deploys, so browsers
and CloudFront revalidate it every time. Assets go up before the HTML that names
them, and old assets stay: a page loaded before the deploy still finds its scripts.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef

HASHED_PREFIX = "assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Set explicitly: mimetypes depends on the machine's /etc/mime.types.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
}


@dataclass(frozen=True)
class SiteObject:
    key: str
    body: bytes
    content_type: str
    cache_control: str


def content_type(key: str) -> str:
    suffix = Path(key).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(key)
    return guessed or "application/octet-stream"


def cache_control(key: str) -> str:
    return IMMUTABLE if key.startswith(HASHED_PREFIX) else REVALIDATE


def site_object(key: str, body: bytes) -> SiteObject:
    return SiteObject(key, body, content_type(key), cache_control(key))


def plan(dist: Path, extra: dict[str, bytes] | None = None) -> list[SiteObject]:
    """Every object to upload, hashed assets first and HTML last."""
    if not (dist / "meetings" / "index.html").is_file():
        raise SystemExit(f"{dist} holds no built pages: run `make web` first")
    objects = {
        path.relative_to(dist).as_posix(): path.read_bytes()
        for path in sorted(dist.rglob("*"))
        # Dot folders hold build metadata (Vite's .vite/manifest.json), not the site.
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(dist).parts)
    }
    objects.update(extra or {})

    def order(key: str) -> tuple[int, str]:
        return (0 if key.startswith(HASHED_PREFIX) else 2 if key.endswith(".html") else 1, key)

    return [site_object(key, objects[key]) for key in sorted(objects, key=order)]


def upload_site(
    s3: S3Client, bucket: str, dist: Path, *, extra: dict[str, bytes] | None = None
) -> list[str]:
    """Upload the site and delete objects it no longer has (old assets excepted).
    Returns the keys uploaded."""
    objects = plan(dist, extra)
    for obj in objects:
        s3.put_object(
            Bucket=bucket,
            Key=obj.key,
            Body=obj.body,
            ContentType=obj.content_type,
            CacheControl=obj.cache_control,
        )
    keep = {obj.key for obj in objects}
    stale = [
        item["Key"]
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for item in page.get("Contents", [])
        if item["Key"] not in keep and not item["Key"].startswith(HASHED_PREFIX)
    ]
    for start in range(0, len(stale), 1000):
        batch = stale[start : start + 1000]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch]})
    return [obj.key for obj in objects]


def empty_bucket(s3: S3Client, bucket: str) -> int:
    """Delete every object (CloudFormation cannot delete a bucket that has any)."""
    deleted = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys: list[ObjectIdentifierTypeDef] = [
            {"Key": item["Key"]} for item in page.get("Contents", [])
        ]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})
            deleted += len(keys)
    return deleted
