import Foundation
import SieveModel
import SieveStore
import SieveTestSupport
import Testing

extension StoreTests {
  @Suite("Queries")
  struct Queries {
    let file: StoreFile

    init() throws {
      file = try StoreFile()
    }

    @Test("tests(dependingOn:) finds exactly the tests holding that path, block and hash")
    func testsDependingOnExactDependency() throws {
      // Given tests that saw two hashes of one block, and one that saw another block
      let old = Sample.dependency("app/calc.py", "add", 1)
      let new = Sample.dependency("app/calc.py", "add", 2)
      let other = Sample.dependency("app/calc.py", "sub", 1)
      let elsewhere = Sample.dependency("app/text.py", "add", 1)
      let store = try file.open()
      try store.record(
        Sample.run(tests: [
          Sample.test("t.py::old", dependencies: [old, other]),
          Sample.test("t.py::also_old", dependencies: [old]),
          Sample.test("t.py::new", dependencies: [new]),
          Sample.test("t.py::other", dependencies: [other]),
          Sample.test("t.py::elsewhere", dependencies: [elsewhere]),
        ]))

      // When asking for the old hash
      let found = try store.tests(dependingOn: [old])

      // Then only its holders are found, each with the dependency
      #expect(found == ["t.py::old": [old], "t.py::also_old": [old]])
    }

    @Test("tests(dependingOn:) gives each test the subset of the asked dependencies it holds")
    func testsDependingOnSeveral() throws {
      let add = Sample.dependency("app/calc.py", "add", 1)
      let sub = Sample.dependency("app/calc.py", "sub", 1)
      let store = try file.open()
      try store.record(
        Sample.run(tests: [
          Sample.test("t.py::both", dependencies: [add, sub]),
          Sample.test("t.py::add", dependencies: [add]),
        ]))

      let found = try store.tests(dependingOn: [add, sub])

      #expect(found == ["t.py::both": [add, sub], "t.py::add": [add]])
      #expect(try store.tests(dependingOn: []).isEmpty)
    }

    @Test("tests(dependingOn:) reaches every test through a shared set")
    func testsDependingOnSharedSet() throws {
      let conftest = Sample.dependency("conftest.py", "<module>", 5)
      let store = try file.open()
      try store.record(
        Sample.run(
          tests: [
            Sample.test("t.py::a", shared: ["session"]),
            Sample.test("t.py::b", shared: ["session"]),
            Sample.test("t.py::c"),
          ],
          shared: ["session": [conftest]]))

      #expect(
        try store.tests(dependingOn: [conftest]) == ["t.py::a": [conftest], "t.py::b": [conftest]])
    }

    @Test("recordedDependencies(in:) lists the distinct dependencies on the given files only")
    func recordedDependenciesInPaths() throws {
      let add1 = Sample.dependency("app/calc.py", "add", 1)
      let add2 = Sample.dependency("app/calc.py", "add", 2)
      let text = Sample.dependency("app/text.py", "upper", 3)
      let store = try file.open()
      try store.record(
        Sample.run(tests: [
          Sample.test("t.py::a", dependencies: [add1, text]),
          Sample.test("t.py::b", dependencies: [add1]),
          Sample.test("t.py::c", dependencies: [add2]),
        ]))

      #expect(try store.recordedDependencies(in: ["app/calc.py"]) == [add1, add2])
      #expect(try store.recordedDependencies(in: ["app/calc.py", "app/text.py"]).count == 3)
      #expect(try store.recordedDependencies(in: ["app/unknown.py"]).isEmpty)
      #expect(try store.recordedDependencies(in: []).isEmpty)
    }

    @Test("Only failed, error and xpassed tests need a rerun")
    func testsNeedingRerun() throws {
      let store = try file.open()
      try store.record(
        Sample.run(
          tests: Outcome.allCases.map { outcome in
            Sample.test(TestID("t.py::\(outcome.rawValue)"), outcome: outcome)
          }))

      #expect(
        try store.testsNeedingRerun() == [
          "t.py::failed": .failed, "t.py::error": .error, "t.py::xpassed": .xpassed,
        ])
    }

    @Test("A collected test that never ran needs a run, and an existing record is kept")
    func collectedOnly() throws {
      let store = try file.open()
      try store.record(Sample.run(tests: [Sample.test("t.py::a", outcome: .passed)]))
      var run = Sample.run(tests: [])
      run.collectedOnly = ["t.py::a": "t.py", "t.py::b": "t.py"]
      try store.record(run)

      #expect(try store.testsNeedingRerun().isEmpty)
      #expect(
        try store.testsNeverRun() == ["t.py::b": NeverRunTest(path: "t.py", deselectedBy: nil)])
      #expect(try store.test("t.py::a")?.outcome == .passed)
      #expect(try store.test("t.py::b")?.outcome == nil)
    }

    @Test("A never-run test remembers the arguments that last deselected it, until it runs")
    func deselectingArguments() throws {
      let store = try file.open()
      var run = Sample.run(tests: [])
      run.collectedOnly = ["t.py::a": "t.py", "t.py::b": "t.py"]
      run.userDeselected = ["t.py::a"]
      run.selectionArguments = #"["-k","b"]"#
      try store.record(run)
      #expect(
        try store.testsNeverRun() == [
          "t.py::a": NeverRunTest(path: "t.py", deselectedBy: #"["-k","b"]"#),
          "t.py::b": NeverRunTest(path: "t.py", deselectedBy: nil),
        ])

      run.selectionArguments = #"["-k","not b"]"#
      try store.record(run)
      #expect(try store.testsNeverRun()["t.py::a"]?.deselectedBy == #"["-k","not b"]"#)

      try store.record(Sample.run(tests: [Sample.test("t.py::a", outcome: .passed)]))
      #expect(try store.testsNeverRun().keys.sorted() == ["t.py::b"])
    }

    @Test("A never-run test depends on the shared sets named for it; a test that ran keeps its own")
    func neverRunLinks() throws {
      let store = try file.open()
      let data = Sample.dependency("tests/cases.json", "<file>", 7)
      let own = Sample.dependency("app/calc.py", "add", 1)
      try store.record(Sample.run(tests: [Sample.test("t.py::a", dependencies: [own])]))
      var run = Sample.run(tests: [], shared: ["import:t.py": [data]])
      run.collectedOnly = ["t.py::a": "t.py", "t.py::b": "t.py"]
      run.neverRunSharedSetNames = ["t.py::a": ["import:t.py"], "t.py::b": ["import:t.py"]]
      try store.record(run)

      #expect(try store.tests(dependingOn: [data]) == ["t.py::b": [data]])
      #expect(try store.dependencies(of: "t.py::a") == [own])
    }

    @Test("A failed test that passes in a later run no longer needs a rerun")
    func passingClearsRerun() throws {
      let store = try file.open()
      try store.record(Sample.run(tests: [Sample.test("t.py::a", outcome: .failed)]))

      try store.record(Sample.run(tests: [Sample.test("t.py::a", outcome: .passed)]))

      #expect(try store.testsNeedingRerun().isEmpty)
    }
  }
}
