import Foundation
import SieveModel

/// The file that tells the collector plugin which tests to keep.
///
/// The plugin keeps a collected test when it is affected or unknown to the database (a new
/// test), deselects the rest, and does not collect the ignored files at all. In a split run
/// (a CI shard, a local worker) it then keeps only the tests of its own ``Partition``.
public struct PytestSelectionFile: Sendable, Encodable {
  /// One level of a split run: which of the kept tests this pytest process runs.
  ///
  /// A test in ``planned`` runs where the plan put it: here when it is in ``tests``. Any
  /// other test (new, or kept for another reason) runs in the part that its file's
  /// `FileBucket` hash with ``salt`` picks, so every test runs in exactly one part.
  public struct Partition: Sendable, Encodable, Equatable {
    /// This part's 0-based position.
    public var index: Int
    /// How many parts there are.
    public var count: Int
    /// The planned tests that run in this part, sorted.
    public var tests: [String]
    /// Every planned test, in any part, sorted.
    public var planned: [String]
    /// Distinguishes this level's file hash from another level's.
    public var salt: String

    /// Creates a partition.
    ///
    /// - Parameters:
    ///   - index: This part's 0-based position.
    ///   - count: How many parts there are.
    ///   - tests: The planned tests that run in this part.
    ///   - planned: Every planned test, in any part.
    ///   - salt: Distinguishes this level's file hash from another level's.
    public init(index: Int, count: Int, tests: Set<TestID>, planned: Set<TestID>, salt: String) {
      self.index = index
      self.count = count
      self.tests = tests.map(\.value).sorted()
      self.planned = planned.map(\.value).sorted()
      self.salt = salt
    }
  }

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
  /// Whether every collected test is kept (before partitions): the run-everything case.
  public var everything: Bool = false
  /// The levels of a split run this process belongs to; empty for a whole run.
  public var partitions: [Partition] = []

  /// Creates the selection for the plugin.
  ///
  /// - Parameters:
  ///   - affected: Tests that must run.
  ///   - known: Every test the database knows, with its file.
  ///   - changedFiles: Files that changed, which are always collected.
  ///   - environment: The environment the database was recorded in, if known.
  ///   - partitions: The levels of a split run this process belongs to.
  ///   - alsoIgnoring: Known test files that hold none of this process's tests (in a split
  ///     run: none of its planned tests, and new tests there belong to another part).
  public init(
    affected: Set<TestID>, known: [TestID: RepoPath], changedFiles: Set<RepoPath>,
    environment: [String: String]? = nil, partitions: [Partition] = [],
    alsoIgnoring: Set<RepoPath> = []
  ) {
    self.environment = environment
    self.partitions = partitions
    var filesWithAffected = Set<RepoPath>()
    for id in affected {
      if let path = known[id] { filesWithAffected.insert(path) }
    }
    let ignored = Set(known.values).subtracting(filesWithAffected).subtracting(changedFiles)
      .union(alsoIgnoring)
    self.affected = affected.map(\.value).sorted()
    self.known = known.filter { !ignored.contains($0.value) }.keys.map(\.value).sorted()
    self.ignoreFiles = ignored.map(\.value).sorted()
  }

  /// A selection that keeps every collected test, then applies `partitions`.
  ///
  /// - Parameters:
  ///   - partitions: The levels of a split run this process belongs to.
  ///   - ignoring: Known test files that hold none of this process's tests.
  /// - Returns: The selection for a run of everything, split.
  public static func everything(
    partitions: [Partition], ignoring: Set<RepoPath> = []
  ) -> PytestSelectionFile {
    var file = PytestSelectionFile(affected: [], known: [:], changedFiles: [])
    file.everything = true
    file.partitions = partitions
    file.ignoreFiles = ignoring.map(\.value).sorted()
    return file
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
