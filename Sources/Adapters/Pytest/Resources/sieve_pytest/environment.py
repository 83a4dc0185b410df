"""Describes the interpreter and its installed distributions, to detect a changed one.

The plugin records this with every run; `sieve baseline fetch` runs this module alone
(`python -m sieve_pytest.environment`, no pytest import) to pick the baseline collected in
the same environment, so both must compute it the same way.
"""

import hashlib
import json
import os
import platform
import sys


def package_directories():
    """The directories to look for installed distributions in: sys.path, and the site
    directories even when they do not exist yet (a first `pip install --user` creates one).

    sys.path[0] (the script's directory, or the working directory) is left out: it depends
    on how pytest was started, not on what is installed.
    """
    import site

    entries = list(sys.path[1:])
    entries += getattr(site, "getsitepackages", lambda: [])()
    if site.ENABLE_USER_SITE:
        entries.append(site.getusersitepackages())
    paths = []
    for entry in entries:
        path = os.path.abspath(entry or ".")
        if path not in paths:
            paths.append(path)
    return paths


def describe():
    """Describes the interpreter and its installed distributions.

    Distributions are named by their metadata folders (`name-version.dist-info`) in the
    package directories: listing directories is fast, where reading every package's metadata
    is not. The directories and the interpreter's modification time and size go along, so
    Sieve can repeat the digest and the check without starting Python. `python` and
    `packages` name the environment across machines (baselines); the rest is local.
    """
    executable = os.path.realpath(sys.executable)
    try:
        info = os.stat(executable)
        stamp = f"{info.st_mtime_ns}:{info.st_size}"
    except OSError:
        stamp = "missing"
    paths = package_directories()
    packages = set()
    for path in paths:
        try:
            names = os.listdir(path)
        except OSError:
            continue
        packages.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    digest = hashlib.sha256("\n".join(sorted(packages)).encode()).hexdigest()[:16]
    python = f"{sys.implementation.name} {platform.python_version()}"
    return {
        "python": python,
        "packages": digest,
        "packagePaths": json.dumps(paths),
        "executable": executable,
        "executableStamp": stamp,
    }


if __name__ == "__main__":
    json.dump(describe(), sys.stdout)
