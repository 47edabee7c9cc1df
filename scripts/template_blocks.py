"""Generated blocks inside infra/template.yaml: the text between a BEGIN and an END
marker line is written by a generator; everything outside is left byte for byte.

A marker is a YAML comment naming its block, e.g.::

    # BEGIN generated: api-routes (python -m scripts.api_routes)
    ...
    # END generated: api-routes
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "template.yaml"


def _span(text: str, name: str) -> tuple[int, int, str]:
    """(start, end, indent) of the lines between the block's markers."""
    begin = re.compile(rf"^( *)# BEGIN generated: {re.escape(name)}\b.*\n", re.MULTILINE)
    end = re.compile(rf"^ *# END generated: {re.escape(name)}\n", re.MULTILINE)
    opened = list(begin.finditer(text))
    if len(opened) != 1:
        raise ValueError(f"{name}: expected one BEGIN marker, found {len(opened)}")
    closed = end.search(text, opened[0].end())
    if closed is None:
        raise ValueError(f"{name}: no END marker after BEGIN")
    return opened[0].end(), closed.start(), opened[0].group(1)


def read_block(text: str, name: str) -> str:
    start, end, _ = _span(text, name)
    return text[start:end]


def replace_block(text: str, name: str, block: str) -> str:
    start, end, _ = _span(text, name)
    return text[:start] + block + text[end:]


def write_or_check(name: str, block: str, *, check: bool, path: Path = TEMPLATE) -> int:
    """Write ``block`` into the template (0), or with ``check`` say whether it is stale (1)."""
    text = path.read_text(encoding="utf-8")
    if read_block(text, name) == block:
        return 0
    if check:
        command = _BLOCK_COMMANDS.get(name, "its generator")
        print(f"{path}: {name} is stale; run {command}", file=sys.stderr)
        return 1
    path.write_text(replace_block(text, name, block), encoding="utf-8")
    print(f"{path}: {name} rewritten")
    return 0


_BLOCK_COMMANDS = {
    "api-routes": "`python -m scripts.api_routes` (make routes)",
    "page-routes": "`python -m scripts.page_routes` (make routes)",
}


def generator_main(name: str, render: Callable[[], str], doc: str, argv: list[str] | None) -> int:
    """A generator's command line: write the block, or with ``--check`` only compare."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the template is stale")
    args = parser.parse_args(argv)
    return write_or_check(name, render(), check=args.check)
