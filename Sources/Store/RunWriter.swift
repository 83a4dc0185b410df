import GRDB
import SieveModel

/// Writes a ``RecordedRun`` inside an open transaction.
struct RunWriter {
  let db: Database
  private var fileIDs: [RepoPath: Int64] = [:]
  private var setIDs: [String: Int64] = [:]

  init(db: Database) {
    self.db = db
  }

  mutating func write(_ run: RecordedRun) throws {
    for (path, hash) in run.fileHashes {
      try execute(
        sql: """
          INSERT INTO file (path, contentHash) VALUES (?, ?)
          ON CONFLICT(path) DO UPDATE SET contentHash = excluded.contentHash
          """, arguments: [path.value, hash.storageValue])
    }
    for (name, dependencies) in run.sharedDependencies {
      setIDs[name] = try setID(for: dependencies)
    }
    for removed in run.removedTests {
      try execute(sql: "DELETE FROM test WHERE nodeId = ?", arguments: [removed.value])
    }
    for (id, path) in run.collectedOnly {
      // A test that ran keeps its record; a never-run one learns what deselected it this time.
      let deselectedBy = run.userDeselected.contains(id) ? run.selectionArguments : nil
      try execute(
        sql: """
          INSERT INTO test (nodeId, path, deselectedBy) VALUES (?, ?, ?)
          ON CONFLICT(nodeId) DO UPDATE SET deselectedBy = excluded.deselectedBy
          WHERE test.outcome IS NULL
          """, arguments: [id.value, path.value, deselectedBy])
      if let names = run.neverRunSharedSetNames[id] {
        try linkNeverRun(id, to: names)
      }
    }
    for test in run.tests {
      try write(test, timestamp: run.timestamp)
    }
    try execute(
      sql: """
        DELETE FROM dependencySet
        WHERE id NOT IN (SELECT DISTINCT setId FROM testDependencySet)
        """)
    try replacePendingPaths(run.pendingPaths)
    // Facts describe the last run only: drop those an earlier run recorded.
    try execute(sql: "DELETE FROM meta WHERE key NOT IN ('commit', 'lastRun')")
    var meta = run.facts
    meta["lastRun"] = run.timestamp
    if let commit = run.commit {
      meta["commit"] = commit
    } else {
      try execute(sql: "DELETE FROM meta WHERE key = 'commit'")
    }
    for (key, value) in meta {
      try execute(
        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
    }
  }

  /// Runs one statement, reusing its prepared form across the run's many rows.
  private func execute(sql: String, arguments: StatementArguments = []) throws {
    try db.cachedStatement(sql: sql).execute(arguments: arguments)
  }

  /// Replaces the stored pending paths.
  func replacePendingPaths(_ paths: Set<RepoPath>) throws {
    try execute(sql: "DELETE FROM pendingPath")
    for path in paths {
      try execute(sql: "INSERT INTO pendingPath (path) VALUES (?)", arguments: [path.value])
    }
  }

  private mutating func write(_ test: RecordedRun.TestRun, timestamp: String) throws {
    try execute(
      sql: """
        INSERT INTO test (nodeId, path, outcome, duration, lastRun, alwaysRuns)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(nodeId) DO UPDATE SET path = excluded.path, outcome = excluded.outcome,
          duration = excluded.duration, lastRun = excluded.lastRun,
          alwaysRuns = excluded.alwaysRuns, deselectedBy = NULL
        """,
      arguments: [
        test.id.value, test.path.value, test.outcome.rawValue, test.duration, timestamp,
        test.alwaysRuns,
      ])
    guard
      let testID = try Int64.fetchOne(
        db.cachedStatement(sql: "SELECT id FROM test WHERE nodeId = ?"), arguments: [test.id.value])
    else { return }
    try execute(sql: "DELETE FROM testDependencySet WHERE testId = ?", arguments: [testID])
    var linked = Set<Int64>()
    for name in test.sharedSetNames {
      if let id = setIDs[name] { linked.insert(id) }
    }
    if !test.dependencies.isEmpty {
      linked.insert(try setID(for: test.dependencies))
    }
    for setID in linked {
      try execute(
        sql: "INSERT INTO testDependencySet (testId, setId) VALUES (?, ?)",
        arguments: [testID, setID])
    }
  }

  /// Links a test that has never run to shared sets, replacing its links; a test that ran
  /// keeps its own.
  private func linkNeverRun(_ id: TestID, to names: [String]) throws {
    guard
      let testID = try Int64.fetchOne(
        db.cachedStatement(sql: "SELECT id FROM test WHERE nodeId = ? AND outcome IS NULL"),
        arguments: [id.value])
    else { return }
    try execute(sql: "DELETE FROM testDependencySet WHERE testId = ?", arguments: [testID])
    for setID in Set(names.compactMap { setIDs[$0] }) {
      try execute(
        sql: "INSERT INTO testDependencySet (testId, setId) VALUES (?, ?)",
        arguments: [testID, setID])
    }
  }

  /// Returns the id of the stored set equal to `dependencies`, storing it if new.
  private mutating func setID(for dependencies: Set<Dependency>) throws -> Int64 {
    let sorted = dependencies.sorted()
    let digest = SetDigest.digest(of: sorted)
    if let existing = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM dependencySet WHERE digest = ? AND size = ?"),
      arguments: [digest, sorted.count])
    {
      return existing
    }
    try execute(
      sql: "INSERT INTO dependencySet (digest, size) VALUES (?, ?)",
      arguments: [digest, sorted.count])
    let setID = db.lastInsertedRowID
    for dependency in sorted {
      let fileID = try fileID(for: dependency.path)
      try execute(
        sql: "INSERT INTO dependency (setId, fileId, blockName, hash) VALUES (?, ?, ?, ?)",
        arguments: [setID, fileID, dependency.blockName, dependency.hash.storageValue])
    }
    return setID
  }

  private mutating func fileID(for path: RepoPath) throws -> Int64 {
    if let known = fileIDs[path] { return known }
    try execute(
      sql: "INSERT INTO file (path, contentHash) VALUES (?, 0) ON CONFLICT(path) DO NOTHING",
      arguments: [path.value])
    guard
      let id = try Int64.fetchOne(
        db.cachedStatement(sql: "SELECT id FROM file WHERE path = ?"), arguments: [path.value])
    else {
      throw DatabaseError(message: "file row for \(path) vanished")
    }
    fileIDs[path] = id
    return id
  }
}
