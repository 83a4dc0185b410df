/// Why Sieve refused to publish or merge baselines: the database would mislead whoever
/// fetches it.
public enum BaselineRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  /// There is no database to publish.
  case noDatabase(path: String)
  /// The database was recorded on another commit than the one checked out.
  case otherCommit(database: String?, head: String)
  /// The database holds results for files that differed from the commit.
  case dirtyTree(paths: [String])
  /// The database does not say which environment it was collected in.
  case noEnvironment(path: String)
  /// The databases to merge were recorded on different commits.
  case commitsDiffer(first: String, other: String, path: String)
  /// The databases to merge were collected in different environments.
  case environmentsDiffer(path: String)
  /// The merge output would overwrite one of its inputs.
  case outputIsInput(String)
  /// No store is configured.
  case noStore

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .noDatabase(let path):
      "There is no database at \(path) to publish. Run the whole suite first: sieve run --all -- pytest"
    case .otherCommit(let database, let head):
      "The database was recorded on \(database.map { String($0.prefix(12)) } ?? "no commit"), not on the checked-out commit \(head.prefix(12)). Run the whole suite on this commit (sieve run --all -- pytest), then publish."
    case .dirtyTree(let paths):
      "The database was collected on a dirty tree (\(paths.prefix(3).joined(separator: ", "))\(paths.count > 3 ? ", …" : "")). Commit or stash the changes, run sieve run --all -- pytest, then publish."
    case .noEnvironment(let path):
      "\(path) does not say which Python it was collected with. Run sieve run --all -- pytest with this Sieve, then publish."
    case .commitsDiffer(let first, let other, let path):
      "\(path) was recorded on \(other.prefix(12)), the first database on \(first.prefix(12)). Merge only databases collected on one commit."
    case .environmentsDiffer(let path):
      "\(path) was collected in another Python environment than the first database. Merge only databases of one environment."
    case .outputIsInput(let path):
      "The output \(path) is also an input. Name a new file with -o."
    case .noStore:
      "No baseline store is configured. Pass --store, set SIEVE_STORE, or add store = \"…\" under [tool.sieve]."
    }
  }
}
