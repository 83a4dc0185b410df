import Foundation
import SieveModel
import SieveSelect

/// The rules that make a Swift package run every test where coverage cannot say which tests a
/// change affects.
///
/// Coverage sees code that ran, not files a test read (resources, fixtures) nor code in
/// another language, and a new Swift file can change how its whole module compiles
/// (an overload, an extension, a conformance). So a changed file inside a target's directory
/// runs everything when it is not Swift, or when it is Swift in a non-test target and no test
/// recorded it (every test records the skeleton of each file its targets can reach, so an
/// unrecorded file there is new). New files in test targets need no rule: their tests are new
/// and run anyway.
struct SwiftSelectionRules {
  /// Directories of the package's non-test targets, relative to the repository.
  var targetPaths: [String]
  /// Directories of the package's test targets, relative to the repository.
  var testTargetPaths: [String]

  /// The fact that holds ``targetPaths``.
  static let targetPathsFact = "targetPaths"
  /// The fact that holds ``testTargetPaths``.
  static let testTargetPathsFact = "testTargetPaths"

  /// The rules of a data set, from its recorded facts.
  init(facts: [String: String]) {
    targetPaths = SwiftEnvironment.decode(facts[Self.targetPathsFact])
    testTargetPaths = SwiftEnvironment.decode(facts[Self.testTargetPathsFact])
  }

  /// The reason to run everything, or `nil` when coverage can decide.
  ///
  /// - Parameters:
  ///   - changed: Files changed since the data set was recorded.
  ///   - recordedPaths: Those of them some test recorded.
  /// - Returns: The reason, or `nil`.
  func runEverythingReason(changed: Set<RepoPath>, recordedPaths: Set<RepoPath>)
    -> SelectionReason?
  {
    for path in changed.sorted() where !recordedPaths.contains(path) {
      let inTarget = targetPaths.contains { Self.path(path, isInside: $0) }
      let inTestTarget = testTargetPaths.contains { Self.path(path, isInside: $0) }
      guard inTarget || inTestTarget else { continue }
      if !path.value.hasSuffix(".swift") || inTarget {
        return .configurationChanged(path: path)
      }
    }
    return nil
  }

  /// Whether a path lies in one of the package's test targets.
  func isInTestTarget(_ path: RepoPath) -> Bool {
    testTargetPaths.contains { Self.path(path, isInside: $0) }
  }

  private static func path(_ path: RepoPath, isInside directory: String) -> Bool {
    directory.isEmpty
      || path.value.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
  }
}
