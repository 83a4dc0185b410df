import SieveModel
import Subprocess
import SystemPackage

extension ChildProcess {
  /// Runs the process to completion and returns what it printed on standard output.
  ///
  /// Standard input is closed and standard error is discarded: this is for small helper
  /// programs whose answer Sieve reads, not for test runners.
  ///
  /// - Parameter limit: The most bytes of output to keep.
  /// - Returns: The exit code and the output.
  /// - Throws: ``RunError/executableNotFound(_:)`` when the program does not exist,
  ///   ``RunError/launchFailed(_:reason:)`` when it cannot be started.
  public func captureOutput(limit: Int = 1 << 20) async throws(RunError) -> (
    exitCode: Int32, output: String
  ) {
    do {
      let result = try await Subprocess.run(
        target,
        arguments: Arguments(arguments),
        environment: environmentUpdates,
        workingDirectory: workingDirectory.map { FilePath($0) },
        output: .string(limit: limit),
        error: .discarded
      )
      let code: Int32 =
        switch result.terminationStatus {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
      return (code, result.standardOutput)
    } catch {
      throw launchError(error)
    }
  }
}

extension ChildProcess {
  /// The program as swift-subprocess names it: a path when found on `PATH`, else the name.
  var target: Executable {
    let resolved = ExecutableSearch.resolve(executable)
    return resolved.contains("/") ? .path(FilePath(resolved)) : .name(resolved)
  }

  /// The inherited environment with ``environment``'s additions and removals.
  var environmentUpdates: Environment {
    var updates: [Environment.Key: String?] = [:]
    for (key, value) in environment {
      if let key = Environment.Key(rawValue: key) { updates[key] = value }
    }
    return .inherit.updating(updates)
  }

  /// The ``RunError`` for a process that could not be started.
  func launchError(_ error: any Error) -> RunError {
    let text = String(describing: error)
    if text.contains("not found") || text.contains("No such file") {
      return .executableNotFound(executable)
    }
    return .launchFailed(executable, reason: text)
  }
}
