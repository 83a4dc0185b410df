#!/usr/bin/env python3
"""Generates a synthetic pytest project for Sieve's benchmarks, deterministic from a seed.

    Scripts/bench/generate.py DIR --modules 100 --tests-per-module 10 [--seed 1] [--test-cost-ms 0]

Packages of modules that import each other, module constants, classes with methods,
a conftest fixture, and parametrized tests. The result is a git repository with one commit.
With --test-cost-ms N every test also keeps a CPU busy for N milliseconds (a loop, not a sleep),
so that running tests in parallel has something to gain (Scripts/bench/workers.py).
"""

import argparse
import os
import random
import subprocess


def module_source(index, rng, modules):
    imports = sorted({rng.randrange(modules) for _ in range(2)} - {index})
    imports = [i for i in imports if i < index]  # no cycles
    lines = ['"""Module %d."""' % index, ""]
    lines += ["from pkg%d import mod%d" % (i % 10, i) for i in imports]
    lines += ["", "FACTOR = %d" % rng.randrange(1, 9), ""]
    for f in range(5):
        lines += ["", "def func%d(x):" % f, "    total = x * FACTOR"]
        for i in imports[:1]:
            lines.append("    total += mod%d.func%d(x)" % (i, f))
        lines += ["    for step in range(%d):" % rng.randrange(1, 4), "        total += step", "    return total", ""]
    lines += ["", "class Thing%d:" % index, "    size = %d" % rng.randrange(10), "",
              "    def grow(self, n):", "        return self.size + n", ""]
    return "\n".join(lines) + "\n"


def test_source(index, tests, cost_ms=0):
    lines = ["import pytest", "", "from pkg%d import mod%d" % (index % 10, index), ""]
    work = []
    if cost_ms:
        lines[:0] = ["import time", ""]
        lines += ["", "def _work():", "    end = time.perf_counter() + %g" % (cost_ms / 1000.0),
                  "    while time.perf_counter() < end:", "        pass", ""]
        work = ["    _work()"]
    for t in range(tests):
        if t % 5 == 4:
            lines += ["", "@pytest.mark.parametrize('n', [1, 2])", "def test_%d(n, base):" % t]
            lines += work + ["    assert mod%d.Thing%d().grow(n) >= n" % (index, index), ""]
        else:
            lines += ["", "def test_%d(base):" % t] + work
            lines += ["    assert mod%d.func%d(base) >= 0" % (index, t % 5), ""]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--tests-per-module", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--test-cost-ms", type=float, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = args.directory
    os.makedirs(os.path.join(root, "tests"), exist_ok=True)
    for package in range(10):
        path = os.path.join(root, "pkg%d" % package)
        os.makedirs(path, exist_ok=True)
        open(os.path.join(path, "__init__.py"), "w").close()
    for index in range(args.modules):
        with open(os.path.join(root, "pkg%d" % (index % 10), "mod%d.py" % index), "w") as file:
            file.write(module_source(index, rng, args.modules))
        with open(os.path.join(root, "tests", "test_mod%d.py" % index), "w") as file:
            file.write(test_source(index, args.tests_per_module, args.test_cost_ms))
    with open(os.path.join(root, "tests", "conftest.py"), "w") as file:
        file.write("import pytest\n\n\n@pytest.fixture\ndef base():\n    return 3\n")
    with open(os.path.join(root, "pytest.ini"), "w") as file:
        file.write("[pytest]\ntestpaths = tests\npythonpath = .\n")
    with open(os.path.join(root, ".gitignore"), "w") as file:
        file.write("__pycache__/\n.pytest_cache/\n")
    git = ["git", "-C", root, "-c", "user.name=bench", "-c", "user.email=bench@sieve.invalid"]
    subprocess.run(git[:3] + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "Synthetic project"], check=True)


if __name__ == "__main__":
    main()
