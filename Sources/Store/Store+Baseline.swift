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
    "(CASE WHEN \(table).outcome IS NULL THEN '' ELSE coalesce(\(StoredForms.lastRunText("\(table).lastRun")), '') END)"
  }

  private static var mergeStatements: [String] {
    [
      // A content hash of 0 is a placeholder: a path known only from a dependency or a test
      // id, never hashed. It conflicts with nothing, and a real hash replaces it.
      """
      INSERT OR IGNORE INTO pendingPath(path)
        SELECT s.path FROM source.file s JOIN main.file m ON m.path = s.path
        WHERE m.contentHash != s.contentHash AND m.contentHash != 0 AND s.contentHash != 0
      """,
      "INSERT OR IGNORE INTO pendingPath(path) SELECT path FROM source.pendingPath",
      """
      UPDATE main.file SET contentHash = (
          SELECT s.contentHash FROM source.file s WHERE s.path = file.path)
        WHERE contentHash = 0
          AND path IN (SELECT path FROM source.file WHERE contentHash != 0)
      """,
      "INSERT OR IGNORE INTO file(path, contentHash) SELECT path, contentHash FROM source.file",
      // Blocks, sets and tests of the source, by their ids here.
      "DROP TABLE IF EXISTS temp.blockMap",
      "CREATE TEMP TABLE blockMap (sourceId INTEGER PRIMARY KEY, mainId INTEGER NOT NULL)",
      """
      INSERT INTO block(fileId, name, hash)
        SELECT DISTINCT mf.id, sb.name, sb.hash FROM source.block sb
        JOIN source.file sf ON sf.id = sb.fileId
        JOIN main.file mf ON mf.path = sf.path
        WHERE NOT EXISTS (
          SELECT 1 FROM main.block mb
          WHERE mb.fileId = mf.id AND mb.name = sb.name AND mb.hash = sb.hash)
      """,
      """
      INSERT OR IGNORE INTO temp.blockMap(sourceId, mainId)
        SELECT sb.id, mb.id FROM source.block sb
        JOIN source.file sf ON sf.id = sb.fileId
        JOIN main.file mf ON mf.path = sf.path
        JOIN main.block mb ON mb.fileId = mf.id AND mb.name = sb.name AND mb.hash = sb.hash
      """,
      """
      INSERT OR IGNORE INTO dependencySet(digest, size)
        SELECT digest, size FROM source.dependencySet
      """,
      "DROP TABLE IF EXISTS temp.setMap",
      "CREATE TEMP TABLE setMap (sourceId INTEGER PRIMARY KEY, mainId INTEGER NOT NULL)",
      """
      INSERT INTO temp.setMap(sourceId, mainId)
        SELECT sd.id, md.id FROM source.dependencySet sd
        JOIN main.dependencySet md ON md.digest = sd.digest
      """,
      """
      INSERT OR IGNORE INTO setBlock(blockId, setId)
        SELECT bm.mainId, sm.mainId FROM source.setBlock s
        JOIN temp.blockMap bm ON bm.sourceId = s.blockId
        JOIN temp.setMap sm ON sm.sourceId = s.setId
      """,
      "DROP TABLE IF EXISTS temp.sourceTest",
      """
      CREATE TEMP TABLE sourceTest (
        sourceId INTEGER PRIMARY KEY, key INTEGER NOT NULL, prefixId INTEGER NOT NULL,
        name TEXT NOT NULL, fileId INTEGER NOT NULL)
      """,
      // A key hashes the whole node id, so it is the same in both files.
      """
      INSERT INTO temp.sourceTest(sourceId, key, prefixId, name, fileId)
        SELECT s.id, s.key, coalesce(mp.id, 0), s.name, mf.id FROM source.test s
        LEFT JOIN source.file sp ON sp.id = s.prefixId
        LEFT JOIN main.file mp ON mp.path = sp.path
        JOIN source.file sf ON sf.id = s.fileId
        JOIN main.file mf ON mf.path = sf.path
      """,
      // For each test in both: 1 when the source's record is newer, 0 when equally old,
      // -1 when older. "Never ran" is older than any run.
      "DROP TABLE IF EXISTS temp.mergeOrder",
      """
      CREATE TEMP TABLE mergeOrder AS
        SELECT m.id AS testId, st.sourceId AS sourceId,
          CASE WHEN \(recency("s")) > \(recency("m")) THEN 1
               WHEN \(recency("s")) = \(recency("m")) THEN 0 ELSE -1 END AS newer
        FROM temp.sourceTest st
        JOIN source.test s ON s.id = st.sourceId
        JOIN main.test m ON m.key = st.key AND m.prefixId = st.prefixId AND m.name = st.name
      """,
      """
      DELETE FROM testSet
        WHERE testId IN (SELECT testId FROM temp.mergeOrder WHERE newer = 1)
      """,
      """
      DELETE FROM testBlock
        WHERE testId IN (SELECT testId FROM temp.mergeOrder WHERE newer = 1)
      """,
      // Tests in both combine their records; the source's other tests are added.
      """
      UPDATE main.test SET
          outcome = CASE
            WHEN \(recency("s")) > \(recency("test")) THEN s.outcome
            WHEN \(recency("s")) < \(recency("test")) THEN test.outcome
            WHEN \(rank("s.outcome")) > \(rank("test.outcome")) THEN s.outcome
            ELSE test.outcome END,
          duration = CASE
            WHEN \(recency("s")) > \(recency("test")) THEN s.duration
            WHEN \(recency("s")) < \(recency("test")) THEN test.duration
            ELSE max(test.duration, s.duration) END,
          alwaysRuns = CASE
            WHEN \(recency("s")) > \(recency("test")) THEN s.alwaysRuns
            WHEN \(recency("s")) < \(recency("test")) THEN test.alwaysRuns
            ELSE test.alwaysRuns OR s.alwaysRuns END,
          lastRun = CASE
            WHEN \(recency("s")) > \(recency("test")) THEN s.lastRun
            ELSE test.lastRun END
        FROM temp.mergeOrder o JOIN source.test s ON s.id = o.sourceId
        WHERE test.id = o.testId
      """,
      """
      INSERT INTO test(key, prefixId, name, fileId, outcome, duration, lastRun, alwaysRuns)
        SELECT st.key, st.prefixId, st.name, st.fileId, s.outcome, s.duration, s.lastRun,
          s.alwaysRuns
        FROM temp.sourceTest st JOIN source.test s ON s.id = st.sourceId
        WHERE st.sourceId NOT IN (SELECT sourceId FROM temp.mergeOrder)
      """,
      """
      INSERT OR IGNORE INTO testSet(setId, testId)
        SELECT sm.mainId, mt.id FROM source.testSet l
        JOIN temp.sourceTest st ON st.sourceId = l.testId
        JOIN main.test mt ON mt.key = st.key AND mt.prefixId = st.prefixId AND mt.name = st.name
        JOIN temp.setMap sm ON sm.sourceId = l.setId
        WHERE st.sourceId NOT IN (SELECT sourceId FROM temp.mergeOrder WHERE newer = -1)
      """,
      """
      INSERT OR IGNORE INTO testBlock(blockId, testId)
        SELECT bm.mainId, mt.id FROM source.testBlock l
        JOIN temp.sourceTest st ON st.sourceId = l.testId
        JOIN main.test mt ON mt.key = st.key AND mt.prefixId = st.prefixId AND mt.name = st.name
        JOIN temp.blockMap bm ON bm.sourceId = l.blockId
        WHERE st.sourceId NOT IN (SELECT sourceId FROM temp.mergeOrder WHERE newer = -1)
      """,
      "DROP TABLE temp.mergeOrder",
      "DROP TABLE temp.sourceTest",
      "DROP TABLE temp.setMap",
      "DROP TABLE temp.blockMap",
    ] + StoredForms.garbageCollection
  }
}
