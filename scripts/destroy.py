"""`make destroy`: delete the stack and everything it made, and say what is kept.

1. the site bucket is emptied (CloudFormation cannot delete a bucket with objects);
2. the created database's deletion protection is lifted (you confirmed by typing the
   stack's name), so CloudFormation can take its final snapshot and delete it;
3. the stack is deleted and waited for; on failure, each resource that failed is
   printed with CloudFormation's reason;
4. the log groups AWS services made outside the stack (the cluster's postgresql log
   export, API Gateway's execution logs) are deleted too.

Kept, and printed at the end: the database's final snapshot, the secrets in Secrets
Manager's recovery window, and API Gateway's account-wide logging role.

Run: ``python -m scripts.destroy [--config-env prod] [--yes]``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from botocore.exceptions import ClientError, WaiterError

from scripts.stack import session, stack_name, stack_outputs
from scripts.upload_site import empty_bucket

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_logs import CloudWatchLogsClient


def failed_resources(cloudformation: CloudFormationClient, name: str) -> list[str]:
    try:
        events = cloudformation.describe_stack_events(StackName=name)["StackEvents"]
    except ClientError as exc:
        return [exc.response["Error"].get("Message", str(exc))]
    return [
        f"{e['LogicalResourceId']} ({e['ResourceType']}): {e.get('ResourceStatusReason', '')}"
        for e in events
        if e.get("ResourceStatus") == "DELETE_FAILED"
    ]


def delete_log_groups(logs: CloudWatchLogsClient, prefixes: list[str]) -> list[str]:
    deleted = []
    for prefix in prefixes:
        pages = logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=prefix)
        for page in pages:
            for group in page["logGroups"]:
                logs.delete_log_group(logGroupName=group["logGroupName"])
                deleted.append(group["logGroupName"])
    return deleted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)

    name = stack_name(args.config_env)
    if not args.yes:
        answer = input(
            f"Delete stack {name}, every page in its bucket and its database (a final "
            "snapshot is kept)? Type its name: "
        )
        if answer.strip() != name:
            print("Nothing deleted.")
            return 1
    aws = session(args.config_env)
    cloudformation = aws.client("cloudformation")
    try:
        outputs = stack_outputs(cloudformation, name)
    except ClientError as exc:
        print(f"{name}: {exc.response['Error'].get('Message', 'not found')}")
        return 1

    if "SiteBucketName" in outputs:
        count = empty_bucket(aws.client("s3"), outputs["SiteBucketName"])
        print(f"emptied {outputs['SiteBucketName']} ({count} objects)")
    cluster = outputs.get("DatabaseClusterId")
    if cluster:
        aws.client("rds").modify_db_cluster(
            DBClusterIdentifier=cluster, DeletionProtection=False, ApplyImmediately=True
        )
        print(f"lifted deletion protection of {cluster}; CloudFormation snapshots it first")

    try:
        cloudformation.delete_stack(StackName=name)
        cloudformation.get_waiter("stack_delete_complete").wait(
            StackName=name, WaiterConfig={"Delay": 10, "MaxAttempts": 360}
        )
    except (WaiterError, ClientError) as exc:
        print(f"Deleting {name} failed ({exc}); these resources are left:")
        for line in failed_resources(cloudformation, name):
            print(f"  - {line}")
        print("Fix what they say, then run make destroy again.")
        return 1
    print(f"deleted stack {name}")

    prefixes = []
    if cluster:
        prefixes.append(f"/aws/rds/cluster/{cluster}/")
    if outputs.get("RestApiId"):
        prefixes.append(f"API-Gateway-Execution-Logs_{outputs['RestApiId']}/")
    for group in delete_log_groups(aws.client("logs"), prefixes):
        print(f"deleted log group {group}")

    print("Kept:")
    if cluster:
        print(
            f"  - the database's final snapshot (aws rds describe-db-cluster-snapshots "
            f"--db-cluster-identifier {cluster}); delete it when you no longer want the data"
        )
    print("  - the stack's secrets, in Secrets Manager's recovery window (7 to 30 days)")
    print("  - API Gateway's account-wide CloudWatch logging role (other APIs may use it)")
    print("  - the code SAM uploaded to its aws-sam-cli-managed-default bucket")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
