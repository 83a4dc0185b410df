#!/usr/bin/env python3
"""Measures `sieve run -j 2` against a serial `sieve run` and against pytest-xdist's `-n 2`.

    Scripts/bench/workers.py [--modules 100] [--cost-ms 0,20] [--runs 3] [--python python3]
                             [--sieve .build-bench/release/sieve]

For each per-test cost it generates the synthetic project (Scripts/bench/generate.py, with
--test-cost-ms: each test keeps a CPU busy that long), warms up the bytecode, records a database
with `sieve run --all`, and edits the `base` fixture in tests/conftest.py, which every test
uses: Sieve then selects every test, through the normal selection (not "run everything").
Each round runs the three variants on the same selection, in an order that rotates from round
to round, restoring the recorded database before each run:

  serial   sieve run -- python -m pytest -q -p no:cacheprovider
  -j 2     sieve run -j 2 -- python -m pytest -q -p no:cacheprovider
  xdist    sieve run -- python -m pytest -q -p no:cacheprovider -n 2

Times are whole commands (selection, pytest, recording), wall-clock medians with min–max; CPU
is user+sys of the process tree. Ratios against serial are taken round by round. The script
checks that every run passed and that pytest ran the expected number of tests. It prints a
Markdown table for docs/benchmarks.md. pytest-xdist must be installed for the interpreter.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from compare import check, fmt_range, fmt_s, fmt_x, log, med, ran_count, run  # noqa: E402

VARIANTS = ["serial", "-j 2", "xdist -n 2"]


def measure(args, cost, workdir):
    project = os.path.join(workdir, "cost-%g" % cost)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), project,
                    "--modules", str(args.modules), "--tests-per-module", "10",
                    "--test-cost-ms", str(cost)], check=True)
    pytest = [args.python, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    check(run(pytest, project), "warm-up pytest")
    first = check(run([args.sieve, "run", "--all", "--"] + pytest, project), "recording run")
    expected = ran_count(first["out"])
    database = os.path.join(project, ".sieve", "sieve.db")
    snapshot = database + ".bench"
    shutil.copyfile(database, snapshot)
    conftest = os.path.join(project, "tests", "conftest.py")
    with open(conftest) as file:
        text = file.read()
    with open(conftest, "w") as file:
        file.write(text.replace("return 3", "return 3 + 0"))
    commands = {
        "serial": [args.sieve, "run", "--"] + pytest,
        "-j 2": [args.sieve, "run", "-j", "2", "--"] + pytest,
        "xdist -n 2": [args.sieve, "run", "--"] + pytest + ["-n", "2"],
    }
    samples = {name: [] for name in VARIANTS}
    loads = []
    for round_index in range(args.runs):
        order = VARIANTS[round_index % 3:] + VARIANTS[:round_index % 3]
        for name in order:
            shutil.copyfile(snapshot, database)
            loads.append(os.getloadavg()[0])
            sample = check(run(commands[name], project), name, allowed=(0,))
            ran = ran_count(sample["out"])
            if ran != expected:
                sys.exit("%s ran %d tests, expected %d:\n%s" % (name, ran, expected, sample["out"][-2000:]))
            samples[name].append(sample)
            log("cost %g ms, round %d, %s: %.2f s" % (cost, round_index + 1, name, sample["wall"]))
    return {"cost": cost, "tests": expected, "samples": samples, "loads": loads,
            "plain": first}


def table(result):
    samples = result["samples"]
    lines = ["| variant | wall | CPU (user+sys) | wall vs serial |", "|---|---|---|---|"]
    for name in VARIANTS:
        walls = [s["wall"] for s in samples[name]]
        cpus = [s["cpu"] for s in samples[name]]
        ratios = [a["wall"] / b["wall"] for a, b in zip(samples[name], samples["serial"])]
        ratio = "—" if name == "serial" else "%s (%s–%s)" % (fmt_x(med(ratios)), fmt_x(min(ratios)), fmt_x(max(ratios)))
        lines.append("| %s | %s | %s | %s |" % (name, fmt_range(walls, fmt_s), fmt_range(cpus, fmt_s), ratio))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--cost-ms", default="0,20")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default="python3")
    parser.add_argument("--sieve", default=os.path.join(ROOT, ".build-bench", "release", "sieve"))
    args = parser.parse_args()
    # The interpreter's real executable, not a pyenv shim (which costs ~130 ms per start).
    args.python = subprocess.run([args.python, "-c", "import sys; print(sys.executable)"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    args.sieve = os.path.abspath(args.sieve)
    if not os.path.exists(args.sieve):
        sys.exit("no sieve at %s: swift build -c release --scratch-path .build-bench"
                 % args.sieve)
    if subprocess.run([args.python, "-c", "import xdist"]).returncode != 0:
        sys.exit("pytest-xdist is missing: %s -m pip install pytest-xdist" % args.python)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    versions = subprocess.run(
        [args.python, "-c", "import platform, pytest, xdist, coverage; print(platform.python_version(), "
         "pytest.__version__, xdist.__version__, coverage.__version__)"],
        capture_output=True, text=True).stdout.split()
    workdir = tempfile.mkdtemp(prefix="sieve-workers-")
    try:
        results = [measure(args, float(c), workdir) for c in args.cost_ms.split(",")]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("Generated %s by `Scripts/bench/workers.py --modules %d --cost-ms %s --runs %d` "
          "(Sieve %s, release build)." % (time.strftime("%Y-%m-%d"), args.modules, args.cost_ms,
                                           args.runs, commit))
    print("Python %s, pytest %s, pytest-xdist %s, coverage %s; %d cores (`nproc`).\n"
          % tuple(versions + [os.cpu_count()]))
    for result in results:
        loads = result["loads"]
        print("**%d selected tests, %g ms of CPU each** (load average during the runs: median %.1f, %.1f–%.1f)\n"
              % (result["tests"], result["cost"], med(loads), min(loads), max(loads)))
        print(table(result) + "\n")


if __name__ == "__main__":
    main()
