/// Why the test database could not be used.
///
/// None of these makes Sieve skip a test: the caller widens the selection and says why.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file at the database path is not a Sieve database, or is damaged.
  case unreadable(path: String, reason: String)
  /// The file was written by a newer Sieve whose schema this one does not know.
  case newerSchema(path: String)
  /// The database could not be created or written.
  case writeFailed(path: String, reason: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      "\(path) is not a readable Sieve database (\(reason)). Delete it, or run `sieve run --all`, to rebuild it."
    case .newerSchema(let path):
      "\(path) was written by a newer Sieve. Upgrade Sieve, or delete the file to rebuild it."
    case .writeFailed(let path, let reason):
      "Could not write the Sieve database at \(path) (\(reason)). Check that the directory is writable and the disk has room."
    }
  }
}
