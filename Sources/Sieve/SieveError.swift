/// Why Sieve could not work at all.
///
/// Uncertainty is not an error: when Sieve can still run tests, it runs more of them and says
/// why (see `SelectionReason`). These cases are for when it cannot.
public enum SieveError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The directory is not inside a git work tree.
  case notARepository(String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .notARepository(let directory):
      "\(directory) is not inside a git repository. Run sieve inside one (git init), since Sieve asks git what changed."
    }
  }
}
