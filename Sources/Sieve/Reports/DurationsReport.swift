/// What `sieve durations` prints: the slowest tests and the total, from the database.
public struct DurationsReport: Codable, Sendable {
  /// One test and its recorded duration.
  public struct Entry: Codable, Sendable {
    /// The test's node id.
    public var test: String
    /// Seconds in setup, call and teardown at its last run.
    public var duration: Double
  }

  /// The format version.
  public var version = 1
  /// The slowest tests, slowest first (ties by node id).
  public var slowest: [Entry]
  /// How many tests have a recorded duration.
  public var testCount: Int
  /// The sum of every recorded duration, in seconds.
  public var totalDuration: Double

  /// The report as sorted, indented JSON.
  public func json() throws -> String {
    try ReportEncoding.json(self)
  }
}
