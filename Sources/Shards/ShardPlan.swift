import SieveModel

/// Tests split into N parts of about equal expected duration.
///
/// Every part lists its tests sorted by node id. The same tests and durations always give the
/// same plan, so machines that compute it independently agree on it.
public struct ShardPlan: Sendable, Equatable {
  /// One part of the plan.
  public struct Part: Sendable, Equatable {
    /// The part's tests, sorted by node id.
    public var tests: [TestID]
    /// The sum of its tests' expected durations, in seconds.
    public var expectedDuration: Double
  }

  /// The parts, in order: part 0 is shard 1.
  public var parts: [Part]
  /// The duration assumed for tests with none recorded: the median of the recorded ones.
  public var assumedDuration: Double
  /// How many planned tests had no recorded duration.
  public var unknownDurationCount: Int

  /// Creates a plan.
  ///
  /// - Parameters:
  ///   - parts: The parts, in order.
  ///   - assumedDuration: The duration assumed for tests with none recorded.
  ///   - unknownDurationCount: How many planned tests had no recorded duration.
  public init(parts: [Part], assumedDuration: Double, unknownDurationCount: Int) {
    self.parts = parts
    self.assumedDuration = assumedDuration
    self.unknownDurationCount = unknownDurationCount
  }

  /// How many parts there are.
  public var count: Int { parts.count }

  /// Every planned test, in every part.
  public var allTests: Set<TestID> {
    parts.reduce(into: Set<TestID>()) { $0.formUnion($1.tests) }
  }

  /// The sum of every part's expected duration.
  public var totalDuration: Double {
    parts.reduce(0) { $0 + $1.expectedDuration }
  }
}
