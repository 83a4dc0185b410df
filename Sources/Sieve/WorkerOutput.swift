/// What one local worker of `sieve run -j N` wrote, handed over once every worker ended.
///
/// Worker 0 writes to Sieve's own streams as it runs, so only workers 1…N−1 are handed over.
public struct WorkerOutput: Sendable {
  /// The worker's number, as in its `SIEVE_WORKER` (0…N−1).
  public var worker: Int
  /// pytest's exit code in that worker.
  public var exitCode: Int32
  /// Its standard output and standard error, together.
  public var text: String
}
