import GRDB

/// The database schema's history: one migration per released schema change.
///
/// Migrations use plain table and column names, never Sieve's types, because they describe
/// past schemas. Never edit a migration once it has shipped; add a new one.
enum Migrations {
  /// The migrator that brings any older Sieve database up to date.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: tests, files, shared dependency sets") { db in
      try db.create(table: "meta") { table in
        table.primaryKey("key", .text)
        table.column("value", .text).notNull()
      }
      try db.create(table: "pendingPath") { table in
        table.primaryKey("path", .text)
      }
      try db.create(table: "file") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("path", .text).notNull().unique()
        table.column("contentHash", .integer).notNull()
      }
      try db.create(table: "dependencySet") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("digest", .integer).notNull().unique()
        table.column("size", .integer).notNull()
      }
      try db.create(table: "dependency") { table in
        table.column("setId", .integer).notNull()
          .references("dependencySet", onDelete: .cascade)
        table.column("fileId", .integer).notNull().references("file", onDelete: .cascade)
        table.column("blockName", .text).notNull()
        table.column("hash", .integer).notNull()
        table.primaryKey(["setId", "fileId", "blockName"])
      }
      try db.create(index: "dependencyByFile", on: "dependency", columns: ["fileId"])
      try db.create(table: "test") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("nodeId", .text).notNull().unique()
        table.column("path", .text).notNull()
        table.column("outcome", .text)
        table.column("duration", .double).notNull().defaults(to: 0)
        table.column("lastRun", .text)
      }
      try db.create(index: "testByOutcome", on: "test", columns: ["outcome"])
      try db.create(table: "testDependencySet") { table in
        table.column("testId", .integer).notNull().references("test", onDelete: .cascade)
        table.column("setId", .integer).notNull().references("dependencySet", onDelete: .cascade)
        table.primaryKey(["testId", "setId"])
      }
      try db.create(index: "testDependencySetBySet", on: "testDependencySet", columns: ["setId"])
    }
    migrator.registerMigration("v2: tests marked to always run") { db in
      try db.alter(table: "test") { table in
        table.add(column: "alwaysRuns", .boolean).notNull().defaults(to: false)
      }
      // The decision path asks for these on every run; keep it from scanning every test.
      try db.create(index: "testByAlwaysRuns", on: "test", columns: ["alwaysRuns"])
    }
    migrator.registerMigration("v3: the arguments that deselected a never-run test") { db in
      // A test the user deselected (`-k`, `-m`) stays unrun; remembering the arguments that
      // deselected it lets later runs with the same arguments leave its file uncollected.
      try db.alter(table: "test") { table in
        table.add(column: "deselectedBy", .text)
      }
    }
    migrator.registerMigration("v4: blocks stored once, compact links and test rows") { db in
      for statement in v4 { try db.execute(sql: statement) }
    }
    migrator.registerMigration("v5: tests found by a short key instead of a unique index") { db in
      // The keys are computed by the function the writer uses (see `StoredForms.lookup`).
      let lookup = DatabaseFunction("sieveTestLookup", argumentCount: 1, pure: true) {
        values in
        String.fromDatabaseValue(values[0]).map(StoredForms.lookup)
      }
      db.add(function: lookup)
      defer { db.remove(function: lookup) }
      for statement in v5 { try db.execute(sql: statement) }
    }
    return migrator
  }

  /// The v4 migration: each block stored once, compact link tables and test rows.
  ///
  /// v4 stores each distinct block `(file, name, hash)` once in `block`; a test's own
  /// dependencies become `testBlock` rows and shared sets keep their `setBlock` members. The
  /// link tables are `WITHOUT ROWID` and keyed block-first (set-first for `testSet`), the
  /// direction selection reads; writes clear a run's old links in one pass instead. A test is
  /// keyed by its node id split at the first `::` (the `file` row of the part before, 0 when
  /// there is none, and the rest), durations are whole microseconds and `lastRun` is Unix
  /// seconds when that round-trips to the same ISO 8601 text.
  ///
  /// The link tables carry no foreign keys: deleting a parent would scan them for children.
  /// The writer deletes links, unreferenced sets and unreferenced blocks itself.
  static let v4 = [
    """
    CREATE TABLE block (
      id INTEGER PRIMARY KEY, fileId INTEGER NOT NULL, name TEXT NOT NULL, hash INTEGER NOT NULL)
    """,
    """
    INSERT INTO block (fileId, name, hash)
      SELECT DISTINCT fileId, blockName, hash FROM dependency ORDER BY fileId, blockName, hash
    """,
    "CREATE INDEX blockByFile ON block (fileId)",
    """
    CREATE TABLE setBlock (
      blockId INTEGER NOT NULL, setId INTEGER NOT NULL, PRIMARY KEY (blockId, setId)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE testBlock (
      blockId INTEGER NOT NULL, testId INTEGER NOT NULL, PRIMARY KEY (blockId, testId)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE testSet (
      setId INTEGER NOT NULL, testId INTEGER NOT NULL, PRIMARY KEY (setId, testId)
    ) WITHOUT ROWID
    """,
    // A set only one test links to becomes that test's own blocks.
    """
    CREATE TEMP TABLE ownSet AS
      SELECT setId AS id, min(testId) AS testId FROM testDependencySet
      GROUP BY setId HAVING count(*) = 1
    """,
    """
    INSERT INTO testBlock (blockId, testId)
      SELECT DISTINCT block.id, own.testId FROM temp.ownSet own
      JOIN dependency ON dependency.setId = own.id
      JOIN block ON block.fileId = dependency.fileId AND block.name = dependency.blockName
        AND block.hash = dependency.hash
    """,
    """
    INSERT INTO setBlock (blockId, setId)
      SELECT DISTINCT block.id, dependency.setId FROM dependency
      JOIN block ON block.fileId = dependency.fileId AND block.name = dependency.blockName
        AND block.hash = dependency.hash
      WHERE dependency.setId NOT IN (SELECT id FROM temp.ownSet)
    """,
    """
    INSERT INTO testSet (setId, testId)
      SELECT setId, testId FROM testDependencySet
      WHERE setId NOT IN (SELECT id FROM temp.ownSet)
    """,
    "DELETE FROM dependencySet WHERE id IN (SELECT id FROM temp.ownSet)",
    "DROP TABLE temp.ownSet",
    "DROP TABLE testDependencySet",
    "DROP TABLE dependency",
    // Every node id's part before `::`, and every test's file, gets a `file` row.
    """
    INSERT OR IGNORE INTO file (path, contentHash)
      SELECT substr(nodeId, 1, instr(nodeId, '::') - 1), 0 FROM test WHERE instr(nodeId, '::') > 0
      UNION SELECT path, 0 FROM test
    """,
    """
    CREATE TABLE newTest (
      id INTEGER PRIMARY KEY,
      prefixId INTEGER NOT NULL,
      name TEXT NOT NULL,
      fileId INTEGER NOT NULL,
      outcome TEXT,
      duration INTEGER NOT NULL DEFAULT 0,
      lastRun,
      alwaysRuns BOOLEAN NOT NULL DEFAULT 0,
      deselectedBy TEXT,
      UNIQUE (prefixId, name))
    """,
    """
    INSERT INTO newTest (
      id, prefixId, name, fileId, outcome, duration, lastRun, alwaysRuns, deselectedBy)
      SELECT test.id, coalesce(prefix.id, 0),
        CASE WHEN instr(test.nodeId, '::') > 0
          THEN substr(test.nodeId, instr(test.nodeId, '::') + 2) ELSE test.nodeId END,
        file.id, test.outcome, CAST(round(test.duration * 1000000) AS INTEGER),
        CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', test.lastRun) = test.lastRun
          THEN unixepoch(test.lastRun) ELSE test.lastRun END,
        test.alwaysRuns, test.deselectedBy
      FROM test
      JOIN file ON file.path = test.path
      LEFT JOIN file prefix ON instr(test.nodeId, '::') > 0
        AND prefix.path = substr(test.nodeId, 1, instr(test.nodeId, '::') - 1)
    """,
    "DROP TABLE test",
    "ALTER TABLE newTest RENAME TO test",
    // Selection asks for these on every run; each index holds only the rows it names.
    "CREATE INDEX testNeverRun ON test (outcome) WHERE outcome IS NULL",
    """
    CREATE INDEX testNeedingRerun ON test (outcome)
      WHERE outcome IN ('failed', 'error', 'xpassed')
    """,
    "CREATE INDEX testAlwaysRuns ON test (alwaysRuns) WHERE alwaysRuns = 1",
  ]

  /// The v5 migration: tests found by a short key instead of a unique index.
  ///
  /// `test` loses its unique index on `(prefixId, name)`, which held every test's name a
  /// second time, and gains `key`, a 23-bit hash of the node id, with a plain index. Lookups
  /// compare the key, the prefix and the name; the writer keeps node ids unique.
  static let v5 = [
    """
    CREATE TABLE newTest (
      id INTEGER PRIMARY KEY,
      key INTEGER NOT NULL,
      prefixId INTEGER NOT NULL,
      name TEXT NOT NULL,
      fileId INTEGER NOT NULL,
      outcome TEXT,
      duration INTEGER NOT NULL DEFAULT 0,
      lastRun,
      alwaysRuns BOOLEAN NOT NULL DEFAULT 0,
      deselectedBy TEXT)
    """,
    """
    INSERT INTO newTest (
      id, key, prefixId, name, fileId, outcome, duration, lastRun, alwaysRuns, deselectedBy)
      SELECT test.id,
        coalesce(sieveTestLookup(CASE WHEN test.prefixId = 0 THEN test.name
          ELSE prefix.path || '::' || test.name END), 0),
        test.prefixId, test.name, test.fileId, test.outcome, test.duration, test.lastRun,
        test.alwaysRuns, test.deselectedBy
      FROM test LEFT JOIN file prefix ON prefix.id = test.prefixId
    """,
    "DROP TABLE test",
    "ALTER TABLE newTest RENAME TO test",
    "CREATE INDEX testByKey ON test (key)",
    "CREATE INDEX testNeverRun ON test (outcome) WHERE outcome IS NULL",
    """
    CREATE INDEX testNeedingRerun ON test (outcome)
      WHERE outcome IN ('failed', 'error', 'xpassed')
    """,
    "CREATE INDEX testAlwaysRuns ON test (alwaysRuns) WHERE alwaysRuns = 1",
  ]
}
