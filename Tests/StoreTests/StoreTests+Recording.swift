import Foundation
import SieveModel
import SieveStore
import SieveTestSupport
import Testing

extension StoreTests {
  @Suite("Recording a run")
  struct Recording {
    let file: StoreFile

    init() throws {
      file = try StoreFile()
    }

    @Test("The summary reads back the run's commit, test count, timestamp and facts")
    func summaryReadsBack() throws {
      let store = try file.open()
      try store.record(
        Sample.run(
          commit: "0123456789abcdef0123456789abcdef01234567",
          tests: [
            Sample.test("tests/test_a.py::test_one"), Sample.test("tests/test_a.py::test_two"),
          ],
          pending: ["app/models.py"],
          facts: ["collector": "sys.monitoring", "python": "3.12.4"],
          timestamp: "2025-06-07T08:09:10Z"))

      let summary = try store.summary()

      #expect(summary.commit == "0123456789abcdef0123456789abcdef01234567")
      #expect(summary.testCount == 2)
      #expect(summary.lastRun == "2025-06-07T08:09:10Z")
      #expect(summary.facts == ["collector": "sys.monitoring", "python": "3.12.4"])
      #expect(summary.pendingPaths == ["app/models.py"])
    }

    @Test("A run on a branch with no commits clears the stored commit")
    func runWithoutCommitClearsCommit() throws {
      let store = try file.open()
      try store.record(Sample.run(commit: "abc123", tests: [Sample.test("t.py::a")]))

      try store.record(Sample.run(commit: nil, tests: [Sample.test("t.py::a")]))

      #expect(try store.summary().commit == nil)
    }

    @Test("Facts an earlier run reported but the last run did not are no longer in the summary")
    func staleFactsAreDropped() throws {
      let store = try file.open()
      try store.record(
        Sample.run(
          tests: [Sample.test("t.py::a")],
          facts: ["collector": "coverage", "python": "3.11.9"]))

      try store.record(
        Sample.run(tests: [Sample.test("t.py::a")], facts: ["collector": "coverage"]))

      let facts = try store.summary().facts
      #expect(facts == ["collector": "coverage"])
    }

    @Test("Known tests are every recorded test with the file that defines it")
    func knownTests() throws {
      let store = try file.open()
      try store.record(
        Sample.run(tests: [
          Sample.test("tests/test_a.py::test_one", in: "tests/test_a.py"),
          Sample.test("tests/sub/test_b.py::TestB::test_two", in: "tests/sub/test_b.py"),
        ]))

      #expect(
        try store.knownTests() == [
          "tests/test_a.py::test_one": "tests/test_a.py",
          "tests/sub/test_b.py::TestB::test_two": "tests/sub/test_b.py",
        ])
    }

    @Test("Durations are those of tests that ran; collected-only tests have none")
    func durations() throws {
      let store = try file.open()
      var run = Sample.run(tests: [
        Sample.test("tests/test_a.py::fast", duration: 0.5),
        Sample.test("tests/test_a.py::slow", outcome: .failed, duration: 3),
      ])
      run.collectedOnly = ["tests/test_a.py::deselected": "tests/test_a.py"]
      try store.record(run)

      #expect(try store.durations() == ["tests/test_a.py::fast": 0.5, "tests/test_a.py::slow": 3])
    }

    @Test("A stored test has its file, outcome, duration and run time")
    func storedTestReadsBack() throws {
      let store = try file.open()
      try store.record(
        Sample.run(
          tests: [
            Sample.test(
              "tests/test_a.py::test_slow", in: "tests/test_a.py", outcome: .xfailed,
              duration: 12.5)
          ], timestamp: "2025-02-03T04:05:06Z"))

      let stored = try store.test("tests/test_a.py::test_slow")

      #expect(
        stored
          == StoredTest(
            id: "tests/test_a.py::test_slow", path: "tests/test_a.py", outcome: .xfailed,
            duration: 12.5, lastRun: "2025-02-03T04:05:06Z"))
      #expect(try store.test("tests/test_a.py::test_unknown") == nil)
    }

    @Test("Node ids with unicode, brackets and separators are stored exactly")
    func unusualNodeIDs() throws {
      let ids: [TestID] = [
        "tests/test_ünïcode.py::test_名前[α-β]",
        "tests/test_a.py::TestX::test_y[a/b::c-1.5]",
        "tests/test_a.py::test_z[' \"quoted\" ']",
      ]
      let store = try file.open()
      try store.record(Sample.run(tests: ids.map { Sample.test($0) }))

      #expect(Set(try store.knownTests().keys) == Set(ids))
      for id in ids {
        #expect(try store.test(id)?.id == id)
      }
    }

    @Test("A test depends on the union of its own and its shared dependency sets")
    func dependenciesAreUnionOfOwnAndShared() throws {
      let session = Sample.dependency("conftest.py", "<module>", 1)
      let module = Sample.dependency("tests/test_a.py", "<module>", 2)
      let own = Sample.dependency("app/calc.py", "add", 3)
      let overlap = Sample.dependency("app/calc.py", "<module>", 4)
      let store = try file.open()
      try store.record(
        Sample.run(
          tests: [
            Sample.test(
              "tests/test_a.py::test_add", dependencies: [own, overlap],
              shared: ["session", "import:tests/test_a.py"])
          ],
          shared: ["session": [session, overlap], "import:tests/test_a.py": [module]]))

      #expect(
        try store.dependencies(of: "tests/test_a.py::test_add")
          == [session, module, own, overlap])
      #expect(try store.dependencies(of: "tests/test_a.py::test_unknown").isEmpty)
    }

    @Test("Hashes with the top bit set survive storage as signed integers")
    func fullWidthHashesRoundTrip() throws {
      let high = Sample.dependency("app/a.py", "f", 0xFFFF_FFFF_FFFF_FFFF)
      let sign = Sample.dependency("app/a.py", "g", 0x8000_0000_0000_0000)
      let store = try file.open()
      try store.record(Sample.run(tests: [Sample.test("t.py::a", dependencies: [high, sign])]))

      #expect(try store.dependencies(of: "t.py::a") == [high, sign])
      #expect(try store.tests(dependingOn: [high]) == ["t.py::a": [high]])
      #expect(try store.recordedDependencies(in: ["app/a.py"]) == [high, sign])
    }

    @Test("Identical dependency sets of 100 tests are stored once")
    func identicalSetsStoredOnce() throws {
      // Given 100 tests with equal own sets, all sharing one session set
      let own: Set = [
        Sample.dependency("app/calc.py", "add", 10), Sample.dependency("app/calc.py", "sub", 11),
      ]
      let session: Set = [Sample.dependency("conftest.py", "<module>", 12)]
      let tests = (0..<100).map { index in
        Sample.test(
          TestID("tests/test_a.py::test_\(index)"), dependencies: own, shared: ["session"])
      }

      // When they are recorded
      try file.record(Sample.run(tests: tests, shared: ["session": session]))

      // Then there are two sets of three blocks, and every test links to both sets
      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 2)
      #expect(try SQLiteFile.count("block", in: file.path) == 3)
      #expect(try SQLiteFile.count("setBlock", in: file.path) == 3)
      #expect(try SQLiteFile.count("testSet", in: file.path) == 200)
      #expect(try SQLiteFile.count("testBlock", in: file.path) == 0)
      let store = try file.open()
      #expect(try store.dependencies(of: "tests/test_a.py::test_42") == own.union(session))
    }

    @Test("A set recorded in a later run is matched to the stored one, not stored again")
    func identicalSetAcrossRunsStoredOnce() throws {
      let session: Set = [
        Sample.dependency("conftest.py", "<module>", 10), Sample.dependency("conftest.py", "f", 11),
      ]

      try file.record(
        Sample.run(
          tests: [Sample.test("t.py::a", shared: ["session"])], shared: ["session": session]),
        Sample.run(tests: [Sample.test("t.py::b", shared: ["s"])], shared: ["s": session]))

      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 1)
      #expect(try SQLiteFile.count("setBlock", in: file.path) == 2)
      #expect(try SQLiteFile.count("testSet", in: file.path) == 2)
    }

    @Test("An own set equal to a stored set links to it; a new small one is the test's blocks")
    func ownSetMatchesStoredSet() throws {
      let session: Set = [Sample.dependency("conftest.py", "<module>", 10)]
      let own: Set = [Sample.dependency("app/calc.py", "add", 10)]

      try file.record(
        Sample.run(
          tests: [Sample.test("t.py::a", shared: ["session"])], shared: ["session": session]),
        Sample.run(tests: [
          Sample.test("t.py::b", dependencies: session), Sample.test("t.py::c", dependencies: own),
        ]))

      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 1)
      #expect(try SQLiteFile.count("testSet", in: file.path) == 2)
      #expect(try SQLiteFile.count("testBlock", in: file.path) == 1)
      #expect(try SQLiteFile.count("block", in: file.path) == 2)
      let store = try file.open()
      #expect(try store.dependencies(of: "t.py::b") == session)
      #expect(try store.dependencies(of: "t.py::c") == own)
      #expect(
        try store.tests(dependingOn: session.union(own)) == [
          "t.py::a": session, "t.py::b": session, "t.py::c": own,
        ])
    }

    @Test("A block recorded in a later run is matched to the stored one, not stored again")
    func identicalBlockAcrossRunsStoredOnce() throws {
      let dependencies: Set = [Sample.dependency("app/calc.py", "add", 10)]

      try file.record(
        Sample.run(tests: [Sample.test("t.py::a", dependencies: dependencies)]),
        Sample.run(tests: [Sample.test("t.py::b", dependencies: dependencies)]))

      #expect(try SQLiteFile.count("block", in: file.path) == 1)
      #expect(try SQLiteFile.count("testBlock", in: file.path) == 2)
      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 0)
    }

    @Test("Recording a test again replaces its dependencies, outcome and duration")
    func rerecordingReplaces() throws {
      let old = Sample.dependency("app/calc.py", "add", 1)
      let new = Sample.dependency("app/calc.py", "add", 2)
      let store = try file.open()
      try store.record(
        Sample.run(
          tests: [Sample.test("t.py::a", outcome: .failed, duration: 3, dependencies: [old])],
          timestamp: "2025-01-01T00:00:00Z"))

      try store.record(
        Sample.run(
          tests: [Sample.test("t.py::a", outcome: .passed, duration: 1, dependencies: [new])],
          timestamp: "2025-01-02T00:00:00Z"))

      #expect(try store.dependencies(of: "t.py::a") == [new])
      let stored = try #require(try store.test("t.py::a"))
      #expect(stored.outcome == .passed)
      #expect(stored.duration == 1)
      #expect(stored.lastRun == "2025-01-02T00:00:00Z")
      #expect(try store.summary().testCount == 1)
    }

    @Test("Two node ids with the same lookup key stay two tests, each with its own record")
    func sharedLookupKey() throws {
      // Both hash to the same 23-bit `test.key` (FNV-1a); lookups must compare the names.
      let first: TestID = "tests/test_a.py::test_case[10759]"
      let second: TestID = "tests/test_a.py::test_case[28824]"
      let add = Sample.dependency("app/calc.py", "add", 1)
      let sub = Sample.dependency("app/calc.py", "sub", 2)
      let store = try file.open()
      try store.record(
        Sample.run(tests: [Sample.test(first, outcome: .failed, dependencies: [add])]))

      try store.record(
        Sample.run(tests: [Sample.test(second, outcome: .passed, dependencies: [sub])]))
      try store.record(Sample.run(tests: [Sample.test(second, dependencies: [sub])]))

      let keys = try SQLiteFile.execute("SELECT DISTINCT key FROM test", in: file.path)
      #expect(keys.count == 1, "the two node ids share a key")
      #expect(try store.summary().testCount == 2)
      #expect(try store.test(first)?.outcome == .failed)
      #expect(try store.test(second)?.outcome == .passed)
      #expect(try store.dependencies(of: first) == [add])
      #expect(try store.dependencies(of: second) == [sub])

      try store.record(Sample.run(tests: [], removed: [second]))

      #expect(try store.knownTests().keys.sorted() == [first])
      #expect(try store.testsNeedingRerun() == [first: .failed])
    }

    @Test("A test missing from a later run keeps its record")
    func testsNotInRunAreKept() throws {
      let dependency = Sample.dependency("app/calc.py", "add", 1)
      let store = try file.open()
      try store.record(Sample.run(tests: [Sample.test("t.py::a", dependencies: [dependency])]))

      try store.record(Sample.run(tests: [Sample.test("t.py::b")]))

      #expect(try store.dependencies(of: "t.py::a") == [dependency])
      #expect(try store.summary().testCount == 2)
    }

    @Test("Removed tests are deleted with their links")
    func removedTestsAreDeleted() throws {
      let dependency = Sample.dependency("app/calc.py", "add", 1)
      let store = try file.open()
      try store.record(
        Sample.run(tests: [
          Sample.test("t.py::gone", dependencies: [dependency]),
          Sample.test("t.py::kept", dependencies: [dependency]),
        ]))

      try store.record(Sample.run(tests: [], removed: ["t.py::gone"]))

      #expect(try store.test("t.py::gone") == nil)
      #expect(try store.knownTests() == ["t.py::kept": "tests/test_app.py"])
      #expect(try store.tests(dependingOn: [dependency]) == ["t.py::kept": [dependency]])
      #expect(try SQLiteFile.count("testBlock", in: file.path) == 1)
    }

    @Test("Blocks no test refers to any longer are deleted")
    func orphanedSetsAreDeleted() throws {
      // Given a test recorded with one set, and a removed test with another
      let store = try file.open()
      let first: Set = [
        Sample.dependency("app/calc.py", "add", 1), Sample.dependency("app/calc.py", "sub", 1),
      ]
      let second: Set = [Sample.dependency("app/calc.py", "add", 2)]
      try store.record(
        Sample.run(tests: [
          Sample.test("t.py::a", dependencies: first),
          Sample.test("t.py::b", dependencies: [Sample.dependency("app/text.py", "f", 9)]),
        ]))

      // When the first test is recorded with a new set and the second is removed
      try store.record(
        Sample.run(tests: [Sample.test("t.py::a", dependencies: second)], removed: ["t.py::b"]))

      // Then only the new block remains
      #expect(try SQLiteFile.count("block", in: file.path) == 1)
      #expect(try SQLiteFile.count("testBlock", in: file.path) == 1)
      #expect(try store.recordedDependencies(in: ["app/calc.py", "app/text.py"]) == second)
    }

    @Test("A shared set no test of the run names is not kept")
    func unusedSharedSetIsNotKept() throws {
      try file.record(
        Sample.run(
          tests: [Sample.test("t.py::a")],
          shared: ["import:tests/test_other.py": [Sample.dependency("x.py", "<module>", 1)]]))

      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 0)
      #expect(try SQLiteFile.count("block", in: file.path) == 0)
    }

    @Test("Sets no test refers to any longer are deleted with their members and blocks")
    func orphanedSharedSetsAreDeleted() throws {
      // Given tests linked to a session set, and a parametrized pair sharing a set of its own
      let store = try file.open()
      let session: Set = [Sample.dependency("conftest.py", "<module>", 1)]
      let own = Set((0..<6).map { Sample.dependency("app/calc.py", "f\($0)", 1) })
      try store.record(
        Sample.run(
          tests: [
            Sample.test("t.py::a[1]", dependencies: own, shared: ["session"]),
            Sample.test("t.py::a[2]", dependencies: own, shared: ["session"]),
          ], shared: ["session": session]))
      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 2)
      #expect(try SQLiteFile.count("block", in: file.path) == 7)

      // When both are recorded again with a new session set and no dependencies of their own
      let newSession: Set = [Sample.dependency("conftest.py", "<module>", 2)]
      try store.record(
        Sample.run(
          tests: [
            Sample.test("t.py::a[1]", shared: ["session"]),
            Sample.test("t.py::a[2]", shared: ["session"]),
          ], shared: ["session": newSession]))

      // Then only the new set, its member and its block remain
      #expect(try SQLiteFile.count("dependencySet", in: file.path) == 1)
      #expect(try SQLiteFile.count("setBlock", in: file.path) == 1)
      #expect(try SQLiteFile.count("block", in: file.path) == 1)
      #expect(try store.recordedDependencies(in: ["conftest.py", "app/calc.py"]) == newSession)
      #expect(try store.dependencies(of: "t.py::a[2]") == newSession)
    }

    @Test("Pending paths are replaced by each run")
    func pendingPathsReplacedByRun() throws {
      let store = try file.open()
      try store.record(Sample.run(tests: [], pending: ["app/a.py", "app/b.py"]))

      try store.record(Sample.run(tests: [], pending: ["app/c.py"]))

      #expect(try store.summary().pendingPaths == ["app/c.py"])
    }

    @Test("keepPending narrows the pending paths, seeing the dependencies recorded on them")
    func keepPendingNarrows() throws {
      let store = try file.open()
      let dependency = Dependency(path: "app/a.py", blockName: "f", hash: BlockHash(7))
      let test = Sample.test("t.py::a", dependencies: [dependency])
      var seen = Set<Dependency>()
      try store.record(Sample.run(tests: [test], pending: ["app/a.py", "app/b.py"])) {
        recorded in
        seen = recorded
        return ["app/b.py", "not/a/candidate.py"]
      }
      #expect(try store.summary().pendingPaths == ["app/b.py"], "only candidates are kept")
      #expect(seen == [dependency])
    }
  }
}
