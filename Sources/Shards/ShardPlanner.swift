import SieveModel

/// Splits tests into parts of about equal duration: longest first onto the least-loaded part.
///
/// This is the LPT rule (longest processing time first), whose longest part is at most 4/3 of
/// the ideal and in practice within a few per cent of it once there are several tests per
/// part. Tests with no recorded duration count as the median of the recorded ones. Ties are
/// broken by node id and then by part number, so the plan depends only on the tests and
/// their durations.
public struct ShardPlanner: Sendable {
  /// Recorded durations in seconds, by test; tests absent here have none.
  public var durations: [TestID: Double]

  /// The duration assumed when no test has one recorded.
  public static let defaultDuration = 1.0

  /// Creates a planner.
  ///
  /// - Parameter durations: Recorded durations in seconds, by test. Every recorded duration
  ///   counts toward the median used for tests without one, not only the planned tests'.
  public init(durations: [TestID: Double]) {
    self.durations = durations
  }

  /// The median of the recorded durations, or ``defaultDuration`` when none is recorded.
  public var medianDuration: Double {
    let sorted = durations.values.filter { $0.isFinite && $0 >= 0 }.sorted()
    guard !sorted.isEmpty else { return Self.defaultDuration }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// Splits `tests` into `count` parts.
  ///
  /// - Parameters:
  ///   - tests: The tests to split.
  ///   - count: How many parts; at least 1.
  /// - Returns: The plan, with `count` parts (some empty when there are fewer tests).
  public func makePlan(for tests: Set<TestID>, count: Int) -> ShardPlan {
    let count = max(1, count)
    let assumed = medianDuration
    var unknown = 0
    let weighted = tests.map { test -> (test: TestID, duration: Double) in
      if let recorded = durations[test], recorded.isFinite, recorded >= 0 {
        return (test, recorded)
      }
      unknown += 1
      return (test, assumed)
    }
    .sorted { $0.duration != $1.duration ? $0.duration > $1.duration : $0.test < $1.test }

    var loads = [Double](repeating: 0, count: count)
    var sizes = [Int](repeating: 0, count: count)
    var members = [[TestID]](repeating: [], count: count)
    for (test, duration) in weighted {
      // Least load, then fewest tests (spreads zero-duration tests), then lowest number.
      var best = 0
      for part in 1..<count
      where loads[part] < loads[best] || (loads[part] == loads[best] && sizes[part] < sizes[best]) {
        best = part
      }
      loads[best] += duration
      sizes[best] += 1
      members[best].append(test)
    }
    let parts = (0..<count).map {
      ShardPlan.Part(tests: members[$0].sorted(), expectedDuration: loads[$0])
    }
    return ShardPlan(parts: parts, assumedDuration: assumed, unknownDurationCount: unknown)
  }
}
