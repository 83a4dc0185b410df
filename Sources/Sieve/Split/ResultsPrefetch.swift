import Foundation
import SieveModel
import SievePytest

/// Reads a run's results as soon as pytest has written them, while its interpreter is still
/// shutting down, and reads and splits the files they name.
///
/// The plugin writes its results once, at the end of the session, by renaming a finished file
/// into place. Python's shutdown takes a few hundred milliseconds after that; reading the
/// results and the sources meanwhile takes Sieve's own part of a recorded run off the clock.
/// A source file that changes before pytest exits is read again when it is mapped (see
/// ``finish()``), so nothing recorded is older than it would be without the prefetch.
struct ResultsPrefetch {
  /// The results and the source files they name, read and split.
  struct Prefetched: Sendable {
    var results: PytestResults
    var tree: SourceTree
  }

  private let task: Task<Prefetched?, Never>

  /// Starts watching for the results files of every worker.
  ///
  /// - Parameters:
  ///   - resultsPaths: The results file of each pytest process.
  ///   - root: The repository root.
  init(resultsPaths: [String], root: String) {
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
      return Prefetched(results: results, tree: tree)
    }
  }

  /// Once pytest has exited: what was read, with every source file that changed since it was
  /// read forgotten; `nil` when the results were not all there to read.
  func finish() async -> Prefetched? {
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
