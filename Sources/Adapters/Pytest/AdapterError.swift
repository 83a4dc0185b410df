/// Why the pytest adapter could not do its part.
public enum AdapterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The collector plugin is not installed beside `sieve`.
  case pluginMissing(String)
  /// pytest ran but the collector wrote no results.
  case noResults(exitCode: Int32)
  /// The collector reported a problem it could not work around.
  case collectorFailed(String)
  /// The results file could not be read.
  case unreadableResults(path: String, reason: String)
  /// The interpreter could not describe its environment.
  case environmentProbeFailed(python: String, reason: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .pluginMissing(let path):
      "Sieve's pytest plugin is missing at \(path). Reinstall Sieve so that its resource bundle sits beside the sieve binary, or set SIEVE_PLUGIN_PATH."
    case .noResults(let code):
      "pytest exited with \(code) before Sieve's collector wrote any results. Check that pytest is installed for this Python and that the command line is valid."
    case .collectorFailed(let message):
      "\(message)"
    case .unreadableResults(let path, let reason):
      "Sieve could not read the collector's results at \(path) (\(reason)). Run again; if it persists, report it with the file attached."
    case .environmentProbeFailed(let python, let reason):
      "Could not ask \(python) for its environment (\(reason)). Name the interpreter pytest runs under with --python."
    }
  }
}
