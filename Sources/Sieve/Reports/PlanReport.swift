import SieveModel
import SieveSelect
import SieveShards

/// What `sieve plan --json` prints: how the selected tests split across shards.
public struct PlanReport: Codable, Sendable {
  /// One shard of the plan.
  public struct ShardEntry: Codable, Sendable {
    /// The shard's number, from 1, as `--shard K/N` takes it.
    public var shard: Int
    /// The sum of its tests' expected durations, in seconds.
    public var expectedDuration: Double
    /// Its planned tests, sorted.
    public var tests: [String]
    /// New test files whose tests this shard collects and runs.
    public var newTestFiles: [String]
  }

  /// The format version.
  public var version = 1
  /// Set when every test is selected; the plan then covers every known test.
  public var runEverything: ReasonReport?
  /// The shards, in order.
  public var shards: [ShardEntry]
  /// How many tests are planned.
  public var plannedTestCount: Int
  /// The sum of every shard's expected duration, in seconds.
  public var totalDuration: Double
  /// The expected duration of the longest shard, in seconds.
  public var longestShardDuration: Double
  /// The duration assumed for planned tests with none recorded (the median of the recorded).
  public var assumedDuration: Double
  /// How many planned tests had no recorded duration.
  public var unknownDurationCount: Int

  /// Creates the report of a plan.
  ///
  /// - Parameters:
  ///   - plan: The plan.
  ///   - selection: The selection it was made from.
  public init(plan: ShardPlan, selection: Selection) {
    runEverything = selection.runEverything.map(ReasonReport.init)
    let newFiles = selection.collectFiles.sorted()
    shards = plan.parts.enumerated().map { index, part in
      ShardEntry(
        shard: index + 1, expectedDuration: part.expectedDuration,
        tests: part.tests.map(\.value),
        newTestFiles: newFiles.filter { FileBucket.index(of: $0, count: plan.count) == index }
          .map(\.value))
    }
    plannedTestCount = plan.allTests.count
    totalDuration = plan.totalDuration
    longestShardDuration = plan.parts.map(\.expectedDuration).max() ?? 0
    assumedDuration = plan.assumedDuration
    unknownDurationCount = plan.unknownDurationCount
  }

  /// The report as sorted, indented JSON.
  public func json() throws -> String {
    try ReportEncoding.json(self)
  }
}
