import SieveModel
import SievePytest
import SieveSelect
import SieveShards

/// How one run divides its tests: first this machine's shard, then its local workers.
///
/// The plan covers the selected tests the database knows (every known test when everything
/// runs), balanced by recorded durations. Tests outside the plan (new files, new parameters)
/// go to the part their file's ``FileBucket`` picks, decided by the plugin as pytest collects
/// them, so each runs exactly once across all shards and workers.
public struct RunSplit: Sendable {
  /// This machine's shard, or `nil` when it runs every selected test.
  public var shard: Shard?
  /// Every planned test, on any shard.
  public var planned: Set<TestID>
  /// The plan across shards, when there is a shard.
  public var shardPlan: ShardPlan?
  /// The planned tests this machine runs.
  public var machineTests: Set<TestID>
  /// The plan across this machine's workers, or `nil` for one pytest process.
  public var workerPlan: ShardPlan?
  /// The expected duration of this machine's planned tests, in seconds (all workers).
  public var expectedDuration: Double

  /// The file-hash salt of the worker level.
  static let workerSalt = "worker"

  /// Splits a selection.
  ///
  /// - Parameters:
  ///   - selection: What selection chose.
  ///   - known: Every test the database knows.
  ///   - durations: Recorded durations.
  ///   - shard: This machine's shard, if any.
  ///   - workers: How many pytest processes this machine may start.
  init(
    selection: Selection, known: Set<TestID>, durations: [TestID: Double], shard: Shard?,
    workers: Int
  ) {
    let planner = ShardPlanner(durations: durations)
    planned = selection.runEverything == nil ? Set(selection.tests.keys) : known
    self.shard = shard
    if let shard {
      let plan = planner.makePlan(for: planned, count: shard.count)
      shardPlan = plan
      machineTests = Set(plan.parts[shard.index].tests)
      expectedDuration = plan.parts[shard.index].expectedDuration
    } else {
      machineTests = planned
      expectedDuration = planner.makePlan(for: planned, count: 1).totalDuration
    }
    // More workers than tests would only start idle pytest processes; without a database,
    // the tests are not known before pytest collects them.
    var count = workers
    if !(selection.runEverything != nil && known.isEmpty) {
      count = min(workers, max(1, machineTests.count + selection.collectFiles.count))
    }
    workerPlan = count > 1 ? planner.makePlan(for: machineTests, count: count) : nil
  }

  /// How many pytest processes run on this machine.
  public var workerCount: Int { workerPlan?.count ?? 1 }

  /// Known test files that no test of this shard can come from, which pytest need not collect.
  ///
  /// A file qualifies when none of this shard's planned tests is in it and its
  /// ``FileBucket`` is another shard's (so any new test in it is another shard's too). Workers
  /// on one machine still collect the same files, so that their recorded module imports are
  /// those of a serial run.
  ///
  /// - Parameter known: Every test the database knows, with its file.
  /// - Returns: The files; empty without a shard.
  func filesOfOtherShards(known: [TestID: RepoPath]) -> Set<RepoPath> {
    guard let shard, shard.count > 1 else { return [] }
    let mine = Set(machineTests.compactMap { known[$0] })
    return Set(known.values).filter {
      !mine.contains($0) && FileBucket.index(of: $0, count: shard.count) != shard.index
    }
  }

  /// The partitions the plugin applies in worker `worker` (0-based).
  func partitions(forWorker worker: Int) -> [PytestSelectionFile.Partition] {
    var result: [PytestSelectionFile.Partition] = []
    if let shard {
      result.append(
        .init(
          index: shard.index, count: shard.count, tests: machineTests, planned: planned, salt: ""))
    }
    if let workerPlan {
      result.append(
        .init(
          index: worker, count: workerPlan.count, tests: Set(workerPlan.parts[worker].tests),
          planned: machineTests, salt: Self.workerSalt))
    }
    return result
  }
}
