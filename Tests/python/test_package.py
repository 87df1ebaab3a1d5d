"""scripts/package: the release archive, unpacked in an empty folder, builds the default book."""
import os
import pathlib
import shutil
import subprocess
import tarfile

from action_runner import install_step_packages
from debian_packages import brought_by, needed_libraries, package_of

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_archive_unpacked_elsewhere_builds_content(tmp_path):
    result = subprocess.run([str(ROOT / "scripts" / "package"), "--output", str(tmp_path / "dist")],
                            cwd=ROOT, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout + result.stderr
    archive = pathlib.Path(result.stdout.strip().splitlines()[-1])
    version = subprocess.run([str(ROOT / ".build" / "static" / "release" / "callbook"), "--version"],
                             capture_output=True, text=True).stdout.strip()
    assert archive.name == f"callbook-{version}-linux-{os.uname().machine}.tar.gz"

    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert all(name.startswith(archive.name[:-len('.tar.gz')] + "/") or name == archive.name[:-len('.tar.gz')]
                   for name in names), names
        tar.extractall(unpacked, filter="data")
    top = unpacked / archive.name[:-len(".tar.gz")]
    binary = top / "bin" / "callbook"
    assert (top / "share" / "callbook" / "templates" / "page.mustache").is_file()

    # The Swift runtime and Foundation are linked in: only system libraries are loaded.
    libraries = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
    assert "libswiftCore" not in libraries and "libFoundation" not in libraries, libraries
    assert "libcmark" in libraries
    # Every library it loads is installed by the action's install step, so the action can use it.
    asked = install_step_packages(tmp_path / "action")
    for soname in needed_libraries(binary):
        assert brought_by(asked, package_of(soname)), f"{soname} ({package_of(soname)}) is not installed by {asked}"
    # … and named in the archive's INSTALL note and the README.
    note = (top / "INSTALL").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in ["libcmark", "libbtparse", "libcurl", "libstdc++", "tzdata"]:
        assert name in note, name
        assert name in readme.split("To make a release:", 1)[1].split("##", 1)[0], name

    # Run from an empty folder, with no hint where the theme is: it is found under share/.
    work = tmp_path / "work"
    shutil.copytree(ROOT / "content", work / "content")
    environment = {key: value for key, value in os.environ.items() if key not in ("CALLBOOK_THEME", "GITHUB_ACTIONS")}
    environment["PATH"] = "/usr/bin:/bin"
    build = subprocess.run([str(binary), "build", "content", "--output", "site", "--strict"], cwd=work,
                           env=environment, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    assert (work / "site" / "index.html").is_file()
    assert (work / "site" / "calendar.html").is_file()
    assert f'content="callbook {version}"' in (work / "site" / "index.html").read_text()
