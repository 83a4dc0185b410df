import SieveModel

/// Splits a Python module into a skeleton block and one block per function.
///
/// The ``Block/Kind-swift.enum/skeleton`` block (named ``Block/skeletonName``) hashes every
/// token outside function bodies: imports, constants, class bodies, decorators and `def`
/// headers, with each function body replaced by a placeholder. Each `def` or `async def`, at any
/// depth, gets a ``Block/Kind-swift.enum/function`` block named by its `__qualname__` (`C.m`,
/// `f.<locals>.g`, with `#2`, `#3`… for repeats) whose hash covers its header and its body,
/// with nested function bodies replaced by placeholders.
///
/// Hashes ignore comments, blank lines, spacing within a line and line continuations, and
/// contain no positions, so moving a function leaves its hash alone. Indentation is hashed, so
/// moving a statement into or out of a body changes it.
///
/// When the file cannot be tokenized or its structure is unclear (an unterminated string or
/// bracket, inconsistent indentation, a `def` without a colon), the result is one
/// ``Block/Kind-swift.enum/file`` block whose hash is the content hash: any change to such a
/// file counts as a change to the whole file.
public struct PythonSplitter: SourceSplitter {
  /// Creates a Python splitter.
  public init() {}

  /// Splits Python source bytes into blocks.
  ///
  /// - Parameters:
  ///   - source: The module's raw bytes, UTF-8 (a leading byte order mark is skipped).
  ///   - path: The module's path, recorded in the result.
  /// - Returns: The skeleton block followed by function blocks in source order, or one
  ///   whole-file block when the source cannot be split.
  public func split(_ source: [UInt8], path: RepoPath) -> BlockedFile {
    let contentHash = ContentHasher.hash(source)
    let blocks = source.withUnsafeBufferPointer { bytes -> [Block]? in
      try? Self.blocks(of: bytes)
    }
    guard let blocks else {
      return DataFileSplitter.wholeFile(source, path: path, contentHash: contentHash)
    }
    return BlockedFile(path: path, contentHash: contentHash, blocks: blocks)
  }

  /// Tokenizes `bytes` and builds the skeleton and function blocks.
  private static func blocks(
    of bytes: UnsafeBufferPointer<UInt8>
  ) throws(BlocksError) -> [Block] {
    var tokenizer = PythonTokenizer(bytes: bytes)
    var builder = PythonBlockBuilder(bytes: bytes)
    while true {
      let token = try tokenizer.next()
      try builder.consume(
        token, bracketDepth: tokenizer.bracketDepth, indentDepth: tokenizer.indentDepth)
      if token.kind == .endMarker { break }
    }
    return try builder.finish(lastLine: max(1, tokenizer.lineCount))
  }
}
