"""Before a deploy into your subnets: does each one have a way out to the internet?

Functions in a VPC reach Secrets Manager, EventBridge Scheduler, LiveKit and
CloudFormation's response URL over the internet, and a Lambda network interface
never gets a public address: a subnet whose default route goes to an internet
gateway (a "public" subnet) is as cut off as one without a default route. Without a
way out the first deploy hangs in the migrator until CloudFormation gives up, so
``make deploy`` refuses such subnets up front.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client

DEFAULT_ROUTES = ("0.0.0.0/0",)
# Targets that carry traffic on to the internet for an address-less interface.
EGRESS_TARGETS = ("NatGatewayId", "InstanceId", "NetworkInterfaceId", "TransitGatewayId")


def _route_table(ec2: EC2Client, subnet_id: str, vpc_id: str) -> dict[str, Any] | None:
    """The subnet's own route table, else its VPC's main one."""
    own = ec2.describe_route_tables(
        Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}]
    )["RouteTables"]
    if own:
        return dict(own[0])
    main = ec2.describe_route_tables(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "association.main", "Values": ["true"]},
        ]
    )["RouteTables"]
    return dict(main[0]) if main else None


def route_problem(route_table: dict[str, Any] | None) -> str | None:
    """Why this route table gives no way out (None when it does)."""
    if route_table is None:
        return "has no route table"
    defaults = [
        r
        for r in route_table.get("Routes", [])
        if r.get("DestinationCidrBlock") in DEFAULT_ROUTES and r.get("State", "active") == "active"
    ]
    if any(any(r.get(t) for t in EGRESS_TARGETS) for r in defaults):
        return None
    if any(str(r.get("GatewayId", "")).startswith("igw-") for r in defaults):
        return (
            "routes 0.0.0.0/0 to an internet gateway: a public subnet, where Lambda gets "
            "no public address; use private subnets with a NAT gateway"
        )
    return "has no active 0.0.0.0/0 route to a NAT gateway (or NAT instance, transit gateway)"


def subnet_problems(ec2: EC2Client, subnet_ids: list[str], *, min_zones: int = 1) -> list[str]:
    """One line per problem with these subnets; empty when the functions can get out."""
    subnet_ids = [s for s in subnet_ids if s]
    if not subnet_ids:
        return []
    try:
        subnets = ec2.describe_subnets(SubnetIds=subnet_ids)["Subnets"]
    except ec2.exceptions.ClientError as exc:
        return [f"cannot read the subnets {subnet_ids}: {exc.response['Error'].get('Message')}"]
    problems = []
    for subnet in subnets:
        problem = route_problem(_route_table(ec2, subnet["SubnetId"], subnet["VpcId"]))
        if problem:
            problems.append(f"{subnet['SubnetId']} {problem}")
    zones = {subnet["AvailabilityZone"] for subnet in subnets}
    if len(zones) < min_zones:
        problems.append(
            f"the subnets span {len(zones)} availability zone(s); the created database needs "
            f"{min_zones} or more"
        )
    return problems
