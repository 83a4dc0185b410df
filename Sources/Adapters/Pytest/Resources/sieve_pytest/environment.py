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


def describe():
    """Returns {"python": "<implementation> <version>", "packages": <digest>}.

    Distributions are named by their metadata folders (`name-version.dist-info`) on sys.path:
    listing directories is fast, where reading every package's metadata is not. sys.path[0]
    (the script's directory, or the working directory) is left out: it depends on how pytest
    was started, not on what is installed.
    """
    packages = set()
    for entry in sys.path[1:]:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        packages.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    digest = hashlib.sha256("\n".join(sorted(packages)).encode()).hexdigest()[:16]
    python = f"{sys.implementation.name} {platform.python_version()}"
    return {"python": python, "packages": digest}


if __name__ == "__main__":
    json.dump(describe(), sys.stdout)
