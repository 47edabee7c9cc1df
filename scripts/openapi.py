"""Write the API's OpenAPI document to ``web/openapi.json``, the contract the pages'
types are generated from (``web/tooling/api-types.mjs``).

The document is built from the functions' routes, exactly what ``/api/openapi.json``
serves, without a server or a database. The output is stable (indented, keys as the
app emits them, one trailing newline), so ``--check`` can tell a stale copy.

Run: ``python -m scripts.openapi [--check]`` from the repository root.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "web" / "openapi.json"


def render() -> str:
    from devserver.app import build_api_app

    return json.dumps(build_api_app().openapi(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            shown = (
                args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
            )
            print(f"{shown} is stale: run `make api-types`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
