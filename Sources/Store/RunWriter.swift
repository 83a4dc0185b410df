import GRDB
import SieveModel

/// Writes a ``RecordedRun`` inside an open transaction.
struct RunWriter {
  let db: Database
  private var fileIDs: [RepoPath: Int64] = [:]
  private var setIDs: [String: Int64] = [:]
  private var blockIDs: [Int64: [BlockKey: Int64]] = [:]
  /// The links each test the run wrote ends with, replacing all it had.
  private var links: [Int64: Links] = [:]

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
      let sorted = dependencies.sorted()
      setIDs[name] = try setID(for: sorted, digest: SetDigest.digest(of: sorted))
    }
    for removed in run.removedTests {
      let key = StoredForms.TestKey(removed)
      if let testID = try Int64.fetchOne(
        db.cachedStatement(
          sql: "DELETE FROM test WHERE \(StoredForms.TestKey.condition) RETURNING id"),
        arguments: key.arguments(prefixID: try key.prefixID(db)))
      {
        links[testID] = Links()
      }
    }
    for (id, path) in run.collectedOnly {
      // A test that ran keeps its record; a never-run one learns what deselected it this time.
      let deselectedBy = run.userDeselected.contains(id) ? run.selectionArguments : nil
      let key = try storedKey(id)
      if let testID = try storedTestID(key) {
        try execute(
          sql: "UPDATE test SET deselectedBy = ? WHERE id = ? AND outcome IS NULL",
          arguments: [deselectedBy, testID])
      } else {
        try execute(
          sql: """
            INSERT INTO test (key, prefixId, name, fileId, deselectedBy) VALUES (?, ?, ?, ?, ?)
            """,
          arguments: key.arguments + [try fileID(for: path), deselectedBy])
      }
      if let names = run.neverRunSharedSetNames[id] {
        try linkNeverRun(key, to: names)
      }
    }
    let lastRun = try StoredForms.storedTimestamp(run.timestamp, db: db)
    let ownSets = OwnSets(run.tests)
    for test in run.tests {
      try write(test, lastRun: lastRun, ownSets: ownSets)
    }
    try replaceLinks()
    for statement in StoredForms.garbageCollection { try execute(sql: statement) }
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

  private mutating func write(
    _ test: RecordedRun.TestRun, lastRun: DatabaseValue, ownSets: OwnSets
  ) throws {
    let key = try storedKey(test.id)
    let record: StatementArguments = [
      try fileID(for: test.path), test.outcome.rawValue,
      StoredForms.storedDuration(test.duration), lastRun, test.alwaysRuns,
    ]
    let testID: Int64
    if let stored = try storedTestID(key) {
      testID = stored
      try execute(
        sql: """
          UPDATE test SET fileId = ?, outcome = ?, duration = ?, lastRun = ?, alwaysRuns = ?,
            deselectedBy = NULL
          WHERE id = ?
          """, arguments: record + [testID])
    } else {
      try execute(
        sql: """
          INSERT INTO test (key, prefixId, name, fileId, outcome, duration, lastRun, alwaysRuns)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """, arguments: key.arguments + record)
      testID = db.lastInsertedRowID
    }
    var linked = Links()
    for name in test.sharedSetNames {
      if let id = setIDs[name] { linked.sets.insert(id) }
    }
    if !test.dependencies.isEmpty {
      let sorted = test.dependencies.sorted()
      let digest = SetDigest.digest(of: sorted)
      if let stored = try storedSetID(digest: digest, count: sorted.count) {
        linked.sets.insert(stored)
      } else if ownSets.worthSharing(digest: digest, count: sorted.count) {
        linked.sets.insert(try setID(for: sorted, digest: digest))
      } else {
        for dependency in sorted { linked.blocks.insert(try blockID(for: dependency)) }
      }
    }
    links[testID] = linked
  }

  /// Links a test that has never run to shared sets, replacing its links; a test that ran
  /// keeps its own.
  private mutating func linkNeverRun(_ key: StoredKey, to names: [String]) throws {
    guard let testID = try storedTestID(key, neverRun: true) else { return }
    links[testID] = Links(sets: Set(names.compactMap { setIDs[$0] }))
  }

  /// The id of the stored test with this key (only if it never ran, when `neverRun`).
  ///
  /// Node ids are unique because the writer looks each one up before inserting it: the
  /// index on `test.key` is not unique, since different node ids may share a key.
  private func storedTestID(_ key: StoredKey, neverRun: Bool = false) throws -> Int64? {
    try Int64.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT id FROM test WHERE \(StoredForms.TestKey.condition)
          \(neverRun ? "AND outcome IS NULL" : "")
          """), arguments: key.arguments)
  }

  /// Replaces the links of every test the run wrote: old ones are deleted in one pass over
  /// each link table (they are keyed by set and block, not by test), new ones inserted in key
  /// order.
  private func replaceLinks() throws {
    guard !links.isEmpty else { return }
    try db.execute(sql: "CREATE TEMP TABLE rewrittenTest (id INTEGER PRIMARY KEY)")
    for testID in links.keys {
      try execute(sql: "INSERT INTO temp.rewrittenTest (id) VALUES (?)", arguments: [testID])
    }
    try execute(sql: "DELETE FROM testSet WHERE testId IN (SELECT id FROM temp.rewrittenTest)")
    try execute(sql: "DELETE FROM testBlock WHERE testId IN (SELECT id FROM temp.rewrittenTest)")
    try db.execute(sql: "DROP TABLE temp.rewrittenTest")
    var setRows: [(Int64, Int64)] = []
    var blockRows: [(Int64, Int64)] = []
    for (testID, linked) in links {
      setRows += linked.sets.map { ($0, testID) }
      blockRows += linked.blocks.map { ($0, testID) }
    }
    for (setID, testID) in setRows.sorted(by: <) {
      try execute(
        sql: "INSERT INTO testSet (setId, testId) VALUES (?, ?)", arguments: [setID, testID])
    }
    for (blockID, testID) in blockRows.sorted(by: <) {
      try execute(
        sql: "INSERT INTO testBlock (blockId, testId) VALUES (?, ?)", arguments: [blockID, testID])
    }
  }

  /// The stored key of a test, with a `file` row for its prefix.
  private mutating func storedKey(_ id: TestID) throws -> StoredKey {
    let key = StoredForms.TestKey(id)
    guard let prefix = key.prefix else { return StoredKey(key: key, prefixID: 0) }
    return StoredKey(key: key, prefixID: try fileID(for: RepoPath(prefix)))
  }

  /// Returns the id of the stored set with this digest and size, if there is one.
  private func storedSetID(digest: Int64, count: Int) throws -> Int64? {
    try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM dependencySet WHERE digest = ? AND size = ?"),
      arguments: [digest, count])
  }

  /// Returns the id of the stored set equal to `sorted`, storing it if new.
  private mutating func setID(for sorted: [Dependency], digest: Int64) throws -> Int64 {
    if let existing = try storedSetID(digest: digest, count: sorted.count) { return existing }
    try execute(
      sql: "INSERT INTO dependencySet (digest, size) VALUES (?, ?)",
      arguments: [digest, sorted.count])
    let setID = db.lastInsertedRowID
    for dependency in sorted {
      try execute(
        sql: "INSERT OR IGNORE INTO setBlock (blockId, setId) VALUES (?, ?)",
        arguments: [try blockID(for: dependency), setID])
    }
    return setID
  }

  /// Returns the id of the stored block equal to `dependency`, storing it if new.
  private mutating func blockID(for dependency: Dependency) throws -> Int64 {
    let fileID = try fileID(for: dependency.path)
    let key = BlockKey(name: dependency.blockName, hash: dependency.hash.storageValue)
    if blockIDs[fileID] == nil {
      var known: [BlockKey: Int64] = [:]
      let rows = try Row.fetchCursor(
        db.cachedStatement(sql: "SELECT id, name, hash FROM block WHERE fileId = ?"),
        arguments: [fileID])
      while let row = try rows.next() { known[BlockKey(name: row[1], hash: row[2])] = row[0] }
      blockIDs[fileID] = known
    }
    if let known = blockIDs[fileID]?[key] { return known }
    try execute(
      sql: "INSERT INTO block (fileId, name, hash) VALUES (?, ?, ?)",
      arguments: [fileID, key.name, key.hash])
    let blockID = db.lastInsertedRowID
    blockIDs[fileID, default: [:]][key] = blockID
    return blockID
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

/// What one test links to: stored sets, and blocks of its own.
private struct Links {
  var sets: Set<Int64> = []
  var blocks: Set<Int64> = []
}

/// A test's key with its prefix's `file` id (0 for none), which the writer creates.
private struct StoredKey {
  var key: StoredForms.TestKey
  var prefixID: Int64

  /// The values `StoredForms.TestKey.condition` binds, and the first three of an insert.
  var arguments: StatementArguments { key.arguments(prefixID: prefixID) }
}

/// A block within one file.
private struct BlockKey: Hashable {
  var name: String
  var hash: Int64
}

/// How many tests of a run have each own dependency set, to decide which to store as a set.
///
/// A set costs a `dependencySet` row and one link per test; blocks of its own cost one link
/// per block and test. Sharing pays when `n` tests with `k` blocks each save more links than
/// the set costs: about when `(n - 1)(k - 1) > 4`. Parametrized tests usually qualify.
private struct OwnSets {
  private var counts: [Int64: Int] = [:]

  init(_ tests: [RecordedRun.TestRun]) {
    for test in tests where !test.dependencies.isEmpty {
      counts[SetDigest.digest(of: test.dependencies.sorted()), default: 0] += 1
    }
  }

  func worthSharing(digest: Int64, count: Int) -> Bool {
    let tests = counts[digest] ?? 1
    return (tests - 1) * (count - 1) > 4
  }
}
