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
  }
}
