"""The transformed template deployed on moto's CloudFormation, for both database
paths, then the deploy and destroy scripts run against the stack.

What moto cannot create is stood in for (tests/support/moto_stack.py): the secrets, the
distribution and the Aurora cluster are made through their own APIs first, so the
scripts meet real objects; the rest are placeholders. What this proves: the stack's
supported resources (network, security groups, roles, functions, layer, API, queue,
bucket, log groups, rule) create from the transformed template with each path's
parameters; the created network passes the deploy's own route check; a deploy prunes
the versions no alias uses and uploads the pages; a destroy empties the bucket,
lifts the cluster's deletion protection and deletes the stack.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import boto3
import pytest

from scripts import deploy, destroy
from scripts.network import subnet_problems
from scripts.transform_template import load, transform
from tests.infra.conftest import LOCALSTACK, REGION
from tests.support.moto_stack import deployable

pytestmark = pytest.mark.skipif(bool(LOCALSTACK), reason="moto's CloudFormation only")

STACK = "livekit-meet"
ACCOUNT = "123456789012"
HTTP_FUNCTIONS = ["meetings", "tokens", "participants", "messages", "webhook", "lifecycle"]


@pytest.fixture(scope="module")
def transformed() -> dict[str, Any]:
    return transform(load(), {"AWS::Region": REGION, "AWS::AccountId": ACCOUNT})


def code_zip(deploy_number: int = 1) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "handler.py", f"def handler(event, context):\n    return {deploy_number}\n"
        )
    return buffer.getvalue()


def upload_code(s3: Any, template: dict[str, Any]) -> None:
    """The zips `sam package` would have put where the template says."""
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        code = props.get("Code") or props.get("Content")
        if isinstance(code, dict) and "S3Key" in code:
            if not s3.list_buckets()["Buckets"]:
                s3.create_bucket(
                    Bucket=code["S3Bucket"],
                    CreateBucketConfiguration={"LocationConstraint": REGION},
                )
            s3.put_object(Bucket=code["S3Bucket"], Key=code["S3Key"], Body=code_zip())


def stand_ins(creates_database: bool) -> dict[str, dict[str, Any]]:
    """Real objects for the resources moto's CloudFormation does not model."""
    secrets = boto3.client("secretsmanager", region_name=REGION)
    made: dict[str, dict[str, Any]] = {}
    for name in ["AdminApiKey", "ApiOriginKey", "LiveKitCredentials", "AppDatabaseCredentials"]:
        made[name] = {"Ref": secrets.create_secret(Name=name, SecretString="x")["ARN"]}
    distribution = boto3.client("cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": "livekit-meet",
            "Comment": "stand-in",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "site",
                        "DomainName": "site.s3.amazonaws.com",
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "site",
                "ViewerProtocolPolicy": "https-only",
            },
        }
    )["Distribution"]
    made["Distribution"] = {"Ref": distribution["Id"], "DomainName": distribution["DomainName"]}
    # The aliases are made after the stack (tests below); until then, the function.
    for function in HTTP_FUNCTIONS:
        logical = f"{function.capitalize()}Function"
        made[f"{logical}Aliaslive"] = {"Ref": {"Fn::GetAtt": [logical, "Arn"]}}
    made["MeetingScheduleGroup"] = {"Ref": f"{STACK}-meetings"}
    if creates_database:
        cluster = boto3.client("rds", region_name=REGION).create_db_cluster(
            DBClusterIdentifier=f"{STACK}-cluster",
            Engine="aurora-postgresql",
            MasterUsername="meet_admin",
            ManageMasterUserPassword=True,
            DeletionProtection=True,
        )["DBCluster"]
        made["DatabaseCluster"] = {
            "Ref": cluster["DBClusterIdentifier"],
            "Endpoint.Address": cluster["Endpoint"],
            "MasterUserSecret.SecretArn": made["AppDatabaseCredentials"]["Ref"],
        }
        made["DatabaseProxy"] = {"Ref": f"{STACK}-db", "Endpoint": f"{STACK}-db.proxy.example"}
    return made


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    (folder / "meetings").mkdir(parents=True)
    (folder / "meetings" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return folder


def create_stack(
    transformed: dict[str, Any], parameters: dict[str, str], creates_database: bool
) -> set[str]:
    ASSOCIATIONS.clear()  # from an earlier test's moto
    upload_code(boto3.client("s3", region_name=REGION), transformed)
    # moto's RDS cannot make a db.serverless instance of an Aurora PostgreSQL cluster.
    template, left_out = deployable(
        transformed, stand_ins(creates_database), also_leave_out={"DatabaseInstance"}
    )
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    cloudformation.create_stack(
        StackName=STACK,
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        Capabilities=["CAPABILITY_IAM"],
    )
    stack = cloudformation.describe_stacks(StackName=STACK)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    associate_route_tables(template)
    return left_out


def associate_route_tables(template: dict[str, Any]) -> None:
    """moto keeps CloudFormation's subnet route-table associations apart from the route
    tables (moto/ec2/models/subnets.py, create_subnet_association), where
    DescribeRouteTables does not see them; make each one through the EC2 API, as
    CloudFormation would have."""
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    physical = {
        r["LogicalResourceId"]: r["PhysicalResourceId"]
        for r in cloudformation.list_stack_resources(StackName=STACK)["StackResourceSummaries"]
    }
    ec2 = boto3.client("ec2", region_name=REGION)
    for name, resource in template["Resources"].items():
        if resource["Type"] == "AWS::EC2::SubnetRouteTableAssociation" and name in physical:
            props = resource["Properties"]
            made = ec2.associate_route_table(
                RouteTableId=physical[props["RouteTableId"]["Ref"]],
                SubnetId=physical[props["SubnetId"]["Ref"]],
            )
            ASSOCIATIONS.append(made["AssociationId"])


ASSOCIATIONS: list[str] = []


def undo_what_moto_cannot() -> None:
    """Before a destroy, what CloudFormation would undo and moto's does not (its
    VPCGatewayAttachment, Route and RouteTable models have no
    delete_from_cloudformation_json): the associations made above, the internet
    gateway's attachment, the routes and the route tables, any of which keeps moto
    from deleting the VPC."""
    ec2 = boto3.client("ec2", region_name=REGION)
    while ASSOCIATIONS:
        ec2.disassociate_route_table(AssociationId=ASSOCIATIONS.pop())
    for gateway in ec2.describe_internet_gateways()["InternetGateways"]:
        for attachment in gateway.get("Attachments", []):
            ec2.detach_internet_gateway(
                InternetGatewayId=gateway["InternetGatewayId"], VpcId=attachment["VpcId"]
            )
    for table in ec2.describe_route_tables()["RouteTables"]:
        if any(a.get("Main") for a in table.get("Associations", [])):
            continue
        for route in table["Routes"]:
            if route.get("GatewayId") != "local":
                ec2.delete_route(
                    RouteTableId=table["RouteTableId"],
                    DestinationCidrBlock=route["DestinationCidrBlock"],
                )
        ec2.delete_route_table(RouteTableId=table["RouteTableId"])


def resources_by_type() -> dict[str, list[str]]:
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    found: dict[str, list[str]] = {}
    for resource in cloudformation.list_stack_resources(StackName=STACK)["StackResourceSummaries"]:
        found.setdefault(resource["ResourceType"], []).append(resource["PhysicalResourceId"])
    return found


def test_aurora_path_on_a_created_network_has_its_way_out(
    aws: str, transformed: dict[str, Any]
) -> None:
    create_stack(
        transformed, {"LiveKitUrl": "wss://x.livekit.cloud", "CreateNetwork": "true"}, True
    )
    found = resources_by_type()
    assert len(found["AWS::EC2::Subnet"]) == 3
    assert len(found["AWS::EC2::NatGateway"]) == 1
    assert len(found["AWS::Lambda::Function"]) == 7
    ec2 = boto3.client("ec2", region_name=REGION)
    private = [
        s["SubnetId"]
        for s in ec2.describe_subnets(SubnetIds=found["AWS::EC2::Subnet"])["Subnets"]
        if s["CidrBlock"].startswith("10.42.1")
    ]
    # The deploy's own check finds the created private subnets' way out (the NAT) ...
    assert len(private) == 2
    assert subnet_problems(ec2, private, min_zones=2) == []
    # ... and would refuse the public one: Lambda gets no public address there.
    public = sorted(set(found["AWS::EC2::Subnet"]) - set(private))
    (problem,) = subnet_problems(ec2, public)
    assert "internet gateway" in problem


def outputs() -> dict[str, str]:
    stack = boto3.client("cloudformation", region_name=REGION).describe_stacks(StackName=STACK)
    return {o["OutputKey"]: o["OutputValue"] for o in stack["Stacks"][0].get("Outputs", [])}


def earlier_deploys_left_versions() -> dict[str, set[str]]:
    """Each HTTP function: the stack published version 1; a live alias on 1 and another
    alias on 2 (both kept), and a version 3 no alias names (as a past deploy leaves it)."""
    lambda_client = boto3.client("lambda", region_name=REGION)
    kept = {}
    for function in HTTP_FUNCTIONS:
        name = f"{STACK}-{function}"
        for deploy_number in (2, 3):  # each deploy publishes the code it changed
            lambda_client.update_function_code(FunctionName=name, ZipFile=code_zip(deploy_number))
            published = lambda_client.publish_version(FunctionName=name)
            assert published["Version"] == str(deploy_number)
        lambda_client.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
        lambda_client.create_alias(FunctionName=name, Name="previous", FunctionVersion="2")
        kept[name] = {"$LATEST", "1", "2"}
    return kept


def versions(function: str) -> set[str]:
    lambda_client = boto3.client("lambda", region_name=REGION)
    listed = lambda_client.list_versions_by_function(FunctionName=function)["Versions"]
    return {v["Version"] for v in listed}


def deploy_then_destroy(dist: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    kept = earlier_deploys_left_versions()
    made = outputs()
    s3 = boto3.client("s3", region_name=REGION)
    logs = boto3.client("logs", region_name=REGION)
    execution_logs = f"API-Gateway-Execution-Logs_{made['RestApiId']}/live"
    logs.create_log_group(logGroupName=execution_logs)  # API Gateway makes it, not the stack

    assert deploy.main(["--skip-sam-deploy", "--dist", str(dist)]) == 0

    for function, expected in kept.items():
        assert versions(function) == expected  # version 3 is gone, the aliased ones stay
    assert versions(f"{STACK}-migrator") == {"$LATEST"}  # never published, nothing to prune
    bucket = made["SiteBucketName"]
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert {"meetings/index.html", "api/openapi.json", "config.json"} <= keys
    config = json.loads(s3.get_object(Bucket=bucket, Key="config.json")["Body"].read())
    assert config["siteUrl"] == made["SiteUrl"]
    cloudfront = boto3.client("cloudfront")
    invalidations = cloudfront.list_invalidations(DistributionId=made["DistributionId"])
    assert invalidations["InvalidationList"]["Quantity"] == 1

    undo_what_moto_cannot()
    assert destroy.main(["--yes"]) == 0

    said = capsys.readouterr().out
    assert "deleted 6 function versions no alias uses" in said
    if "DatabaseClusterId" in made:  # what it keeps, in words an operator can act on
        assert f"--db-cluster-identifier {made['DatabaseClusterId']}" in said
    assert f"deleted stack {STACK}" in said
    # eu-west-1 without WebAclArn: the deploy says nothing limits requests per address.
    assert "web ACL:     none: no per-address limit on /api" in said
    assert f"deleted log group {execution_logs}" in said
    stacks = boto3.client("cloudformation", region_name=REGION).list_stacks()["StackSummaries"]
    assert [s["StackStatus"] for s in stacks if s["StackName"] == STACK] == ["DELETE_COMPLETE"]
    assert bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert logs.describe_log_groups(logGroupNamePrefix="API-Gateway")["logGroups"] == []
    return made


def test_aurora_path_deploys_and_destroys(
    aws: str, transformed: dict[str, Any], dist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_stack(
        transformed, {"LiveKitUrl": "wss://x.livekit.cloud", "CreateNetwork": "true"}, True
    )
    rds = boto3.client("rds", region_name=REGION)
    cluster = f"{STACK}-cluster"
    assert outputs()["DatabaseClusterId"] == cluster
    rds_logs = f"/aws/rds/cluster/{cluster}/postgresql"
    boto3.client("logs", region_name=REGION).create_log_group(logGroupName=rds_logs)

    deploy_then_destroy(dist, capsys)

    # destroy lifted the protection CloudFormation would otherwise stop at, and said
    # what it keeps (the final snapshot CloudFormation takes).
    (described,) = rds.describe_db_clusters(DBClusterIdentifier=cluster)["DBClusters"]
    assert described["DeletionProtection"] is False


def test_own_database_path_without_a_vpc_deploys_and_destroys(
    aws: str, transformed: dict[str, Any], dist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = boto3.client("secretsmanager", region_name=REGION).create_secret(
        Name="own-database", SecretString="postgresql://meet:pw@db.example.com/meet"
    )["ARN"]
    left_out = create_stack(
        transformed, {"LiveKitUrl": "wss://x.livekit.cloud", "DatabaseSecretArn": secret}, False
    )
    found = resources_by_type()
    assert "AWS::EC2::VPC" not in found  # no network to pay for
    assert "AWS::EC2::SecurityGroup" not in found
    assert "DatabaseClusterId" not in outputs()
    # moto models neither CloudFront's header policies nor WAF: stood in, like the
    # distribution. Outside us-east-1 and without WebAclArn the stack makes no web ACL.
    assert {"PageHeadersPolicy", "ApiHeadersPolicy", "EdgeWebAcl"} <= left_out
    assert outputs()["WebAcl"] == "none"

    deploy_then_destroy(dist, capsys)


def test_deploy_refuses_subnets_without_a_way_out(
    aws: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    isolated = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.9.{i}.0/24", AvailabilityZone=zones[i])[
            "Subnet"
        ]["SubnetId"]
        for i in range(2)
    ]
    # What samconfig.toml's parameter_overrides would say.
    monkeypatch.setattr(
        deploy,
        "parameter_overrides",
        lambda env: {"LiveKitUrl": "wss://x.livekit.cloud", "SubnetIds": ",".join(isolated)},
    )

    # sam is never run: the path does not exist, and main returns before it.
    assert deploy.main(["--sam", "/nonexistent/sam"]) == 2

    said = capsys.readouterr().out
    assert "Not deploying" in said
    for subnet in isolated:
        assert f"{subnet} has no active 0.0.0.0/0 route to a NAT gateway" in said


def test_a_first_deploy_without_livekits_url_says_how_instead_of_failing_in_sam(
    aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # No stack yet, and samconfig.toml's default environment names no LiveKitUrl.
    assert deploy.main(["--sam", "/nonexistent/sam"]) == 2
    assert 'make deploy PARAMS="LiveKitUrl=wss://' in capsys.readouterr().out
