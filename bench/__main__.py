"""`make bench`: run every bench/bench_*.py in its own process, then gather their
figures into bench/results.json.

`--quick` passes --quick to each (a few seconds each: CI runs this so the
benchmarks cannot rot).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.support import RESULTS_DIR, machine

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds each")
    parser.add_argument("only", nargs="*", help="run only these (e.g. tokens lifecycle)")
    args = parser.parse_args(argv)

    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if args.only:
        modules = [m for m in modules if m.removeprefix("bench_") in args.only]
    failed: list[str] = []
    for module in modules:
        started = time.perf_counter()
        command = [sys.executable, "-m", f"bench.{module}", *(["--quick"] if args.quick else [])]
        result = subprocess.run(command, check=False)
        print(f"  ({module}: {time.perf_counter() - started:.1f} s)", flush=True)
        if result.returncode != 0:
            failed.append(module)

    combined = {"machine": machine(), "quick": args.quick, "benchmarks": {}}
    for path in sorted(RESULTS_DIR.glob("*.json")):
        combined["benchmarks"][path.stem] = json.loads(path.read_text())["figures"]
    out = HERE / "results.json"
    out.write_text(json.dumps(combined, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(HERE.parent)}")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
