/// A test pytest collected but that has never run, as the database remembers it.
///
/// Tests the user deselected (`-k`, `-m`, `--deselect`) carry the pytest arguments that
/// deselected them; a test that was collected but not reached (`-x` stopped the session, an
/// interrupt) carries none.
public struct NeverRunTest: Sendable, Equatable {
  /// The file that defines the test.
  public var path: RepoPath
  /// The user's pytest arguments (a JSON array of strings) of the run that
  /// deselected the test, or `nil` when it was not deselected by the user.
  public var deselectedBy: String?

  /// Creates a never-run test.
  ///
  /// - Parameters:
  ///   - path: The file that defines the test.
  ///   - deselectedBy: The arguments that deselected it, or `nil`.
  public init(path: RepoPath, deselectedBy: String?) {
    self.path = path
    self.deselectedBy = deselectedBy
  }
}
