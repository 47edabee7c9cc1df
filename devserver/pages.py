"""The pages' routes, from web/pages.json: the one list.

web/pages.json maps each page's path pattern to the HTML file the build writes
under web/dist (``{name}`` stands for one path segment; a trailing slash is allowed),
plus the redirects. The local server (``devserver.app``) and Vite's dev server
(web/tooling/page-routes.ts) read it; CloudFront's PageRewriteFunction is generated
from it (``python -m scripts.page_routes``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGES_JSON = Path(__file__).resolve().parent.parent / "web" / "pages.json"
_PARAMETER = re.compile(r"^\{[A-Za-z_][A-Za-z0-9_]*\}$")


@dataclass(frozen=True)
class Page:
    path: str  # /join/{roomName}
    html: str  # join/index.html, under web/dist
    entry: str | None  # Vite's input name, for pages Vite builds from web/<html>

    @property
    def pattern(self) -> str:
        """The path as a regular expression, the same in Python and JavaScript."""
        segments = [
            "[^/]+" if _PARAMETER.match(segment) else re.escape(segment)
            for segment in self.path.strip("/").split("/")
        ]
        return "^/" + "/".join(segments) + "/?$"


@dataclass(frozen=True)
class Pages:
    redirects: dict[str, str]
    pages: list[Page]


def load(path: Path = PAGES_JSON) -> Pages:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    pages = [Page(p["path"], p["html"], p.get("entry")) for p in data["pages"]]
    for page in pages:
        if not page.path.startswith("/") or page.path == "/":
            raise ValueError(f"{path}: a page path starts with / and is not /: {page.path!r}")
    return Pages(dict(data.get("redirects", {})), pages)
