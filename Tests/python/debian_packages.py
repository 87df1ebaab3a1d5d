"""Which Debian package holds a shared library, and whether a list of packages to install brings it.

Answers come from dpkg's own database on this machine (a Debian/Ubuntu system, as GitHub's
runners and the swift images are), not from our lists.
"""
import re
import subprocess


def package_of(soname):
    """The package holding the library `soname` (e.g. libcurl.so.4 → libcurl4)."""
    found = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
    packages = {line.split(":", 1)[0] for line in found.stdout.splitlines() if line.endswith("/" + soname)}
    assert len(packages) == 1, f"dpkg knows {packages or 'no package'} for {soname}: {found.stdout}{found.stderr}"
    return packages.pop()


def field(package, name):
    return subprocess.run(["dpkg-query", "-W", "-f", "${" + name + "}", package],
                          capture_output=True, text=True).stdout.strip()


def depends(package):
    """The packages `package` depends on (each alternative counted)."""
    return {re.split(r"[\s(:]", choice.strip())[0] for choice in re.split(r"[,|]", field(package, "Depends")) if choice.strip()}


def brought_by(requested, package):
    """True when `apt-get install` of `requested` gives `package`: named, or among their
    dependencies, followed as far as this machine's dpkg knows them."""
    seen, waiting = set(), list(requested)
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        waiting.extend(depends(name))
    return package in seen


def needed_libraries(binary):
    """The sonames `binary` names as NEEDED (what the dynamic loader must find)."""
    dynamic = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic)
