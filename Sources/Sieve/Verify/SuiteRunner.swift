import Foundation
import SieveModel
import SievePytest
import SieveRun

/// Runs the whole suite with the collector reporting outcomes only.
///
/// Nothing is recorded, no bytecode is written, and pytest's cache plugin is off. Output goes
/// to a log file.
struct SuiteRunner {
  /// How one run of the suite went.
  struct Outcome {
    /// pytest's exit code (128 + N when killed by signal N).
    var exitCode: Int32
    /// Each test's outcome, or `nil` when the collector wrote nothing.
    var outcomes: [TestID: SieveModel.Outcome]?
    /// Whether the run was stopped for taking too long.
    var timedOut: Bool
    /// The end of pytest's output, for error messages.
    var logTail: String
  }

  let command: PytestCommand
  let root: String
  let scratch: String

  func run(name: String, timeout: TimeInterval?, guard treeGuard: TreeGuard) async throws
    -> Outcome
  {
    let resultsPath = scratch + "/\(name).jsonl"
    let logPath = scratch + "/\(name).log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    defer { try? log.close() }

    var environment = ProcessInfo.processInfo.environment
    for (key, value) in try PytestPlugin.environment(
      results: resultsPath, root: root, selection: nil)
    {
      environment[key] = value
    }
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    let addopts = environment["PYTEST_ADDOPTS"].map { $0 + " " } ?? ""
    environment["PYTEST_ADDOPTS"] = addopts + "-p no:cacheprovider"

    let process = Process()
    let resolved = ExecutableSearch.resolve(command.executable)
    guard resolved.contains("/") else { throw RunError.executableNotFound(command.executable) }
    process.executableURL = URL(fileURLWithPath: resolved)
    process.arguments = command.arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = log
    process.standardError = log
    do {
      try process.run()
    } catch {
      throw RunError.launchFailed(command.executable, reason: String(describing: error))
    }
    treeGuard.track(process)
    defer { treeGuard.track(nil) }
    let started = Date()
    var timedOut = false
    while process.isRunning {
      try? await Task.sleep(for: .milliseconds(20))
      if let timeout, !timedOut, Date().timeIntervalSince(started) > timeout {
        timedOut = true
        process.terminate()
      }
    }
    process.waitUntilExit()
    let exitCode =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    let results = try PytestResults.read(from: resultsPath)
    var outcomes: [TestID: SieveModel.Outcome]?
    if let results, results.error == nil {
      outcomes = Dictionary(results.tests.map { ($0.id, $0.outcome) }) { _, last in last }
    }
    let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    let tail = text.split(separator: "\n").suffix(5).joined(separator: " | ")
    return Outcome(
      exitCode: exitCode, outcomes: outcomes, timedOut: timedOut,
      logTail: results?.error ?? tail)
  }
}
