import SieveModel

/// Why Sieve selected a test, or every test.
///
/// Reasons that widen the selection to everything are ``isRunEverything``; the CLI prints
/// them once on stderr and `--json` reports them.
public enum SelectionReason: Hashable, Sendable, Codable {
  /// There is no database yet.
  case noDatabase(path: String)
  /// The database could not be read; the message says why and what to do.
  case unreadableDatabase(message: String)
  /// The database comes from a newer Sieve.
  case newerDatabase(path: String)
  /// The database's commit is not in this repository (a shallow clone, or a rewritten history).
  case unknownCommit(commit: String)
  /// The user asked for every test.
  case requestedAll
  /// A file that configures the test run changed, which can affect any test.
  case configurationChanged(path: RepoPath)
  /// The environment differs from every one the database holds data for (another
  /// interpreter, other installed packages, a tracked environment variable); `change` says
  /// which part, naming a variable but never its value.
  case environmentChanged(change: String)
  /// A block the test executed changed.
  case changedBlock(path: RepoPath, block: String)
  /// A block the test executed no longer exists.
  case removedBlock(path: RepoPath, block: String)
  /// A file the test depended on was deleted.
  case removedFile(path: RepoPath)
  /// The test did not pass last time.
  case failedLastTime(outcome: Outcome)
  /// pytest collected the test before but it has never run (it was deselected).
  case neverRan
  /// The test is marked to run whatever changed (`@pytest.mark.sieve_always`).
  case alwaysRuns

  /// Whether this reason selects every test.
  public var isRunEverything: Bool {
    switch self {
    case .noDatabase, .unreadableDatabase, .newerDatabase, .unknownCommit, .requestedAll,
      .configurationChanged, .environmentChanged:
      true
    case .changedBlock, .removedBlock, .removedFile, .failedLastTime, .neverRan,
      .alwaysRuns:
      false
    }
  }

  /// One line for people, without a trailing period.
  public var summary: String {
    switch self {
    case .noDatabase(let path): "no test database at \(path) yet: running every test to build it"
    case .unreadableDatabase(let message):
      "running every test: \(message.hasSuffix(".") ? String(message.dropLast()) : message)"
    case .newerDatabase(let path):
      "running every test: \(path) was written by a newer Sieve (upgrade Sieve, or delete the file to rebuild it)"
    case .unknownCommit(let commit):
      "running every test: the database's commit \(commit.prefix(12)) is not in this repository (shallow clone or rewritten history)"
    case .requestedAll: "running every test, as asked"
    case .configurationChanged(let path):
      "running every test: \(path) changed, and it can affect any test"
    case .environmentChanged(let change):
      "running every test: \(change) (data recorded in other environments is kept)"
    case .changedBlock(let path, let block): "\(path): \(block) changed"
    case .removedBlock(let path, let block): "\(path): \(block) was removed"
    case .removedFile(let path): "\(path) was deleted"
    case .failedLastTime(let outcome): "it did not pass last time (\(outcome.rawValue))"
    case .neverRan: "it was collected before but has never run"
    case .alwaysRuns: "it is marked sieve_always, or matches always-run"
    }
  }
}
