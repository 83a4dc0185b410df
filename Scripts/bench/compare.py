#!/usr/bin/env python3
"""Compares Sieve with pytest-testmon on synthetic projects, side by side.

    Scripts/bench/compare.py --scales small,medium --runs 5 \
        --python python3,/root/.pyenv/versions/3.12.1/bin/python --write-doc

For each interpreter and scale it generates the project (Scripts/bench/generate.py) twice into
a temporary directory, one copy per tool, and measures, alternating the tools run by run:

1. plain `python -m pytest -q -p no:cacheprovider` (the baseline);
2. the first, collecting run on a tree without data (`sieve run --all` / `pytest --testmon`);
3. nothing changed: `sieve affected`, `sieve run`, `pytest --testmon`, and `git status` as floor;
   `sieve` replays the answers it remembered (after one unmeasured call each, once the database
   is two seconds old), and `sieve-core affected` measures the full decision beside them;
4. one function body edited (the first line of `func2` in the last module), then a run of each:
   Sieve cold (`SIEVE_WARM=0`, as in CI) and warm (`--warm`, what `sieve run` does by default
   on a developer's machine);
5. one module constant edited (`FACTOR` in the last module), then the same runs;
6. database size on disk and the peak RSS of each collecting run.

Between edit runs both databases are restored from a copy taken after the collecting run and
the edit is reverted, so every run starts from the same recorded state.

testmon needs pytest's cacheprovider plugin (it reads `--lf`), so its commands omit
`-p no:cacheprovider`. Times are wall-clock medians with min–max; CPU is user+sys of the
process tree (less sensitive to other load on the machine). Ratios are taken pair by pair
(run i of one tool against run i of the other) and then summarised.

`--write-doc` replaces the part of docs/benchmarks.md between the `generated` markers; the rest
of the file (method notes, analysis) is kept. `--save-json`/`--from-json` keep the raw samples.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCALES = {"tiny": (20, 10), "small": (100, 10), "medium": (1000, 10), "large": (3000, 10)}
# A real project: more-itertools 10.5.0 from its PyPI sdist, with its own test suite.
REAL = "more-itertools"
SCALES[REAL] = (0, 0)
BEGIN = "<!-- generated:begin (Scripts/bench/compare.py --write-doc) -->"
END = "<!-- generated:end -->"
SUMMARY = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)\b")


def log(message):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


# Children run with bytecode caching on, as on a developer's machine: an inherited
# PYTHONDONTWRITEBYTECODE would make every run recompile and re-rewrite every module.
# Sieve runs cold (SIEVE_WARM=0, as in CI) unless a measure passes --warm, which gives what
# `sieve run` does by default on a developer's machine; no warm worker then starts behind a
# cold measure and competes with the next one.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
ENV["SIEVE_WARM"] = "0"


def run(cmd, cwd):
    """Runs cmd; returns wall seconds, CPU seconds and peak RSS (KiB) of the tree, exit, output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss,
            "rc": process.returncode, "out": text}


def ran_count(text):
    """Tests pytest reports as run (passed, failed, …) in its last summary line; 0 if none."""
    lines = [line for line in text.splitlines() if SUMMARY.search(line) or "no tests ran" in line]
    if not lines:
        return 0
    return sum(int(n) for n, _ in SUMMARY.findall(lines[-1]))


def check(sample, what, allowed=(0, 5)):
    if sample["rc"] not in allowed:
        sys.exit("%s failed with exit %d:\n%s" % (what, sample["rc"], sample["out"][-3000:]))
    return sample


def dir_size(paths):
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p))


class Project:
    """One generated copy of the synthetic project for one tool."""

    def __init__(self, path, modules, tests, seed):
        self.path = path
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), path, "--modules",
                        str(modules), "--tests-per-module", str(tests), "--seed", str(seed)],
                       check=True)
        last = modules - 1
        self.target = os.path.join(path, "pkg%d" % (last % 10), "mod%d.py" % last)
        with open(self.target) as file:
            self.original = file.read()

    def edit(self, kind):
        if kind == "function":
            text = self.original.replace("def func2(x):\n", "def func2(x):\n    x = x + 0\n", 1)
        else:
            text = re.sub(r"^FACTOR = \d+$", "FACTOR = 9", self.original, count=1, flags=re.M)
        assert text != self.original
        with open(self.target, "w") as file:
            file.write(text)

    def revert(self):
        with open(self.target, "w") as file:
            file.write(self.original)


class RealProject:
    """One copy of a public project's sdist, in its own git repository, for one tool.

    The sdist comes from PyPI through pip (cached in the work directory); the project's own
    test suite runs under pytest. The edits are chosen by hand for this version: *function*
    changes the message in the body of ``first`` (a leaf function several tests call),
    *constant* changes the package's ``__version__`` (a value every test's import runs: the
    parenthesised ``_marker = (object())`` used before changed tokens but not the value).
    """

    NAME, VERSION = "more-itertools", "10.5.0"
    TARGETS = {
        "function": ("more_itertools/more.py",
                     "            'first() was called on an empty iterable, and no '\n",
                     "            'first() was called on an empty iterable and no '\n"),
        "constant": ("more_itertools/__init__.py", "__version__ = '10.5.0'\n",
                     "__version__ = '10.5.1'\n"),
    }

    def __init__(self, path, cache):
        os.makedirs(cache, exist_ok=True)
        archive = os.path.join(cache, "more_itertools-%s.tar.gz" % self.VERSION)
        if not os.path.exists(archive):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:",
                            "--no-deps", "-q", "-d", cache, "%s==%s" % (self.NAME, self.VERSION)],
                           check=True)
            found = [n for n in os.listdir(cache) if n.endswith(".tar.gz")]
            os.rename(os.path.join(cache, found[0]), archive)
        os.makedirs(path)
        subprocess.run(["tar", "xzf", archive, "-C", path, "--strip-components=1"], check=True)
        subprocess.run(["git", "init", "-q"], cwd=path, check=True)
        subprocess.run(["git", "add", "-A"], cwd=path, check=True)
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit",
                        "-qm", "sdist"], cwd=path, check=True)
        self.path = path
        self.current = None

    def edit(self, kind):
        relative, old, new = self.TARGETS[kind]
        self.current = os.path.join(self.path, relative)
        with open(self.current) as file:
            self.original = file.read()
        assert self.original.count(old) == 1, (kind, relative)
        with open(self.current, "w") as file:
            file.write(self.original.replace(old, new))

    def revert(self):
        with open(self.current, "w") as file:
            file.write(self.original)


class Bench:
    def __init__(self, args, python, scale, workdir):
        self.python, self.scale, self.runs = python, scale, args.runs
        self.cheap_runs = max(10, 2 * args.runs)
        self.sieve_bin = args.sieve
        modules, tests = SCALES[scale]
        arguments = []
        if scale == REAL:
            log("%s %s: unpacking the sdist" % (python, scale))
            cache = os.path.join(os.path.dirname(workdir), "sdist-cache")
            self.s = RealProject(os.path.join(workdir, "sieve"), cache)
            self.t = RealProject(os.path.join(workdir, "testmon"), cache)
            arguments = ["tests"]
        else:
            log("%s %s: generating %d modules x %d tests" % (python, scale, modules, tests))
            self.s = Project(os.path.join(workdir, "sieve"), modules, tests, args.seed)
            self.t = Project(os.path.join(workdir, "testmon"), modules, tests, args.seed)
        self.snapshot = os.path.join(workdir, "snapshot")
        self.plain_cmd = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"] + arguments
        self.testmon_cmd = [python, "-m", "pytest", "--testmon", "-q"] + arguments
        self.samples = {}
        self.loads = []

    def add(self, key, sample):
        sample = dict(sample)
        sample.pop("out", None)
        self.samples.setdefault(key, []).append(sample)

    def sieve(self, *arguments):
        return [self.sieve_bin] + list(arguments)

    def reset_testmon(self):
        for name in (".testmondata", ".testmondata-wal", ".testmondata-shm", ".pytest_cache"):
            path = os.path.join(self.t.path, name)
            shutil.rmtree(path) if os.path.isdir(path) else (os.path.exists(path) and os.remove(path))

    def reset_sieve(self):
        shutil.rmtree(os.path.join(self.s.path, ".sieve"), ignore_errors=True)

    def save_snapshot(self):
        shutil.rmtree(self.snapshot, ignore_errors=True)
        shutil.copytree(os.path.join(self.s.path, ".sieve"), os.path.join(self.snapshot, "sieve"))
        os.makedirs(os.path.join(self.snapshot, "testmon"))
        for name in (".testmondata", ".testmondata-wal", ".testmondata-shm"):
            source = os.path.join(self.t.path, name)
            if os.path.exists(source):
                shutil.copy2(source, os.path.join(self.snapshot, "testmon", name))

    def restore_sieve(self):
        self.reset_sieve()
        shutil.copytree(os.path.join(self.snapshot, "sieve"), os.path.join(self.s.path, ".sieve"))

    def restore(self):
        self.restore_sieve()
        self.reset_testmon()
        for name in os.listdir(os.path.join(self.snapshot, "testmon")):
            shutil.copy2(os.path.join(self.snapshot, "testmon", name), os.path.join(self.t.path, name))

    def alternate(self, i, actions):
        """Runs the actions in an order rotated by i, so no tool always goes first."""
        for action in actions[i % len(actions):] + actions[:i % len(actions)]:
            action()

    def measure(self):
        self.loads.append(os.getloadavg()[0])
        log("warming up (bytecode, file cache)")
        check(run(self.plain_cmd, self.s.path), "plain pytest")
        check(run(self.plain_cmd, self.t.path), "plain pytest")

        # 1, 2 and 6: plain baseline and first collecting run, fresh data each time.
        def plain():
            self.add("plain", check(run(self.plain_cmd, self.s.path), "plain pytest"))

        def sieve_first():
            self.reset_sieve()
            sample = check(run(self.sieve("run", "--all", "--") + self.plain_cmd, self.s.path),
                           "sieve run --all")
            sample["tests"] = ran_count(sample["out"])
            self.add("first.sieve", sample)
            self.add("db.sieve", {"bytes": dir_size([os.path.join(self.s.path, ".sieve", n) for n in
                                                     ("sieve.db", "sieve.db-wal", "sieve.db-journal")])})

        def testmon_first():
            self.reset_testmon()
            sample = check(run(self.testmon_cmd, self.t.path), "pytest --testmon")
            sample["tests"] = ran_count(sample["out"])
            self.add("first.testmon", sample)
            self.add("db.testmon", {"bytes": dir_size([os.path.join(self.t.path, n) for n in
                                                       (".testmondata", ".testmondata-wal",
                                                        ".testmondata-shm")])})

        for i in range(self.runs):
            log("collecting run %d/%d" % (i + 1, self.runs))
            self.alternate(i, [plain, sieve_first, testmon_first])
        self.save_snapshot()
        self.loads.append(os.getloadavg()[0])

        # 3: nothing changed.
        def git_status():
            self.add("nochange.git", check(run(["git", "status", "--porcelain"], self.s.path), "git"))

        def sieve_affected():
            sample = check(run(self.sieve("affected"), self.s.path), "sieve affected", (0,))
            self.add("nochange.sieve_affected", sample)

        def sieve_core_affected():
            # The full decision, as the first `sieve affected` after a commit or a new
            # recording takes it: sieve-core never replays a remembered answer.
            sample = check(run([self.sieve_bin + "-core", "affected"], self.s.path),
                           "sieve-core affected", (0,))
            self.add("nochange.sieve_core", sample)

        def sieve_run():
            sample = check(run(self.sieve("run", "--") + self.plain_cmd, self.s.path), "sieve run")
            sample["tests"] = ran_count(sample["out"])
            self.add("nochange.sieve_run", sample)

        def testmon_run():
            sample = check(run(self.testmon_cmd, self.t.path), "pytest --testmon")
            sample["tests"] = ran_count(sample["out"])
            self.add("nochange.testmon", sample)

        log("nothing changed")
        # The `sieve` front replays a remembered answer only once the database is two seconds
        # old (docs/design.md, "Remembered answers"): let it settle, and let each command
        # remember its answer once, unmeasured.
        time.sleep(2.2)
        run(self.sieve("affected"), self.s.path)
        run(self.sieve("run", "--") + self.plain_cmd, self.s.path)
        for i in range(self.cheap_runs):
            self.alternate(i, [git_status, sieve_affected, sieve_core_affected])
            if i < self.runs:
                self.alternate(i, [sieve_run, testmon_run])
        self.loads.append(os.getloadavg()[0])

        # 4 and 5: one function body or one module constant edited. `sieve run --warm` (the
        # local default) runs beside the cold run; one unmeasured edit starts its worker first.
        self.restore()
        self.s.edit("function")
        run(self.sieve("run", "--warm", "--") + self.plain_cmd, self.s.path)
        self.s.revert()
        time.sleep(5)
        for kind in ("function", "constant"):
            log("%s edited" % kind)

            def sieve_edit():
                sample = check(run(self.sieve("run", "--") + self.plain_cmd, self.s.path), "sieve run")
                sample["tests"] = ran_count(sample["out"])
                self.add(kind + ".sieve_run", sample)

            def sieve_edit_warm():
                sample = check(run(self.sieve("run", "--warm", "--") + self.plain_cmd, self.s.path),
                               "sieve run --warm")
                if "pytest ran in the warm worker" not in sample["out"]:
                    sys.exit("sieve run --warm did not run in the warm worker:\n" + sample["out"])
                sample["tests"] = ran_count(sample["out"])
                self.add(kind + ".sieve_warm", sample)

            def testmon_edit():
                sample = check(run(self.testmon_cmd, self.t.path), "pytest --testmon")
                sample["tests"] = ran_count(sample["out"])
                self.add(kind + ".testmon", sample)

            def sieve_edit_then_warm():
                # The cold and the warm run need the same starting database and edit.
                sieve_edit()
                self.restore_sieve()
                sieve_edit_warm()

            for i in range(self.runs):
                self.restore()
                self.s.edit(kind)
                self.t.edit(kind)
                self.alternate(i, [sieve_edit_then_warm, testmon_edit])
                self.s.revert()
                self.t.revert()
            # Decision alone (Sieve only: testmon decides inside pytest).
            for i in range(self.cheap_runs):
                self.restore()
                self.s.edit(kind)
                sample = check(run(self.sieve("affected"), self.s.path), "sieve affected", (0,))
                sample["tests"] = len([l for l in sample["out"].splitlines() if "::" in l])
                self.add(kind + ".sieve_affected", sample)
                self.s.revert()
        self.restore()
        self.loads.append(os.getloadavg()[0])
        return {"python": self.python, "scale": self.scale, "modules": SCALES[self.scale][0],
                "samples": self.samples, "loads": self.loads}


# ---------------------------------------------------------------------------------------------
# Reporting


def med(values):
    return statistics.median(values)


def fmt_s(seconds):
    if seconds < 1:
        return "%.0f ms" % (seconds * 1000)
    return "%.2f s" % seconds


def fmt_range(values, fmt):
    return "%s (%s–%s)" % (fmt(med(values)), fmt(min(values)), fmt(max(values)))


def fmt_x(x):
    if x < 0.1:
        return "%.3f×" % x
    return "%.2f×" % x if x < 10 else "%.0f×" % x


def fmt_mb(kib):
    return "%.1f MB" % (kib / 1024.0)


def walls(samples, key):
    return [s["wall"] for s in samples[key]]


def pair_ratios(samples, a, b, field="wall"):
    n = min(len(samples[a]), len(samples[b]))
    return [samples[a][i][field] / samples[b][i][field] for i in range(n)]


def tests_of(samples, key):
    counts = sorted({s.get("tests", 0) for s in samples[key]})
    return "/".join(str(c) for c in counts)


def table(result):
    s = result["samples"]
    rows = []

    def row(label, skey, tkey, count=False, ratio_field="wall"):
        sieve = fmt_range(walls(s, skey), fmt_s) if skey else "—"
        testmon = fmt_range(walls(s, tkey), fmt_s) if tkey else "—"
        ratio = fmt_range(pair_ratios(s, skey, tkey), fmt_x) if skey and tkey else "—"
        cpu = "%s / %s" % (fmt_s(med([x["cpu"] for x in s[skey]])) if skey else "—",
                           fmt_s(med([x["cpu"] for x in s[tkey]])) if tkey else "—")
        tests = "%s / %s" % (tests_of(s, skey) if skey else "—", tests_of(s, tkey) if tkey else "—") \
            if count else ""
        rows.append("| %s | %s | %s | %s | %s | %s |" % (label, sieve, testmon, ratio, cpu, tests))

    plain = walls(s, "plain")
    rows.append("| plain pytest (baseline) | %s | | | %s | %s |" % (
        fmt_range(plain, fmt_s), fmt_s(med([x["cpu"] for x in s["plain"]])),
        ""))
    row("first run, collecting", "first.sieve", "first.testmon", count=True)
    rows.append("| first run ÷ plain (pair by pair) | %s | %s | | | |" % (
        fmt_range(pair_ratios(s, "first.sieve", "plain"), fmt_x),
        fmt_range(pair_ratios(s, "first.testmon", "plain"), fmt_x)))
    rows.append("| nothing changed: `git status --porcelain` (floor) | %s | | | %s | |" % (
        fmt_range(walls(s, "nochange.git"), fmt_s), fmt_s(med([x["cpu"] for x in s["nochange.git"]]))))
    row("nothing changed: `sieve affected` / `pytest --testmon`", "nochange.sieve_affected",
        "nochange.testmon")
    rows.append("| nothing changed: `sieve affected` ÷ `git status` | %s | | | | |" % (
        fmt_range(pair_ratios(s, "nochange.sieve_affected", "nochange.git"), fmt_x)))
    if "nochange.sieve_core" in s:
        row("nothing changed, full decision (`sieve-core affected`, nothing remembered)",
            "nochange.sieve_core", None)
    row("nothing changed: `sieve run` / `pytest --testmon`", "nochange.sieve_run", "nochange.testmon",
        count=True)
    row("one function edited: decision (`sieve affected`)", "function.sieve_affected", None,
        count=True)
    row("one function edited: decision + run, cold (CI, `--no-warm`)", "function.sieve_run",
        "function.testmon", count=True)
    if "function.sieve_warm" in s:
        row("one function edited: decision + run, warm worker (`sieve run` locally)",
            "function.sieve_warm", "function.testmon", count=True)
    row("one constant edited: decision (`sieve affected`)", "constant.sieve_affected", None,
        count=True)
    row("one constant edited: decision + run, cold (CI, `--no-warm`)", "constant.sieve_run",
        "constant.testmon", count=True)
    if "constant.sieve_warm" in s:
        row("one constant edited: decision + run, warm worker (`sieve run` locally)",
            "constant.sieve_warm", "constant.testmon", count=True)
    db_s = [x["bytes"] / 1024.0 for x in s["db.sieve"]]
    db_t = [x["bytes"] / 1024.0 for x in s["db.testmon"]]
    rows.append("| database on disk | %s | %s | %s | | |" % (
        fmt_mb(med(db_s)), fmt_mb(med(db_t)), fmt_x(med(db_s) / med(db_t))))
    rss_s = [x["rss"] for x in s["first.sieve"]]
    rss_t = [x["rss"] for x in s["first.testmon"]]
    rows.append("| peak RSS, collecting run | %s | %s | %s | | |" % (
        fmt_range(rss_s, fmt_mb), fmt_range(rss_t, fmt_mb), fmt_x(med(rss_s) / med(rss_t))))
    head = ["| measure | Sieve | testmon | Sieve ÷ testmon | CPU median Sieve / testmon | tests run |",
            "|---|---|---|---|---|---|"]
    return "\n".join(head + rows)


def py_minor(result, versions):
    return tuple(int(x) for x in versions[result["python"]]["python"].split(".")[:2])


def targets(results, versions):
    """One line per target and result: met or missed, with the figure."""
    lines = ["| target | interpreter, scale | figure | |", "|---|---|---|---|"]

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    by = {(r["python"], r["scale"]): r for r in results}
    for r in results:
        s, where = r["samples"], "Python %s, %s" % (versions[r["python"]]["python"], r["scale"])
        floor = med(pair_ratios(s, "nochange.sieve_affected", "nochange.git"))
        lines.append("| nothing changed ≤ 2× `git status` | %s | %s | %s |" % (
            where, fmt_x(floor), verdict(floor <= 2)))
        if r["modules"] >= 1000:
            speed = med(pair_ratios(s, "nochange.testmon", "nochange.sieve_affected"))
            lines.append("| nothing changed ≥ 20× faster than testmon (≈10,000+ tests) | %s | "
                         "testmon ÷ Sieve = %s | %s |" % (where, fmt_x(speed), verdict(speed >= 20)))
        over_s = med(pair_ratios(s, "first.sieve", "plain"))
        over_t = med(pair_ratios(s, "first.testmon", "plain"))
        if py_minor(r, versions) >= (3, 12):
            lines.append("| collecting run ≤ 1.3× plain (Python ≥ 3.12) | %s | %s | %s |" % (
                where, fmt_x(over_s), verdict(over_s <= 1.3)))
        else:
            lines.append("| collecting run below testmon's (Python < 3.12) | %s | %s vs %s | %s |" % (
                where, fmt_x(over_s), fmt_x(over_t), verdict(over_s < over_t)))
        edit = med(pair_ratios(s, "function.sieve_run", "function.testmon"))
        if "function.sieve_warm" in s:
            warm = med(pair_ratios(s, "function.sieve_warm", "function.testmon"))
            lines.append("| one function edited: decision + run ≤ ½ testmon's (`sieve run` locally: "
                         "warm worker) | %s | %s | %s |" % (where, fmt_x(warm), verdict(warm <= 0.5)))
        lines.append("| one function edited, cold (CI, `--no-warm`): decision + run ≤ ½ testmon's | "
                     "%s | %s | %s |" % (where, fmt_x(edit), verdict(edit <= 0.5)))
        db = med([x["bytes"] for x in s["db.sieve"]]) / med([x["bytes"] for x in s["db.testmon"]])
        lines.append("| database ≤ ½ testmon's | %s | %s | %s |" % (where, fmt_x(db), verdict(db <= 0.5)))
    for python in sorted({r["python"] for r in results}):
        scales = sorted((r for r in results if r["python"] == python and r["scale"] != REAL),
                        key=lambda r: r["modules"])
        for small, large in zip(scales, scales[1:]):
            grow = med(walls(large["samples"], "function.sieve_affected")) / \
                med(walls(small["samples"], "function.sieve_affected"))
            git = med(walls(large["samples"], "nochange.git")) / med(walls(small["samples"], "nochange.git"))
            repo = large["modules"] / small["modules"]
            lines.append("| decision time grows with the change, not the repository | Python %s, %s → %s "
                         "(%s the files) | one-function decision %s; `git status` %s | %s |" % (
                             versions[python]["python"], small["scale"], large["scale"], fmt_x(repo),
                             fmt_x(grow), fmt_x(git), verdict(grow <= max(1.5, git))))
    return "\n".join(lines)


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as file:
        for line in file:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as file:
        total = int(file.readline().split()[1])
    return {"nproc": os.cpu_count(), "cpu": model, "memory": "%.1f GiB" % (total / 1024.0 / 1024.0),
            "kernel": platform.release()}


def versions_of(python):
    code = ("import sys, pytest, importlib.metadata as m\n"
            "def v(n):\n"
            "    try: return m.version(n)\n"
            "    except Exception: return 'not installed'\n"
            "print(sys.version.split()[0], pytest.__version__, v('coverage'), v('pytest-testmon'),"
            " sys.executable)")
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {"python": out[0], "pytest": out[1], "coverage": out[2], "testmon": out[3],
            "executable": out[4]}


def sieve_version():
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources", "Package.swift",
                            "Package.resolved"], capture_output=True, text=True).stdout.strip()
    return head + (" (with uncommitted changes in Sources)" if dirty else "")


def render(report):
    out = []
    m, v = report["machine"], report["versions"]
    out.append("Generated %s by:\n\n```sh\n%s\n```\n" % (report["date"], report["command"]))
    loads = [x for r in report["results"] for x in r["loads"]]
    out.append("**Machine:** %d cores (`nproc`), %s, %s memory, Linux %s. Load average (1 min) "
               "sampled %d times during the runs: median %.1f, %.1f–%.1f — other work shared the "
               "machine, so wall times are noisy; the CPU column (user+sys of the whole process "
               "tree) is steadier.\n" % (m["nproc"], m["cpu"], m["memory"], m["kernel"], len(loads),
                                        med(loads), min(loads), max(loads)))
    out.append("**Versions:** Sieve %s (release build)." % report["sieve"])
    for python in v:
        out.append(" Python %s (`%s`): pytest %s, coverage %s, pytest-testmon %s." % (
            v[python]["python"], v[python]["executable"], v[python]["pytest"], v[python]["coverage"],
            v[python]["testmon"]))
    out.append("\n")
    out.append("## Targets\n\n" + targets(report["results"], v) + "\n")
    for r in report["results"]:
        modules, tests = SCALES[r["scale"]]
        if r["scale"] == REAL:
            out.append("## Python %s, %s %s (PyPI sdist, its own test suite)\n" % (
                v[r["python"]]["python"], RealProject.NAME, RealProject.VERSION))
        else:
            out.append("## Python %s, %s (%s modules, %s tests)\n" % (
                v[r["python"]]["python"], r["scale"], "{:,}".format(modules),
                "{:,}".format(r["samples"]["first.sieve"][0].get("tests", 0))))
        out.append("Medians (min–max) of %d runs; `git status` and `sieve affected` of %d runs.\n" % (
            len(r["samples"]["plain"]), len(r["samples"]["nochange.git"])))
        out.append(table(r) + "\n")
    return "\n".join(out)


def write_doc(path, body):
    text = ""
    if os.path.exists(path):
        with open(path) as file:
            text = file.read()
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
    else:  # no markers yet: keep what is there and append
        before, after = text or "# Benchmarks: Sieve and pytest-testmon\n\n", "\n"
    with open(path, "w") as file:
        file.write(before + BEGIN + "\n\n" + body + "\n" + END + after)


def load_json(name):
    with open(name) as file:
        return json.load(file)


def merged(reports):
    """One report from several runs (say, one per interpreter): their results in order, each
    run's command, and which Sieve build measured which interpreters."""
    if len(reports) == 1:
        return reports[0]
    first = reports[0]
    builds = ["%s (Python %s)" % (r["sieve"], ", ".join(v["python"] for v in r["versions"].values()))
              for r in reports]
    return {"date": max(r["date"] for r in reports),
            "command": "\n".join(r["command"] for r in reports),
            "machine": first["machine"], "sieve": "; ".join(builds),
            "versions": {k: v for r in reports for k, v in r["versions"].items()},
            "results": [x for r in reports for x in r["results"]]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="small,medium",
                        help="comma-separated: small (100 modules), medium (1,000), large (3,000), "
                             "more-itertools (a real project from PyPI)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default="python3", help="comma-separated interpreters")
    parser.add_argument("--sieve", default=os.path.join(ROOT, ".build-bench", "release", "sieve"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-doc", action="store_true", help="refresh docs/benchmarks.md")
    parser.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    parser.add_argument("--save-json", help="write the raw samples here")
    parser.add_argument("--from-json", help="report from saved samples instead of measuring; "
                                             "several comma-separated files are merged")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--no-build", action="store_true",
                        help="use the --sieve binary as it is instead of building it from this tree first")
    parser.add_argument("--sieve-commit",
                        help="the commit the binary was built from, when it was built outside this script")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # still clean up

    if args.from_json:
        report = merged([load_json(name) for name in args.from_json.split(",")])
        if args.sieve_commit:
            report["sieve"] = args.sieve_commit
    else:
        if not args.no_build:
            # A statically linked Swift runtime starts in ~12 ms instead of ~20 ms (2026-12-01).
            log("building sieve (release, --static-swift-stdlib, --scratch-path .build-bench)")
            # No --product: `sieve` (the front) and `sieve-core` (the full program) both.
            subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib",
                            "--scratch-path", os.path.join(ROOT, ".build-bench")],
                           cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        built_from = args.sieve_commit or sieve_version()
        if args.no_build and not args.sieve_commit:
            built_from += " checked out; binary not rebuilt (--no-build), so it may be older"
        if not os.access(args.sieve, os.X_OK):
            sys.exit("no sieve binary at %s; build it with: swift build -c release "
                     "--static-swift-stdlib --scratch-path .build-bench" % args.sieve)
        args.sieve = os.path.abspath(args.sieve)
        pythons = [versions_of(p)["executable"] for p in args.python.split(",")]
        command = "Scripts/bench/compare.py --scales %s --runs %d --python %s%s" % (
            args.scales, args.runs, args.python, " --write-doc" if args.write_doc else "")
        report = {"date": datetime.date.today().isoformat(), "command": command,
                  "machine": machine(), "sieve": built_from,
                  "versions": {p: versions_of(p) for p in pythons}, "results": []}
        for python in pythons:
            for scale in args.scales.split(","):
                workdir = tempfile.mkdtemp(prefix="sieve-bench-%s-" % scale)
                try:
                    result = Bench(args, python, scale, workdir).measure()
                finally:
                    if args.keep:
                        log("kept %s" % workdir)
                    else:
                        shutil.rmtree(workdir, ignore_errors=True)
                report["results"].append(result)
                print("\n## Python %s, %s\n\n%s\n" % (report["versions"][python]["python"], scale,
                                                      table(result)), flush=True)
                if args.save_json:
                    with open(args.save_json, "w") as file:
                        json.dump(report, file, indent=1)
    print("\n## Targets\n\n" + targets(report["results"], report["versions"]))
    if args.write_doc:
        write_doc(args.doc, render(report))
        log("wrote %s" % args.doc)


if __name__ == "__main__":
    main()
