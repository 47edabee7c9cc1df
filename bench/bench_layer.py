"""The shared layer's unzipped size (Lambda allows 250 MB for a function and its
layers together, unzipped), and its largest packages.

Measured on ``.aws-sam/build/CommonLayer`` when ``make sam-build`` has built it;
otherwise (full runs only) on a ``pip install --target`` of
layers/common/requirements.txt for the Lambda platform (python3.12, manylinux
wheels for the template's architecture) in a temporary directory, which needs the
package index. ``--quick`` without a build records no figure rather than download.

Run: ``.venv/bin/python -m bench.bench_layer [--quick]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.support import print_table, write_results

ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / ".aws-sam" / "build" / "CommonLayer"
REQUIREMENTS = ROOT / "layers" / "common" / "requirements.txt"
LAMBDA_LIMIT_MB = 250.0
PLATFORM = {"x86_64": "manylinux2014_x86_64", "arm64": "manylinux2014_aarch64"}


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def architecture() -> str:
    for template in (ROOT / "infra").glob("*.y*ml"):
        if "arm64" in template.read_text():
            return "arm64"
    return "x86_64"


def install_for_lambda(target: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            str(target),
            "--platform",
            PLATFORM[architecture()],
            "--python-version",
            "3.12",
            "--implementation",
            "cp",
            "--only-binary=:all:",
            "-r",
            str(REQUIREMENTS),
        ],
        check=True,
    )


def measure(root: Path, source: str) -> dict[str, Any]:
    packages = sorted(
        ((p.name, size_of(p) if p.is_dir() else p.stat().st_size) for p in root.iterdir()),
        key=lambda item: item[1],
        reverse=True,
    )
    total = sum(size for _, size in packages)
    return {
        "source": source,
        "unzipped_mb": round(total / 1e6, 1),
        "lambda_limit_mb": LAMBDA_LIMIT_MB,
        "largest_mb": {name: round(size / 1e6, 1) for name, size in packages[:8]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_layer")
    parser.add_argument("--quick", action="store_true", help="no download without a build")
    args = parser.parse_args(argv)

    if (BUILT / "python").is_dir():
        figures = measure(BUILT / "python", ".aws-sam/build/CommonLayer (make sam-build)")
    elif args.quick:
        figures = {"source": None, "unzipped_mb": None, "note": "no build; run make sam-build"}
    else:
        with tempfile.TemporaryDirectory(prefix="layer-") as tmp:
            install_for_lambda(Path(tmp))
            figures = measure(
                Path(tmp), "pip install --target of requirements.txt (no meet_common)"
            )

    rows: list[tuple[str, Any]] = [("source", figures["source"])]
    if figures["unzipped_mb"] is not None:
        rows.append(("unzipped", f"{figures['unzipped_mb']} MB (limit {LAMBDA_LIMIT_MB} MB)"))
        rows += [(f"  {name}", f"{mb} MB") for name, mb in figures["largest_mb"].items()]
    print_table("Layer size", rows)
    written = write_results("layer", figures)
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
