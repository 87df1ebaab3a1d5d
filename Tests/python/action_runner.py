"""A small stand-in for GitHub Actions that runs action.yml's steps, as a composite action runs.

It substitutes the `${{ … }}` expressions the action uses, evaluates its `if:` conditions, gives
each step GITHUB_OUTPUT, GITHUB_PATH, RUNNER_TEMP and GITHUB_WORKSPACE, and runs each `run:` with
`bash --noprofile --norc -eo pipefail`. `uses:` steps (the cache) are recorded, not run.
"""
import os
import pathlib
import re
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Runner:
    """Runs the action's steps in `tmp_path/repository` with `inputs`.

    `action_path` is where the action's files are (`github.action_path`, this checkout unless
    given), `action_repository` is `github.action_repository` (empty, as for a local action or on
    runners where composite actions do not get it), `tools` a folder put first on the PATH (fake
    programs), `steps` the steps to run (all, in order, unless given), `until` the id of the last
    step to run.
    """

    def __init__(self, tmp_path, inputs, action_path=ROOT, action_repository="", tools=None, steps=None,
                 until=None, environment=None):
        self.workspace = tmp_path / "repository"
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir()
        self.inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        self.inputs.update(inputs)
        self.action_path = pathlib.Path(action_path)
        self.action_repository = action_repository
        self.tools = tools
        self.steps = ACTION["runs"]["steps"] if steps is None else steps
        self.until = until
        self.environment = environment or {}
        self.outputs = {}
        self.path_additions = []
        self.skipped_uses = []
        self.ran = []
        self.log = ""

    def value(self, expression):
        if expression.startswith("inputs."):
            return self.inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return str(self.action_path)
        if expression == "github.action_repository":
            return self.action_repository
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return self.outputs.get(match.group(1), {}).get(match.group(2), "")
        raise AssertionError(f"the test runner does not know the expression {expression!r}")

    def substitute(self, text):
        return EXPRESSION.sub(lambda match: self.value(match.group(1)), str(text))

    def condition(self, text):
        match = re.fullmatch(r"(steps\.[\w-]+\.outputs\.[\w-]+)\s*==\s*''", text.strip())
        assert match, f"the test runner does not know the condition {text!r}"
        return self.value(match.group(1)) == ""

    def run(self):
        status = 0
        for step in self.steps:
            if "if" in step and not self.condition(step["if"]):
                continue
            if "uses" in step:
                self.skipped_uses.append(step)
                continue
            output_file = self.temp / f"output-{len(self.ran)}"
            path_file = self.temp / "path"
            output_file.write_text("")
            environment = dict(os.environ, GITHUB_ACTIONS="true", GITHUB_OUTPUT=str(output_file),
                               GITHUB_PATH=str(path_file), RUNNER_TEMP=str(self.temp),
                               GITHUB_WORKSPACE=str(self.workspace), **self.environment)
            if self.tools:
                environment["PATH"] = f"{self.tools}:{environment['PATH']}"
            environment.update({key: self.substitute(value) for key, value in step.get("env", {}).items()})
            folder = self.substitute(step.get("working-directory", str(self.workspace)))
            script = self.temp / "step.sh"
            script.write_text(self.substitute(step["run"]))
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=folder,
                                    env=environment, capture_output=True, text=True, timeout=1800)
            self.ran.append(step["name"])
            self.log += f"--- {step['name']}\n{result.stdout}{result.stderr}"
            values = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
            if "id" in step:
                self.outputs[step["id"]] = values
            if path_file.exists():
                self.path_additions = path_file.read_text().splitlines()
            if result.returncode != 0:
                status = result.returncode
                break
            if self.until is not None and step.get("id") == self.until:
                break
        return status


def fake_tool(folder, name, script):
    """Writes an executable bash script `folder/name` (a stand-in for a program on the PATH)."""
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    tool.write_text("#!/usr/bin/env bash\n" + script)
    tool.chmod(0o755)
    return tool


def install_step_packages(tmp_path):
    """The apt packages the action's install step asks for on a machine that has none of them."""
    tools = tmp_path / "install-tools"
    asked = tmp_path / "apt-get-calls"
    fake_tool(tools, "pkg-config", "exit 1\n")
    fake_tool(tools, "ldconfig", "exit 0\n")
    fake_tool(tools, "apt-get", f'printf "%s\\n" "$*" >>"{asked}"\n')
    fake_tool(tools, "sudo", '"$@"\n')
    install = ACTION["runs"]["steps"][0]
    assert "apt-get install" in install["run"], install["name"]
    runner = Runner(tmp_path, {}, tools=tools, steps=[install])
    assert runner.run() == 0, runner.log
    calls = asked.read_text().splitlines()
    installs = [call.split() for call in calls if call.split()[:1] == ["install"]]
    assert len(installs) == 1, calls
    return [word for word in installs[0][1:] if not word.startswith("-")]
