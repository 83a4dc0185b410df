extension Shard {
  /// A CI system's pair of variables that name a parallel job.
  public struct EnvironmentSource: Sendable, Equatable {
    /// The variable that holds the job's position.
    public let indexVariable: String
    /// The variable that holds the number of jobs.
    public let countVariable: String
    /// Whether the position counts from 0 (Buildkite, CircleCI) rather than 1 (GitLab).
    public let countsFromZero: Bool
  }

  /// The variables Sieve reads when `--shard` is absent, in the order it tries them.
  ///
  /// GitLab's `parallel:` sets `CI_NODE_INDEX` (from 1) and `CI_NODE_TOTAL`; Buildkite's
  /// `parallelism` sets `BUILDKITE_PARALLEL_JOB` (from 0) and `BUILDKITE_PARALLEL_JOB_COUNT`;
  /// CircleCI's `parallelism` sets `CIRCLE_NODE_INDEX` (from 0) and `CIRCLE_NODE_TOTAL`.
  public static let environmentSources = [
    EnvironmentSource(
      indexVariable: "CI_NODE_INDEX", countVariable: "CI_NODE_TOTAL", countsFromZero: false),
    EnvironmentSource(
      indexVariable: "BUILDKITE_PARALLEL_JOB", countVariable: "BUILDKITE_PARALLEL_JOB_COUNT",
      countsFromZero: true),
    EnvironmentSource(
      indexVariable: "CIRCLE_NODE_INDEX", countVariable: "CIRCLE_NODE_TOTAL",
      countsFromZero: true),
  ]

  /// The shard a CI system's variables name, if any.
  ///
  /// The first source whose two variables are both set wins. A source with only one of its
  /// variables set is ignored (GitLab sets `CI_NODE_TOTAL=1` without `parallel:`), and so is
  /// an empty value, so that `CI_NODE_INDEX=` turns sharding off.
  ///
  /// - Parameter environment: The process environment.
  /// - Returns: The shard and the source it came from, or `nil` when no source is set.
  /// - Throws: ``ShardError/badEnvironment(variable:value:)`` for a value that is not a whole
  ///   number, ``ShardError/outOfRange(number:count:)`` for a position outside the count.
  public static func fromEnvironment(
    _ environment: [String: String]
  ) throws(ShardError) -> (shard: Shard, source: EnvironmentSource)? {
    for source in environmentSources {
      guard let indexText = environment[source.indexVariable], !indexText.isEmpty,
        let countText = environment[source.countVariable], !countText.isEmpty
      else { continue }
      guard let index = Int(indexText) else {
        throw .badEnvironment(variable: source.indexVariable, value: indexText)
      }
      guard let count = Int(countText) else {
        throw .badEnvironment(variable: source.countVariable, value: countText)
      }
      let shard = try Shard(number: source.countsFromZero ? index + 1 : index, count: count)
      return (shard, source)
    }
    return nil
  }
}
