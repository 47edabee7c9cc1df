"""docker-compose.test.yml, infra/env.sam-local.json and samconfig.toml hold together
with the template: what `make test-compose` and `make sam-local` would run on a
machine with Docker (none runs here, so these are read, not started)."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any
from urllib.parse import urlsplit

from tests.support.template import (
    INFRA,
    ROOT,
    api_operations,
    environment,
    function_by_name,
    functions,
    load_yaml,
)

COMPOSE = ROOT / "docker-compose.test.yml"
ENV_VARS = INFRA / "env.sam-local.json"


def compose() -> dict[str, Any]:
    return dict(load_yaml(COMPOSE))


def env_vars() -> dict[str, dict[str, str]]:
    return dict(json.loads(ENV_VARS.read_text(encoding="utf-8")))


def samconfig() -> dict[str, Any]:
    return tomllib.loads((ROOT / "samconfig.toml").read_text(encoding="utf-8"))


def test_compose_has_postgresql_and_localstack_with_health_checks_on_loopback() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "localstack"}
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["localstack"]["image"].startswith("localstack/localstack:")
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
        for port in service["ports"]:
            assert port.startswith("127.0.0.1:"), (name, port)  # nothing listens beyond loopback
    enabled = set(services["localstack"]["environment"]["SERVICES"].split(","))
    assert {"s3", "scheduler", "secretsmanager"} <= enabled


def test_env_vars_file_names_only_template_functions_and_covers_every_api_function() -> None:
    names = set(env_vars())
    assert names <= set(functions())
    assert {function_by_name()[f] for _, _, f, _ in api_operations()} <= names


def test_every_variable_in_the_env_vars_file_is_declared_by_the_template() -> None:
    # sam local ignores variables the template does not declare for that function.
    for logical_id, variables in env_vars().items():
        declared = environment(logical_id)
        missing = set(variables) - set(declared)
        assert not missing, (logical_id, missing)


def test_env_vars_point_at_the_compose_database_by_service_name() -> None:
    postgres = compose()["services"]["postgres"]["environment"]
    for logical_id, variables in env_vars().items():
        url = urlsplit(variables["DATABASE_URL"])
        assert url.hostname == "postgres", logical_id  # the service name on the compose network
        assert url.port == 5432
        assert (url.username, url.password) == (
            postgres["POSTGRES_USER"],
            postgres["POSTGRES_PASSWORD"],
        )
        assert url.path == "/" + postgres["POSTGRES_DB"]
        # Empty ARNs: the plain values above are used, not Secrets Manager.
        for name, value in variables.items():
            if name.endswith("_SECRET_ARN"):
                assert value == "", (logical_id, name)


def test_sam_local_joins_the_compose_network_with_the_env_vars_file() -> None:
    local = samconfig()["default"]["local_start_api"]["parameters"]
    assert local["docker_network"] == compose()["networks"]["default"]["name"]
    assert (ROOT / local["env_vars"]) == ENV_VARS
    assert "SamLocal=true" in local["parameter_overrides"].split()


def test_samconfig_has_default_and_prod_and_deploys_the_built_template() -> None:
    config = samconfig()
    for env in ("default", "prod"):
        assert config[env]["build"]["parameters"]["template_file"] == "infra/template.yaml"
        deploy = config[env]["deploy"]["parameters"]
        # Deploy must take .aws-sam/build/template.yaml, which carries the built layer.
        assert "template_file" not in deploy
        assert "template_file" not in config[env].get("global", {}).get("parameters", {})
        assert deploy["capabilities"] == "CAPABILITY_IAM"
    assert (
        config["default"]["global"]["parameters"]["stack_name"]
        != (config["prod"]["global"]["parameters"]["stack_name"])
    )


def test_make_test_compose_uses_the_compose_database_port() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^COMPOSE_DATABASE_URL := (\S+)$", makefile, re.MULTILINE)
    assert match
    published = compose()["services"]["postgres"]["ports"][0].split(":")
    assert urlsplit(match.group(1)).port == int(published[1])
