import Foundation
import SieveModel
import SievePytest
import SieveRun
import SieveSelect

/// The pytest processes of one run — one, or one per local worker — and the files each writes.
struct WorkerLaunch {
  /// One pytest process and the files it writes.
  struct Worker {
    var process: ChildProcess
    var resultsPath: String
    /// The worker's own JUnit report, merged into the run's at the end (several workers only).
    var junitPath: String?
  }

  var workers: [Worker]
  /// The repository root, which a warm worker must not load from.
  let root: String

  /// Prepares the processes: a selection file and a results file each, `SIEVE_WORKER` and an
  /// output file for every worker but the first when there are several.
  ///
  /// - Parameters:
  ///   - command: The user's pytest command.
  ///   - selection: What selection chose.
  ///   - split: How the run is split.
  ///   - known: Every test the database knows, with its file.
  ///   - recordedEnvironment: The environment the database was recorded in, if known.
  ///   - junitXML: Where the run's JUnit report goes, if anywhere.
  ///   - root: The repository root.
  ///   - scratch: A directory for the files.
  /// - Throws: An error from the file system, or `AdapterError.pluginMissing`.
  init(
    command: PytestCommand, selection: Selection, split: RunSplit, known: [TestID: RepoPath],
    recordedEnvironment: [String: String]?, junitXML: String?, root: String, scratch: String
  ) throws {
    let several = split.workerCount > 1
    self.root = root
    let otherShardsFiles = split.filesOfOtherShards(known: known)
    workers = []
    for index in 0..<split.workerCount {
      let partitions = split.partitions(forWorker: index)
      var file: PytestSelectionFile?
      if selection.runEverything == nil {
        file = PytestSelectionFile(
          affected: Set(selection.tests.keys), known: known, changedFiles: selection.changedFiles,
          environment: recordedEnvironment, partitions: partitions,
          alsoIgnoring: otherShardsFiles)
      } else if !partitions.isEmpty {
        file = .everything(partitions: partitions, ignoring: otherShardsFiles)
      }
      var selectionPath: String?
      if let file {
        selectionPath = scratch + "/selection-\(index).json"
        try file.write(to: scratch + "/selection-\(index).json")
      }
      let resultsPath = scratch + "/results-\(index).jsonl"
      // The results are read as soon as they appear (ResultsPrefetch): none may be there yet.
      try? FileManager.default.removeItem(atPath: resultsPath)
      var environment = try PytestPlugin.environment(
        results: resultsPath, root: root, selection: selectionPath)
      var junitPath: String?
      var workerCommand = command
      if several {
        environment["SIEVE_WORKER"] = String(index)
        if junitXML != nil { junitPath = scratch + "/junit-\(index).xml" }
      }
      if let report = junitPath ?? junitXML {
        workerCommand = command.adding(["--junitxml=\(report)"])
      }
      let process = ChildProcess(
        executable: workerCommand.executable, arguments: workerCommand.arguments,
        environment: environment,
        // Worker 0 writes to the terminal as it goes; the others' output follows at the end.
        outputPath: index > 0 ? scratch + "/output-\(index).txt" : nil)
      workers.append(Worker(process: process, resultsPath: resultsPath, junitPath: junitPath))
    }
  }

  /// Runs the processes to completion and merges the workers' JUnit reports into `junitXML`.
  ///
  /// - Parameters:
  ///   - junitXML: The run's JUnit report, if any.
  ///   - warm: Whether to run pytest in a warm worker (``WarmPytestWorker``) when one serves
  ///     this command line; a cold run then starts one for the next run, once pytest exits.
  ///   - onWorkerOutput: Called, in order, with the output of every worker but the first.
  /// - Returns: The run's exit code (pytest's, or the gravest of the workers'), and a note
  ///   on the warm worker: whenever one ran or started, and why not when one was asked for.
  /// - Throws: A `RunError` when a process cannot be started; an error from the file system
  ///   when the JUnit report cannot be written.
  func run(
    junitXML: String?, warm: WarmMode = .cold, onWorkerOutput: (WorkerOutput) -> Void
  ) async throws -> (exitCode: Int32, note: String?) {
    var note: String?
    var startsNext: (worker: WarmPytestWorker, stale: String?)?
    if warm != .cold && workers.count > 1 {
      if warm == .asked { note = "--warm serves one pytest process; ran \(workers.count) as usual" }
    } else if warm != .cold {
      switch WarmPytestWorker.make(for: workers[0].process, root: root) {
      case .failure(let refusal):
        if warm == .asked { note = "\(refusal.sentence); ran pytest as usual" }
      case .success(let warmWorker):
        switch await warmWorker.run() {
        case .ran(let code):
          return (code, "pytest ran in the warm worker")
        case .cold(let refusal?, _):
          if warm == .asked { note = refusal }
        case .cold(nil, let stale):
          startsNext = (warmWorker, stale)
        case .starting:
          note = "the warm pytest worker is still starting; ran pytest as usual"
        }
      }
    }
    if workers.count == 1 {
      let code = try await workers[0].process.run()
      if let (worker, stale) = startsNext {
        note = worker.startForNextRun(staleBecause: stale, namingOptOut: warm == .automatic)
      }
      return (code, note)
    }
    let codes = try await ChildProcess.runConcurrently(workers.map(\.process))
    for (index, worker) in workers.enumerated() where index > 0 {
      let text = worker.process.outputPath.flatMap { FileManager.default.contents(atPath: $0) }
      onWorkerOutput(
        WorkerOutput(
          worker: index, exitCode: codes[index],
          text: text.map { String(decoding: $0, as: UTF8.self) } ?? ""))
    }
    if let junitXML {
      let reports = workers.compactMap { $0.junitPath }.compactMap {
        try? JUnitReport.read(from: $0)
      }
      try JUnitReport.merging(reports).write(to: junitXML)
    }
    return (PytestExitCode.combined(codes), note)
  }

  /// The results of the run, united across workers; `nil` when a worker wrote none.
  ///
  /// - Throws: `AdapterError.unreadableResults` for a malformed results file.
  func results() throws -> PytestResults? {
    try Self.results(at: workers.map(\.resultsPath))
  }

  /// The results in `paths`, united; `nil` when one of the files is missing.
  ///
  /// - Throws: `AdapterError.unreadableResults` for a malformed results file.
  static func results(at paths: [String]) throws -> PytestResults? {
    var parts: [PytestResults] = []
    for path in paths {
      guard let part = try PytestResults.read(from: path) else { return nil }
      parts.append(part)
    }
    return parts.count == 1 ? parts[0] : PytestResults.combined(parts)
  }
}
