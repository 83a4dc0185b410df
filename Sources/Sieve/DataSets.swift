import Foundation
import SieveBlocks

/// The database files of one workspace: one data set per environment.
///
/// The file at the workspace's database path holds the data of the environment recorded
/// most recently; `sieve affected`, `why` and `status` read it. Every other environment's data
/// set lives beside it, named by that environment: `sieve.env-<digest>.db` next to
/// `sieve.db`. When a run records in another environment, the current file moves to its own
/// name and the new environment's file (if it was kept) moves into its place: two renames,
/// nothing deleted.
struct DataSets: Sendable {
  /// The database path: the current environment's data set.
  let current: String

  /// The facts that together name an environment.
  static let identityKeys = [
    "interpreter", "interpreterTarget", "shimSelection", "implementation", "python", "packages",
    "executable", "executableStamp",
  ]

  /// The directory and the file-name stem the data sets share.
  private var directory: String { (current as NSString).deletingLastPathComponent }
  private var stem: String {
    let name = (current as NSString).lastPathComponent
    return name.hasSuffix(".db") ? String(name.dropLast(3)) : name
  }

  /// The kept data sets of other environments, by path.
  func others() -> [String] {
    let prefix = stem + ".env-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".db") }.sorted()
      .map { directory + "/" + $0 }
  }

  /// Where the data set of the environment `facts` describes is kept while it is not current.
  func keptPath(for facts: [String: String]) -> String {
    var text = ""
    for key in Self.identityKeys + facts.keys.filter(Self.isVariable).sorted() {
      text += "\(key)=\(facts[key] ?? "")\n"
    }
    let digest = ContentHasher.hash(Array(text.utf8)).description.prefix(12)
    return "\(directory)/\(stem).env-\(digest).db"
  }

  /// Whether two sets of facts describe the same environment.
  ///
  /// Only parts both recorded are compared, so a database from an older Sieve, which
  /// recorded fewer, is the same environment when what it did record matches.
  static func isSameEnvironment(_ first: [String: String], _ second: [String: String]) -> Bool {
    let keys = Set(identityKeys + first.keys.filter(isVariable))
    for key in keys {
      if let one = first[key], let other = second[key], one != other { return false }
    }
    return true
  }

  private static func isVariable(_ key: String) -> Bool {
    key.hasPrefix(EnvironmentProbe.variablePrefix)
  }

  /// Makes `replacement` the current data set, keeping the current one under its
  /// environment's name.
  ///
  /// - Parameters:
  ///   - currentFacts: The environment of the current file, which is kept.
  ///   - replacement: A kept data set to make current, or `nil` to start an empty one.
  /// - Throws: An error from the file system.
  func makeCurrent(keeping currentFacts: [String: String], replacement: String?) throws {
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: current) {
      let kept = keptPath(for: currentFacts)
      if kept != replacement, fileManager.fileExists(atPath: kept) {
        try fileManager.removeItem(atPath: kept)
      }
      if kept == replacement {
        // Same name: the replacement is an older copy of this environment; keep the newer.
        try fileManager.removeItem(atPath: kept)
        return
      }
      try fileManager.moveItem(atPath: current, toPath: kept)
    }
    if let replacement {
      try fileManager.moveItem(atPath: replacement, toPath: current)
    }
  }
}
