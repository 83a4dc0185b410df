import Foundation
import SieveModel
import SieveRun

/// Asks an interpreter for the environment the collector would record, without starting
/// pytest: `python -m sieve_pytest.environment`.
///
/// Baselines are published per environment; this picks the one the next pytest run will
/// accept.
public enum PythonEnvironmentProbe {
  /// The interpreter a pytest command line runs under.
  ///
  /// `python …` names it; for `pytest` and other scripts it is the `#!` line's interpreter;
  /// otherwise `python3`.
  ///
  /// - Parameter command: The pytest command.
  /// - Returns: An interpreter name or path.
  public static func interpreter(of command: PytestCommand) -> String {
    let name = command.executable.split(separator: "/").last.map(String.init) ?? ""
    if name.hasPrefix("python") { return command.executable }
    let path = ExecutableSearch.resolve(command.executable)
    guard let handle = FileHandle(forReadingAtPath: path) else { return "python3" }
    defer { try? handle.close() }
    let head = String(decoding: (try? handle.read(upToCount: 512)) ?? Data(), as: UTF8.self)
    guard head.hasPrefix("#!"), let line = head.dropFirst(2).split(separator: "\n").first else {
      return "python3"
    }
    let words = line.split(separator: " ").map(String.init)
    guard let program = words.first else { return "python3" }
    if program.hasSuffix("/env"),
      let target = words.dropFirst().first(where: { !$0.hasPrefix("-") })
    {
      return target
    }
    return program
  }

  /// Runs `python -m sieve_pytest.environment` in `root` and returns what it printed.
  ///
  /// - Parameters:
  ///   - python: The interpreter.
  ///   - root: The repository root (the working directory, as for pytest).
  /// - Returns: The environment's facts (`python`, `packages`).
  /// - Throws: ``AdapterError/environmentProbeFailed(python:reason:)`` when the interpreter
  ///   cannot be run or answers nonsense.
  public static func describe(python: String, root: String) async throws(AdapterError)
    -> [String: String]
  {
    let inherited = ProcessInfo.processInfo.environment["PYTHONPATH"].map { ":" + $0 } ?? ""
    let process = ChildProcess(
      executable: python, arguments: ["-m", "sieve_pytest.environment"],
      environment: ["PYTHONPATH": try PytestPlugin.directory() + inherited],
      workingDirectory: root)
    let answer: (exitCode: Int32, output: String)
    do {
      answer = try await process.captureOutput()
    } catch {
      throw .environmentProbeFailed(python: python, reason: error.description)
    }
    guard answer.exitCode == 0,
      let object = try? JSONSerialization.jsonObject(with: Data(answer.output.utf8)),
      let facts = object as? [String: String]
    else {
      throw .environmentProbeFailed(python: python, reason: "exit code \(answer.exitCode)")
    }
    return facts
  }
}
