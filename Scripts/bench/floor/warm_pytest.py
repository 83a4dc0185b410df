#!/usr/bin/env python3
"""The floor of a warm pytest: what one run costs when pytest and its plugins are already loaded.

A measurement, not part of Sieve. It answers one question for docs/benchmarks.md ("one
function edited"): how fast could a tool run the same few tests if it kept a Python process
with pytest imported and forked it per run, instead of starting a fresh interpreter?

The parent imports pytest, then every installed pytest plugin (entry point group `pytest11`)
and the top-level packages of their distributions, under pytest's assertion-rewriting import
hook, as a fresh `pytest` would import them, so the forked child sees the same code and
pytest raises no "already imported" warning. It imports nothing from the project. Then, in
alternating rounds, it times

  cold: `python -m pytest ARGS` in a fresh process (what Sieve and testmon do today);
  warm: fork, run `pytest.main(ARGS)` in the child, wait (what a warm worker would do).

Both run in the current directory with the same environment. Output: medians and min-max.

    cd PROJECT && python3 Scripts/bench/floor/warm_pytest.py --rounds 7 -- -q tests/test_mod99.py
"""

import argparse
import importlib
import importlib.metadata
import os
import statistics
import subprocess
import sys
import time


def preload():
    """Imports pytest, the plugins and their packages the way a fresh pytest would."""
    import pytest  # noqa: F401
    from _pytest.assertion import install_importhook
    from _pytest.config import get_config

    config = get_config()
    # No ini file is read here; the hook's test-file patterns do not matter for plugins.
    for name in ("_inicfg", "inicfg"):
        if not hasattr(config, name):
            setattr(config, name, {})
    hook = install_importhook(config)
    names = set()
    modules = []
    for dist in importlib.metadata.distributions():
        points = [ep for ep in dist.entry_points if ep.group == "pytest11"]
        if not points:
            continue
        top = (dist.read_text("top_level.txt") or "").split()
        names.update(top)
        modules += [ep.value.split(":")[0] for ep in points] + top
    hook.mark_rewrite(*sorted(names))
    loaded = []
    for name in modules:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except Exception as error:  # a plugin that cannot load alone stays for the child
            print("not preloaded: %s (%s)" % (name, error), file=sys.stderr)
    sys.meta_path.remove(hook)
    return loaded


def warm_run(args):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        import pytest

        code = 1
        try:
            code = pytest.main(args)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(int(code))
    _, status = os.waitpid(pid, 0)
    return time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def cold_run(args):
    start = time.perf_counter()
    code = subprocess.run([sys.executable, "-m", "pytest"] + args,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - start, code


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = [a for a in options.pytest_args if a != "--"]
    started = time.perf_counter()
    loaded = preload()
    print("preloaded %d modules (%d plugins and packages) in %.0f ms" % (
        len(sys.modules), len(loaded), 1000 * (time.perf_counter() - started)), file=sys.stderr)
    times = {"cold": [], "warm": []}
    devnull = os.open(os.devnull, os.O_WRONLY)
    for i in range(options.rounds):
        for kind in (("cold", "warm") if i % 2 == 0 else ("warm", "cold")):
            if kind == "cold":
                seconds, code = cold_run(args)
            else:
                saved = os.dup(1), os.dup(2)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                try:
                    seconds, code = warm_run(args)
                finally:
                    os.dup2(saved[0], 1)
                    os.dup2(saved[1], 2)
            if code not in (0, 5):
                sys.exit("%s run failed with exit code %d" % (kind, code))
            times[kind].append(seconds)
    for kind, values in times.items():
        print("%s: %.0f ms (%.0f-%.0f ms)" % (kind, 1000 * statistics.median(values),
                                             1000 * min(values), 1000 * max(values)))


if __name__ == "__main__":
    main()
