#!/usr/bin/env python3
"""Measures Sieve on its own Swift test suite: a full run, the collecting run, and the run after
editing one function.

    Scripts/bench/dogfood.py [--workdir DIR] [--sieve .build-bench/release/sieve] [--jobs 2]
                             [--edit FILE:OLD:NEW]

It clones this repository into DIR (or reuses the clone there, with its build), builds the tests
with coverage once (untimed: the first build is a clean build either way), then times, one
after another:

  full         swift test --enable-code-coverage       (the same build: no rebuild)
  collecting   sieve run -j N -- swift test            (no database: every test, one process each)
  no change    sieve affected, and sieve run -j N -- swift test
  one function sieve run -j N -- swift test after the edit (rebuild, selected tests, record)

The edit changes one function body (by default how SieveShards' `Shard(parsing:)` spells an
error it throws); the script checks the edit applies once, and restores the file. `--steps`
runs some steps only (`nochange,edit` reuses the database a collecting run left in DIR).
Each figure is one run: the suite takes minutes. It prints a Markdown table for
docs/benchmarks.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_EDIT = ("Sources/Shards/Shard.swift", "throw .malformed(text)",
                "throw ShardError.malformed(text)")
STEPS = ["full", "collecting", "nochange", "edit"]


def log(message):
    print("dogfood: " + message, file=sys.stderr, flush=True)


def timed(command, cwd, output):
    """Runs a command with its output in a file; returns (seconds, exit code)."""
    start = time.monotonic()
    with open(output, "w") as file:
        code = subprocess.run(command, cwd=cwd, stdout=file, stderr=subprocess.STDOUT).returncode
    return time.monotonic() - start, code


def count(path, word):
    with open(path, errors="replace") as file:
        return sum(1 for line in file if word in line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", default="/tmp/sieve-dogfood")
    parser.add_argument("--sieve", default=os.path.join(ROOT, ".build-bench", "release", "sieve"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--edit", help="FILE:OLD:NEW, one function body's edit")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated: " + ", ".join(STEPS))
    args = parser.parse_args()
    steps = args.steps.split(",")
    edit = tuple(args.edit.split(":", 2)) if args.edit else DEFAULT_EDIT
    work = args.workdir
    if not os.path.isdir(os.path.join(work, ".git")):
        log("cloning %s into %s" % (ROOT, work))
        subprocess.run(["git", "clone", "-q", ROOT, work], check=True)
    logs = os.path.join(work, ".sieve-bench-logs")
    os.makedirs(logs, exist_ok=True)
    subprocess.run(["git", "-C", work, "config", "core.excludesFile", "/dev/null"], check=True)
    with open(os.path.join(work, ".git", "info", "exclude"), "a") as file:
        file.write("\n.sieve-bench-logs/\n")
    sieve = os.path.abspath(args.sieve)
    jobs = ["-j", str(args.jobs)]
    rows = []

    log("building the tests with coverage (untimed)")
    subprocess.run(["swift", "build", "--build-tests", "--enable-code-coverage"], cwd=work,
                   check=True, stdout=subprocess.DEVNULL)

    if "full" in steps:
        log("full run: swift test --enable-code-coverage")
        seconds, code = timed(["swift", "test", "--enable-code-coverage"], work,
                              logs + "/full.log")
        rows.append(("full run: `swift test --enable-code-coverage`", seconds, code, "every test"))

    if "collecting" in steps:
        subprocess.run(["rm", "-rf", os.path.join(work, ".sieve")])
        log("collecting run")
        seconds, code = timed([sieve, "run"] + jobs + ["--", "swift", "test"], work,
                              logs + "/collecting.log")
        ran = count(logs + "/collecting.log", " passed in ") + \
            count(logs + "/collecting.log", " FAILED ")
        rows.append(("collecting run: `sieve run -j %d -- swift test`" % args.jobs, seconds, code,
                     "%d tests, one process each" % ran))
    total = subprocess.run([sieve, "status", "--json"], cwd=work, capture_output=True,
                           text=True).stdout
    total = json.loads(total).get("testCount", "?") if total.strip().startswith("{") else "?"

    if "nochange" in steps:
        nochange(rows, sieve, jobs, work, logs)
    if "edit" in steps:
        edited(rows, sieve, jobs, work, logs, edit, total, args.jobs)

    print("Edit: `%s`: `%s` → `%s`. Logs in `%s`.\n" % (edit[0], edit[1], edit[2], logs))
    print("| step | seconds | exit code | what ran |")
    print("|---|---|---|---|")
    for name, seconds, code, what in rows:
        print("| %s | %.1f | %d | %s |" % (name, seconds, code, what))


def nochange(rows, sieve, jobs, work, logs):
    seconds, code = timed([sieve, "affected"], work, logs + "/affected-none.log")
    rows.append(("nothing changed: `sieve affected`", seconds, code,
                 "%d tests" % count(logs + "/affected-none.log", "/")))
    seconds, code = timed([sieve, "run"] + jobs + ["--", "swift", "test"], work,
                          logs + "/run-none.log")
    rows.append(("nothing changed: `sieve run`", seconds, code, "no build, no test"))


def edited(rows, sieve, jobs, work, logs, edit, total, width):
    path, old, new = edit
    full = os.path.join(work, path)
    with open(full) as file:
        original = file.read()
    assert original.count(old) == 1, "the edit's text must occur once in %s" % path
    with open(full, "w") as file:
        file.write(original.replace(old, new))
    try:
        seconds, code = timed([sieve, "affected"], work, logs + "/affected-edit.log")
        selected = count(logs + "/affected-edit.log", "/")
        rows.append(("one function edited: `sieve affected`", seconds, code,
                     "%d of %d tests" % (selected, total)))
        seconds, code = timed([sieve, "run"] + jobs + ["--", "swift", "test"], work,
                              logs + "/run-edit.log")
        ran = count(logs + "/run-edit.log", " passed in ") + count(logs + "/run-edit.log", " FAILED ")
        rows.append(("one function edited: `sieve run -j %d -- swift test`" % width, seconds,
                     code, "%d tests ran (incremental coverage build included)" % ran))
    finally:
        with open(full, "w") as file:
            file.write(original)


if __name__ == "__main__":
    main()
