import Foundation
import SieveModel

/// The file that tells the collector plugin which tests to keep.
///
/// The plugin keeps a collected test when it is affected or unknown to the database (a new
/// test), deselects the rest, and does not collect the ignored files at all.
public struct PytestSelectionFile: Sendable, Encodable {
  /// Tests that must run.
  public var affected: [String]
  /// Every test the database knows in the files pytest will collect.
  public var known: [String]
  /// Test files pytest need not collect: known, unchanged, and with no affected test.
  public var ignoreFiles: [String]
  /// The environment the database was recorded in (`python`: implementation and version,
  /// `packages`: a digest of the installed distributions); when the plugin finds another one,
  /// it ignores the selection and runs every test.
  public var environment: [String: String]?

  /// Creates the selection for the plugin.
  ///
  /// - Parameters:
  ///   - affected: Tests that must run.
  ///   - known: Every test the database knows, with its file.
  ///   - changedFiles: Files that changed, which are always collected.
  ///   - environment: The environment the database was recorded in, if known.
  public init(
    affected: Set<TestID>, known: [TestID: RepoPath], changedFiles: Set<RepoPath>,
    environment: [String: String]? = nil
  ) {
    self.environment = environment
    var filesWithAffected = Set<RepoPath>()
    for id in affected {
      if let path = known[id] { filesWithAffected.insert(path) }
    }
    let ignored = Set(known.values).subtracting(filesWithAffected).subtracting(changedFiles)
    self.affected = affected.map(\.value).sorted()
    self.known = known.filter { !ignored.contains($0.value) }.keys.map(\.value).sorted()
    self.ignoreFiles = ignored.map(\.value).sorted()
  }

  /// Writes the selection as JSON.
  ///
  /// - Parameter path: The file to write.
  /// - Throws: An error from the file system.
  public func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(self)
    try data.write(to: URL(fileURLWithPath: path))
  }
}
