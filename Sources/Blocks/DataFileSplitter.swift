import SieveModel

/// Treats a file as one opaque block: for data files and anything that is not Python.
///
/// The result has a single ``Block/Kind-swift.enum/file`` block named ``Block/fileName`` that
/// covers every line, and whose hash is the file's content hash, so any byte change shows.
public struct DataFileSplitter: SourceSplitter {
  /// Creates a data file splitter.
  public init() {}

  /// Returns the file as one whole-file block.
  ///
  /// - Parameters:
  ///   - source: The file's raw bytes.
  ///   - path: The file's path, recorded in the result.
  /// - Returns: The file with one block whose hash equals the content hash.
  public func split(_ source: [UInt8], path: RepoPath) -> BlockedFile {
    Self.wholeFile(source, path: path, contentHash: ContentHasher.hash(source))
  }

  /// Returns `source` as one whole-file block with an already computed content hash.
  static func wholeFile(_ source: [UInt8], path: RepoPath, contentHash: BlockHash) -> BlockedFile {
    let lastLine = max(1, ContentHasher.lineCount(source))
    let block = Block(
      kind: .file, name: Block.fileName, headerLine: 1, bodyLines: 1...lastLine, hash: contentHash)
    return BlockedFile(path: path, contentHash: contentHash, blocks: [block])
  }
}
