import Foundation
import SieveModel
import SievePytest
import SieveTestSupport
import Testing

@Suite("PytestResults")
struct PytestResultsTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory(prefix: "sieve-results")
  }

  /// Writes lines as a results file and returns its path.
  func write(_ lines: [String]) throws -> String {
    try directory.write(lines.map { $0 + "\n" }.joined(), to: "results.jsonl")
    return directory.url(for: "results.jsonl").path
  }

  static let unicodeID = "tests/test_ünï.py::test_名前[α-β]"
  static let bracketID = "tests/test_a.py::TestA::test_b[a/b::c-1.5]"

  /// One line of each kind, as the plugin writes them.
  static let session = [
    #"{"type":"session","python":"3.12.4","implementation":"cpython","collector":"sys.monitoring","pytest":"8.3.2","rootdir":"/r","invocationDir":"/r"}"#,
    #"{"type":"context","name":"session","code":{"conftest.py":[1,4],"app/__init__.py":[1]}}"#,
    #"{"type":"context","name":"import:tests/test_a.py","code":{"tests/test_a.py":[1,3,8]}}"#,
    #"{"type":"collected","nodeid":"tests/test_a.py::TestA::test_b[a/b::c-1.5]","path":"tests/test_a.py"}"#,
    #"{"type":"collected","nodeid":"tests/test_ünï.py::test_名前[α-β]","path":"tests/test_ünï.py"}"#,
    #"{"type":"test","nodeid":"tests/test_a.py::TestA::test_b[a/b::c-1.5]","path":"tests/test_a.py","outcome":"failed","duration":0.125,"contexts":["session","import:tests/test_a.py"],"code":{"app/calc.py":[10,20]}}"#,
    #"{"type":"test","nodeid":"tests/test_ünï.py::test_名前[α-β]","path":"tests/test_ünï.py","outcome":"xpassed","duration":2,"contexts":["session"],"code":{}}"#,
    #"{"type":"imports","graph":{"tests/test_a.py":["app/calc.py"]}}"#,
    #"{"type":"end","exitstatus":1}"#,
  ]

  @Test("A results file reads back facts, contexts, collected tests, results and exit status")
  func readsEveryKind() throws {
    let results = try #require(try PytestResults.read(from: write(Self.session)))

    #expect(
      results.facts == [
        "python": "3.12.4", "implementation": "cpython", "collector": "sys.monitoring",
        "pytest": "8.3.2",
      ])
    #expect(
      results.contexts == [
        "session": .init(codeStarts: ["conftest.py": [1, 4], "app/__init__.py": [1]]),
        "import:tests/test_a.py": .init(codeStarts: ["tests/test_a.py": [1, 3, 8]]),
      ])
    #expect(
      results.collected == [
        TestID(Self.bracketID): "tests/test_a.py", TestID(Self.unicodeID): "tests/test_ünï.py",
      ])
    #expect(results.exitStatus == 1)
    #expect(results.error == nil)
    #expect(results.tests.count == 2)
  }

  @Test("Each test result keeps its id, file, outcome, duration, contexts and coverage")
  func testResults() throws {
    let results = try #require(try PytestResults.read(from: write(Self.session)))
    let first = try #require(results.tests.first)
    let second = try #require(results.tests.last)

    #expect(first.id == TestID(Self.bracketID))
    #expect(first.path == "tests/test_a.py")
    #expect(first.outcome == .failed)
    #expect(first.duration == 0.125)
    #expect(first.contexts == ["session", "import:tests/test_a.py"])
    #expect(first.coverage == .init(codeStarts: ["app/calc.py": [10, 20]]))
    #expect(second.id == TestID(Self.unicodeID))
    #expect(second.id.value == Self.unicodeID)
    #expect(second.path == "tests/test_ünï.py")
    #expect(second.outcome == .xpassed)
    #expect(second.duration == 2)
    #expect(second.coverage.files.isEmpty)
  }

  @Test("coverage.py's executed lines are read into lines, not code starts")
  func coverageLines() throws {
    let path = try write([
      #"{"type":"context","name":"session","lines":{"conftest.py":[1,2,3]}}"#,
      #"{"type":"test","nodeid":"t.py::a","path":"t.py","outcome":"passed","duration":0.5,"contexts":["session"],"lines":{"./app/calc.py":[5,6]}}"#,
    ])

    let results = try #require(try PytestResults.read(from: path))

    #expect(results.contexts["session"] == .init(lines: ["conftest.py": [1, 2, 3]]))
    let test = try #require(results.tests.first)
    #expect(test.coverage.lines == ["app/calc.py": [5, 6]])
    #expect(test.coverage.codeStarts.isEmpty)
    #expect(test.coverage.files == ["app/calc.py"])
  }

  @Test("A collector error is kept, and a session that did not end has no exit status")
  func collectorError() throws {
    let path = try write([
      #"{"type":"error","message":"Python 3.11 needs coverage.py to collect: pip install coverage"}"#
    ])

    let results = try #require(try PytestResults.read(from: path))

    #expect(results.error == "Python 3.11 needs coverage.py to collect: pip install coverage")
    #expect(results.exitStatus == nil)
    #expect(results.tests.isEmpty)
  }

  @Test("A test line without an outcome or duration counts as an error that took no time")
  func missingOutcome() throws {
    let path = try write([#"{"type":"test","nodeid":"t.py::a","path":"t.py"}"#])

    let test = try #require(try PytestResults.read(from: path)?.tests.first)

    #expect(test.outcome == .error)
    #expect(test.duration == 0)
    #expect(test.contexts.isEmpty)
  }

  @Test("A missing results file reads as nil")
  func missingFile() throws {
    #expect(try PytestResults.read(from: directory.url(for: "absent.jsonl").path) == nil)
  }

  @Test("An empty results file reads as empty results")
  func emptyFile() throws {
    let results = try #require(try PytestResults.read(from: write([])))

    #expect(results.tests.isEmpty)
    #expect(results.collected.isEmpty)
    #expect(results.exitStatus == nil)
  }

  @Test("A malformed line throws unreadableResults naming the file and the line")
  func malformedLine() throws {
    let path = try write([Self.session[0], Self.session[1], #"{"type":"test","nodeid":"#])

    let error = #expect(throws: AdapterError.self) { try PytestResults.read(from: path) }

    guard case .unreadableResults(let reported, let reason) = error else {
      Issue.record("expected .unreadableResults, got \(String(describing: error))")
      return
    }
    #expect(reported == path)
    #expect(reason.hasPrefix("line 3:"))
    #expect(error?.description.contains(path) == true)
  }

  @Test("A line without a type is malformed")
  func lineWithoutType() throws {
    let path = try write([#"{"nodeid":"t.py::a"}"#])

    #expect(throws: AdapterError.self) { try PytestResults.read(from: path) }
  }

  @Test("The line number of a malformed line counts blank lines before it")
  func lineNumberCountsBlankLines() throws {
    let path = try write([Self.session[0], "", "not json"])

    let error = #expect(throws: AdapterError.self) { try PytestResults.read(from: path) }

    guard case .unreadableResults(_, let reason) = error else {
      Issue.record("expected .unreadableResults, got \(String(describing: error))")
      return
    }
    #expect(reason.hasPrefix("line 3:"))
  }
}
