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
    return migrator
  }
}
