"""scripts/install: the binary and its theme under a prefix, found there with no hint."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_an_installed_callbook_builds_a_book_with_the_theme_under_its_prefix(tmp_path):
    binary = pathlib.Path(os.environ.get("CALLBOOK_BIN") or ROOT / ".build" / "debug" / "callbook")
    if not binary.is_file():
        pytest.skip(f"{binary} is not built (swift build)")
    prefix = tmp_path / "prefix"
    environment = {key: value for key, value in os.environ.items() if key not in ("CALLBOOK_THEME", "GITHUB_ACTIONS")}
    environment["PATH"] = "/usr/bin:/bin"
    install = subprocess.run([str(ROOT / "scripts" / "install"), "--prefix", str(prefix), "--binary", str(binary)],
                             env=environment, capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    installed = prefix / "bin" / "callbook"
    theme = prefix / "share" / "callbook" / "templates"
    assert os.access(installed, os.X_OK)
    assert sorted(path.name for path in theme.iterdir()) == sorted(path.name for path in (ROOT / "templates").iterdir())
    assert f"{prefix}/bin is not on your PATH" in install.stdout
    # A file only the installed copy of the theme has: the site must carry it.
    (theme / "static" / "installed-here.css").write_text("/* the installed theme */\n")

    book = tmp_path / "mybook"
    book.mkdir()
    (book / "myst.yml").write_text("version: 1\nproject:\n  title: Installed\n  toc:\n    - file: index.md\n")
    (book / "index.md").write_text("# Welcome\n\nA page.\n")
    environment["PATH"] = f"{prefix}/bin:/usr/bin:/bin"
    build = subprocess.run(["callbook", "build", "--strict"], cwd=book, env=environment, capture_output=True, text=True,
                           timeout=600)
    assert build.returncode == 0, build.stderr
    assert "Built _build/html/: 1 page, 0 warnings, 0 errors" in build.stderr
    site = book / "_build" / "html"
    assert (site / "_static" / "installed-here.css").read_text() == "/* the installed theme */\n"
    assert "<h1" in (site / "index.html").read_text()
