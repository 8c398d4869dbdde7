"""The hosting service's CI workflow: valid against its schema (check-jsonschema's
copy, offline), on exactly the supported CPythons, running the README's test command."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from generator.pythons import SUPPORTED

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_the_workflows_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """check-jsonschema's command, run in this process (its own process would only
    import it again)."""
    from check_jsonschema import main

    assert WORKFLOWS
    with pytest.raises(SystemExit) as exited:
        main(["--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)])
    output = capsys.readouterr()
    assert exited.value.code == 0, output.out + output.err
    assert output.out.count("validation done") == 1, output.out


def test_the_workflow_runs_the_readme_s_test_command_on_every_supported_cpython() -> (
    None
):
    workflow = ROOT / ".github" / "workflows" / "test.yml"
    (job,) = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
    setup = next(
        step for step in job["steps"] if "setup-python" in step.get("uses", "")
    )
    assert setup["with"]["python-version"].split() == list(SUPPORTED)
    command = readme_test_command()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any(run.startswith(command) for run in runs), runs
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci_run[-1] == command
    assert any(step.get("env", {}).get("CI") == "true" for step in job["steps"])


def test_a_monthly_workflow_proposes_iana_s_changes_for_review() -> None:
    """make iana-update on a schedule, once a month, then make generate, and the
    change proposed as a pull request; never pushed to the default branch."""
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "iana-update.yml").read_text(encoding="utf-8")
    )
    # YAML 1.1 reads the key `on` as True.
    (schedule,) = workflow[True]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert day.isdigit() and (month, weekday) == ("*", "*")
    (job,) = workflow["jobs"].values()
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert "make iana-update" in runs and "make generate" in runs
    assert any("create-pull-request" in step.get("uses", "") for step in job["steps"])
    assert "git push" not in runs


def readme_test_command() -> str:
    """The command the README gives for running every test: the line of one of its
    shell blocks whose comment says it runs the tests."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [
        line.split("#", 1)[0].strip()
        for block in re.findall(r"^```sh\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
        for line in block.splitlines()
        if re.search(r"#.*\bevery test\b", line)
    ]
    assert len(commands) == 1, commands
    return commands[0]
