import Foundation
import SieveModel
import SieveStore
import SieveTestSupport

/// A database path in a fresh temporary directory, deleted with the directory.
final class StoreFile: Sendable {
  let directory: TemporaryDirectory
  let path: String

  init(_ relativePath: String = ".sieve/sieve.db") throws {
    directory = try TemporaryDirectory(prefix: "sieve-store")
    path = directory.url(for: relativePath).path
  }

  /// Opens (creating) the database.
  func open() throws -> Store {
    guard let store = try Store.open(at: path, create: true) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    return store
  }

  /// Opens the database, records `runs` in order, and closes it.
  func record(_ runs: RecordedRun...) throws {
    let store = try open()
    for run in runs { try store.record(run) }
    try store.close()
  }

  /// The path of a file beside the database, such as its `-wal` or `-journal` file.
  func sibling(_ suffix: String) -> String { path + suffix }
}

/// Reads and changes a database file through Python's `sqlite3`, so that tests inspect the
/// file without adding SQL to Sieve's sources.
enum SQLiteFile {
  private static let script = """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1])
    rows = connection.execute(sys.argv[2]).fetchall()
    connection.commit()
    connection.close()
    for row in rows:
        print("|".join(str(value) for value in row))
    """

  /// Runs one statement and returns its rows, columns joined by `|`.
  @discardableResult
  static func execute(_ sql: String, in path: String) throws -> [String] {
    let directory = (path as NSString).deletingLastPathComponent
    let output = try Shell.output("python3", ["-c", script, path, sql], in: directory)
    return output.isEmpty ? [] : output.components(separatedBy: "\n")
  }

  /// Counts the rows of a table.
  static func count(_ table: String, in path: String) throws -> Int {
    let rows = try execute("SELECT count(*) FROM \(table)", in: path)
    return rows.first.flatMap { Int($0) } ?? -1
  }
}

/// Short constructors for recorded runs.
enum Sample {
  static let timestamp = "2025-01-02T03:04:05Z"

  static func dependency(_ path: RepoPath, _ block: String, _ hash: UInt64) -> Dependency {
    Dependency(path: path, blockName: block, hash: BlockHash(hash))
  }

  static func test(
    _ id: TestID, in path: RepoPath = "tests/test_app.py", outcome: Outcome = .passed,
    duration: Double = 0.25, dependencies: Set<Dependency> = [], shared: [String] = []
  ) -> RecordedRun.TestRun {
    RecordedRun.TestRun(
      id: id, path: path, outcome: outcome, duration: duration, dependencies: dependencies,
      sharedSetNames: shared)
  }

  static func run(
    commit: String? = "3f2a9c1e",
    tests: [RecordedRun.TestRun],
    shared: [String: Set<Dependency>] = [:],
    removed: Set<TestID> = [],
    pending: Set<RepoPath> = [],
    fileHashes: [RepoPath: BlockHash] = [:],
    facts: [String: String] = [:],
    timestamp: String = Sample.timestamp
  ) -> RecordedRun {
    RecordedRun(
      commit: commit, pendingPaths: pending, fileHashes: fileHashes,
      sharedDependencies: shared, tests: tests, removedTests: removed, facts: facts,
      timestamp: timestamp)
  }
}
