import SieveModel

/// What one test run established, ready to be written in one transaction.
///
/// Dependencies shared by many tests (what ran while pytest started, or while it imported a
/// test module) are named once in ``sharedDependencies`` and referred to by name, so the
/// database stores each distinct set only once.
public struct RecordedRun: Sendable {
  /// One test's result and what it depended on.
  public struct TestRun: Sendable {
    /// The test.
    public var id: TestID
    /// The file that defines the test.
    public var path: RepoPath
    /// How the test ended.
    public var outcome: Outcome
    /// Seconds spent in setup, call and teardown.
    public var duration: Double
    /// What the test itself executed.
    public var dependencies: Set<Dependency>
    /// Names of entries in ``RecordedRun/sharedDependencies`` the test also depends on.
    public var sharedSetNames: [String]
    /// Whether the test runs whatever changed (pytest's `sieve_always` marker).
    public var alwaysRuns: Bool

    /// Creates a test run.
    ///
    /// - Parameters:
    ///   - id: The test.
    ///   - path: The file that defines the test.
    ///   - outcome: How the test ended.
    ///   - duration: Seconds spent in setup, call and teardown.
    ///   - dependencies: What the test itself executed.
    ///   - sharedSetNames: Names of shared sets the test also depends on.
    ///   - alwaysRuns: Whether the test runs whatever changed.
    public init(
      id: TestID, path: RepoPath, outcome: Outcome, duration: Double,
      dependencies: Set<Dependency>, sharedSetNames: [String], alwaysRuns: Bool = false
    ) {
      self.alwaysRuns = alwaysRuns
      self.id = id
      self.path = path
      self.outcome = outcome
      self.duration = duration
      self.dependencies = dependencies
      self.sharedSetNames = sharedSetNames
    }
  }

  /// The commit the working tree was at, or `nil` on a branch with no commits.
  public var commit: String?
  /// Paths whose recorded blocks may differ from their content at ``commit``.
  ///
  /// This replaces the stored set; selection re-examines these paths even when git reports
  /// them unchanged.
  public var pendingPaths: Set<RepoPath>
  /// The content hash of every file seen by this run.
  public var fileHashes: [RepoPath: BlockHash]
  /// Dependency sets shared by many tests, by name.
  public var sharedDependencies: [String: Set<Dependency>]
  /// The tests that ran.
  public var tests: [TestRun]
  /// Tests that no longer exist.
  public var removedTests: Set<TestID>
  /// Tests pytest collected but did not run, with their files; those the database does not
  /// know yet are stored as never run, and never-run ones learn what deselected them.
  public var collectedOnly: [TestID: RepoPath]
  /// The tests among ``collectedOnly`` that the user's own arguments deselected (`-k`, `-m`,
  /// `--deselect`), as opposed to Sieve's selection or a session stopped early (`-x`).
  public var userDeselected: Set<TestID>
  /// The user's pytest arguments as JSON text, stored with each test in ``userDeselected``.
  public var selectionArguments: String?
  /// For tests in ``collectedOnly``, names of entries in ``sharedDependencies`` that a
  /// never-run test depends on (what ran while pytest started and imported its module): a
  /// change there can change which tests its module holds and which `-k` and `-m` match.
  public var neverRunSharedSetNames: [TestID: [String]] = [:]
  /// Facts about the run to keep (collector, interpreter), by key.
  public var facts: [String: String]
  /// When the run happened, as ISO 8601 text.
  public var timestamp: String

  /// Creates a run record.
  ///
  /// - Parameters:
  ///   - commit: The commit the working tree was at.
  ///   - pendingPaths: Paths whose recorded blocks may differ from their content at `commit`.
  ///   - fileHashes: The content hash of every file seen.
  ///   - sharedDependencies: Dependency sets shared by many tests, by name.
  ///   - tests: The tests that ran.
  ///   - removedTests: Tests that no longer exist.
  ///   - collectedOnly: Tests collected but not run, with their files.
  ///   - userDeselected: Those of them the user's arguments deselected.
  ///   - selectionArguments: The user's pytest arguments as JSON text.
  ///   - facts: Facts about the run to keep.
  ///   - timestamp: When the run happened.
  public init(
    commit: String?, pendingPaths: Set<RepoPath>, fileHashes: [RepoPath: BlockHash],
    sharedDependencies: [String: Set<Dependency>], tests: [TestRun], removedTests: Set<TestID>,
    collectedOnly: [TestID: RepoPath] = [:], userDeselected: Set<TestID> = [],
    selectionArguments: String? = nil, facts: [String: String], timestamp: String
  ) {
    self.commit = commit
    self.pendingPaths = pendingPaths
    self.fileHashes = fileHashes
    self.sharedDependencies = sharedDependencies
    self.tests = tests
    self.removedTests = removedTests
    self.collectedOnly = collectedOnly
    self.userDeselected = userDeselected
    self.selectionArguments = selectionArguments
    self.facts = facts
    self.timestamp = timestamp
  }
}
