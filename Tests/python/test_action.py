"""action.yml, read as GitHub reads it and its `run:` steps executed in a temporary repository.

GitHub cannot run here, so a small runner does what Actions does for a composite action: it
substitutes the `${{ … }}` expressions the action uses, evaluates its `if:` conditions, gives each
step GITHUB_OUTPUT, GITHUB_PATH and RUNNER_TEMP files, and runs each `run:` with
`bash --noprofile --norc -eo pipefail`. `uses:` steps (the cache) are recorded, not run. As a local
action (`uses: ./`) has no `github.action_repository`, nothing is downloaded: callbook is built
from this checkout (already built by scripts/setup, so the step is quick).
"""
import os
import pathlib
import re
import shutil
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Runner:
    """Runs the action's steps in `workspace` with `inputs`, as a local action."""

    def __init__(self, tmp_path, inputs):
        self.workspace = tmp_path / "repository"
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir()
        self.inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        self.inputs.update(inputs)
        self.outputs = {}
        self.path_additions = []
        self.skipped_uses = []
        self.log = ""

    def value(self, expression):
        if expression.startswith("inputs."):
            return self.inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return str(ROOT)
        if expression == "github.action_repository":
            return ""
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
        for step in ACTION["runs"]["steps"]:
            if "if" in step and not self.condition(step["if"]):
                continue
            if "uses" in step:
                self.skipped_uses.append(step)
                continue
            output_file = self.temp / f"output-{len(self.outputs)}"
            path_file = self.temp / "path"
            output_file.write_text("")
            environment = dict(os.environ, GITHUB_ACTIONS="true", GITHUB_OUTPUT=str(output_file),
                               GITHUB_PATH=str(path_file), RUNNER_TEMP=str(self.temp),
                               GITHUB_WORKSPACE=str(self.workspace))
            environment.update({key: self.substitute(value) for key, value in step.get("env", {}).items()})
            folder = self.substitute(step.get("working-directory", str(self.workspace)))
            script = self.temp / "step.sh"
            script.write_text(self.substitute(step["run"]))
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=folder,
                                    env=environment, capture_output=True, text=True, timeout=1800)
            self.log += f"--- {step['name']}\n{result.stdout}{result.stderr}"
            values = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
            if "id" in step:
                self.outputs[step["id"]] = values
            if path_file.exists():
                self.path_additions = path_file.read_text().splitlines()
            if result.returncode != 0:
                status = result.returncode
                break
        return status


def repository_with_book(tmp_path):
    workspace = tmp_path / "repository"
    shutil.copytree(ROOT / "content", workspace / "docs")
    return workspace


def test_the_action_declares_its_inputs_and_outputs():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"book", "output", "strict", "base-url"}
    assert {"site", "callbook"} <= set(ACTION["outputs"])
    for name, spec in ACTION["inputs"].items():
        assert spec.get("description"), f"input {name} has no description"
    cache = [step for step in ACTION["runs"]["steps"] if str(step.get("uses", "")).startswith("actions/cache@")]
    assert len(cache) == 1 and cache[0]["with"]["path"].endswith("/.build")
    assert "steps.key.outputs.key" in cache[0]["with"]["key"]


def test_a_book_in_another_repository_builds_strictly_into_the_site_output(tmp_path):
    repository_with_book(tmp_path)
    runner = Runner(tmp_path, {"book": "docs", "strict": "true", "base-url": "https://example.org/handbook/"})
    assert runner.run() == 0, runner.log
    site = pathlib.Path(runner.outputs["build"]["site"])
    assert site == tmp_path / "runner-temp" / "callbook-site"
    index = (site / "index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/handbook/' in index
    assert (site / "calendar.html").is_file()
    assert runner.outputs["locate"]["callbook"] == str(ROOT / ".build" / "release" / "callbook")
    assert runner.path_additions == [str(ROOT / ".build" / "release")]
    assert [step["uses"].split("@")[0] for step in runner.skipped_uses] == ["actions/cache"]
    assert "No release to fetch" in runner.log


def test_warnings_are_annotations_and_strict_fails_on_them(tmp_path):
    workspace = repository_with_book(tmp_path)
    chapter = workspace / "docs" / "index.md"
    text = chapter.read_text()
    line = next(number for number, content in enumerate(text.splitlines(), 1) if "{ref}`" in content)
    column = text.splitlines()[line - 1].index("{ref}`") + 1
    chapter.write_text(text.replace("{ref}`", "{ref}`missing-", 1))

    lenient = Runner(tmp_path, {"book": "docs", "output": str(tmp_path / "site")})
    assert lenient.run() == 0, lenient.log
    annotations = [entry for entry in lenient.log.splitlines() if entry.startswith("::warning ")]
    assert len(annotations) == 1, lenient.log
    assert annotations[0].startswith(f"::warning file=docs/index.md,line={line},col={column},"), annotations[0]
    assert "reference-unresolved" in annotations[0] and "missing-" in annotations[0]
    assert (tmp_path / "site" / "index.html").is_file()

    (tmp_path / "runner-temp").rename(tmp_path / "runner-temp-first")
    strict = Runner(tmp_path, {"book": "docs", "output": str(tmp_path / "site"), "strict": "true"})
    assert strict.run() != 0, strict.log
    assert any(entry.startswith("::warning file=docs/index.md") for entry in strict.log.splitlines())
