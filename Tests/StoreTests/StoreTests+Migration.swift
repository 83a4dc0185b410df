import Foundation
import SieveModel
import SieveStore
import SieveTestSupport
import Testing

extension StoreTests {
  @Suite("Migrating a v3 database")
  struct Migration {
    let file: StoreFile
    let add = Sample.dependency("app/calc.py", "add", 1)
    let sub = Sample.dependency("app/calc.py", "sub", 2)
    let mul = Sample.dependency("app/calc.py", "mul", 3)
    let session = Sample.dependency("conftest.py", "<module>", 4)

    init() throws {
      file = try StoreFile()
      try FileManager.default.createDirectory(
        atPath: (file.path as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      try Self.writeV3(at: file.path)
    }

    /// Writes a database as Sieve with schema v3 left it: the tables GRDB created for
    /// migrations v1 to v3, and rows a run of five tests recorded.
    static func writeV3(at path: String) throws {
      let script = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1])
        connection.executescript(sys.argv[2])
        connection.commit()
        """
      let sql = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1: tests, files, shared dependency sets'),
          ('v2: tests marked to always run'),
          ('v3: the arguments that deselected a never-run test');
        CREATE TABLE "meta" ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT NOT NULL);
        CREATE TABLE "pendingPath" ("path" TEXT PRIMARY KEY NOT NULL);
        CREATE TABLE "file" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "path" TEXT NOT NULL UNIQUE, "contentHash" INTEGER NOT NULL);
        CREATE TABLE "dependencySet" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "digest" INTEGER NOT NULL UNIQUE, "size" INTEGER NOT NULL);
        CREATE TABLE "dependency" (
          "setId" INTEGER NOT NULL REFERENCES "dependencySet"("id") ON DELETE CASCADE,
          "fileId" INTEGER NOT NULL REFERENCES "file"("id") ON DELETE CASCADE,
          "blockName" TEXT NOT NULL, "hash" INTEGER NOT NULL,
          PRIMARY KEY ("setId", "fileId", "blockName"));
        CREATE INDEX "dependencyByFile" ON "dependency"("fileId");
        CREATE TABLE "test" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "nodeId" TEXT NOT NULL UNIQUE, "path" TEXT NOT NULL, "outcome" TEXT,
          "duration" DOUBLE NOT NULL DEFAULT 0, "lastRun" TEXT,
          "alwaysRuns" BOOLEAN NOT NULL DEFAULT 0, "deselectedBy" TEXT);
        CREATE INDEX "testByOutcome" ON "test"("outcome");
        CREATE TABLE "testDependencySet" (
          "testId" INTEGER NOT NULL REFERENCES "test"("id") ON DELETE CASCADE,
          "setId" INTEGER NOT NULL REFERENCES "dependencySet"("id") ON DELETE CASCADE,
          PRIMARY KEY ("testId", "setId"));
        CREATE INDEX "testDependencySetBySet" ON "testDependencySet"("setId");
        CREATE INDEX "testByAlwaysRuns" ON "test"("alwaysRuns");

        INSERT INTO meta VALUES ('commit', '3f2a9c1e'), ('lastRun', '2025-01-02T03:04:05Z'),
          ('python', '3.12.1');
        INSERT INTO pendingPath VALUES ('app/calc.py');
        INSERT INTO file VALUES (1, 'app/calc.py', 11), (2, 'conftest.py', 12),
          (3, 'tests/test_a.py', 13);
        INSERT INTO dependencySet VALUES (1, 101, 1), (2, 102, 2), (3, 103, 1);
        INSERT INTO dependency VALUES (1, 2, '<module>', 4), (2, 1, 'add', 1), (2, 1, 'sub', 2),
          (3, 1, 'mul', 3);
        INSERT INTO test VALUES
          (1, 'tests/test_a.py::test_add', 'tests/test_a.py', 'passed', 0.25,
            '2025-01-02T03:04:05Z', 1, NULL),
          (2, 'tests/test_a.py::test_mul[1]', 'tests/test_a.py', 'failed', 1.5,
            '2025-01-02T03:04:05.250Z', 0, NULL),
          (3, 'tests/test_a.py::test_mul[2]', 'tests/test_a.py', 'passed', 0.000125,
            '2025-01-01T00:00:00Z', 0, NULL),
          (4, 'tests/test_a.py::test_never', 'tests/test_a.py', NULL, 0, NULL, 0, '["-k", "x"]'),
          (5, 'Geometry.PointTests/testOrigin', 'Tests/PointTests.swift', 'passed', 2,
            '2025-01-02T03:04:05Z', 0, NULL);
        INSERT INTO testDependencySet VALUES (1, 1), (1, 2), (2, 1), (2, 3), (3, 1), (3, 3),
          (4, 1), (5, 1);
        """
      try Shell.output(
        "python3", ["-c", script, path, sql], in: (path as NSString).deletingLastPathComponent)
    }

    @Test("Opening a v3 database migrates it to the current schema, keeping tests and outcomes")
    func keepsTests() throws {
      let store = try file.open()

      #expect(
        try SQLiteFile.execute("SELECT identifier FROM grdb_migrations", in: file.path).count
          == 5)
      #expect(
        try store.knownTests() == [
          "tests/test_a.py::test_add": "tests/test_a.py",
          "tests/test_a.py::test_mul[1]": "tests/test_a.py",
          "tests/test_a.py::test_mul[2]": "tests/test_a.py",
          "tests/test_a.py::test_never": "tests/test_a.py",
          "Geometry.PointTests/testOrigin": "Tests/PointTests.swift",
        ])
      let add = try #require(try store.test("tests/test_a.py::test_add"))
      #expect(add.outcome == .passed)
      #expect(add.duration == 0.25)
      #expect(add.lastRun == "2025-01-02T03:04:05Z")
      let mul = try #require(try store.test("tests/test_a.py::test_mul[1]"))
      #expect(mul.lastRun == "2025-01-02T03:04:05.250Z", "fractional seconds stay text")
      #expect(try store.test("tests/test_a.py::test_mul[2]")?.duration == 0.000125)
      #expect(try store.test("Geometry.PointTests/testOrigin")?.path == "Tests/PointTests.swift")
      #expect(try store.testsNeedingRerun() == ["tests/test_a.py::test_mul[1]": .failed])
      #expect(
        try store.testsNeverRun() == [
          "tests/test_a.py::test_never": NeverRunTest(
            path: "tests/test_a.py", deselectedBy: "[\"-k\", \"x\"]")
        ])
      #expect(try store.testsAlwaysRun() == ["tests/test_a.py::test_add"])
      #expect(try store.durations().count == 4)
      let summary = try store.summary()
      #expect(summary.commit == "3f2a9c1e")
      #expect(summary.pendingPaths == ["app/calc.py"])
      #expect(summary.facts == ["python": "3.12.1"])
    }

    @Test("Migrating keeps every dependency, stores each block once and drops the old tables")
    func keepsDependencies() throws {
      let store = try file.open()

      #expect(try store.dependencies(of: "tests/test_a.py::test_add") == [add, sub, session])
      #expect(try store.dependencies(of: "tests/test_a.py::test_mul[2]") == [mul, session])
      #expect(try store.dependencies(of: "tests/test_a.py::test_never") == [session])
      #expect(try store.recordedDependencies(in: ["app/calc.py"]) == [add, sub, mul])
      #expect(
        try store.tests(dependingOn: [sub, mul]) == [
          "tests/test_a.py::test_add": [sub],
          "tests/test_a.py::test_mul[1]": [mul],
          "tests/test_a.py::test_mul[2]": [mul],
        ])
      #expect(try store.tests(dependingOn: [session]).count == 5)
      #expect(try SQLiteFile.count("block", in: file.path) == 4)
      // The set only test_add linked to became its own blocks; shared sets stay sets
      #expect(try SQLiteFile.count("testBlock", in: file.path) == 2)
      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 2)
      #expect(try SQLiteFile.execute("PRAGMA freelist_count", in: file.path) == ["0"])
      // The v3 file had SQLite's default 4 KiB pages; the migration's VACUUM rewrote it.
      #expect(try SQLiteFile.execute("PRAGMA page_size", in: file.path) == ["1024"])
      let tables = try SQLiteFile.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", in: file.path)
      #expect(!tables.contains("dependency"))
      #expect(!tables.contains("testDependencySet"))
      // v5: tests are found through `testByKey`; no unique index holds their names twice.
      let indexes = try SQLiteFile.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'test' ORDER BY name",
        in: file.path)
      #expect(indexes == ["testAlwaysRuns", "testByKey", "testNeedingRerun", "testNeverRun"])
    }

    @Test("A migrated database records runs and collects the blocks they no longer use")
    func recordsAfterMigrating() throws {
      let store = try file.open()
      let newAdd = Sample.dependency("app/calc.py", "add", 9)

      try store.record(
        Sample.run(
          tests: [Sample.test("tests/test_a.py::test_add", dependencies: [newAdd])],
          removed: ["tests/test_a.py::test_mul[1]", "tests/test_a.py::test_mul[2]"]))

      #expect(try store.dependencies(of: "tests/test_a.py::test_add") == [newAdd])
      #expect(try store.recordedDependencies(in: ["app/calc.py"]) == [newAdd])
      #expect(try SQLiteFile.count("block", in: file.path) == 2, "new add, and the session's")
      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 1)
      #expect(try store.summary().testCount == 3)
    }
  }
}
