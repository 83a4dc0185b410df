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
