import Foundation
import SieveModel
import SieveStore
import SieveTestSupport
import Testing

extension StoreTests {
  @Suite("Opening")
  struct Opening {
    let file: StoreFile

    init() throws {
      file = try StoreFile("nested/deeper/sieve.db")
    }

    @Test("Opening a missing file without create returns nil and creates nothing")
    func missingWithoutCreate() throws {
      let store = try Store.open(at: file.path, create: false)

      #expect(store == nil)
      #expect(!file.directory.exists("nested"))
    }

    @Test("Opening with create makes the directory and an empty database")
    func createMakesDirectoryAndFile() throws {
      let store = try #require(try Store.open(at: file.path, create: true))

      #expect(FileManager.default.fileExists(atPath: file.path))
      #expect(store.path == file.path)
      let summary = try store.summary()
      #expect(
        summary
          == StoreSummary(commit: nil, pendingPaths: [], testCount: 0, lastRun: nil, facts: [:]))
      #expect(try store.knownTests().isEmpty)
      try store.close()
      // Small pages: each table's and index's fixed page weighs a quarter of SQLite's default.
      #expect(try SQLiteFile.execute("PRAGMA page_size", in: file.path) == ["1024"])
    }

    @Test("An existing database opens without create and keeps its contents")
    func existingOpensWithoutCreate() throws {
      try file.record(Sample.run(tests: [Sample.test("tests/test_app.py::test_one")]))

      let store = try #require(try Store.open(at: file.path, create: false))

      #expect(try store.knownTests() == ["tests/test_app.py::test_one": "tests/test_app.py"])
      try store.close()
    }

    @Test("A file that is not a database is unreadable, named in the message, and left alone")
    func foreignFileIsUnreadable() throws {
      let text = "[pytest]\naddopts = -q\n" + String(repeating: "not a database\n", count: 40)
      try file.directory.write(text, to: "nested/deeper/sieve.db")

      let error = #expect(throws: StoreError.self) {
        try Store.open(at: file.path, create: true)
      }

      guard case .unreadable(let path, _) = error else {
        Issue.record("expected .unreadable, got \(String(describing: error))")
        return
      }
      #expect(path == file.path)
      #expect(error?.description.contains(file.path) == true)
      #expect(try file.directory.read("nested/deeper/sieve.db") == text)
    }

    @Test("A truncated database is unreadable, on opening or at the first query")
    func truncatedDatabaseIsUnreadable() throws {
      // Given a database of several pages, cut after its first page
      let tests = (0..<200).map { index in
        Sample.test(
          TestID("tests/test_many.py::test_\(index)"),
          dependencies: [
            Sample.dependency(RepoPath("app/module_\(index).py"), "function_\(index)", 7)
          ])
      }
      try file.record(Sample.run(tests: tests))
      let handle = try #require(FileHandle(forUpdatingAtPath: file.path))
      #expect(try handle.seekToEnd() > 8192)
      try handle.truncate(atOffset: 4096)
      try handle.close()

      // When it is opened and read
      let error = #expect(throws: StoreError.self) {
        let store = try #require(try Store.open(at: file.path, create: false))
        _ = try store.summary()
        _ = try store.knownTests()
        _ = try store.dependencies(of: "tests/test_many.py::test_199")
      }

      // Then it is unreadable, not a crash and not an empty database
      guard case .unreadable(let path, _) = error else {
        Issue.record("expected .unreadable, got \(String(describing: error))")
        return
      }
      #expect(path == file.path)
    }

    @Test("A database migrated by a newer Sieve raises newerSchema")
    func newerSchema() throws {
      try file.record(Sample.run(tests: [Sample.test("tests/test_app.py::test_one")]))
      try SQLiteFile.execute(
        "INSERT INTO grdb_migrations (identifier) VALUES ('v2: from a newer Sieve')",
        in: file.path)

      #expect(throws: StoreError.newerSchema(path: file.path)) {
        try Store.open(at: file.path, create: false)
      }
    }

    @Test("A database the current Sieve migrated is not taken for a newer one")
    func currentSchemaIsNotNewer() throws {
      try file.record(Sample.run(tests: []))

      let migrations = try SQLiteFile.execute(
        "SELECT identifier FROM grdb_migrations", in: file.path)

      #expect(migrations.count == 5, "v1 to v5")
      #expect(try Store.open(at: file.path, create: false) != nil)
    }

    @Test("A directory that cannot be created makes opening fail with writeFailed")
    func uncreatableDirectory() throws {
      try file.directory.write("a file, not a directory", to: "nested")

      let error = #expect(throws: StoreError.self) {
        try Store.open(at: file.path, create: true)
      }

      guard case .writeFailed(let path, _) = error else {
        Issue.record("expected .writeFailed, got \(String(describing: error))")
        return
      }
      #expect(path == file.path)
    }

    @Test(
      "A closed store refuses queries as unreadable")
    func closedStoreRefusesQueries() throws {
      let store = try file.open()
      try store.close()

      #expect(throws: StoreError.self) { try store.summary() }
    }
  }
}
