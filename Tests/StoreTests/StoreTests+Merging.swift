import Foundation
import SieveModel
import SieveStore
import SieveTestSupport
import Testing

extension StoreTests {
  @Suite("Merging and compacting for baselines")
  struct Merging {
    let calc = Sample.dependency("app/calc.py", "add", 1)
    let text = Sample.dependency("app/text.py", "shout", 2)
    let config = Sample.dependency("app/config.py", "<module>", 3)

    @Test("Disjoint shards merge into the union of their tests and dependencies")
    func disjoint() throws {
      let first = try StoreFile()
      let second = try StoreFile()
      try first.record(
        Sample.run(tests: [Sample.test("tests/test_a.py::test_add", dependencies: [calc])]))
      try second.record(
        Sample.run(tests: [Sample.test("tests/test_b.py::test_shout", dependencies: [text])]))
      let merged = try first.open()
      try merged.merge(from: second.path)
      #expect(try merged.summary().testCount == 2)
      #expect(try merged.dependencies(of: "tests/test_a.py::test_add") == [calc])
      #expect(try merged.dependencies(of: "tests/test_b.py::test_shout") == [text])
      #expect(try merged.recordedDependencies(in: ["app/text.py"]) == [text])
    }

    @Test("A test in both keeps every dependency, the worse outcome and the longer duration")
    func overlapping() throws {
      let first = try StoreFile()
      let second = try StoreFile()
      let id: TestID = "tests/test_a.py::test_add"
      try first.record(
        Sample.run(tests: [Sample.test(id, outcome: .passed, duration: 1, dependencies: [calc])]))
      try second.record(
        Sample.run(
          tests: [Sample.test(id, outcome: .failed, duration: 3, dependencies: [config])]))
      let merged = try first.open()
      try merged.merge(from: second.path)
      let test = try #require(try merged.test(id))
      #expect(test.outcome == .failed)
      #expect(test.duration == 3)
      #expect(try merged.dependencies(of: id) == [calc, config])
      #expect(try merged.testsNeedingRerun().keys.contains(id))
    }

    @Test("Tests whose node ids share a lookup key merge as two tests")
    func sharedLookupKey() throws {
      let first = try StoreFile()
      let second = try StoreFile()
      // Both hash to the same 23-bit `test.key` (FNV-1a).
      let one: TestID = "tests/test_a.py::test_case[10759]"
      let other: TestID = "tests/test_a.py::test_case[28824]"
      try first.record(
        Sample.run(tests: [Sample.test(one, outcome: .passed, dependencies: [calc])]))
      try second.record(
        Sample.run(tests: [Sample.test(other, outcome: .failed, dependencies: [text])]))
      let merged = try first.open()
      try merged.merge(from: second.path)
      #expect(try merged.summary().testCount == 2)
      #expect(try merged.test(one)?.outcome == .passed)
      #expect(try merged.test(other)?.outcome == .failed)
      #expect(try merged.dependencies(of: one) == [calc])
      #expect(try merged.dependencies(of: other) == [text])
    }

    @Test("A newer record of a test replaces an older one: a shard that started from a baseline")
    func newerRecordWins() throws {
      let baseline = try StoreFile()
      let fresh = try StoreFile()
      let id: TestID = "tests/test_a.py::test_add"
      try baseline.record(
        Sample.run(
          tests: [Sample.test(id, outcome: .failed, duration: 9, dependencies: [calc])],
          timestamp: "2026-11-01T00:00:00Z"))
      try fresh.record(
        Sample.run(
          tests: [Sample.test(id, outcome: .passed, duration: 1, dependencies: [config])],
          timestamp: "2026-11-02T00:00:00Z"))
      for (first, second) in [(baseline, fresh), (fresh, baseline)] {
        let output = try TemporaryDirectory()
        let path = output.url(for: "merged.db").path
        let merged = try first.open()
        try merged.compactCopy(to: path)
        try merged.close()
        let result = try #require(try Store.open(at: path, create: false))
        try result.merge(from: second.path)
        #expect(try result.test(id)?.outcome == .passed)
        #expect(try result.test(id)?.duration == 1)
        #expect(try result.dependencies(of: id) == [config])
      }
    }

    @Test("A test that ran beats the same test only collected in another shard")
    func ranBeatsNeverRan() throws {
      let ran = try StoreFile()
      let collected = try StoreFile()
      let id: TestID = "tests/test_a.py::test_add"
      try ran.record(Sample.run(tests: [Sample.test(id, dependencies: [calc])]))
      try collected.record(
        RecordedRun(
          commit: "3f2a9c1e", pendingPaths: [], fileHashes: [:], sharedDependencies: [:],
          tests: [], removedTests: [], collectedOnly: [id: "tests/test_a.py"], facts: [:],
          timestamp: Sample.timestamp))
      let merged = try collected.open()
      try merged.merge(from: ran.path)
      #expect(try merged.test(id)?.outcome == .passed)
    }

    @Test("A file recorded with different hashes becomes pending")
    func conflictingFileHashes() throws {
      let first = try StoreFile()
      let second = try StoreFile()
      try first.record(
        Sample.run(
          tests: [Sample.test("tests/test_a.py::test_add")],
          fileHashes: ["app/calc.py": BlockHash(1)]))
      try second.record(
        Sample.run(
          tests: [Sample.test("tests/test_b.py::test_b")], fileHashes: ["app/calc.py": BlockHash(2)]
        ))
      let merged = try first.open()
      try merged.merge(from: second.path)
      #expect(try merged.summary().pendingPaths == ["app/calc.py"])
    }

    @Test("Shared sets, shared own sets and blocks merge without duplicates")
    func setsAndBlocksMergeOnce() throws {
      // Given two shards that share a session set, and a parametrized pair in each
      let first = try StoreFile()
      let second = try StoreFile()
      let session: Set = [config]
      let own = Set((0..<6).map { Sample.dependency("app/calc.py", "f\($0)", 1) })
      func pair(_ name: String) -> [RecordedRun.TestRun] {
        ["1", "2"].map {
          Sample.test(
            TestID("tests/test_a.py::\(name)[\($0)]"), dependencies: own, shared: ["session"])
        }
      }
      try first.record(
        Sample.run(
          tests: pair("test_p") + [
            Sample.test("tests/test_a.py::test_add", dependencies: [calc], shared: ["session"])
          ], shared: ["session": session]))
      try second.record(
        Sample.run(
          tests: pair("test_q") + [
            Sample.test(
              "tests/test_b.py::test_shout", dependencies: [calc, text], shared: ["session"])
          ], shared: ["session": session]))

      // When they are merged
      let merged = try first.open()
      try merged.merge(from: second.path)

      // Then every test keeps its dependencies, and sets and blocks are stored once
      #expect(try merged.summary().testCount == 6)
      #expect(try merged.dependencies(of: "tests/test_a.py::test_q[2]") == own.union(session))
      #expect(try merged.dependencies(of: "tests/test_b.py::test_shout") == [calc, text, config])
      #expect(try merged.tests(dependingOn: [text]) == ["tests/test_b.py::test_shout": [text]])
      #expect(try merged.tests(dependingOn: [config]).count == 6)
      #expect(try merged.tests(dependingOn: [calc]).count == 2)
      #expect(try SQLiteFile.count("dependencySet", in: first.path) == 2)
      #expect(try SQLiteFile.count("block", in: first.path) == 9)
      #expect(try SQLiteFile.count("setBlock", in: first.path) == 7)
    }

    @Test("A newer record's links replace the older ones, and what only they used is collected")
    func mergeCollectsReplacedLinks() throws {
      let baseline = try StoreFile()
      let fresh = try StoreFile()
      let id: TestID = "tests/test_a.py::test_add"
      try baseline.record(
        Sample.run(
          tests: [Sample.test(id, dependencies: [calc])], timestamp: "2026-11-01T00:00:00Z"))
      try fresh.record(
        Sample.run(
          tests: [Sample.test(id, dependencies: [text])], timestamp: "2026-11-02T00:00:00Z"))

      let merged = try baseline.open()
      try merged.merge(from: fresh.path)

      #expect(try merged.dependencies(of: id) == [text])
      #expect(try merged.recordedDependencies(in: ["app/calc.py", "app/text.py"]) == [text])
      #expect(try SQLiteFile.count("block", in: baseline.path) == 1)
      #expect(try merged.test(id)?.lastRun == "2026-11-02T00:00:00Z")
    }

    @Test("A compact copy holds the same tests")
    func compactCopy() throws {
      let file = try StoreFile()
      try file.record(
        Sample.run(tests: [Sample.test("tests/test_a.py::test_add", dependencies: [calc])]))
      let store = try file.open()
      let copy = file.directory.url(for: "copy.db").path
      try store.compactCopy(to: copy)
      let reopened = try #require(try Store.open(at: copy, create: false))
      #expect(try reopened.summary().testCount == 1)
      #expect(try reopened.dependencies(of: "tests/test_a.py::test_add") == [calc])
      #expect(Store.knowsSchema(Store.schema))
      #expect(!Store.knowsSchema("v99: from the future"))
    }

    @Test("A compact copy of a large run keeps every dependency and has no free pages")
    func compactCopyOfLargeRun() throws {
      // Given 300 tests recorded, then a third of them removed
      let file = try StoreFile()
      let tests = (0..<300).map { index in
        Sample.test(
          TestID("tests/test_m\(index % 10).py::test_\(index)"),
          dependencies: [
            Sample.dependency(RepoPath("app/m\(index % 10).py"), "f\(index)", UInt64(index)), calc,
          ], shared: ["session"])
      }
      let store = try file.open()
      try store.record(Sample.run(tests: tests, shared: ["session": [config]]))
      try store.record(Sample.run(tests: [], removed: Set(tests.prefix(100).map(\.id))))

      // When it is copied
      let copy = file.directory.url(for: "copy.db").path
      try store.compactCopy(to: copy)

      // Then the copy answers alike and holds no unused pages or blocks
      let reopened = try #require(try Store.open(at: copy, create: false))
      #expect(try reopened.summary().testCount == 200)
      #expect(
        try reopened.dependencies(of: "tests/test_m7.py::test_257")
          == [Sample.dependency("app/m7.py", "f257", 257), calc, config])
      #expect(try reopened.tests(dependingOn: [calc]).count == 200)
      #expect(try SQLiteFile.execute("PRAGMA freelist_count", in: copy) == ["0"])
      #expect(try SQLiteFile.count("block", in: copy) == 202)
      let size = { (path: String) in
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
      }
      #expect(try size(copy) <= size(file.path))
    }
  }
}
