import Foundation
import GRDB
import SieveModel
import Synchronization

/// The test database: what each test depended on, as the hashes it saw.
///
/// `Store` is the only code in Sieve that speaks SQL. The database is a single SQLite file
/// in rollback-journal mode, so a copied file is always complete. Every run is written in one
/// transaction: an interrupted write leaves the previous contents intact.
public struct Store: Sendable {
  let database: DatabaseQueue
  private let closed = ClosedFlag()
  /// The database file's path.
  public let path: String

  /// The page size of a new database file, in bytes.
  ///
  /// Every table and index takes at least one page, and the schema has about twenty; at
  /// SQLite's default of 4 KiB those fixed pages and each b-tree's part-filled last page made
  /// a 1,200-test file 315 KB where 1 KiB pages make it 242 KB. The measured decision times
  /// did not change (docs/benchmarks.md). A migration's `VACUUM` also moves an older file to
  /// this size.
  static let pageSize = 1024

  // MARK: - Opening

  /// Opens the database at `path`, creating it if asked, and migrates it to the current schema.
  ///
  /// - Parameters:
  ///   - path: The database file.
  ///   - create: Whether to create the file (and its directory) when it does not exist.
  /// - Returns: The opened store, or `nil` when the file does not exist and `create` is false.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` for a damaged or foreign file,
  ///   ``StoreError/newerSchema(path:)`` for a file from a newer Sieve,
  ///   ``StoreError/writeFailed(path:reason:)`` when it cannot be created.
  public static func open(at path: String, create: Bool) throws(StoreError) -> Store? {
    let fileManager = FileManager.default
    if !fileManager.fileExists(atPath: path) {
      guard create else { return nil }
      let directory = (path as NSString).deletingLastPathComponent
      do {
        try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw .writeFailed(path: path, reason: error.localizedDescription)
      }
    }
    let database: DatabaseQueue
    do {
      var configuration = Configuration()
      configuration.busyMode = .timeout(10)
      database = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw .unreadable(path: path, reason: Self.reason(error))
    }
    let migrator = Migrations.migrator
    do {
      let (superseded, isCurrent) = try database.read { db in
        // Reading the schema is where a foreign or damaged file first fails.
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
        return (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
      }
      if superseded { throw StoreError.newerSchema(path: path) }
      // Migrating takes a write lock; the decision path only reads an up-to-date file.
      if !isCurrent {
        // On a new, empty file the page size applies at once; on an older file, at the
        // VACUUM below.
        try database.writeWithoutTransaction {
          try $0.execute(sql: "PRAGMA page_size = \(pageSize)")
        }
        try migrator.migrate(database)
        // A migration that rebuilt tables leaves their old pages free; a failure to compact
        // loses nothing.
        try? database.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw .unreadable(path: path, reason: Self.reason(error))
    }
    return Store(database: database, path: path)
  }

  /// Closes the database file.
  ///
  /// Later calls on this store fail.
  public func close() throws(StoreError) {
    try guarded {
      try closed.value.withLock { isClosed in
        if !isClosed { try database.close() }
        isClosed = true
      }
    }
  }

  // MARK: - Reading

  /// Returns the database's commit, pending paths, test count and run facts.
  ///
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func summary() throws(StoreError) -> StoreSummary {
    try guarded {
      try database.read { db -> StoreSummary in
        let meta = try Self.meta(db)
        let pending = try String.fetchAll(db, sql: "SELECT path FROM pendingPath")
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM test") ?? 0
        var facts = meta
        let commit = facts.removeValue(forKey: "commit")
        let lastRun = facts.removeValue(forKey: "lastRun")
        return StoreSummary(
          commit: commit, pendingPaths: Set(pending.map { RepoPath($0) }), testCount: count,
          lastRun: lastRun, facts: facts)
      }
    }
  }

  /// Returns the distinct dependencies that tests recorded on blocks of `paths`.
  ///
  /// - Parameter paths: The files to look up.
  /// - Returns: Every (file, block, hash) that some test depends on.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func recordedDependencies(in paths: Set<RepoPath>) throws(StoreError) -> Set<Dependency> {
    guard !paths.isEmpty else { return [] }
    return try guarded {
      try database.read { db in try Self.recordedDependencies(in: paths, db: db) }
    }
  }

  static func recordedDependencies(in paths: Set<RepoPath>, db: Database) throws -> Set<Dependency>
  {
    var result = Set<Dependency>()
    let statement = try db.cachedStatement(
      sql: """
        SELECT block.name, block.hash FROM block JOIN file ON file.id = block.fileId
        WHERE file.path = ?
        """)
    for path in paths {
      let rows = try Row.fetchCursor(statement, arguments: [path.value])
      while let row = try rows.next() {
        result.insert(
          Dependency(path: path, blockName: row[0], hash: BlockHash(storageValue: row[1])))
      }
    }
    return result
  }

  /// Returns the tests that depend on any of `dependencies`, with the ones each depends on.
  ///
  /// - Parameter dependencies: Dependencies that no longer hold.
  /// - Returns: For each affected test, the subset of `dependencies` it recorded.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func tests(
    dependingOn dependencies: Set<Dependency>
  ) throws(StoreError) -> [TestID: Set<Dependency>] {
    guard !dependencies.isEmpty else { return [:] }
    return try guarded {
      try database.read { db -> [TestID: Set<Dependency>] in
        var result: [TestID: Set<Dependency>] = [:]
        let statement = try db.cachedStatement(
          sql: """
            WITH wanted AS (
              SELECT block.id FROM block JOIN file ON file.id = block.fileId
              WHERE file.path = ?1 AND block.name = ?2 AND block.hash = ?3)
            SELECT \(StoredForms.nodeID()) FROM test \(StoredForms.prefixJoin)
            WHERE test.id IN (
              SELECT testId FROM testBlock WHERE blockId IN (SELECT id FROM wanted)
              UNION
              SELECT testSet.testId FROM setBlock JOIN testSet ON testSet.setId = setBlock.setId
              WHERE setBlock.blockId IN (SELECT id FROM wanted))
            """)
        for dependency in dependencies {
          let ids = try String.fetchCursor(
            statement,
            arguments: [
              dependency.path.value, dependency.blockName, dependency.hash.storageValue,
            ])
          while let id = try ids.next() {
            result[TestID(id), default: []].insert(dependency)
          }
        }
        return result
      }
    }
  }

  /// Returns the tests whose last run failed, errored or passed unexpectedly.
  ///
  /// - Returns: Each such test with its outcome.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func testsNeedingRerun() throws(StoreError) -> [TestID: Outcome] {
    // Literal names, so that the partial index `testNeedingRerun` serves the query.
    let names = Outcome.allCases.filter(\.needsRerun).map { "'\($0.rawValue)'" }
    return try guarded {
      try database.read { db -> [TestID: Outcome] in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT \(StoredForms.nodeID()), outcome FROM test \(StoredForms.prefixJoin)
            WHERE outcome IN (\(names.joined(separator: ", ")))
            """)
        var result: [TestID: Outcome] = [:]
        for row in rows {
          let outcome: String = row[1]
          if let outcome = Outcome(rawValue: outcome) { result[TestID(row[0])] = outcome }
        }
        return result
      }
    }
  }

  /// Returns the tests pytest collected but that have never run, with the arguments that
  /// deselected them.
  ///
  /// - Returns: Each such test with its file and deselecting arguments.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func testsNeverRun() throws(StoreError) -> [TestID: NeverRunTest] {
    try guarded {
      try database.read { db -> [TestID: NeverRunTest] in
        var result: [TestID: NeverRunTest] = [:]
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(StoredForms.nodeID()), file.path, test.deselectedBy
            FROM test \(StoredForms.prefixJoin) JOIN file ON file.id = test.fileId
            WHERE test.outcome IS NULL
            """)
        while let row = try rows.next() {
          result[TestID(row[0])] = NeverRunTest(path: RepoPath(row[1]), deselectedBy: row[2])
        }
        return result
      }
    }
  }

  /// Returns the tests marked to run whatever changed.
  ///
  /// - Returns: Their ids.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func testsAlwaysRun() throws(StoreError) -> Set<TestID> {
    try guarded {
      try database.read { db -> Set<TestID> in
        let ids = try String.fetchAll(
          db,
          sql: """
            SELECT \(StoredForms.nodeID()) FROM test \(StoredForms.prefixJoin)
            WHERE test.alwaysRuns = 1
            """)
        return Set(ids.map { TestID($0) })
      }
    }
  }

  /// Returns every test the database knows, with the file that defines it.
  ///
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func knownTests() throws(StoreError) -> [TestID: RepoPath] {
    try guarded {
      try database.read { db -> [TestID: RepoPath] in
        var result: [TestID: RepoPath] = [:]
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(StoredForms.nodeID()), file.path
            FROM test \(StoredForms.prefixJoin) JOIN file ON file.id = test.fileId
            """)
        while let row = try rows.next() {
          result[TestID(row[0])] = RepoPath(row[1])
        }
        return result
      }
    }
  }

  /// Returns the recorded duration of every test that has run.
  ///
  /// Tests that were collected but never ran have no duration and are left out, so that
  /// planners can tell "fast" from "unknown".
  ///
  /// - Returns: Seconds spent in setup, call and teardown at each test's last run.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func durations() throws(StoreError) -> [TestID: Double] {
    try guarded {
      try database.read { db -> [TestID: Double] in
        var result: [TestID: Double] = [:]
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(StoredForms.nodeID()), test.duration FROM test \(StoredForms.prefixJoin)
            WHERE test.outcome IS NOT NULL
            """)
        while let row = try rows.next() {
          result[TestID(row[0])] = StoredForms.duration(row[1])
        }
        return result
      }
    }
  }

  /// Returns what the database knows of one test.
  ///
  /// - Parameter id: The test.
  /// - Returns: The stored test, or `nil` if the database does not know it.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func test(_ id: TestID) throws(StoreError) -> StoredTest? {
    try guarded {
      try database.read { db -> StoredTest? in
        let key = StoredForms.TestKey(id)
        guard
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT file.path, test.outcome, test.duration, \(StoredForms.lastRunText("test.lastRun"))
              FROM test JOIN file ON file.id = test.fileId
              WHERE \(StoredForms.TestKey.condition)
              """, arguments: key.arguments(prefixID: try key.prefixID(db)))
        else { return nil }
        let outcome: String? = row[1]
        return StoredTest(
          id: id, path: RepoPath(row[0]), outcome: outcome.flatMap(Outcome.init(rawValue:)),
          duration: StoredForms.duration(row[2]), lastRun: row[3])
      }
    }
  }

  /// Returns everything one test depended on at its last run.
  ///
  /// - Parameter id: The test.
  /// - Returns: Its dependencies, as the hashes it saw.
  /// - Throws: ``StoreError/unreadable(path:reason:)`` when the file cannot be read.
  public func dependencies(of id: TestID) throws(StoreError) -> Set<Dependency> {
    try guarded {
      try database.read { db -> Set<Dependency> in
        let key = StoredForms.TestKey(id)
        guard
          let testID = try Int64.fetchOne(
            db, sql: "SELECT id FROM test WHERE \(StoredForms.TestKey.condition)",
            arguments: key.arguments(prefixID: try key.prefixID(db)))
        else { return [] }
        // The link tables are keyed the other way; a scan is fine for one test.
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT file.path, block.name, block.hash FROM block JOIN file ON file.id = block.fileId
            WHERE block.id IN (
              SELECT blockId FROM testBlock WHERE testId = ?1
              UNION
              SELECT blockId FROM setBlock
              WHERE setId IN (SELECT setId FROM testSet WHERE testId = ?1))
            """, arguments: [testID])
        return Set(
          rows.map {
            Dependency(
              path: RepoPath($0[0]), blockName: $0[1], hash: BlockHash(storageValue: $0[2]))
          })
      }
    }
  }

  // MARK: - Writing

  /// Writes one run in a single transaction.
  ///
  /// Tests that ran replace their previous record; each block is stored once, and so is
  /// each shared dependency set; sets and blocks nothing refers to any longer are deleted. A
  /// run that recorded at least a quarter of the tests compacts the file afterwards. Last, in the same transaction, the
  /// run's candidate pending paths are narrowed by `keepPending`, which sees every dependency
  /// now recorded on them.
  ///
  /// With `commitIf`, the transaction stays open, holding the file's write lock, until that
  /// closure answers; `false` rolls the run back and leaves the file as it was. `sieve run`
  /// writes this way while pytest exits, and commits once pytest's exit code allows it.
  ///
  /// - Parameters:
  ///   - run: What the run established.
  ///   - keepPending: Given the dependencies recorded on ``RecordedRun/pendingPaths`` after
  ///     the run, returns the paths to keep pending; `nil` keeps them all.
  ///   - commitIf: Called once the run is written, before the commit; `false` rolls back.
  ///     `nil` commits.
  /// - Returns: Whether the run was committed.
  /// - Throws: ``StoreError/writeFailed(path:reason:)``; the previous contents stay intact.
  @discardableResult
  public func record(
    _ run: RecordedRun, keepPending: ((Set<Dependency>) -> Set<RepoPath>)? = nil,
    commitIf: (() -> Bool)? = nil
  ) throws(StoreError) -> Bool {
    try checkOpen()
    do {
      var compact = false
      var committed = false
      try database.writeWithoutTransaction { db in
        try db.inTransaction {
          var writer = RunWriter(db: db)
          try writer.write(run)
          if let keepPending {
            let recorded = try Self.recordedDependencies(in: run.pendingPaths, db: db)
            try writer.replacePendingPaths(keepPending(recorded).intersection(run.pendingPaths))
          }
          let tests = try Int.fetchOne(db, sql: "SELECT count(*) FROM test") ?? 0
          compact = !run.tests.isEmpty && run.tests.count * 4 >= tests
          committed = commitIf?() ?? true
          return committed ? .commit : .rollback
        }
      }
      // A run that rewrote much of the database (the first, collecting one) leaves its pages
      // part full; rewriting a few megabytes is quick next to running that many tests. The
      // run is committed already, so a failure here loses nothing.
      if committed && compact {
        try? database.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
      }
      return committed
    } catch {
      throw .writeFailed(path: path, reason: Self.reason(error))
    }
  }

  // MARK: - Helpers

  private static func meta(_ db: Database) throws -> [String: String] {
    var meta: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
      meta[row[0]] = row[1]
    }
    return meta
  }

  private func guarded<T>(_ body: () throws -> T) throws(StoreError) -> T {
    try checkOpen()
    do {
      return try body()
    } catch {
      throw .unreadable(path: path, reason: Self.reason(error))
    }
  }

  /// Throws instead of handing SQLite a closed connection, which crashes on some builds.
  func checkOpen() throws(StoreError) {
    if closed.value.withLock({ $0 }) {
      throw .unreadable(path: path, reason: "the store was closed")
    }
  }

  static func reason(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return String(describing: error)
  }
}

/// Whether a store's connection was closed, shared by every copy of the store.
private final class ClosedFlag: Sendable {
  let value = Mutex(false)
}
