/// A file split into blocks, with the hash of its raw content.
public struct BlockedFile: Hashable, Sendable, Codable {
  /// The file's path.
  public let path: RepoPath
  /// The hash of the file's raw bytes.
  public let contentHash: BlockHash
  /// The file's blocks: for Python, the skeleton first, then functions in source order.
  public let blocks: [Block]

  /// Creates a blocked file.
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - contentHash: The hash of the file's raw bytes.
  ///   - blocks: The file's blocks.
  public init(path: RepoPath, contentHash: BlockHash, blocks: [Block]) {
    self.path = path
    self.contentHash = contentHash
    self.blocks = blocks
  }

  /// The block a test depends on when it executed `line`.
  ///
  /// That is the innermost function whose body contains the line, or otherwise the skeleton
  /// (or the whole-file block).
  ///
  /// - Parameter line: A 1-based line number that executed.
  /// - Returns: The block, or `nil` when the file has no blocks.
  public func block(containingLine line: Int) -> Block? {
    var best: Block?
    for block in blocks where block.kind == .function && block.bodyLines.contains(line) {
      if let current = best, current.bodyLines.count <= block.bodyLines.count { continue }
      best = block
    }
    return best ?? blocks.first { $0.kind != .function }
  }

  /// The block a test depends on when a code object starting at `line` ran.
  ///
  /// A function's code object starts at its ``Block/headerLine``; any other code object
  /// (a module, class body, lambda or comprehension) belongs to the block containing its line.
  ///
  /// - Parameter line: A code object's first line (CPython's `co_firstlineno`).
  /// - Returns: The block, or `nil` when the file has no blocks.
  public func block(forCodeStartingAt line: Int) -> Block? {
    if let function = blocks.first(where: { $0.kind == .function && $0.headerLine == line }) {
      return function
    }
    return block(containingLine: line)
  }
}
