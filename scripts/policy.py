"""`make policy`: checkov and cfn-guard (AWS Control Tower's proactive controls) on the
template as CloudFormation receives it, after the Serverless transform.

The transform runs offline (``scripts.transform_template``); checkov reads its
exceptions from ``.checkov.yaml``, and cfn-guard evaluates every Control Tower rule
except those listed in ``infra/guard-exceptions.yaml``, each with its reason. Both run
side by side; any finding fails the target.

Run with the tools' Python: ``.tools/sam/bin/python -m scripts.policy``.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".aws-sam" / "policy" / "template.json"
CHECKOV = ROOT / ".tools" / "policy" / "bin" / "checkov"
GUARD_PACKAGE = ROOT / ".tools" / "cfn-guard" / "package"
RULES = GUARD_PACKAGE / "rules" / "control-tower" / "cfn-guard"
GUARD_EXCEPTIONS = ROOT / "infra" / "guard-exceptions.yaml"


def guard_binary() -> Path:
    machine = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}
    system = "macos" if sys.platform == "darwin" else "ubuntu"
    return GUARD_PACKAGE / "bin" / system / machine[platform.machine().lower()] / "cfn-guard"


def guard_exceptions(path: Path = GUARD_EXCEPTIONS) -> dict[str, str]:
    import yaml  # type: ignore[import-untyped,unused-ignore]

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [rule for rule, reason in data.items() if not str(reason or "").strip()]
    if missing:
        raise SystemExit(f"{path.name}: give a reason for {missing}")
    return {str(k): str(v) for k, v in data.items()}


def guard_rules(exceptions: dict[str, str]) -> list[Path]:
    rules = sorted(RULES.rglob("*.guard"))
    known = {rule.stem for rule in rules}
    unknown = sorted(set(exceptions) - known)
    if unknown:
        raise SystemExit(f"guard-exceptions.yaml names no such control: {unknown}")
    return [rule for rule in rules if rule.stem not in exceptions]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.parse_args(argv)
    from scripts.transform_template import load, transform

    started = time.monotonic()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(transform(load()), indent=1), encoding="utf-8")

    rules = guard_rules(guard_exceptions())
    guard_cmd = [str(guard_binary()), "validate", "-d", str(OUT), "--show-summary", "fail"]
    for rule in rules:
        guard_cmd += ["-r", str(rule)]
    checkov_cmd = [str(CHECKOV), "-f", str(OUT), "--config-file", str(ROOT / ".checkov.yaml")]
    # Fixed argv, no shell; both at once (each takes seconds).
    checkov = subprocess.Popen(checkov_cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    guard = subprocess.Popen(guard_cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    checkov_out, _ = checkov.communicate()
    guard_out, _ = guard.communicate()

    failed = False
    if checkov.returncode != 0:
        failed = True
        print(checkov_out)
    if guard.returncode != 0:
        failed = True
        print(guard_out)
    took = time.monotonic() - started
    print(
        f"policy: checkov {'FAILED' if checkov.returncode else 'passed'}, cfn-guard "
        f"{'FAILED' if guard.returncode else 'passed'} ({len(rules)} Control Tower controls; "
        f"{len(guard_exceptions())} excepted, see infra/guard-exceptions.yaml) in {took:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
