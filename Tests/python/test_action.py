"""action.yml, read as GitHub reads it and its `run:` steps executed in a temporary repository.

GitHub cannot run here, so `action_runner.Runner` does what Actions does for a composite action.
With no `github.action_repository` and the action outside the runner's `_actions/OWNER/REPO/REF`
folders, nothing is downloaded: callbook is built from this checkout (already built by
scripts/setup, so the step is quick). The release path is run with a fake `curl` on the PATH
that records the address it was asked for and serves an archive made here, so nothing reaches
the network.
"""
import os
import pathlib
import re
import shutil
import subprocess
import tarfile

import pytest
import yaml

from action_runner import ACTION, ROOT, Runner, fake_tool, install_step_packages
from debian_packages import brought_by, package_of

VERSION = re.search(r'static let current = "(.*)"', (ROOT / "Sources/CallbookCore/Version.swift").read_text()).group(1)
ARCHIVE = f"callbook-{VERSION}-linux-{os.uname().machine}"


def repository_with_book(tmp_path):
    workspace = tmp_path / "repository"
    shutil.copytree(ROOT / "content", workspace / "docs")
    return workspace


def callbook_binary():
    binary = pathlib.Path(os.environ.get("CALLBOOK_BIN") or ROOT / ".build" / "debug" / "callbook")
    if not binary.is_file():
        pytest.skip(f"{binary} is not built (swift build)")
    return binary


def released_action(tmp_path, binary_script=None):
    """This checkout as the runner unpacks OWNER/callbook@v1 (`…/_actions/octo/callbook/v1`), a
    release archive laid out as scripts/package makes it (bin/callbook: the built binary, or
    `binary_script`), and a fake `curl` that serves it and writes each address asked to a log.
    Returns (action path, tools folder, curl log)."""
    action_path = tmp_path / "runner-work" / "_actions" / "octo" / "callbook" / "v1"
    action_path.parent.mkdir(parents=True)
    action_path.symlink_to(ROOT)
    top = tmp_path / "archive" / ARCHIVE
    (top / "bin").mkdir(parents=True)
    if binary_script is None:
        shutil.copy(callbook_binary(), top / "bin" / "callbook")
    else:
        fake_tool(top / "bin", "callbook", binary_script)
    shutil.copytree(ROOT / "templates", top / "share" / "callbook" / "templates")
    served = tmp_path / "served" / "v1"
    served.mkdir(parents=True)
    with tarfile.open(served / f"{ARCHIVE}.tar.gz", "w:gz") as tar:
        tar.add(top, arcname=ARCHIVE)
    asked = tmp_path / "curl-log"
    tools = tmp_path / "tools"
    fake_tool(tools, "curl", f'''out=""; url=""
while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac; done
echo "$url" >>"{asked}"
[ -n "$CURL_SERVES" ] && [ -f "$CURL_SERVES/${{url##*/}}" ] || {{ echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }}
cp "$CURL_SERVES/${{url##*/}}" "$out"
''')
    return action_path, tools, asked, served


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
    assert "the action's repository is not known" in runner.log


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


# The release archive, and how the action finds the repository to fetch it from.

def test_without_action_repository_the_release_is_fetched_from_the_runners_action_folder(tmp_path):
    repository_with_book(tmp_path)
    action_path, tools, asked, served = released_action(tmp_path)
    runner = Runner(tmp_path, {"book": "docs", "strict": "true", "base-url": "https://example.org/handbook/"},
                    action_path=action_path, tools=tools, environment={"CURL_SERVES": str(served)})
    assert runner.run() == 0, runner.log
    # The address GitHub gives a release asset: /OWNER/REPO/releases/download/TAG/FILE.
    assert asked.read_text().splitlines() == [
        f"https://github.com/octo/callbook/releases/download/v{VERSION}/{ARCHIVE}.tar.gz"]
    released = tmp_path / "runner-temp" / "callbook-release" / ARCHIVE / "bin" / "callbook"
    assert runner.outputs["locate"]["callbook"] == str(released)
    assert "Build callbook from source" not in runner.ran and runner.skipped_uses == []
    site = pathlib.Path(runner.outputs["build"]["site"])
    assert '<link rel="canonical" href="https://example.org/handbook/' in (site / "index.html").read_text()


def test_a_given_action_repository_names_the_release(tmp_path):
    _, tools, asked, served = released_action(tmp_path)
    runner = Runner(tmp_path, {}, action_repository="someone/callbook-fork", tools=tools, until="release",
                    environment={"CURL_SERVES": str(served)})
    assert runner.run() == 0, runner.log
    assert asked.read_text().splitlines() == [
        f"https://github.com/someone/callbook-fork/releases/download/v{VERSION}/{ARCHIVE}.tar.gz"]


def test_an_unknown_repository_or_a_local_action_builds_from_source_and_says_so(tmp_path):
    _, tools, asked, _ = released_action(tmp_path)
    unknown = Runner(tmp_path, {}, tools=tools, until="release")
    assert unknown.run() == 0, unknown.log
    assert unknown.outputs["release"] == {}
    assert "the action's repository is not known" in unknown.log and "built from source" in unknown.log

    (tmp_path / "runner-temp").rename(tmp_path / "runner-temp-unknown")
    workspace = tmp_path / "repository"
    local = Runner(tmp_path, {}, action_path=workspace, action_repository="", tools=tools, until="release")
    assert local.run() == 0, local.log
    assert local.outputs["release"] == {}
    assert "A local action (uses: ./)" in local.log
    assert not asked.exists(), "curl was asked for a release"


def test_a_missing_or_unusable_release_archive_falls_back_to_a_build_from_source_and_says_why(tmp_path):
    action_path, tools, asked, served = released_action(tmp_path, binary_script="exit 127\n")
    missing = Runner(tmp_path, {}, action_path=action_path, tools=tools, until="release")
    assert missing.run() == 0, missing.log
    assert missing.outputs["release"] == {}
    assert f"No release archive at https://github.com/octo/callbook/releases/download/v{VERSION}/" in missing.log

    (tmp_path / "runner-temp").rename(tmp_path / "runner-temp-missing")
    broken = Runner(tmp_path, {}, action_path=action_path, tools=tools, until="release",
                    environment={"CURL_SERVES": str(served)})
    assert broken.run() == 0, broken.log
    assert broken.outputs["release"] == {}
    assert "does not run here" in broken.log
    assert len(asked.read_text().splitlines()) == 2


# Base URL: a pull request of the README's workflow has none.

def readme_workflow():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- other-repository-workflow -->", 1)[1].split("<!-- /other-repository-workflow -->", 1)[0]
    return yaml.safe_load("\n".join(line for line in block.splitlines() if not line.startswith("```")))


def test_a_pull_request_of_the_readme_workflow_builds_without_a_base_url(tmp_path):
    steps = readme_workflow()["jobs"]["build"]["steps"]
    pages = next(step for step in steps if str(step.get("uses", "")).startswith("actions/configure-pages@"))
    assert pages["if"] == "github.event_name == 'push'", "the Pages step runs on pull requests"
    callbook = next(step for step in steps if str(step.get("uses", "")).endswith("/callbook@v1"))
    # A skipped step has no outputs: GitHub gives its outputs as empty strings.
    pull_request_value = re.sub(r"\$\{\{\s*steps\.pages\.outputs\.base_url\s*\}\}", "", callbook["with"]["base-url"])
    assert "${{" not in pull_request_value, callbook["with"]["base-url"]

    repository_with_book(tmp_path)
    action_path, tools, _, served = released_action(tmp_path)
    for number, base_url in enumerate([pull_request_value, "/"]):
        runner = Runner(tmp_path, {"book": "docs", "strict": "true", "base-url": base_url,
                                   "output": str(tmp_path / f"site-{number}")},
                        action_path=action_path, tools=tools, environment={"CURL_SERVES": str(served)})
        assert runner.run() == 0, f"base-url {base_url!r}:\n{runner.log}"
        assert "no base URL is known" in runner.log  # callbook's note when it has none
        assert 'rel="canonical"' not in (tmp_path / f"site-{number}" / "index.html").read_text()
        (tmp_path / "runner-temp").rename(tmp_path / f"runner-temp-{number}")


# What the install step installs.

def test_the_install_step_asks_apt_for_every_library_the_release_binary_loads(tmp_path):
    packages = install_step_packages(tmp_path)
    # `readelf -d` of bin/callbook in a scripts/package archive (swift 6.1, --static-swift-stdlib)
    # lists these NEEDED libraries.
    for soname in ["libcmark.so.0.30.2", "libbtparse.so.2", "libcurl.so.4", "libm.so.6", "libstdc++.so.6",
                   "libgcc_s.so.1", "libc.so.6", "ld-linux-x86-64.so.2"]:
        package = package_of(soname)
        assert brought_by(packages, package), f"{soname} ({package}) is not installed by {packages}"
    assert "tzdata" in packages
