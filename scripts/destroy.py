"""`make destroy`: empty the site bucket, then delete the stack with ``sam delete``.

A database the stack created leaves a final snapshot behind (DeletionPolicy:
Snapshot); delete it yourself when you no longer want the data.

Run: ``python -m scripts.destroy [--config-env prod] [--yes]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess

from botocore.exceptions import ClientError

from scripts.stack import ROOT, session, stack_name, stack_outputs
from scripts.upload_site import empty_bucket


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--sam", default=os.environ.get("SAM", "sam"), help="the sam executable")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)

    name = stack_name(args.config_env)
    if not args.yes:
        answer = input(f"Delete stack {name} and every page in its bucket? Type its name: ")
        if answer.strip() != name:
            print("Nothing deleted.")
            return 1
    aws = session(args.config_env)
    try:
        outputs = stack_outputs(aws.client("cloudformation"), name)
    except ClientError as exc:
        print(f"{name}: {exc.response['Error'].get('Message', 'not found')}")
        return 1
    if "SiteBucketName" in outputs:
        count = empty_bucket(aws.client("s3"), outputs["SiteBucketName"])
        print(f"emptied {outputs['SiteBucketName']} ({count} objects)")
    # Fixed argv, no shell.
    command = [args.sam, "delete", "--config-env", args.config_env, "--no-prompts"]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
