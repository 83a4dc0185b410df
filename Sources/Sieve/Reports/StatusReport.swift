/// What `sieve status` reports.
public struct StatusReport: Codable, Sendable {
  /// The format version.
  public var version = 1
  /// The repository root.
  public var repository: String
  /// The database path, repository-relative when inside it.
  public var database: String
  /// Whether the database exists and can be read.
  public var hasDatabase: Bool
  /// The commit the database was last recorded at.
  public var commit: String?
  /// The commit checked out now.
  public var head: String?
  /// How many tests the database knows.
  public var testCount: Int
  /// When the database was last written.
  public var lastRun: String?
  /// Facts recorded with the last run (collector, interpreter).
  public var facts: [String: String]
  /// Files that differ from what the database recorded.
  public var changedFiles: [String]
  /// How many tests are affected now.
  public var affectedCount: Int
  /// Set when every test would run, with the reason.
  public var runEverything: ReasonReport?
  /// The data sets kept for other environments (interpreters, package sets, variable
  /// values), one line each: file, Python, interpreter, test count.
  public var otherEnvironments: [String] = []

  /// The report as sorted, indented JSON.
  public func json() throws -> String {
    try ReportEncoding.json(self)
  }
}
