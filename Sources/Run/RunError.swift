/// Why a test runner could not be started.
public enum RunError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The program was not found on `PATH`.
  case executableNotFound(String)
  /// The program exists but could not be started.
  case launchFailed(String, reason: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .executableNotFound(let name):
      "\(name) was not found on PATH. Install it (for pytest: pip install pytest), or name the command in full: sieve run -- python3 -m pytest."
    case .launchFailed(let name, let reason):
      "\(name) could not be started (\(reason)). Check that it is an executable program."
    }
  }
}
