import SieveModel
import SievePytest
import Testing

@Suite("PytestResults combined")
struct PytestResultsCombinedTests {
  static func part(
    session: PytestResults.Coverage, test: String, exitStatus: Int, error: String? = nil
  ) -> PytestResults {
    var results = PytestResults()
    results.facts = ["python": "3.12.4"]
    results.contexts = ["session": session]
    results.collected = ["t.py::a": "t.py", "t.py::b": "t.py"]
    results.tests = [
      .init(
        id: TestID(test), path: "t.py", outcome: .passed, duration: 1, contexts: ["session"],
        coverage: .init(), alwaysRuns: false)
    ]
    results.imports = ["t.py": ["app/a.py"]]
    results.exitStatus = exitStatus
    results.error = error
    return results
  }

  @Test("Two workers' results join tests and unite shared contexts of the same name")
  func joins() {
    let first = Self.part(
      session: .init(lines: ["conftest.py": [1, 2]], reads: ["data.json"]), test: "t.py::a",
      exitStatus: 0)
    var second = Self.part(
      session: .init(lines: ["conftest.py": [2, 3]], codeStarts: ["app/a.py": [1]]),
      test: "t.py::b", exitStatus: 1)
    second.imports = ["t.py": ["app/b.py"]]
    let combined = PytestResults.combined([first, second])
    #expect(combined.tests.map(\.id) == ["t.py::a", "t.py::b"])
    #expect(
      combined.contexts["session"]
        == .init(
          lines: ["conftest.py": [1, 2, 3]], codeStarts: ["app/a.py": [1]], reads: ["data.json"]))
    #expect(combined.imports == ["t.py": ["app/a.py", "app/b.py"]])
    #expect(combined.collected.count == 2)
    #expect(combined.exitStatus == 1)
    #expect(combined.facts == ["python": "3.12.4"])
  }

  @Test("An error in any worker is kept")
  func keepsError() {
    let combined = PytestResults.combined([
      Self.part(session: .init(), test: "t.py::a", exitStatus: 0),
      Self.part(session: .init(), test: "t.py::b", exitStatus: 3, error: "boom"),
    ])
    #expect(combined.error == "boom")
  }
}
