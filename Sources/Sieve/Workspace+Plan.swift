import SieveModel
import SieveShards

extension Workspace {
  /// Splits the affected tests into `shards` parts of about equal recorded duration, as
  /// `sieve run --shard K/N` would, without running anything.
  ///
  /// When every test is selected, the plan covers every test the database knows. Tests the
  /// database does not know are not in the plan: each shard collects them and keeps those
  /// whose file's hash falls to it (new test files are listed with their shard).
  ///
  /// - Parameters:
  ///   - shards: How many shards; at least 1.
  ///   - all: Plan every test regardless of changes.
  /// - Returns: The plan and the selection it was made from.
  /// - Throws: A `GitError` when git cannot say what changed.
  public func plan(shards: Int, all: Bool = false) async throws -> PlanReport {
    let selection = try await select(all: all).selection
    let (store, _) = openStore(create: false)
    let known = (try? store?.knownTests()) ?? [:]
    let durations = (try? store?.durations()) ?? [:]
    try? store?.close()
    let tests = selection.runEverything == nil ? Set(selection.tests.keys) : Set(known.keys)
    let plan = ShardPlanner(durations: durations).makePlan(for: tests, count: shards)
    return PlanReport(plan: plan, selection: selection)
  }
}
