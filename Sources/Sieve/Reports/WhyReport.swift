/// What `sieve why` reports about one test.
public struct WhyReport: Codable, Sendable {
  /// One changed block, with where it is now.
  public struct ChangedBlock: Codable, Sendable {
    /// Why this dependency no longer holds.
    public var reason: ReasonReport
    /// The block's line range now, `first-last`, or `nil` if it is gone.
    public var lines: String?
  }

  /// The format version.
  public var version = 1
  /// The test's node id.
  public var test: String
  /// Whether the database knows the test.
  public var isKnown: Bool
  /// Whether the test would run.
  public var isSelected: Bool
  /// Set when every test would run, with the reason.
  public var runEverything: ReasonReport?
  /// The dependencies that no longer hold, and other reasons.
  public var reasons: [ChangedBlock]
  /// How many blocks the test depended on at its last run.
  public var dependencyCount: Int
  /// In how many files.
  public var fileCount: Int

  /// The report as sorted, indented JSON.
  public func json() throws -> String {
    try ReportEncoding.json(self)
  }
}
