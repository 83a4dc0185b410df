import SieveModel

/// Something that splits one kind of file into content-hashed blocks.
///
/// A splitter never fails: a file it cannot split becomes one ``Block/Kind-swift.enum/file``
/// block whose hash is the file's content hash, so any change to it is noticed.
public protocol SourceSplitter: Sendable {
  /// Splits a file's bytes into blocks.
  ///
  /// - Parameters:
  ///   - source: The file's raw bytes.
  ///   - path: The file's path, recorded in the result.
  /// - Returns: The file with its content hash and blocks.
  func split(_ source: [UInt8], path: RepoPath) -> BlockedFile
}
