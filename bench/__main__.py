"""`make bench`: run every bench/bench_*.py in its own process, then gather their
figures into bench/results.json and print one summary table of the figures
against their budgets.

`--quick` passes --quick to each (a few seconds each: CI runs this so the
benchmarks cannot rot). Each benchmark takes medians of several runs itself.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.scenarios import FUNCTIONS
from bench.support import RESULTS_DIR, machine

WARM_LABELS = {
    "tokens": "token issue",
    "meetings": "meeting list (1,000)",
    "webhook": "webhook apply",
    "messages": "message post",
}

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
    combined["summary"] = summary(combined["benchmarks"])
    out = HERE / "results.json"
    out.write_text(json.dumps(combined, indent=2) + "\n")
    print_summary(combined["summary"], combined["machine"], args.quick)
    print(f"\nwrote {out.relative_to(HERE.parent)}")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


Row = dict[str, Any]


def _row(figure: str, value: Any, budget: str, ok: bool | None) -> Row:
    return {"figure": figure, "value": value, "budget": budget, "ok": ok}


def summary(results: dict[str, Any]) -> list[Row]:
    """The figures, each with its budget and whether it holds (None: no budget,
    or the benchmark did not run)."""
    rows: list[Row] = []
    cold = results.get("cold_start") or {}
    for function in FUNCTIONS:
        f = cold.get(function)
        if f:
            rows.append(
                _row(
                    f"cold init: {function}",
                    f"{f['cold_init_ms']} ms (libraries {f['needed_libraries_import_ms']} ms, "
                    f"x{f['ratio']})",
                    f"<= {cold['budget_ratio']} x libraries",
                    bool(f["within_budget"]),
                )
            )
    warm = results.get("warm") or {}
    for function, label in WARM_LABELS.items():
        f = warm.get(function)
        if f:
            ratio = (
                f" (x{f['vs_minimal_p50']} the minimal handler's)" if "vs_minimal_p50" in f else ""
            )
            rows.append(
                _row(
                    f"warm {label}", f"p50 {f['p50_ms']} ms{ratio}, p99 {f['p99_ms']} ms", "-", None
                )
            )
    tokens = results.get("tokens") or {}
    target = tokens.get("target") or {"rate_vs_minimal": 0.6, "server_cpu_ms_per_request": 1.2}
    minimal = tokens.get("minimal")
    if minimal:
        rows.append(
            _row(
                "token HTTP, 10 clients: minimal raw-ASGI handler (the bar)",
                f"{minimal['requests_per_s']} req/s, p50 {minimal['p50_ms']} ms, "
                f"p99 {minimal['p99_ms']} ms, "
                f"server CPU {minimal.get('server_cpu_ms_per_request', '-')} ms/req",
                "-",
                None,
            )
        )
    for name in ("http_public_password", "http_private_allowlist", "http_host_key"):
        f = tokens.get(name)
        if f:
            ratios = f.get("vs_minimal") or {}
            cpu = f.get("server_cpu_ms_per_request")
            rows.append(
                _row(
                    f"token HTTP, 10 clients: {name.removeprefix('http_')}",
                    f"{f['requests_per_s']} req/s (x{ratios.get('requests_per_s')}), "
                    f"p50 {f['p50_ms']} ms (x{ratios.get('p50_ms')}), "
                    f"p99 {f['p99_ms']} ms (x{ratios.get('p99_ms')}), "
                    f"server CPU {cpu} ms/req (x{ratios.get('server_cpu_ms_per_request')})",
                    f">= x{target['rate_vs_minimal']} minimal's rate, "
                    f"<= {target['server_cpu_ms_per_request']} ms CPU/req",
                    ratios.get("requests_per_s", 0) >= target["rate_vs_minimal"]
                    and cpu is not None
                    and cpu <= target["server_cpu_ms_per_request"],
                )
            )
    dev = results.get("devserver") or {}
    if dev:
        rows.append(
            _row(
                "make dev: start to first /api/health 200, to first token",
                f"{dev['start_to_health_ms']} ms, {dev['start_to_first_token_ms']} ms "
                f"(bare python {dev['python_ms']} ms)",
                f"<= {dev['budget_ms']} ms",
                dev["start_to_first_token_ms"] <= dev["budget_ms"],
            )
        )
    lifecycle = results.get("lifecycle") or {}
    for name in ("activate", "end", "idle"):
        f = lifecycle.get(name)
        if f:
            rows.append(
                _row(
                    f"lifecycle {name} pass, {lifecycle['meetings']} meetings",
                    f"{f['wall_s']} s, {f['statements']} statements, "
                    f"{f['livekit_calls']} LiveKit calls",
                    "< 5 s (10,000), statements constant",
                    f["wall_s"] < 5.0 if lifecycle["meetings"] >= 10_000 else None,
                )
            )
    hooks = lifecycle.get("webhooks")
    if hooks:
        rows.append(_row("webhook events applied", f"{hooks['events_per_s']} /s", "-", None))
    webhook = results.get("webhook") or {}
    for name in ("minimal", "lambda"):
        f = webhook.get(name)
        if f:
            ratios = (
                f" (x{f['vs_minimal']} minimal's), CPU {f['cpu_ms']} ms (x{f['cpu_vs_minimal']})"
                if "vs_minimal" in f
                else f", CPU {f['cpu_ms']} ms"
            )
            judged = name == "lambda" and f["events"] >= 3_000  # not a --quick run
            rows.append(
                _row(
                    f"webhook events, one process: {name}",
                    f"{f['events_per_s']} /s{ratios}",
                    ">= 1,000 /s" if name == "lambda" else "-",
                    f["events_per_s"] >= 1_000 if judged else None,
                )
            )
    for page, f in (results.get("pages") or {}).items():
        if isinstance(f, dict) and "totalKB" in f:
            rows.append(
                _row(
                    f"page weight: {page}",
                    f"{f['totalKB']} KB gzipped JS+CSS",
                    f"<= {f['budgetKB']} KB",
                    bool(f["withinBudget"]),
                )
            )
    meeting = results.get("meeting") or {}
    if meeting:
        rows.append(
            _row(
                f"meeting, {meeting['participants']} cameras for {meeting['hold_s']} s",
                f"server CPU {meeting['server_cpu_percent_of_one_core']} % of a core, decoded "
                f"{meeting['decoded_fps_min']}-{meeting['decoded_fps_median']} fps (min-median "
                f"per stream), Join to first remote frame <= "
                f"{meeting['join_to_first_remote_frame_ms_max']} ms",
                "-",
                None,
            )
        )
    layer = results.get("layer") or {}
    if layer.get("unzipped_mb") is not None:
        rows.append(
            _row(
                "layer, unzipped",
                f"{layer['unzipped_mb']} MB",
                f"<= {layer['lambda_limit_mb']} MB (Lambda)",
                layer["unzipped_mb"] <= layer["lambda_limit_mb"],
            )
        )
    return rows


def print_summary(rows: list[Row], machine_info: dict[str, Any], quick: bool) -> None:
    where = ", ".join(f"{k} {v}" for k, v in machine_info.items())
    print(f"\nSummary{' (quick: small sizes, not the budgets)' if quick else ''} - {where}")
    width = max((len(r["figure"]) for r in rows), default=10)
    for r in rows:
        mark = {True: "ok", False: "OVER", None: ""}[r["ok"]]
        print(f"  {r['figure']:<{width}}  {r['value']}  [{r['budget']}] {mark}")


if __name__ == "__main__":
    raise SystemExit(main())
