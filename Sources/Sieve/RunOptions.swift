import SieveShards

/// How `sieve run` runs the selected tests.
public struct RunOptions: Sendable {
  /// Run and record every test.
  public var all: Bool
  /// The part of the selected tests this machine runs, or `nil` for all of them.
  public var shard: Shard?
  /// How many pytest processes to run at once on this machine; 1 runs pytest as it is.
  public var workers: Int
  /// Where to write one JUnit XML report for the run, or `nil` for none.
  public var junitXML: String?
  /// Whether to run pytest in a warm worker (one pytest process only; see `sieve run --warm`).
  ///
  /// The worker keeps pytest and its plugins imported between runs. The repository's `warm`
  /// rule applies on top (``WarmMode/applying(rule:)``).
  public var warm: WarmMode = .cold
  /// The output of the `git status` the `sieve` front read just before, to decide from
  /// instead of running git again; `nil` to run it.
  public var gitStatus: [UInt8]? = nil

  /// Creates options.
  ///
  /// - Parameters:
  ///   - all: Run and record every test.
  ///   - shard: The part of the selected tests this machine runs.
  ///   - workers: How many pytest processes to run at once.
  ///   - junitXML: Where to write one JUnit XML report for the run.
  public init(all: Bool = false, shard: Shard? = nil, workers: Int = 1, junitXML: String? = nil) {
    self.all = all
    self.shard = shard
    self.workers = max(1, workers)
    self.junitXML = junitXML
  }
}
