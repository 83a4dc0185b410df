import Foundation
import SieveModel
import SieveStore
import SieveTestSupport
import Testing

extension StoreTests {
  @Suite("Durability")
  struct Durability {
    let file: StoreFile

    init() throws {
      file = try StoreFile()
    }

    static let firstRun = Sample.run(
      commit: "feedface",
      tests: [
        Sample.test(
          "tests/test_a.py::test_one", outcome: .failed, duration: 0.5,
          dependencies: [Sample.dependency("app/calc.py", "add", 1)], shared: ["session"]),
        Sample.test(
          "tests/test_a.py::test_two",
          dependencies: [Sample.dependency("app/calc.py", "sub", 2)], shared: ["session"]),
      ],
      shared: ["session": [Sample.dependency("conftest.py", "<module>", 3)]],
      pending: ["app/calc.py"],
      facts: ["collector": "coverage"])

    /// Everything the public API can read back, to compare two databases.
    struct Contents: Equatable {
      var summary: StoreSummary
      var known: [TestID: RepoPath]
      var dependencies: [TestID: Set<Dependency>]
      var rerun: [TestID: Outcome]
      var neverRun: [TestID: NeverRunTest]

      init(_ store: Store) throws {
        summary = try store.summary()
        known = try store.knownTests()
        dependencies = [:]
        for id in known.keys {
          dependencies[id] = try store.dependencies(of: id)
        }
        rerun = try store.testsNeedingRerun()
        neverRun = try store.testsNeverRun()
      }
    }

    @Test("After recording and closing, the database is one file with no WAL or journal beside it")
    func singleFileAfterClose() throws {
      try file.record(Self.firstRun)

      for suffix in ["-wal", "-shm", "-journal"] {
        #expect(!FileManager.default.fileExists(atPath: file.sibling(suffix)), "\(suffix)")
      }
    }

    @Test("A copy of the .db file alone holds everything that was recorded")
    func copyOfFileAloneIsComplete() throws {
      // Given a recorded and closed database, copied without anything beside it
      let store = try file.open()
      try store.record(Self.firstRun)
      let original = try Contents(store)
      try store.close()
      let copy = try StoreFile("elsewhere/copy.db")
      try FileManager.default.createDirectory(
        atPath: copy.directory.url(for: "elsewhere").path, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: file.path, toPath: copy.path)

      // When the copy is opened
      let reopened = try #require(try Store.open(at: copy.path, create: false))

      // Then it reads back the same contents
      #expect(try Contents(reopened) == original)
      #expect(original.summary.testCount == 2)
      try reopened.close()
    }

    @Test("A copy taken while the store is still open holds every committed run")
    func copyWhileOpenIsComplete() throws {
      let store = try file.open()
      try store.record(Self.firstRun)
      let original = try Contents(store)
      let copy = try StoreFile("copy.db")

      try FileManager.default.copyItem(atPath: file.path, toPath: copy.path)

      let reopened = try #require(try Store.open(at: copy.path, create: false))
      #expect(try Contents(reopened) == original)
      try store.close()
    }

    @Test("A run written and then declined by its caller leaves the file as it was")
    func declinedRecordLeavesFile() throws {
      // Given a recorded database
      let store = try file.open()
      try store.record(Self.firstRun)
      let before = try Contents(store)
      let bytes = try Data(contentsOf: URL(fileURLWithPath: file.path))

      // When a second run is written, and the question whether to commit it answers no
      var asked = 0
      var second = Self.firstRun
      second.commit = "c0ffee"
      second.tests = [Sample.test("tests/test_new.py::test_new", outcome: .failed)]
      let committed = try store.record(
        second,
        commitIf: {
          asked += 1
          return false
        })

      // Then the question came once, after the write, and nothing of the run remains
      #expect(!committed)
      #expect(asked == 1)
      #expect(try Contents(store) == before)
      try store.close()
      #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == bytes)
      #expect(!FileManager.default.fileExists(atPath: file.sibling("-journal")))
    }

    @Test("A run whose caller agrees to commit is recorded, and the answer says so")
    func agreedRecordIsCommitted() throws {
      let store = try file.open()
      let committed = try store.record(Self.firstRun, commitIf: { true })

      #expect(committed)
      #expect(try store.summary().testCount == 2)
      try store.close()
    }

    @Test("A record that fails midway throws writeFailed and leaves the previous contents")
    func failedRecordLeavesContents() throws {
      // Given a recorded database
      let store = try file.open()
      try store.record(Self.firstRun)
      let before = try Contents(store)

      // When a run fails on its last test (SQLite stores NaN as NULL, which the schema refuses)
      var broken = Sample.run(
        commit: "badbad",
        tests: [
          Sample.test("tests/test_a.py::test_one", outcome: .passed, dependencies: []),
          Sample.test("tests/test_new.py::test_new", duration: .nan),
        ],
        removed: ["tests/test_a.py::test_two"], pending: [], facts: ["collector": "other"])
      broken.fileHashes = ["app/calc.py": BlockHash(99)]
      let error = #expect(throws: StoreError.self) { try store.record(broken) }

      // Then it says where, and nothing of it was written
      guard case .writeFailed(let path, _) = error else {
        Issue.record("expected .writeFailed, got \(String(describing: error))")
        return
      }
      #expect(path == file.path)
      #expect(try Contents(store) == before)
      try store.close()
      let reopened = try #require(try Store.open(at: file.path, create: false))
      #expect(try Contents(reopened) == before)
    }

    @Test(
      "A read-only database refuses a record with writeFailed and keeps its contents",
      .enabled(if: geteuid() != 0, "root writes to files whatever their mode"))
    func readOnlyFileRefusesRecord() throws {
      try file.record(Self.firstRun)
      try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
      defer {
        try? FileManager.default.setAttributes(
          [.posixPermissions: 0o644], ofItemAtPath: file.path)
      }
      let store = try #require(try Store.open(at: file.path, create: false))
      let before = try Contents(store)

      let error = #expect(throws: StoreError.self) {
        try store.record(Sample.run(commit: "new", tests: [Sample.test("t.py::new")]))
      }

      guard case .writeFailed(let path, _) = error else {
        Issue.record("expected .writeFailed, got \(String(describing: error))")
        return
      }
      #expect(path == file.path)
      #expect(try Contents(store) == before)
    }
  }
}
