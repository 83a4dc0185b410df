import SieveModel

/// What a database holds, in brief: enough to decide whether anything changed.
public struct StoreSummary: Sendable, Equatable {
  /// The commit of the last recorded run, or `nil` if none was recorded at a commit.
  public var commit: String?
  /// Paths whose recorded blocks may differ from their content at ``commit``.
  public var pendingPaths: Set<RepoPath>
  /// How many tests the database knows.
  public var testCount: Int
  /// When the last run was recorded, as ISO 8601 text.
  public var lastRun: String?
  /// Facts recorded with the last run (collector, interpreter), by key.
  public var facts: [String: String]

  /// Creates a summary.
  ///
  /// - Parameters:
  ///   - commit: The commit of the last recorded run.
  ///   - pendingPaths: Paths whose recorded blocks may differ from their content at `commit`.
  ///   - testCount: How many tests the database knows.
  ///   - lastRun: When the last run was recorded.
  ///   - facts: Facts recorded with the last run.
  public init(
    commit: String?, pendingPaths: Set<RepoPath>, testCount: Int, lastRun: String?,
    facts: [String: String]
  ) {
    self.commit = commit
    self.pendingPaths = pendingPaths
    self.testCount = testCount
    self.lastRun = lastRun
    self.facts = facts
  }
}

/// What the database knows of one test.
public struct StoredTest: Sendable, Equatable {
  /// The test.
  public var id: TestID
  /// The file that defines it.
  public var path: RepoPath
  /// How its last run ended, or `nil` if it was collected but never run.
  public var outcome: Outcome?
  /// Seconds its last run took.
  public var duration: Double
  /// When it last ran, as ISO 8601 text.
  public var lastRun: String?

  /// Creates a stored test.
  ///
  /// - Parameters:
  ///   - id: The test.
  ///   - path: The file that defines it.
  ///   - outcome: How its last run ended.
  ///   - duration: Seconds its last run took.
  ///   - lastRun: When it last ran.
  public init(id: TestID, path: RepoPath, outcome: Outcome?, duration: Double, lastRun: String?) {
    self.id = id
    self.path = path
    self.outcome = outcome
    self.duration = duration
    self.lastRun = lastRun
  }
}
