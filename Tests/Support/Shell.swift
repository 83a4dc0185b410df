import Foundation

/// Synchronous command running for tests, through Foundation's `Process`.
///
/// Production code spawns with swift-subprocess; tests may use `Process`, whose start-up cost
/// does not matter here.
public enum Shell {
  /// A command that exited with a non-zero status.
  public struct Failure: Error, CustomStringConvertible {
    /// The command line, for the message.
    public let command: String
    /// The directory it ran in.
    public let directory: String
    /// Its exit status.
    public let status: Int32
    /// What it wrote to standard error.
    public let standardError: String

    /// The command, its status and its standard error.
    public var description: String {
      "\(command) (in \(directory)) exited \(status): \(standardError)"
    }
  }

  /// Variables every command gets beneath the caller's `environment`: Sieve runs pytest cold
  /// (`SIEVE_WARM=0`), so no test leaves a warm worker behind unless it asks for one.
  public static let defaultEnvironment = ["SIEVE_WARM": "0"]

  /// Runs a command to completion and returns its status and output.
  ///
  /// Standard output and standard error go to temporary files, so a chatty command cannot
  /// fill a pipe and deadlock.
  ///
  /// - Parameters:
  ///   - executable: A path, or a name looked up on `PATH` (through `/usr/bin/env`).
  ///   - arguments: The arguments.
  ///   - directory: The working directory.
  ///   - environment: Variables set on top of this process's environment and
  ///     ``defaultEnvironment``.
  /// - Returns: The exit status (or the signal number when killed) and both outputs as text.
  /// - Throws: When the command cannot be started.
  public static func run(
    _ executable: String,
    _ arguments: [String],
    in directory: String,
    environment: [String: String] = [:]
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    if executable.contains("/") {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [executable] + arguments
    }
    process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
    process.environment = ProcessInfo.processInfo.environment
      .merging(defaultEnvironment) { $1 }.merging(environment) { $1 }

    let outputs = try TemporaryDirectory(prefix: "sieve-shell")
    let stdoutURL = outputs.url(for: "stdout")
    let stderrURL = outputs.url(for: "stderr")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
    let stderrHandle = try FileHandle(forWritingTo: stderrURL)
    defer {
      try? stdoutHandle.close()
      try? stderrHandle.close()
    }
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    process.standardInput = FileHandle.nullDevice

    try process.run()
    process.waitUntilExit()
    return (
      process.terminationStatus,
      try String(contentsOf: stdoutURL, encoding: .utf8),
      try String(contentsOf: stderrURL, encoding: .utf8)
    )
  }

  /// Runs a command and returns its standard output, throwing when it fails.
  ///
  /// - Parameters:
  ///   - executable: A path, or a name looked up on `PATH`.
  ///   - arguments: The arguments.
  ///   - directory: The working directory.
  ///   - environment: Variables set on top of this process's environment and
  ///     ``defaultEnvironment``.
  /// - Returns: Standard output without trailing newlines.
  /// - Throws: ``Failure`` when the command exits with a non-zero status.
  @discardableResult
  public static func output(
    _ executable: String,
    _ arguments: [String],
    in directory: String,
    environment: [String: String] = [:]
  ) throws -> String {
    let result = try run(executable, arguments, in: directory, environment: environment)
    guard result.status == 0 else {
      throw Failure(
        command: ([executable] + arguments).joined(separator: " "), directory: directory,
        status: result.status, standardError: result.stderr)
    }
    var text = Substring(result.stdout)
    while text.last?.isNewline == true { text.removeLast() }
    return String(text)
  }
}
