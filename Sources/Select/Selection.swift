import SieveModel

/// The tests a change can affect, each with the reasons Sieve selected it.
public struct Selection: Sendable {
  /// Set when every test must run; the reason says why.
  public var runEverything: SelectionReason?
  /// The known tests that must run, with their reasons.
  public var tests: [TestID: [SelectionReason]]
  /// Files that differ from what the database recorded.
  public var changedFiles: Set<RepoPath>
  /// Changed files that pytest must collect because they may hold tests the database does not
  /// know yet.
  public var collectFiles: Set<RepoPath>
  /// How many tests the database knows.
  public var knownTestCount: Int

  /// Creates a selection.
  ///
  /// - Parameters:
  ///   - runEverything: Set when every test must run.
  ///   - tests: The known tests that must run, with their reasons.
  ///   - changedFiles: Files that differ from what the database recorded.
  ///   - collectFiles: Changed files that may hold tests the database does not know.
  ///   - knownTestCount: How many tests the database knows.
  public init(
    runEverything: SelectionReason?, tests: [TestID: [SelectionReason]],
    changedFiles: Set<RepoPath>, collectFiles: Set<RepoPath>, knownTestCount: Int
  ) {
    self.runEverything = runEverything
    self.tests = tests
    self.changedFiles = changedFiles
    self.collectFiles = collectFiles
    self.knownTestCount = knownTestCount
  }

  /// A selection of every test, for the given reason.
  ///
  /// - Parameters:
  ///   - reason: Why every test runs.
  ///   - knownTestCount: How many tests the database knows, if any.
  /// - Returns: A selection that runs everything.
  public static func everything(
    because reason: SelectionReason, knownTestCount: Int = 0
  ) -> Selection {
    Selection(
      runEverything: reason, tests: [:], changedFiles: [], collectFiles: [],
      knownTestCount: knownTestCount)
  }

  /// Whether nothing needs to run.
  public var isEmpty: Bool {
    runEverything == nil && tests.isEmpty && collectFiles.isEmpty
  }
}
