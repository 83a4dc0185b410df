import SieveBlocks

/// What `sieve verify` found: the `--json` document.
public struct VerifyReport: Sendable, Codable {
  /// One mutant and what it did.
  public struct MutantResult: Sendable, Codable {
    /// The change.
    public var mutant: Mutant
    /// The tests that passed before and failed (or errored) with the change, sorted.
    public var failingTests: [String]
    /// How many tests Sieve selected for the change; every test when it runs everything.
    public var selectedTests: Int
    /// Why Sieve ran everything, if it did.
    public var runsEverythingBecause: String?
    /// The failing tests Sieve did not select, sorted.
    public var missedTests: [String]
    /// pytest's exit code with the change.
    public var exitCode: Int32
    /// Whether the run was stopped for taking too long (counts as killed).
    public var timedOut: Bool

    /// Whether some test failed with the change.
    public var isKilled: Bool { !failingTests.isEmpty || timedOut }
  }

  /// A failing test that selection left out.
  public struct Miss: Sendable, Codable, Equatable {
    /// `path:line` of the change.
    public var location: String
    /// The kind of change.
    public var kind: MutationKind
    /// The change, as people read it.
    public var change: String
    /// The test that failed and was not selected.
    public var test: String
  }

  /// The document's format version.
  public var version = 1
  /// The seed that picked the mutants.
  public var seed: UInt64
  /// How many mutation sites the repository offers.
  public var candidateSites: Int
  /// How many tests the full suite ran without changes.
  public var totalTests: Int
  /// Tests that did not pass even without changes (ignored when judging mutants).
  public var failingBeforeChanges: [String]
  /// Each mutant tried, in order.
  public var mutants: [MutantResult]
  /// Whether the database's bytes were the same after every mutant as before the first.
  public var databaseUnchanged: Bool

  /// How many mutants were tried.
  public var tried: Int { mutants.count }
  /// How many made some test fail.
  public var killed: Int { mutants.filter(\.isKilled).count }
  /// Every failing test that was not selected.
  public var misses: [Miss] {
    mutants.flatMap { result in
      result.missedTests.map {
        Miss(
          location: result.mutant.location, kind: result.mutant.kind,
          change: result.mutant.change, test: $0)
      }
    }
  }

  private enum CodingKeys: String, CodingKey {
    case version, seed, candidateSites, totalTests, failingBeforeChanges, mutants
    case databaseUnchanged, tried, killed, misses
  }

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - seed: The seed that picked the mutants.
  ///   - candidateSites: How many mutation sites the repository offers.
  ///   - totalTests: How many tests the full suite ran without changes.
  ///   - failingBeforeChanges: Tests that did not pass without changes.
  ///   - mutants: Each mutant tried.
  ///   - databaseUnchanged: Whether the database's bytes stayed the same.
  public init(
    seed: UInt64, candidateSites: Int, totalTests: Int, failingBeforeChanges: [String],
    mutants: [MutantResult], databaseUnchanged: Bool
  ) {
    self.seed = seed
    self.candidateSites = candidateSites
    self.totalTests = totalTests
    self.failingBeforeChanges = failingBeforeChanges
    self.mutants = mutants
    self.databaseUnchanged = databaseUnchanged
  }

  /// Decodes a report; the counts are derived, so they are read and ignored.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A `DecodingError` for a malformed document.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decode(Int.self, forKey: .version)
    seed = try container.decode(UInt64.self, forKey: .seed)
    candidateSites = try container.decode(Int.self, forKey: .candidateSites)
    totalTests = try container.decode(Int.self, forKey: .totalTests)
    failingBeforeChanges = try container.decode([String].self, forKey: .failingBeforeChanges)
    mutants = try container.decode([MutantResult].self, forKey: .mutants)
    databaseUnchanged = try container.decode(Bool.self, forKey: .databaseUnchanged)
  }

  /// Encodes the report with its derived counts.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: An `EncodingError`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(seed, forKey: .seed)
    try container.encode(candidateSites, forKey: .candidateSites)
    try container.encode(totalTests, forKey: .totalTests)
    try container.encode(failingBeforeChanges, forKey: .failingBeforeChanges)
    try container.encode(mutants, forKey: .mutants)
    try container.encode(databaseUnchanged, forKey: .databaseUnchanged)
    try container.encode(tried, forKey: .tried)
    try container.encode(killed, forKey: .killed)
    try container.encode(misses, forKey: .misses)
  }
}

extension VerifyReport {
  /// The report as sorted, indented JSON.
  ///
  /// - Returns: The JSON document.
  /// - Throws: An `EncodingError`.
  public func json() throws -> String {
    try ReportEncoding.json(self)
  }
}
