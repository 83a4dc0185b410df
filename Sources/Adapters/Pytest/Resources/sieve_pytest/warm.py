"""Sieve's warm pytest worker: pytest and its plugins imported once, forked for every run.

`sieve run --warm` starts it in the background, in pytest's directory and environment:

    python -m sieve_pytest.warm SOCKET ROOT ARG...

ARG... are the pytest arguments it serves. It imports pytest, then every installed pytest
plugin (entry point group `pytest11`, as a fresh pytest would load them, honouring
`PYTEST_DISABLE_PLUGIN_AUTOLOAD` and `-p no:NAME`) and its distribution's packages, under
pytest's assertion-rewriting hook unless `--assert=plain` is given. It refuses to serve (exits
with a message) if that loaded any file below ROOT: a warm process never holds the project.

Each connection on SOCKET (a SOCK_SEQPACKET Unix socket) is one run. The client sends a JSON
object {"env": {NAME: VALUE}} with the run's own variables and its standard input, output
and error (SCM_RIGHTS). The worker answers "stale REASON" and exits when a loaded module's
file or a `sys.path` directory changed since it started; otherwise it forks, answers
"pid N", and, when the child ends, "exit CODE" (128 + N for signal N). The child runs
`pytest` as `python -m pytest ARG...` would, with `random` re-seeded.

The worker exits after SIEVE_WARM_IDLE seconds (default 900) without a run, or within a
second of SOCKET being removed or replaced or ROOT being removed.
"""

import atexit
import importlib
import importlib.metadata
import json
import os
import random
import runpy
import select
import socket
import sys
import time


def _disabled_plugins(args):
    names = set()
    for index, word in enumerate(args):
        value = None
        if word == "-p" and index + 1 < len(args):
            value = args[index + 1]
        elif word.startswith("-p") and len(word) > 2:
            value = word[2:]
        if value and value.startswith("no:"):
            names.add(value[3:])
    return names


def _preload(args):
    """Imports pytest and the plugins a fresh pytest with `args` would import at start."""
    import pytest  # noqa: F401

    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return
    disabled = _disabled_plugins(args)
    modules, packages = [], set()
    for dist in importlib.metadata.distributions():
        points = [p for p in dist.entry_points if p.group == "pytest11" and p.name not in disabled]
        if not points:
            continue
        top = (dist.read_text("top_level.txt") or "").split()
        packages.update(top)
        modules += [point.value.split(":")[0] for point in points] + top
    hook = None
    if "--assert=plain" not in args:
        from _pytest.assertion import install_importhook
        from _pytest.config import get_config

        config = get_config()
        # No ini file is read; plugins do not need one. pytest 9.1 moved the table to
        # `_inicfg` and made `inicfg` a deprecated property, which is left alone.
        for name in ("_inicfg", "inicfg"):
            is_property = isinstance(getattr(type(config), name, None), property)
            if name not in vars(config) and not is_property:
                setattr(config, name, {})
        hook = install_importhook(config)
        hook.mark_rewrite(*sorted(packages))
    try:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # the child imports it again, and reports what goes wrong
                pass
    finally:
        if hook is not None and hook in sys.meta_path:
            sys.meta_path.remove(hook)


def _signature(path):
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _is_within(path, root):
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _snapshot(roots):
    """The files of every loaded module and the `sys.path` directories, with signatures.

    Returns (files, problem): problem names a loaded module below a root, if any.
    """
    files = {}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        for variant in {os.path.abspath(path), os.path.realpath(path)}:
            if any(_is_within(variant, root) for root in roots):
                return files, "loading pytest's plugins loaded %s from the repository" % name
        files[path] = _signature(path)
    for entry in sys.path:
        # A module added to a directory outside the repository could shadow a loaded one.
        directory = os.path.abspath(entry or os.curdir)
        if not any(_is_within(directory, root) for root in roots):
            files[directory] = _signature(directory)
            # A `.pth` file edited in place (the directory's time stays) changes `sys.path`.
            for name in _pth_files(directory):
                files[os.path.join(directory, name)] = _signature(os.path.join(directory, name))
    return files, None


def _pth_files(directory):
    try:
        return [name for name in os.listdir(directory) if name.endswith(".pth")]
    except OSError:
        return []


def _changed(files):
    for path, signature in files.items():
        if _signature(path) != signature:
            return path
    return None


def _run_child(args, env, fds):
    """In the forked child: becomes `python -m pytest ARGS` on the client's streams."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    random.seed()
    if sys.stdout.isatty():
        sys.stdout.reconfigure(line_buffering=True)
    sys.argv = ["pytest"] + args
    code = 1
    try:
        # Exactly what `python -m pytest` runs (pytest 9.1 deprecated `pytest.console_main`).
        runpy.run_module("pytest", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001 - as the interpreter would, print and fail
        import traceback

        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code & 0xFF)


def _serve_one(connection, server, args, files):
    """Runs one client's pytest in a forked child. Returns False when the worker must end."""
    message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
    try:
        request = json.loads(message.decode() or "{}")
        changed = _changed(files)
        if changed is not None or len(fds) != 3:
            reason = "%s changed since the worker started" % changed if changed else "no streams"
            connection.send(("stale " + reason).encode())
            return False
        pid = os.fork()
        if pid == 0:
            try:
                connection.close()
                server.close()
                _run_child(args, request.get("env", {}), fds)
            finally:  # whatever fails before pytest starts, the child never serves
                os._exit(1)
    finally:
        for fd in fds:
            os.close(fd)
    child = os.pidfd_open(pid)
    try:
        connection.send(b"pid %d" % pid)
    except OSError:  # the client is gone: its run must not go on unattended
        os.kill(pid, 15)
    watched = [child, connection]
    try:
        while True:
            ready, _, _ = select.select(watched, [], [])
            if child in ready:
                _, status = os.waitpid(pid, 0)
                code = os.waitstatus_to_exitcode(status)
                code = 128 - code if code < 0 else code
                try:
                    connection.send(b"exit %d" % code)
                except OSError:
                    pass
                return True
            if connection in ready and not connection.recv(64):
                # The client is gone (killed); its run must not go on unattended.
                os.kill(pid, 15)
                watched = [child]
    finally:
        os.close(child)


def _log(message):
    print("warm worker (pid %d): %s" % (os.getpid(), message), file=sys.stderr, flush=True)


def main(argv):
    # Descriptors inherited from whoever started `sieve` (a pipe a parent waits on, a make
    # jobserver) must not stay open for the worker's lifetime.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    path, root, args = argv[0], argv[1], argv[2:]
    if not (hasattr(os, "pidfd_open") and hasattr(socket, "recv_fds") and hasattr(os, "fork")):
        sys.exit("sieve warm worker: it needs Python 3.9 or newer on Linux")
    roots = {os.path.abspath(root), os.path.realpath(root)}
    idle_limit = float(os.environ.get("SIEVE_WARM_IDLE", "900"))
    _preload(args)
    files, problem = _snapshot(roots)
    if problem:
        sys.exit("sieve warm worker: " + problem)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server.bind(path)
    os.chmod(path, 0o600)
    identity = _signature(path)
    server.listen(8)
    _log("serving %s" % path)
    last = time.monotonic()
    try:
        while True:
            ready, _, _ = select.select([server], [], [], 1.0)
            if not ready:
                if _signature(path) != identity:
                    return _log("ending: the socket was removed or replaced")
                if not os.path.isdir(root):
                    return _log("ending: the repository was removed")
                if time.monotonic() - last > idle_limit:
                    return _log("ending: no run for %d seconds" % idle_limit)
                continue
            connection, _ = server.accept()
            with connection:
                keep = _serve_one(connection, server, args, files)
            last = time.monotonic()
            if not keep:
                return _log("ending: stale")
    finally:
        if _signature(path) == identity:
            os.unlink(path)


if __name__ == "__main__":
    main(sys.argv[1:])
