"""Sieve's pytest plugin: records, per test, which code under the repository it executed.

`sieve` loads it with `-p sieve_pytest.plugin`; it does nothing unless `SIEVE_RESULTS` is set.

Environment:
  SIEVE_RESULTS    where to write the JSON lines (written once, at session finish).
  SIEVE_ROOT       the repository; only files below it are recorded, as relative paths with "/".
  SIEVE_SELECTION  optional JSON {"affected": [...], "known": [...], "ignoreFiles": [...],
                   "environment": {"python": ..., "packages": ...}, "everything": bool,
                   "partitions": [...]}; ignored (every test runs) when the environment is
                   not this one; with "everything", only the files and the partitions apply
                   (see _in_partition).
  SIEVE_COLLECTOR  "coverage" forces coverage.py on Python 3.12+.

Output lines: one "session"; a "context" for the session and each imported test module; a
"collected" per item; a "test" per test that ran to the end; one "deselected" (items the
user's -k, -m or --deselect removed); one "imports" (which repository file imported which);
one "end". Files map to the first
lines of code objects that started ("code", sys.monitoring; 0 for a module's own code) or to
the lines that ran ("lines").
"""

import builtins
import functools
import glob
import importlib
import itertools
import json
import os
import platform
import sys

import pytest

from sieve_pytest.environment import describe as describe_environment

SESSION = "session"
IMPORT_PREFIX = "import:"
FIXTURE_PREFIX = "fixture:"
ALWAYS_MARKER = "sieve_always"


def _wrapper():
    """A hook wrapper's marker: pluggy 1.2+'s plain generators cost less per call than
    old-style hookwrappers. Both run the same bodies: each returns what its `yield` gave."""
    try:
        return pytest.hookimpl(wrapper=True)
    except TypeError:  # pluggy before 1.2
        return pytest.hookimpl(hookwrapper=True)


WRAPPER = _wrapper()


# MARK: - Paths


def _variants(path):
    """Returns the absolute path and, if different, its resolved form."""
    absolute = os.path.normpath(os.path.abspath(path))
    resolved = os.path.realpath(path)
    return [absolute] if resolved == absolute else [absolute, resolved]


def _is_within(path, directory):
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


class PathFilter:
    """Decides which files are recorded and names them relative to the repository."""

    def __init__(self, root):
        self.roots = _variants(root)
        prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix}
        own = os.path.dirname(os.path.abspath(__file__))
        excluded = [variant for prefix in prefixes for variant in _variants(prefix)]
        # An interpreter prefix that contains the repository (say /usr and /usr/src/app) would
        # hide the whole repository; its libraries are caught by the site-packages rule instead.
        excluded = [p for p in excluded if not any(_is_within(r, p) for r in self.roots)]
        excluded += _variants(own) + [os.path.join(r, ".sieve") for r in self.roots]
        self.excluded = excluded
        self._cache = {}

    def relative(self, filename):
        """Returns the repository-relative path of `filename`, or None if it is not recorded."""
        if filename not in self._cache:
            self._cache[filename] = self._relative(filename)
        return self._cache[filename]

    def _relative(self, filename):
        if not os.path.isabs(filename):  # "<string>", "<frozen ...>", and friends
            return None
        for path in _variants(filename):
            parts = path.split(os.sep)
            if "site-packages" in parts or "dist-packages" in parts:
                return None
            if any(_is_within(path, excluded) for excluded in self.excluded):
                return None
            for root in self.roots:
                if _is_within(path, root):
                    return os.path.relpath(path, root).replace(os.sep, "/")
        return None

    def name(self, path):
        """Returns the relative path of a test file, or its absolute path if outside the root."""
        return self.relative(str(path)) or str(path).replace(os.sep, "/")


# MARK: - Collectors


class SysmonCollector:
    """Records the first line of each code object that starts, once per context (PEP 669).

    Two tool ids. The *finder* watches every code object's start once, ever: it arms the
    *recorder* on code under the repository (a local `PY_START` event) and then disables
    itself for that code. The recorder notes a code object's first start in a context and
    quiets itself for that code until the next switch re-arms it. So a switch costs what the
    last context ran of the repository's code; `restart_events()`, which would make every
    library function call back again and be re-instrumented after each test, is never used.
    """

    name = "sysmon"
    key = "code"

    def __init__(self, paths):
        monitoring = sys.monitoring
        candidates = [monitoring.COVERAGE_ID, 3, 4, monitoring.PROFILER_ID, 5, 0]
        free = [tool for tool in candidates if monitoring.get_tool(tool) is None]
        if len(free) < 2:
            raise RuntimeError("fewer than two sys.monitoring tool ids are free")
        self.finder, self.recorder = free[:2]
        self.contexts = {}
        self.current = {}
        self.ran = []  # repository code the recorder went quiet on in this context
        self.known = []  # every repository code object the recorder watches
        relative = paths.relative
        disable = monitoring.DISABLE
        set_local_events = monitoring.set_local_events
        recorder, start = self.recorder, monitoring.events.PY_START

        def record(code):
            # A module's own code starts on line 1 too, where a function may start: 0 says
            # "the module", which Sieve maps to the file's skeleton.
            line = 0 if code.co_name == "<module>" else code.co_firstlineno
            self.current.setdefault(relative(code.co_filename), set()).add(line)
            set_local_events(recorder, code, 0)  # quiet until the next switch
            self.ran.append(code)

        def on_first_start(code, offset):
            if relative(code.co_filename) is not None:
                self.known.append(code)
                record(code)
            return disable  # for this code, for good: restart_events() is never called

        def on_start(code, offset):
            record(code)

        for tool, callback in [(self.finder, on_first_start), (self.recorder, on_start)]:
            monitoring.use_tool_id(tool, "sieve")
            monitoring.register_callback(tool, start, callback)
        monitoring.set_events(self.finder, start)

    def switch(self, context):
        self.current = self.contexts.setdefault(context, {})
        ran, self.ran = self.ran, []
        monitoring = sys.monitoring
        for code in ran:  # re-arm what went quiet in the last context
            monitoring.set_local_events(self.recorder, code, monitoring.events.PY_START)

    def stop(self):
        monitoring = sys.monitoring
        monitoring.set_events(self.finder, 0)
        for code in self.known:
            monitoring.set_local_events(self.recorder, code, 0)
        for tool in (self.finder, self.recorder):
            monitoring.register_callback(tool, monitoring.events.PY_START, None)
            monitoring.free_tool_id(tool)

    def results(self):
        return self.contexts


class CoverageCollector:
    """Records executed lines per context with coverage.py.

    coverage.py's own dynamic contexts (`switch_context`) write every traced file's data to
    SQLite at each switch, so a run's cost grows with tests x files. Instead, at each switch,
    this gives the tracers a fresh table ({file: set of lines}, `Collector.data` in 7.x) and
    moves the old table's sets into the context that ran them, so a switch costs what the
    last context touched, not every file traced so far. A frame already running keeps
    writing to the set it looked up when it started; for the files of frames on any thread's
    stack the old set is emptied into the context and carried into the fresh table, so their
    later lines land in the next context, as they would have without the swap.
    Where that table is not there (another coverage.py), it falls back to `switch_context`.
    """

    name = "coverage"
    key = "lines"

    def __init__(self, paths, coverage):
        self.paths = paths
        omit = [os.path.join(p, "*") for p in paths.excluded]
        omit += ["*/site-packages/*", "*/dist-packages/*"]
        include = [os.path.join(root, "*") for root in paths.roots]
        self.coverage = coverage.Coverage(
            data_file=None, config_file=False, branch=False, include=include, omit=omit
        )
        self.coverage.set_option("run:disable_warnings", ["no-data-collected"])
        self.coverage.start()
        self.contexts = {}
        self.current = None
        self.live = None
        collector = getattr(self.coverage, "_collector", None)
        tracer = collector.tracer_name() if collector else None
        # Only 7.x's line tracers keep {file: set of lines}; sys.monitoring's stops after
        # a line's first run, so it could not see a line again in another context.
        if coverage.version_info[0] == 7 and tracer in ("CTracer", "PyTracer"):
            if isinstance(collector.data, dict) and hasattr(collector, "data_lock"):
                self.collector = collector
                self.live = collector.data
                self.orphans = []  # (file, set) a running frame holds, in no table

    def _take(self):
        """Moves the lines run since the last switch into the current context."""
        old, fresh = self.live, {}
        lock = self.collector.data_lock
        if lock is not None:
            lock.acquire()  # the tracers add new files to the table under this lock
        try:
            self.collector.data = fresh
            for tracer in self.collector.tracers:
                tracer.data = fresh
        finally:
            if lock is not None:
                lock.release()
        self.live = fresh
        current = self.current if self.current is not None else {}
        running = self._running_files()
        for filename, lines in old.items():
            if filename in running:  # a running frame holds this set: empty it, keep it
                taken = lines.copy()
                lines.difference_update(taken)
                if fresh.setdefault(filename, lines) is not lines:
                    self.orphans.append((filename, lines))  # a thread made a new one meanwhile
                lines = taken
            if lines:
                known = current.get(filename)
                if known is None:
                    current[filename] = lines
                else:
                    known.update(lines)
        for filename, lines in self.orphans:
            if lines:
                taken = lines.copy()
                lines.difference_update(taken)
                current.setdefault(filename, set()).update(taken)

    def _running_files(self):
        """The table keys of the traced files that have a frame on some thread's stack."""
        cache = self.collector.should_trace_cache
        files = set()
        for frame in sys._current_frames().values():
            while frame is not None:
                disposition = cache.get(frame.f_code.co_filename)
                if disposition is not None and disposition.trace:
                    files.add(disposition.source_filename)
                frame = frame.f_back
        return files

    def switch(self, context):
        if self.live is None:
            self.coverage.switch_context(context)
            return
        self._take()
        self.current = self.contexts.setdefault(context, {})

    def stop(self):
        if self.live is not None:
            self._take()
        self.coverage.stop()

    def results(self):
        contexts = {}
        if self.live is not None:
            for context, files in self.contexts.items():
                for filename, lines in files.items():
                    path = self.paths.relative(filename)
                    if path is not None:
                        contexts.setdefault(context, {}).setdefault(path, set()).update(lines)
            return contexts
        data = self.coverage.get_data()
        for filename in data.measured_files():
            path = self.paths.relative(filename)
            if path is None:
                continue
            for line, names in data.contexts_by_lineno(filename).items():
                for context in names:
                    contexts.setdefault(context, {}).setdefault(path, set()).add(line)
        return contexts


def _make_collector(paths):
    """Returns sys.monitoring where it exists and is free, else coverage.py (or None if missing)."""
    if sys.version_info >= (3, 12) and os.environ.get("SIEVE_COLLECTOR") != "coverage":
        try:
            return SysmonCollector(paths)
        except RuntimeError:
            pass
    try:
        import coverage
    except ImportError:
        return None
    return CoverageCollector(paths, coverage)


class ImportGraph:
    """Records which module imported which, by wrapping `builtins.__import__` (import
    statements) and `importlib.import_module` (imports by name, which bypass the former).

    A module's top-level code runs once per process, so a test module that imports an
    already-imported module records none of its code; the graph lets Sieve link it anyway.
    """

    def __init__(self):
        self.edges = {}  # importer module name -> imported module names
        self.original = builtins.__import__
        self.original_by_name = importlib.import_module
        original, original_by_name, edges = self.original, self.original_by_name, self.edges
        # Import statements in functions run again and again (pytest's own: about ten
        # thousand in a 1,200-test run); each distinct one is recorded once.
        seen = set()

        def note(importer, full, fromlist):
            # `import a.b` and `from a.b import c` both run a/__init__.py, then a/b.py.
            targets = edges.setdefault(importer, set())
            parts = full.split(".")
            targets.update(".".join(parts[: i + 1]) for i in range(len(parts)))
            targets.update(f"{full}.{item}" for item in fromlist or ())

        def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
            module = original(name, globals, locals, fromlist, level)
            importer = globals.get("__name__") if isinstance(globals, dict) else None
            if importer:
                try:
                    key = (importer, name, fromlist, level)
                    if key in seen:
                        return module
                    seen.add(key)
                except TypeError:  # a list for fromlist: recorded every time
                    pass
                full = getattr(module, "__name__", None) if fromlist or level else name
                if full:
                    note(importer, full, fromlist)
            return module

        @functools.wraps(original_by_name)
        def recording_import_module(name, package=None):
            module = original_by_name(name, package)
            try:
                importer = sys._getframe(1).f_globals.get("__name__")
            except ValueError:  # called with no Python frame above: nobody to link
                importer = None
            full = getattr(module, "__name__", None)
            if importer and full:
                note(importer, full, ())
            return module

        builtins.__import__ = recording_import
        importlib.import_module = recording_import_module

    def stop(self):
        builtins.__import__ = self.original
        importlib.import_module = self.original_by_name

    def files(self, paths):
        """Returns {importer file: [imported files]} for modules inside the repository."""
        def file_of(name):
            module = sys.modules.get(name)
            filename = getattr(module, "__file__", None) if module else None
            return paths.relative(filename) if filename else None

        graph = {}
        for importer, names in self.edges.items():
            source = file_of(importer)
            if source is None:
                continue
            targets = {file_of(name) for name in names} - {None, source}
            if targets:
                graph.setdefault(source, set()).update(targets)
        return graph


class FileReads:
    """Records which files inside the repository each context opened for reading.

    Python's audit hooks see every `open`, whoever calls it; a hook cannot be removed, so it
    checks `active` and returns at once for other events.
    """

    def __init__(self, paths):
        self.contexts = {}
        self.current = set()
        self.active = True
        relative = paths.relative

        def hook(event, args):
            if event != "open" or not self.active:
                return
            path, mode = args[0], args[1]
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            elif not isinstance(path, str):
                return
            # Imports open every module's source or bytecode: set those aside first.
            if path.endswith((".py", ".pyc")):
                return
            if mode and ("w" in mode or "a" in mode or "x" in mode or "+" in mode):
                return
            name = relative(os.path.abspath(path))
            if name is not None and os.path.isfile(path):
                self.current.add(name)

        sys.addaudithook(hook)

    def switch(self, context):
        self.current = self.contexts.setdefault(context, set())

    def stop(self):
        self.active = False


def _environment_change(recorded, current):
    """Says what differs between two environments (interpreter, packages), or None."""
    if not recorded:
        return None
    if recorded.get("python") != current["python"]:
        return f"the interpreter changed ({recorded.get('python')} -> {current['python']})"
    if recorded.get("packages") != current["packages"]:
        return "the installed packages changed"
    return None


def _fixture_context(fixturedef):
    return f"{FIXTURE_PREFIX}{fixturedef.baseid}::{fixturedef.argname}"


def _wide_fixture_contexts(item):
    """The contexts of the module-, class-, package- or session-scoped fixtures a test uses."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = getattr(info, "name2fixturedefs", {}) if info else {}
    contexts = []
    for name in getattr(item, "fixturenames", ()):
        chain = definitions.get(name) or ()
        if chain and chain[-1].scope != "function":
            contexts.append(_fixture_context(chain[-1]))
    return sorted(set(contexts))


def _outcome(reports):
    """Maps a test's setup, call and teardown reports to one outcome."""
    if any(r.failed for r in reports if r.when != "call"):
        return "error"
    if any(r.failed for r in reports):
        return "failed"
    for report in reports:
        if report.skipped:
            return "xfailed" if hasattr(report, "wasxfail") else "skipped"
    if any(hasattr(r, "wasxfail") for r in reports if r.when == "call"):
        return "xpassed"
    return "passed"


def _bucket(salt, path, count):
    """64-bit FNV-1a of salt + path, modulo count; Sieve's FileBucket computes the same."""
    value = 0xCBF29CE484222325
    for byte in (salt + path).encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value % count


def _in_partition(nodeid, path, partition, widened):
    """Whether a kept test belongs to this part of a split run (a CI shard or a local worker).

    A planned test belongs to the part the plan gives it; any other test (new, or unknown to
    the plan) to the part its file's hash picks, so each lands in exactly one part. When the
    environment changed (`widened`), every part also runs its hash share of the planned tests.
    """
    if nodeid in partition["tests"]:
        return True
    if nodeid in partition["planned"] and not widened:
        return False
    return _bucket(partition["salt"], path, partition["count"]) == partition["index"]


def _sorted(files):
    return {path: sorted(lines) for path, lines in sorted(files.items())}


# MARK: - Plugin


class Recorder:
    """Switches contexts around collection and tests, applies Sieve's selection, writes results."""

    def __init__(self, results, paths, collector, selection, imports, partitions=()):
        self.results = results
        self.environment = describe_environment()
        self.environment_change = None
        if selection is not None:
            # Selecting against data from another interpreter or package set is unsafe.
            self.environment_change = _environment_change(
                selection["environment"], self.environment
            )
            if self.environment_change:
                selection = None
        self.import_graph = imports
        self.partitions = partitions
        self.reads = FileReads(paths)
        worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", ... in a pytest-xdist worker
        self.is_xdist_worker = bool(worker)
        self.output = f"{results}.{worker}" if worker else results
        self.paths = paths
        self.collector = collector
        self.selection = selection
        self.imports = set()
        self.fixtures = set()  # contexts of fixtures wider than a function, set up this session
        self.current = SESSION
        self.collected = {}  # nodeid -> path, in collection order
        self.deselected = set()  # nodeids the user's options (-k, -m, --deselect) deselected
        self.deselecting = False  # True while Sieve itself reports a deselection
        self.tests = []  # dicts without "lines", filled in when writing
        self.running = None  # (nodeid, reports) of the test this process runs now
        self.finished = collector is None
        if collector is not None:
            self.switch(SESSION)

    def switch(self, context):
        self.current = context
        self.collector.switch(context)
        self.reads.switch(context)

    @WRAPPER
    def pytest_fixture_setup(self, fixturedef, request):
        # A module- or session-scoped fixture is set up once, inside whichever test needs it
        # first; recording it apart lets every test that uses it depend on it.
        if fixturedef.scope == "function" or self.collector is None:
            return (yield)
        context = _fixture_context(fixturedef)
        self.fixtures.add(context)
        previous = self.current
        self.switch(context)
        try:
            return (yield)
        finally:
            self.switch(previous)

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config):
        if self.collector is None:  # failing here, not earlier, gives a clean exit code 3
            version = "%d.%d" % sys.version_info[:2]
            message = f"Python {version} needs coverage.py to collect: pip install coverage"
            _write(self.results, [{"type": "error", "message": message}])
            pytest.exit("sieve: " + message, returncode=3)

    @WRAPPER
    def pytest_make_collect_report(self, collector):
        if not isinstance(collector, pytest.Module):
            return (yield)
        # Importing the module happens here, with any __init__.py it pulls in; conftest
        # files of directories are loaded earlier, while collecting the directory (session).
        context = IMPORT_PREFIX + self.paths.name(collector.path)
        self.imports.add(context)
        self.switch(context)
        try:
            return (yield)
        finally:
            self.switch(SESSION)

    def pytest_ignore_collect(self, collection_path, config):
        if self.selection and not collection_path.is_dir():
            if self.paths.name(collection_path) in self.selection["ignoreFiles"]:
                return True
        return None

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config, items):
        self.collected.update((item.nodeid, self.paths.name(item.path)) for item in items)
        keep = items
        if self.selection is not None and not self.selection["everything"]:
            affected, known = self.selection["affected"], self.selection["known"]
            keep = [
                i for i in keep
                if i.nodeid in affected or i.nodeid not in known
                or i.get_closest_marker(ALWAYS_MARKER)
            ]
        widened = self.environment_change is not None
        for partition in self.partitions:
            keep = [
                i for i in keep
                if _in_partition(i.nodeid, self.paths.name(i.path), partition, widened)
            ]
        if len(keep) < len(items):
            kept = set(map(id, keep))
            self.deselecting = True
            try:
                config.hook.pytest_deselected(items=[i for i in items if id(i) not in kept])
            finally:
                self.deselecting = False
            items[:] = keep

    def pytest_deselected(self, items):
        if not self.deselecting:
            self.deselected.update(item.nodeid for item in items)

    @WRAPPER
    def pytest_runtest_protocol(self, item):
        nodeid = item.nodeid
        reports = []
        self.running = (nodeid, reports)
        self.switch(nodeid)
        try:
            outcome = yield
        finally:  # an exception here (new-style wrappers) is an interrupted test
            self.switch(SESSION)
            self.running = None
        # An old-style hookwrapper gets a result object, with the exception if any.
        if getattr(outcome, "excinfo", None) is not None or not reports:
            return outcome  # interrupted: no outcome to record
        path = self.paths.name(item.path)
        contexts = [SESSION] + [c for c in [IMPORT_PREFIX + path] if c in self.imports]
        contexts += [c for c in _wide_fixture_contexts(item) if c in self.fixtures]
        self.tests.append({
            "type": "test",
            "nodeid": nodeid,
            "path": path,
            "outcome": _outcome(reports),
            "duration": sum(r.duration for r in reports),
            "contexts": contexts,
            "always": item.get_closest_marker(ALWAYS_MARKER) is not None,
        })
        return outcome

    def pytest_runtest_logreport(self, report):
        # Under pytest-xdist the controller also hears of the workers' tests: not its own.
        running = self.running
        if running is not None and report.nodeid == running[0]:
            running[1].append(report)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        self.stop()
        config = session.config
        header = {
            "type": "session",
            "python": platform.python_version(),
            "implementation": sys.implementation.name,
            "collector": self.collector.name,
            "pytest": pytest.__version__,
            "rootdir": str(config.rootpath),
            "invocationDir": str(config.invocation_params.dir),
            "environment": self.environment,
        }
        if self.environment_change:
            header["environmentChange"] = self.environment_change
        contexts = self.collector.results()
        key = self.collector.key
        shared = {name: contexts.get(name, {}) for name in [SESSION, *self.imports, *self.fixtures]}
        collected = self.collected
        graph = self.import_graph.files(self.paths)
        reads = self.reads.contexts
        tests = [
            dict(t, **{key: _sorted(contexts.get(t["nodeid"], {})),
                       "files": sorted(reads.get(t["nodeid"], ()))})
            for t in self.tests
        ]
        # Under pytest-xdist the workers run the tests; the controller folds in what each of
        # them wrote (a worker must not: it could take another's file while it is written).
        worker_records = [] if self.is_xdist_worker else _take_worker_records(self.results)
        for record in worker_records:
            if record["type"] == "context":
                files = shared.setdefault(record["name"], {})
                for path, lines in record[key].items():
                    files.setdefault(path, set()).update(lines)
                reads.setdefault(record["name"], set()).update(record.get("files", ()))
            elif record["type"] == "collected":
                collected.setdefault(record["nodeid"], record["path"])
            elif record["type"] == "test":
                tests.append(record)
            elif record["type"] == "imports":
                for source, targets in record["graph"].items():
                    graph.setdefault(source, set()).update(targets)
        names = sorted(shared, key=lambda name: (name != SESSION, name))
        deselected = self.deselected
        for record in worker_records:
            if record["type"] == "deselected":
                deselected.update(record["nodeids"])
        records = [header]
        records += [
            {"type": "context", "name": n, key: _sorted(shared[n]), "files": sorted(reads.get(n, ()))}
            for n in names
        ]
        records += [{"type": "collected", "nodeid": n, "path": p} for n, p in collected.items()]
        records += tests
        records.append({"type": "deselected", "nodeids": sorted(deselected)})
        records.append({"type": "imports", "graph": _sorted(graph)})
        records.append({"type": "end", "exitstatus": int(exitstatus)})
        _write(self.output, records)
        self.release()

    def pytest_unconfigure(self, config):
        self.stop()

    def release(self):
        """Drops what was recorded, once written: Python's exit walks every object left alive,
        and at 12,000 tests these made it about a second longer."""
        for table in (self.tests, self.collected, self.collector.contexts, self.reads.contexts,
                      self.import_graph.edges):
            table.clear()

    def stop(self):
        self.import_graph.stop()
        self.reads.stop()
        if not self.finished:
            self.finished = True
            self.collector.stop()


def _worker_files(results):
    """The files pytest-xdist workers wrote beside `results` (not their temporary files)."""
    return [
        name for name in glob.glob(glob.escape(results) + ".gw*")
        if name[len(results) + 3:].isdigit()
    ]


def _take_worker_records(results):
    """Reads and removes the files pytest-xdist workers wrote beside `results`."""
    records = []
    for name in sorted(_worker_files(results)):
        with open(name, encoding="utf-8") as file:
            records += [json.loads(line) for line in file if line.strip()]
        os.remove(name)
    return records


def _write(results, records):
    temporary = results + ".tmp"
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(temporary, "w", encoding="utf-8") as file:
        for record in records:
            file.write(encode(record) + "\n")
    os.replace(temporary, results)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{ALWAYS_MARKER}: Sieve always runs this test (for what coverage cannot see: "
        "subprocesses, network, files outside the repository)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config):
    """Starts recording before the first conftest.py is imported."""
    results = os.environ.get("SIEVE_RESULTS")
    if not results:
        return
    paths = PathFilter(os.environ.get("SIEVE_ROOT") or os.getcwd())
    selection = None
    partitions = []
    if os.environ.get("SIEVE_SELECTION"):
        with open(os.environ["SIEVE_SELECTION"], encoding="utf-8") as file:
            raw = json.load(file)
        keys = ("affected", "known", "ignoreFiles")
        selection = {key: set(raw.get(key, [])) for key in keys}
        selection["environment"] = raw.get("environment")
        selection["everything"] = bool(raw.get("everything"))
        partitions = [
            dict(p, tests=set(p["tests"]), planned=set(p["planned"]))
            for p in raw.get("partitions", [])
        ]
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        for stale in _worker_files(results):
            os.remove(stale)
    collector = _make_collector(paths)
    recorder = Recorder(results, paths, collector, selection, ImportGraph(), partitions)
    early_config.pluginmanager.register(recorder, "sieve")
