import Foundation
import SieveModel
import Subprocess
import SystemPackage

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a test runner as a child process whose output goes straight to the terminal.
///
/// While the child runs, Sieve ignores Ctrl-C itself (the terminal delivers it to the child,
/// which stops and reports), so Sieve can still finish cleanly afterwards.
public struct ChildProcess: Sendable {
  /// The program: a name looked up on `PATH`, or a path.
  public var executable: String
  /// The arguments after the program.
  public var arguments: [String]
  /// Variables to add to (or, with `nil`, remove from) the inherited environment.
  public var environment: [String: String?]
  /// The working directory, or `nil` for Sieve's own.
  public var workingDirectory: String?

  /// Creates a child process description.
  ///
  /// - Parameters:
  ///   - executable: The program: a name looked up on `PATH`, or a path.
  ///   - arguments: The arguments after the program.
  ///   - environment: Variables to add to or remove from the inherited environment.
  ///   - workingDirectory: The working directory, or `nil` for Sieve's own.
  public init(
    executable: String, arguments: [String], environment: [String: String?] = [:],
    workingDirectory: String? = nil
  ) {
    self.executable = executable
    self.arguments = arguments
    self.environment = environment
    self.workingDirectory = workingDirectory
  }

  /// Runs the process to completion with inherited standard streams.
  ///
  /// - Returns: The exit code; a process killed by signal N gives 128 + N, as shells do.
  /// - Throws: ``RunError/executableNotFound(_:)`` when the program does not exist,
  ///   ``RunError/launchFailed(_:reason:)`` when it cannot be started.
  public func run() async throws(RunError) -> Int32 {
    let resolved = ExecutableSearch.resolve(executable)
    let target: Executable =
      resolved.contains("/") ? .path(FilePath(resolved)) : .name(resolved)
    var updates: [Environment.Key: String?] = [:]
    for (key, value) in environment {
      if let key = Environment.Key(rawValue: key) { updates[key] = value }
    }
    let previousInterrupt = signal(SIGINT, ignoreWhileChildRuns)
    let previousTerminate = signal(SIGQUIT, ignoreWhileChildRuns)
    defer {
      signal(SIGINT, previousInterrupt)
      signal(SIGQUIT, previousTerminate)
    }
    do {
      let result = try await Subprocess.run(
        target,
        arguments: Arguments(arguments),
        environment: .inherit.updating(updates),
        workingDirectory: workingDirectory.map { FilePath($0) },
        input: .currentStandardInput,
        output: .currentStandardOutput,
        error: .currentStandardError
      )
      switch result.terminationStatus {
      case .exited(let code): return Int32(code)
      case .signaled(let signal): return 128 + Int32(signal)
      }
    } catch {
      let text = String(describing: error)
      if text.contains("not found") || text.contains("No such file") {
        throw .executableNotFound(executable)
      }
      throw .launchFailed(executable, reason: text)
    }
  }
}

/// A signal handler that does nothing; unlike `SIG_IGN`, it is reset to the default in the
/// child on `exec`, so the test runner still receives Ctrl-C.
private func ignoreWhileChildRuns(_ signal: Int32) {}
