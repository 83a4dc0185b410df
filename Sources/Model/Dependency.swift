/// One thing a test depended on at its last run: a block of a file, as the hash it had then.
public struct Dependency: Hashable, Sendable, Codable, Comparable {
  /// The file the block belongs to.
  public let path: RepoPath
  /// The block's name within the file (see ``Block/name``).
  public let blockName: String
  /// The block's hash when the test ran.
  public let hash: BlockHash

  /// Creates a dependency.
  ///
  /// - Parameters:
  ///   - path: The file the block belongs to.
  ///   - blockName: The block's name within the file.
  ///   - hash: The block's hash when the test ran.
  public init(path: RepoPath, blockName: String, hash: BlockHash) {
    self.path = path
    self.blockName = blockName
    self.hash = hash
  }

  /// Orders dependencies by path, then block name, then hash.
  public static func < (lhs: Dependency, rhs: Dependency) -> Bool {
    (lhs.path, lhs.blockName, lhs.hash.value) < (rhs.path, rhs.blockName, rhs.hash.value)
  }
}
