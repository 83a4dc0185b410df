import SieveModel
import SieveSelect
import Testing

@Suite("Selection")
struct SelectionTests {
  @Test("A selection of everything carries its reason and selects no single tests")
  func everything() {
    let selection = Selection.everything(because: .requestedAll, knownTestCount: 7)

    #expect(selection.runEverything == .requestedAll)
    #expect(selection.tests.isEmpty)
    #expect(selection.knownTestCount == 7)
    #expect(!selection.isEmpty)
  }

  @Test(
    "A selection is empty only with no reason to run everything, no tests and nothing to collect",
    arguments: [
      (nil, [:], [], true),
      (nil, ["t.py::a": [.failedLastTime(outcome: .failed)]], [], false),
      (nil, [:], ["tests/test_new.py"], false),
      (.requestedAll, [:], [], false),
    ] as [(SelectionReason?, [TestID: [SelectionReason]], Set<RepoPath>, Bool)]
  )
  func isEmpty(
    reason: SelectionReason?, tests: [TestID: [SelectionReason]], collect: Set<RepoPath>,
    expected: Bool
  ) {
    let selection = Selection(
      runEverything: reason, tests: tests, changedFiles: ["app/calc.py"], collectFiles: collect,
      knownTestCount: 3)

    #expect(selection.isEmpty == expected)
  }
}
