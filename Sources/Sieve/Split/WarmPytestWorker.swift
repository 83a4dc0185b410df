import Foundation
import SieveBlocks
import SievePytest
import SieveRun

#if canImport(Glibc)
  import Glibc
#endif

/// The warm pytest worker behind `sieve run --warm`: one background Python process with
/// pytest and its plugins imported (`sieve_pytest.warm`), forked for each run of one command
/// line.
///
/// A worker serves exactly one interpreter, argument list, directory and environment (its
/// key names its socket); any difference starts another, and a repository keeps at most
/// ``workersPerRepository`` of them. It refuses to run when a file it loaded changed, and
/// never loads the repository's own modules. Runs it cannot serve run pytest as usual, with
/// a one-line note.
struct WarmPytestWorker {
  /// The variables that differ from run to run: sent with the run, never part of the key.
  ///
  /// Besides Sieve's own (`SIEVE_WARM` included: it chooses the worker, pytest never reads
  /// it), the shell's bookkeeping: the previous directory (`cd` changes it) and the last
  /// command's path.
  static let perRunVariables = [
    "SIEVE_RESULTS", "SIEVE_SELECTION", "SIEVE_WORKER", WarmMode.variable, "OLDPWD", "_",
  ]

  /// How many workers one repository keeps: starting another ends the least recently used.
  ///
  /// Each holds an interpreter with pytest and its plugins imported, tens of megabytes, for
  /// up to 15 idle minutes; without a bound, every change of environment (a `PATH` that a
  /// profiler or a virtual environment's activation changes) left one more behind.
  static let workersPerRepository = 2

  /// The worker and how to start it.
  let worker: WarmWorker
  /// The run's own variables.
  let runEnvironment: [String: String?]
  /// The folder of every worker's socket.
  let folder: String
  /// The start of the socket names of this repository's workers.
  let repositoryPrefix: String

  /// The worker for a pytest process, or why there is none.
  ///
  /// - Parameters:
  ///   - process: The pytest process the run would start.
  ///   - root: The repository root, which the worker must not load from.
  /// - Returns: The worker, or a sentence saying why the run cannot be warm.
  static func make(for process: ChildProcess, root: String) -> Result<Self, Refusal> {
    guard process.arguments.starts(with: ["-m", "pytest"]) else {
      return .failure(
        Refusal("--warm serves `python -m pytest …` without interpreter options"))
    }
    let directory = process.workingDirectory ?? FileManager.default.currentDirectoryPath
    var environment = ProcessInfo.processInfo.environment
    for (name, value) in process.environment { environment[name] = value }
    var runEnvironment: [String: String?] = [:]
    var workerEnvironment = process.environment
    for name in perRunVariables {
      runEnvironment.updateValue(environment[name], forKey: name)
      environment[name] = nil
      workerEnvironment.updateValue(nil, forKey: name)
    }
    let folder: String
    switch socketFolder() {
    case .success(let path): folder = path
    case .failure(let refusal): return .failure(refusal)
    }
    var key = [process.executable] + process.arguments + [directory, root]
    key += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let digest = ContentHasher.hash(Array(key.joined(separator: "\0").utf8)).description
    let repositoryPrefix = ContentHasher.hash(Array(root.utf8)).description + "-"
    let socket = folder + "/" + repositoryPrefix + digest
    let start = ChildProcess(
      executable: process.executable,
      arguments: ["-m", "sieve_pytest.warm", socket, root] + process.arguments.dropFirst(2),
      environment: workerEnvironment, workingDirectory: process.workingDirectory,
      outputPath: socket + ".log")
    return .success(
      Self(
        worker: WarmWorker(socketPath: socket, process: start), runEnvironment: runEnvironment,
        folder: folder, repositoryPrefix: repositoryPrefix))
  }

  /// What came of asking the worker for a run.
  enum Attempt {
    /// pytest ran in the worker, with this exit code.
    case ran(exitCode: Int32)
    /// Nothing ran: pytest must run as usual. `refusal` says why no worker will serve this
    /// command line (the worker refused the project); otherwise
    /// ``startForNextRun(staleBecause:namingOptOut:)`` starts one, `stale` naming why the
    /// last one could not serve.
    case cold(refusal: String?, stale: String?)
    /// Nothing ran: a worker for this command line started moments ago and is still
    /// importing pytest and its plugins. pytest runs as usual, and no second worker starts.
    case starting
  }

  /// How long after its start a worker that has not yet said anything counts as starting.
  static let startingGrace: Double = 30

  /// Runs pytest in the worker if one serves this command line.
  func run() async -> Attempt {
    switch await worker.run(environment: runEnvironment) {
    case .ran(let code):
      // The log's time is the worker's last use (its socket's may not change: see warm.py).
      if let log = worker.process.outputPath { utimes(log, nil) }
      return .ran(exitCode: code)
    case .unavailable(let reason):
      if reason == nil && isStarting() { return .starting }
      return .cold(refusal: refusal(), stale: reason)
    }
  }

  /// Starts a worker for the next run of this command line, after ending this repository's
  /// least recently used one if it keeps ``workersPerRepository`` already.
  ///
  /// Called once the cold run's pytest has exited, so the worker's imports do not compete
  /// with the run.
  ///
  /// - Parameters:
  ///   - reason: Why the last worker could not serve this run, if it answered.
  ///   - namingOptOut: Whether the note on a first start says how to run without workers
  ///     (when nobody asked for one).
  /// - Returns: The note to show.
  func startForNextRun(staleBecause reason: String?, namingOptOut: Bool) -> String {
    retireLeastRecentlyUsed()
    do {
      try worker.start()
    } catch {
      return "could not start a warm pytest worker: \(error.description)"
    }
    if let reason {
      return "the warm pytest worker could not serve this run (\(reason)); started a new one"
    }
    let optOut = namingOptOut ? " (--no-warm or SIEVE_WARM=0 runs without one)" : ""
    return "started a warm pytest worker for the next run\(optOut)"
  }

  /// Ends this repository's least recently used workers, so that with the one about to start
  /// there are at most ``workersPerRepository``.
  ///
  /// A worker ends within a second of its socket being removed, after the run it may be
  /// serving; its log goes with it.
  private func retireLeastRecentlyUsed() {
    let own = (worker.socketPath as NSString).lastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let others = names.filter {
      $0.hasPrefix(repositoryPrefix) && !$0.hasSuffix(".log") && $0 != own
    }
    let newestFirst = others.map { ($0, lastUse(of: folder + "/" + $0)) }.sorted { $0.1 > $1.1 }
    for (name, _) in newestFirst.dropFirst(Self.workersPerRepository - 1) {
      unlink(folder + "/" + name)
      unlink(folder + "/" + name + ".log")
    }
  }

  /// When a worker last ran pytest or started: its log's modification time, in nanoseconds.
  private func lastUse(of socket: String) -> Int {
    var info = stat()
    guard stat(socket + ".log", &info) == 0 || stat(socket, &info) == 0 else { return 0 }
    return Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
  }

  /// Whether this command line's worker started less than ``startingGrace`` seconds ago and
  /// has written nothing of its own to its log yet: it serves, refuses or ends with a line
  /// that names it (`warm worker (pid N): …`, `sieve warm worker: …`).
  private func isStarting() -> Bool {
    guard let log = worker.process.outputPath else { return false }
    var info = stat()
    guard stat(log, &info) == 0 else { return false }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let age = Double(now.tv_sec - info.st_mtim.tv_sec)
    guard age < Self.startingGrace,
      let text = try? String(contentsOfFile: log, encoding: .utf8)
    else { return false }
    return !text.contains("warm worker")
  }

  /// The reason a worker gave for refusing this command line, from its log, if it did.
  private func refusal() -> String? {
    guard let log = worker.process.outputPath,
      let text = try? String(contentsOfFile: log, encoding: .utf8),
      let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sieve warm worker: ") })
    else { return nil }
    return
      "\(line.dropFirst("sieve warm worker: ".count)), so pytest runs as usual (remove \(log) to try again)"
  }

  /// `$TMPDIR/sieve-warm-UID`, made private to this user.
  private static func socketFolder() -> Result<String, Refusal> {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
    let folder = (base ?? "/tmp") + "/sieve-warm-\(getuid())"
    mkdir(folder, 0o700)
    var info = stat()
    guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(),
      info.st_mode & 0o077 == 0
    else {
      return .failure(Refusal("\(folder) is not a private folder of this user"))
    }
    return .success(folder)
  }

  /// Why a run cannot be warm, in one sentence.
  struct Refusal: Error {
    let sentence: String
    init(_ sentence: String) { self.sentence = sentence }
  }
}
