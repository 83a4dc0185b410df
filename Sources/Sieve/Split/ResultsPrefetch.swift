import Foundation
import SieveModel
import SievePytest

/// Reads a run's results as soon as pytest has written them, while its interpreter is still
/// shutting down, reads and splits the files they name, and may write the run meanwhile.
///
/// The plugin writes its results once, at the end of the session, by renaming a finished file
/// into place. Python's shutdown takes from a few hundred milliseconds to seconds after that
/// (it grows with the number of tests); reading the results and the sources, and writing
/// the run, meanwhile takes Sieve's own part of a recorded run off the clock. A source file
/// that changes before pytest exits is read again when it is mapped (see ``finish(commit:)``),
/// so nothing recorded is older than it would be without the prefetch.
struct ResultsPrefetch {
  /// The results and the source files they name, read and split.
  struct Prefetched: Sendable {
    var results: PytestResults
    var tree: SourceTree
    /// Whether `record` (see ``init(resultsPaths:root:record:)``) wrote the run and
    /// committed it.
    var recorded = false
  }

  /// Maps and writes a run while pytest exits, and commits only if the verdict allows.
  ///
  /// It runs on a Dispatch queue, so it may block; it returns whether it committed.
  typealias Record = @Sendable (PytestResults, SourceTree, CommitVerdict) -> Bool

  private let task: Task<Prefetched?, Never>
  private let verdict = CommitVerdict()

  /// Starts watching for the results files of every worker.
  ///
  /// - Parameters:
  ///   - resultsPaths: The results file of each pytest process.
  ///   - root: The repository root.
  ///   - record: Writes the run once the results and sources are read, without waiting for
  ///     pytest's exit; it must commit only when the verdict (given by ``finish(commit:)``)
  ///     says so.
  init(resultsPaths: [String], root: String, record: Record? = nil) {
    let verdict = verdict
    task = Task.detached {
      while !resultsPaths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
        // Cancelled: pytest ended without writing them all; the caller says why.
        if Task.isCancelled { return nil }
        try? await Task.sleep(for: .milliseconds(10))
      }
      // A malformed file is read again by the caller, who reports it.
      guard let results = try? WorkerLaunch.results(at: resultsPaths) else { return nil }
      var tree = SourceTree(root: root)
      for path in results.namedPaths { _ = tree.blocks(of: path) }
      var prefetched = Prefetched(results: results, tree: tree)
      if let record, verdict.current != false {
        let snapshot = prefetched
        prefetched.recorded = await withCheckedContinuation { continuation in
          DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(returning: record(snapshot.results, snapshot.tree, verdict))
          }
        }
      }
      return prefetched
    }
  }

  /// Once pytest has exited: what was read, with every source file that changed since it was
  /// read forgotten; `nil` when the results were not all there to read.
  ///
  /// - Parameter commit: Whether a run written meanwhile may be committed: `false` when
  ///   pytest's exit says nothing may be recorded.
  /// - Returns: What was read, and whether the run was recorded already.
  func finish(commit: Bool) async -> Prefetched? {
    verdict.decide(commit)
    task.cancel()
    guard var prefetched = await task.value else { return nil }
    prefetched.tree.forgetChangedFiles()
    return prefetched
  }
}

extension PytestResults {
  /// Every file the results name: those that ran, were read, or import or are imported.
  var namedPaths: Set<RepoPath> {
    var paths = Set(imports.keys)
    for targets in imports.values { paths.formUnion(targets) }
    for coverage in Array(contexts.values) + tests.map(\.coverage) {
      paths.formUnion(coverage.files)
      paths.formUnion(coverage.reads)
    }
    return paths
  }
}
