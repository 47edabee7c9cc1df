"""After a deploy: delete the function versions no alias points to.

Every deploy publishes a new version of each function (AutoPublishAlias), and SAM
keeps the old ones. With SnapStart each published version keeps a cached snapshot,
billed while it exists, so the bill would grow with every deploy. Only versions an
alias names (``live``, and any weighted routing) are kept; ``$LATEST`` stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_lambda import LambdaClient


def stack_functions(cloudformation: CloudFormationClient, stack: str) -> list[str]:
    names = []
    pages = cloudformation.get_paginator("list_stack_resources").paginate(StackName=stack)
    for page in pages:
        for resource in page["StackResourceSummaries"]:
            if resource["ResourceType"] == "AWS::Lambda::Function":
                names.append(resource["PhysicalResourceId"])
    return sorted(names)


def aliased_versions(lambda_client: LambdaClient, function: str) -> set[str]:
    kept: set[str] = set()
    for page in lambda_client.get_paginator("list_aliases").paginate(FunctionName=function):
        for alias in page["Aliases"]:
            kept.add(alias["FunctionVersion"])
            weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
            kept.update(weights)
    return kept


def prune_function(lambda_client: LambdaClient, function: str) -> list[str]:
    """Delete the numbered versions of ``function`` that no alias names; returns them.
    A function with no alias is left alone (nothing says which version is live)."""
    kept = aliased_versions(lambda_client, function)
    if not kept:
        return []
    versions = []
    pages = lambda_client.get_paginator("list_versions_by_function").paginate(FunctionName=function)
    for page in pages:
        versions += [v["Version"] for v in page["Versions"] if v["Version"] != "$LATEST"]
    deleted = []
    for version in sorted(set(versions) - kept, key=int):
        lambda_client.delete_function(FunctionName=function, Qualifier=version)
        deleted.append(version)
    return deleted


def prune_versions(
    cloudformation: CloudFormationClient, lambda_client: LambdaClient, stack: str
) -> dict[str, list[str]]:
    """For every function of the stack, the versions deleted."""
    return {
        function: prune_function(lambda_client, function)
        for function in stack_functions(cloudformation, stack)
    }
