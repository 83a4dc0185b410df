import Foundation
import GRDB
import SieveModel

extension Store {
  /// The current schema's name: the newest migration's identifier.
  ///
  /// Baseline manifests carry it, so that a baseline from a newer Sieve is refused before it is downloaded.
  public static var schema: String {
    Migrations.migrator.migrations.last ?? ""
  }

  /// Whether this Sieve can read a database of the schema `name` (the same or an older one).
  ///
  /// - Parameter name: A schema name from a manifest.
  /// - Returns: `true` when `name` is one of this Sieve's migrations.
  public static func knowsSchema(_ name: String) -> Bool {
    Migrations.migrator.migrations.contains(name)
  }

  /// Writes a compact copy of the database to `destination`, replacing what was there.
  ///
  /// - Parameter destination: The copy's path.
  /// - Throws: ``StoreError/writeFailed(path:reason:)`` when the copy cannot be written.
  public func compactCopy(to destination: String) throws(StoreError) {
    try? FileManager.default.removeItem(atPath: destination)
    do {
      try checkOpen()
      try database.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
      }
    } catch {
      throw .writeFailed(path: destination, reason: Self.reason(error))
    }
  }

  /// Moves the database to another commit without recording a run: for when a commit
  /// changed nothing any test depends on.
  ///
  /// - Parameters:
  ///   - commit: The new commit, or `nil` for none.
  ///   - pendingPaths: The paths whose recorded blocks may still differ from that commit;
  ///     they replace the pending paths held.
  /// - Throws: ``StoreError/writeFailed(path:reason:)`` when the database cannot be written.
  public func move(to commit: String?, pendingPaths: Set<RepoPath>) throws(StoreError) {
    do {
      try checkOpen()
      try database.write { db in
        if let commit {
          try db.execute(
            sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('commit', ?)",
            arguments: [commit])
        } else {
          try db.execute(sql: "DELETE FROM meta WHERE key = 'commit'")
        }
        try db.execute(sql: "DELETE FROM pendingPath")
        for path in pendingPaths {
          try db.execute(sql: "INSERT INTO pendingPath(path) VALUES (?)", arguments: [path.value])
        }
      }
    } catch {
      throw .writeFailed(path: path, reason: Self.reason(error))
    }
  }

  /// Deletes the run facts whose names `keep` rejects, such as paths that only mean something
  /// on the machine that recorded them.
  ///
  /// - Parameter keep: Whether to keep a fact, by name.
  /// - Throws: ``StoreError/writeFailed(path:reason:)`` when the database cannot be written.
  public func removeFacts(keeping keep: (String) -> Bool) throws(StoreError) {
    do {
      try checkOpen()
      try database.write { db in
        let keys = try String.fetchAll(db, sql: "SELECT key FROM meta")
        for key in keys where key != "commit" && key != "lastRun" && !keep(key) {
          try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
        }
      }
    } catch {
      throw .writeFailed(path: path, reason: Self.reason(error))
    }
  }

  /// Sets run facts, such as the machine's own ones that a fetched baseline left out.
  ///
  /// - Parameter facts: The facts to set, by name; existing facts of the same names are
  ///   replaced.
  /// - Throws: ``StoreError/writeFailed(path:reason:)`` when the database cannot be written.
  public func setFacts(_ facts: [String: String]) throws(StoreError) {
    do {
      try checkOpen()
      try database.write { db in
        for (key, value) in facts where key != "commit" && key != "lastRun" {
          try db.execute(
            sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
      }
    } catch {
      throw .writeFailed(path: path, reason: Self.reason(error))
    }
  }

  /// Adds the tests of the database at `source` to this one, for databases collected by
  /// parallel jobs (CI shards) on the same commit.
  ///
  /// A test in both keeps its most recent record: a shard that started from a baseline still
  /// holds the baseline's record of tests another shard ran since. Records from the same
  /// moment are combined: every dependency set either recorded (so a change to anything
  /// either run saw selects it), the worse outcome (a failure beats a pass) and the longer
  /// duration. A run always beats "never ran". A file recorded with different hashes becomes
  /// a pending path, so its tests are judged against the working tree rather than trusted.
  ///
  /// - Parameter source: The other database; it is read, never written. Its schema must be
  ///   the current one.
  /// - Throws: ``StoreError/writeFailed(path:reason:)`` when either database cannot be used.
  public func merge(from source: String) throws(StoreError) {
    do {
      try checkOpen()
      try database.writeWithoutTransaction { db in
        try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source])
        defer { try? db.execute(sql: "DETACH DATABASE source") }
        try db.inTransaction {
          for statement in Self.mergeStatements { try db.execute(sql: statement) }
          return .commit
        }
      }
    } catch {
      throw .writeFailed(path: path, reason: Self.reason(error))
    }
  }

  /// How bad an outcome is, for merging: never ran < passed and friends < a failure.
  private static func rank(_ column: String) -> String {
    "CASE WHEN \(column) IN ('failed', 'error', 'xpassed') THEN 2 WHEN \(column) IS NULL THEN 0 ELSE 1 END"
  }

  /// A test record's age for merging: its last run, with "never ran" oldest of all.
  private static func recency(_ table: String) -> String {
    "(CASE WHEN \(table).outcome IS NULL THEN '' ELSE coalesce(\(table).lastRun, '') END)"
  }

  private static var mergeStatements: [String] {
    [
      """
      INSERT OR IGNORE INTO pendingPath(path)
        SELECT s.path FROM source.file s JOIN main.file m ON m.path = s.path
        WHERE m.contentHash != s.contentHash
      """,
      "INSERT OR IGNORE INTO pendingPath(path) SELECT path FROM source.pendingPath",
      "INSERT OR IGNORE INTO file(path, contentHash) SELECT path, contentHash FROM source.file",
      """
      INSERT OR IGNORE INTO dependencySet(digest, size)
        SELECT digest, size FROM source.dependencySet
      """,
      """
      INSERT OR IGNORE INTO dependency(setId, fileId, blockName, hash)
        SELECT md.id, mf.id, d.blockName, d.hash FROM source.dependency d
        JOIN source.dependencySet sd ON sd.id = d.setId
        JOIN main.dependencySet md ON md.digest = sd.digest
        JOIN source.file sf ON sf.id = d.fileId
        JOIN main.file mf ON mf.path = sf.path
      """,
      // For each test in both: 1 when the source's record is newer, 0 when equally old,
      // -1 when older. "Never ran" is older than any run.
      "DROP TABLE IF EXISTS temp.mergeOrder",
      """
      CREATE TEMP TABLE mergeOrder AS
        SELECT m.id AS testId, s.nodeId AS nodeId,
          CASE WHEN \(recency("s")) > \(recency("m")) THEN 1
               WHEN \(recency("s")) = \(recency("m")) THEN 0 ELSE -1 END AS newer
        FROM source.test s JOIN main.test m ON m.nodeId = s.nodeId
      """,
      """
      DELETE FROM testDependencySet
        WHERE testId IN (SELECT testId FROM temp.mergeOrder WHERE newer = 1)
      """,
      """
      INSERT INTO test(nodeId, path, outcome, duration, lastRun, alwaysRuns)
        SELECT nodeId, path, outcome, duration, lastRun, alwaysRuns FROM source.test WHERE true
        ON CONFLICT(nodeId) DO UPDATE SET
          outcome = CASE
            WHEN \(recency("excluded")) > \(recency("test")) THEN excluded.outcome
            WHEN \(recency("excluded")) < \(recency("test")) THEN test.outcome
            WHEN \(rank("excluded.outcome")) > \(rank("test.outcome")) THEN excluded.outcome
            ELSE test.outcome END,
          duration = CASE
            WHEN \(recency("excluded")) > \(recency("test")) THEN excluded.duration
            WHEN \(recency("excluded")) < \(recency("test")) THEN test.duration
            ELSE max(test.duration, excluded.duration) END,
          alwaysRuns = CASE
            WHEN \(recency("excluded")) > \(recency("test")) THEN excluded.alwaysRuns
            WHEN \(recency("excluded")) < \(recency("test")) THEN test.alwaysRuns
            ELSE test.alwaysRuns OR excluded.alwaysRuns END,
          lastRun = CASE
            WHEN \(recency("excluded")) > \(recency("test")) THEN excluded.lastRun
            ELSE test.lastRun END
      """,
      """
      INSERT OR IGNORE INTO testDependencySet(testId, setId)
        SELECT mt.id, md.id FROM source.testDependencySet t
        JOIN source.test st ON st.id = t.testId
        JOIN main.test mt ON mt.nodeId = st.nodeId
        JOIN source.dependencySet sd ON sd.id = t.setId
        JOIN main.dependencySet md ON md.digest = sd.digest
        WHERE st.nodeId NOT IN (SELECT nodeId FROM temp.mergeOrder WHERE newer = -1)
      """,
      "DROP TABLE temp.mergeOrder",
    ]
  }
}
