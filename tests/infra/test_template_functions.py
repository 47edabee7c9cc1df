"""Every function: the common layer, python3.12 on arm64, SnapStart where it serves
HTTP, its own log group, least-privilege IAM, and an error alarm."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.template import (
    api_operations,
    as_list,
    environment,
    function_by_name,
    function_globals,
    functions,
    resources,
    statements,
    template,
)

HTTP_FUNCTIONS = sorted({function_by_name()[f] for _, _, f, _ in api_operations()})


def setting(logical_id: str, name: str) -> Any:
    """A function property, from the function or else from Globals."""
    props = functions()[logical_id]["Properties"]
    return props.get(name, function_globals().get(name))


@pytest.mark.parametrize("logical_id", HTTP_FUNCTIONS)
def test_a_new_layer_publishes_new_versions_of_the_aliased_functions(logical_id: str) -> None:
    # By default SAM publishes a version only when the function's own code changes; the
    # live alias would keep running the old layer, where most of the code is.
    assert functions()[logical_id]["Properties"]["AutoPublishAliasAllProperties"] is True
    layer = resources("AWS::Serverless::LayerVersion")["CommonLayer"]["Properties"]
    assert layer["PublishLambdaVersion"] is True


@pytest.mark.parametrize("logical_id", sorted(functions()))
def test_every_function_logs_json_to_its_own_log_group_with_retention(logical_id: str) -> None:
    logging = functions()[logical_id]["Properties"]["LoggingConfig"]
    assert logging["LogFormat"] == "JSON"
    group = resources("AWS::Logs::LogGroup")[logging["LogGroup"]["Ref"]]["Properties"]
    assert group["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    name = functions()[logical_id]["Properties"]["FunctionName"]["Fn::Sub"]
    assert group["LogGroupName"]["Fn::Sub"] == f"/aws/lambda/{name}"


def test_secrets_reach_functions_as_arns_never_as_values() -> None:
    params = template()["Parameters"]
    for logical_id in functions():
        env = environment(logical_id)
        for name in ("ADMIN_API_KEY", "DATABASE_URL"):
            # Declared only for `sam local`, so its env-vars file can fill them.
            assert env[name] == {"Fn::If": ["IsSamLocal", "", {"Ref": "AWS::NoValue"}]}
        assert "LIVEKIT_API_SECRET" not in env
        assert env["ADMIN_API_KEY_SECRET_ARN"] == {"Ref": "AdminApiKey"}
        assert "LIVEKIT_SECRET_ARN" in env
        assert "DATABASE_SECRET_ARN" in env
    generated = resources("AWS::SecretsManager::Secret")["AdminApiKey"]["Properties"]
    assert generated["GenerateSecretString"]["PasswordLength"] >= 32
    assert not any(p.get("NoEcho") for p in params.values())  # no secret is a parameter


def test_no_statement_allows_wildcard_actions_or_resources() -> None:
    found = list(statements())
    assert len(found) > 10
    for owner, statement in found:
        if statement["Effect"] != "Allow":
            continue
        actions = as_list(statement["Action"])
        assert all("*" not in action for action in actions), (owner, statement)
        assert "*" not in as_list(statement.get("Resource", [])), (owner, statement)


def test_only_the_meetings_function_manages_schedules_and_only_in_its_group() -> None:
    managing = {
        owner
        for owner, statement in statements()
        if any(a.startswith("scheduler:") for a in as_list(statement["Action"]))
    }
    assert managing == {"MeetingsFunction"}
    for owner, statement in statements():
        if owner == "MeetingsFunction" and statement.get("Sid") == "ManageMeetingSchedules":
            assert sorted(statement["Action"]) == [
                "scheduler:CreateSchedule",
                "scheduler:DeleteSchedule",
                "scheduler:UpdateSchedule",
            ]
            assert statement["Resource"]["Fn::Sub"].endswith("schedule/${MeetingScheduleGroup}/*")
        if statement["Action"] == "iam:PassRole":
            assert owner == "MeetingsFunction"
            assert statement["Resource"] == {"Fn::GetAtt": ["SchedulerRole", "Arn"]}
            assert statement["Condition"]["StringEquals"] == {
                "iam:PassedToService": "scheduler.amazonaws.com"
            }


@pytest.mark.parametrize("logical_id", HTTP_FUNCTIONS)
def test_every_http_function_has_an_error_alarm_that_notifies(logical_id: str) -> None:
    alarms = [
        a["Properties"]
        for a in resources("AWS::CloudWatch::Alarm").values()
        if a["Properties"]["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": logical_id}}]
    ]
    assert len(alarms) == 1
    (alarm,) = alarms
    assert (alarm["Namespace"], alarm["MetricName"]) == ("AWS/Lambda", "Errors")
    assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}]


def test_migrations_run_before_the_api_and_again_when_the_layer_changes() -> None:
    migrations = resources("Custom::Migrations")["Migrations"]["Properties"]
    assert migrations["ServiceToken"] == {"Fn::GetAtt": ["MigratorFunction", "Arn"]}
    assert migrations["LayerVersion"] == {"Ref": "CommonLayer"}  # the layer carries the SQL
    assert migrations["ServiceTimeout"] <= 3600  # a lost answer must not hang for an hour
    assert functions()["MigratorFunction"]["Properties"]["Timeout"] < migrations["ServiceTimeout"]
    assert "Migrations" in resources("AWS::Serverless::Api")["MeetApi"]["DependsOn"]
