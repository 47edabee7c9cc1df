"""Each page's JavaScript and CSS, gzipped: every file the page loads before the
call starts (the join page counts its lazily loaded in-meeting view too).

Reads the numbers from `npm run weigh` (web/tooling), which walks Vite's build
manifest; `make bench` builds the pages first. Budgets: dashboard 80 KB, join page
with the meeting 250 KB (LiveKit's reference meet app loads 343 KB).
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from bench.support import print_table, write_results

WEB = Path(__file__).resolve().parent.parent / "web"
BUDGET_KB = {"meetings": 80.0, "join": 250.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_pages")
    parser.add_argument("--quick", action="store_true", help="the same as a full run (seconds)")
    parser.parse_args(argv)
    output = subprocess.run(
        ["npm", "run", "--silent", "weigh"], cwd=WEB, check=True, capture_output=True, text=True
    ).stdout
    weights = json.loads(output)
    figures = {
        page: {
            **weights[page],
            "budgetKB": budget,
            "withinBudget": weights[page]["totalKB"] <= budget,
        }
        for page, budget in BUDGET_KB.items()
    }
    print_table(
        "Pages: gzipped JS + CSS loaded before the call starts",
        [
            (
                f"{page} (budget {f['budgetKB']:.0f} KB)",
                f"{f['totalKB']} KB (JS {f['jsKB']}, CSS {f['cssKB']})",
            )
            for page, f in figures.items()
        ],
    )
    write_results("pages", figures)
    return 0 if all(f["withinBudget"] for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
