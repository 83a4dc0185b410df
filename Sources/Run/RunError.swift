/// Why a test runner could not be started.
public enum RunError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The program was not found on `PATH`.
  case executableNotFound(String)
  /// The program exists but could not be started.
  case launchFailed(String, reason: String)
  /// A JUnit XML file could not be read or holds no `<testsuite>`.
  case unreadableReport(path: String, reason: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .executableNotFound(let name):
      "\(name) was not found on PATH. Install it (for pytest: pip install pytest), or name the command in full: sieve run -- python3 -m pytest."
    case .launchFailed(let name, let reason):
      "\(name) could not be started (\(reason)). Check that it is an executable program."
    case .unreadableReport(let path, let reason):
      "\(path) is not a JUnit XML report Sieve can read (\(reason)). Pass the files pytest wrote with --junitxml."
    }
  }
}
