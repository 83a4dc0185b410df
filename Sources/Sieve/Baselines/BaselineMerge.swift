import Foundation
import SieveStore

/// Combines databases collected by parallel jobs on one commit into one baseline.
public enum BaselineMerge {
  /// What a merge produced.
  public struct Report: Sendable, Equatable {
    /// The commit the inputs were recorded on.
    public var commit: String?
    /// The number of tests in the output.
    public var testCount: Int
    /// The number of inputs.
    public var inputCount: Int
  }

  /// Merges `inputs` into a new database at `output` (see `Store.merge(from:)` for how a
  /// test in several inputs is combined).
  ///
  /// - Parameters:
  ///   - inputs: The databases, at least one.
  ///   - output: The new database; replaced if it exists.
  /// - Returns: What the output holds.
  /// - Throws: A ``BaselineRefusal`` when the inputs disagree on commit or environment, a
  ///   `StoreError` when one cannot be read or the output cannot be written.
  public static func merge(_ inputs: [String], into output: String) throws -> Report {
    let outputPath = URL(fileURLWithPath: output).standardizedFileURL.path
    let inputPaths = inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    if inputPaths.contains(outputPath) { throw BaselineRefusal.outputIsInput(output) }
    var first: (commit: String?, environment: [String: String]?)?
    for (path, name) in zip(inputPaths, inputs) {
      guard let store = try Store.open(at: path, create: false) else {
        throw StoreError.unreadable(path: name, reason: "no such file")
      }
      defer { try? store.close() }
      let summary = try store.summary()
      let environment = Workspace.environment(from: summary.facts)
      if let first {
        if summary.commit != first.commit {
          throw BaselineRefusal.commitsDiffer(
            first: first.commit ?? "no commit", other: summary.commit ?? "no commit", path: name)
        }
        if environment != first.environment { throw BaselineRefusal.environmentsDiffer(path: name) }
      } else {
        first = (summary.commit, environment)
        try store.compactCopy(to: outputPath)
      }
    }
    guard let merged = try Store.open(at: outputPath, create: false) else {
      throw StoreError.writeFailed(path: output, reason: "the first input's copy is missing")
    }
    defer { try? merged.close() }
    for path in inputPaths.dropFirst() { try merged.merge(from: path) }
    return Report(
      commit: first?.commit, testCount: try merged.summary().testCount, inputCount: inputs.count)
  }
}
