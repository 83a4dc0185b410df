import GRDB
import SieveModel

/// How the schema encodes a test's key, its duration and its last run, in Swift and in SQL.
enum StoredForms {
  /// A test's key: its node id split at the first `::`, and a short hash to find it by.
  struct TestKey {
    /// The text before the first `::`, stored as a `file` row; `nil` when there is no `::`.
    var prefix: String?
    /// The rest of the node id (all of it when there is no `::`).
    var name: String
    /// ``lookup(_:)`` of the whole node id: the indexed `test.key`.
    var lookup: Int64

    init(_ id: TestID) {
      lookup = StoredForms.lookup(id.value)
      if let separator = id.value.range(of: "::") {
        prefix = String(id.value[..<separator.lowerBound])
        name = String(id.value[separator.upperBound...])
      } else {
        prefix = nil
        name = id.value
      }
    }

    /// The `test.prefixId` of a key whose prefix has no `file` row: no test has it.
    static let missingPrefix: Int64 = -1

    /// The condition that finds this key's row of `test`; bind ``arguments(prefixID:)``.
    ///
    /// Different node ids may share a `key`, so it compares the prefix and the name too.
    static let condition = "test.key = ? AND test.prefixId = ? AND test.name = ?"

    /// The values ``condition`` binds, given the key's `test.prefixId`.
    func arguments(prefixID: Int64) -> StatementArguments { [lookup, prefixID, name] }

    /// The key's `test.prefixId`, or ``missingPrefix`` when its prefix has no `file` row.
    func prefixID(_ db: Database) throws -> Int64 {
      guard let prefix else { return 0 }
      return try Int64.fetchOne(
        db.cachedStatement(sql: "SELECT id FROM file WHERE path = ?"), arguments: [prefix])
        ?? Self.missingPrefix
    }
  }

  /// A node id's `test.key` (v5): the low 23 bits of its UTF-8 bytes' 32-bit FNV-1a hash.
  ///
  /// The index on it replaces a unique index on `(prefixId, name)`, which stored every
  /// test's name a second time. SQLite stores these keys in three bytes. Different node ids
  /// may share a key, so every lookup also compares `prefixId` and `name`, and the writer
  /// looks a test up before inserting it. Baseline merging copies keys between databases and
  /// migration v5 computes them with this function: changing it needs a migration that
  /// recomputes every key.
  static func lookup(_ nodeID: String) -> Int64 {
    var hash: UInt32 = 0x811c_9dc5
    for byte in nodeID.utf8 {
      hash = (hash ^ UInt32(byte)) &* 0x0100_0193
    }
    return Int64(hash & 0x7f_ffff)
  }

  /// The node id of the row `test`, with `prefix` the `file` row LEFT JOINed on
  /// `test.prefixId`.
  static func nodeID(test: String = "test", prefix: String = "prefix") -> String {
    "(CASE WHEN \(test).prefixId = 0 THEN \(test).name ELSE \(prefix).path || '::' || \(test).name END)"
  }

  /// The join that ``nodeID(test:prefix:)`` needs.
  static let prefixJoin = "LEFT JOIN file prefix ON prefix.id = test.prefixId"

  /// A stored `lastRun` as the ISO 8601 text it was recorded as.
  static func lastRunText(_ column: String) -> String {
    """
    (CASE WHEN typeof(\(column)) = 'integer'
      THEN strftime('%Y-%m-%dT%H:%M:%SZ', \(column), 'unixepoch') ELSE \(column) END)
    """
  }

  /// The stored form of a run's timestamp: Unix seconds when they give back the same text.
  static func storedTimestamp(_ timestamp: String, db: Database) throws -> DatabaseValue {
    try DatabaseValue.fetchOne(
      db,
      sql: """
        SELECT CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', ?1) = ?1 THEN unixepoch(?1) ELSE ?1 END
        """, arguments: [timestamp]) ?? timestamp.databaseValue
  }

  /// A duration in seconds as stored: whole microseconds, or `nil` (which `NOT NULL` refuses,
  /// failing the run's write) for a duration that is not a number or out of range.
  static func storedDuration(_ seconds: Double) -> Int64? {
    let microseconds = (seconds * 1_000_000).rounded()
    guard microseconds.isFinite, abs(microseconds) < 1e18 else { return nil }
    return Int64(microseconds)
  }

  /// A stored duration in seconds.
  static func duration(_ microseconds: Int64) -> Double {
    Double(microseconds) / 1_000_000
  }

  /// Deletes sets no test links to, their members, and blocks nothing refers to.
  static let garbageCollection = [
    "DELETE FROM dependencySet WHERE id NOT IN (SELECT setId FROM testSet)",
    "DELETE FROM setBlock WHERE setId NOT IN (SELECT id FROM dependencySet)",
    """
    DELETE FROM block
    WHERE id NOT IN (SELECT blockId FROM testBlock) AND id NOT IN (SELECT blockId FROM setBlock)
    """,
  ]
}
