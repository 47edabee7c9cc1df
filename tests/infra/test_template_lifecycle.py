"""The lifecycle wiring: a rate(1 minute) rule with retries and a dead-letter queue,
and what the meetings function needs to create one-shot Scheduler schedules."""

from __future__ import annotations

from typing import Any

from tests.support.template import environment, functions, resources


def minute_rule() -> dict[str, Any]:
    events = functions()["LifecycleFunction"]["Properties"]["Events"]
    (rule,) = [e["Properties"] for e in events.values() if e["Type"] == "Schedule"]
    return dict(rule)


def test_only_the_minute_rule_may_write_to_the_dead_letter_queue_directly() -> None:
    policy = resources("AWS::SQS::QueuePolicy")["LifecycleDeadLetterQueuePolicy"]["Properties"]
    (statement,) = policy["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "events.amazonaws.com"}
    assert statement["Action"] == "sqs:SendMessage"
    # SAM names the rule <function><event>.
    assert statement["Condition"]["ArnEquals"]["aws:SourceArn"] == {
        "Fn::GetAtt": ["LifecycleFunctionEveryMinute", "Arn"]
    }


def test_scheduler_role_can_only_invoke_the_lifecycle_alias_and_dead_letter() -> None:
    role = resources("AWS::IAM::Role")["SchedulerRole"]["Properties"]
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "scheduler.amazonaws.com"}
    assert trust["Condition"]["StringEquals"]["aws:SourceAccount"] == {"Ref": "AWS::AccountId"}
    (policy,) = role["Policies"]
    granted = {s["Action"]: s["Resource"] for s in policy["PolicyDocument"]["Statement"]}
    assert granted == {
        "lambda:InvokeFunction": {"Ref": "LifecycleFunction.Alias"},
        "sqs:SendMessage": {"Fn::GetAtt": ["LifecycleDeadLetterQueue", "Arn"]},
    }


def test_meetings_function_is_told_where_to_put_one_shot_schedules() -> None:
    env = environment("MeetingsFunction")
    assert env["LIFECYCLE_FUNCTION_ARN"] == {"Ref": "LifecycleFunction.Alias"}
    assert env["SCHEDULER_ROLE_ARN"] == {"Fn::GetAtt": ["SchedulerRole", "Arn"]}
    assert env["SCHEDULE_GROUP_NAME"] == {"Ref": "MeetingScheduleGroup"}
    assert env["LIFECYCLE_DLQ_ARN"] == {"Fn::GetAtt": ["LifecycleDeadLetterQueue", "Arn"]}
    assert "AWS::Scheduler::ScheduleGroup" in {r["Type"] for r in resources().values()}
