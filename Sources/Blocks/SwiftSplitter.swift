import SieveModel

/// Splits a Swift source file into a skeleton block and one block per declaration body.
///
/// Each body of a declaration at file scope, or nested in type, extension, protocol and `#if`
/// scopes, is a ``Block/Kind-swift.enum/function`` block: functions, initializers,
/// deinitializers, subscripts, computed properties, accessors (`get`, `set`, `willSet`,
/// `didSet`, `_read`, `_modify`…) and closures that initialize a property
/// (`let x: T = { … }()`). Functions and closures inside a body belong to that body's block.
/// Blocks are named by their qualified Swift names, `Square.area`, `Square.init(side:)`,
/// `Square.perimeter.get`, `Point.distance(to:)`, with `#2`, `#3`… for repeats. A block's
/// ``Block/headerLine`` is its declaration's first line (its first attribute or modifier) and
/// its ``Block/bodyLines`` run from there to the closing brace, so they hold both the line an
/// LLVM coverage function starts on and its body's `{`.
///
/// The ``Block/Kind-swift.enum/skeleton`` block (named ``Block/skeletonName``), first in the
/// result, hashes everything else: imports, types, stored properties and their defaults,
/// global constants, protocol requirements, conformances, attributes and declaration headers,
/// with each body replaced by a placeholder. A block's hash covers its header as well as its
/// body, so a changed signature changes both the skeleton and the block.
///
/// Hashes are of the token stream: comments, blank lines, indentation and spacing do not
/// count, except that a line break between two tokens does (it can change what Swift code
/// means), and so does the spacing that makes an operator prefix, postfix or binary.
///
/// When the file cannot be tokenized or its structure is unclear (an unterminated string or
/// comment, unbalanced brackets), the result is one ``Block/Kind-swift.enum/file`` block whose
/// hash is the content hash.
public struct SwiftSplitter: SourceSplitter {
  /// Creates a Swift splitter.
  public init() {}

  /// Splits Swift source bytes into blocks.
  ///
  /// - Parameters:
  ///   - source: The file's raw bytes, UTF-8 (a leading byte order mark is skipped).
  ///   - path: The file's path, recorded in the result.
  /// - Returns: The skeleton block followed by function blocks in source order, or one
  ///   whole-file block when the source cannot be split.
  public func split(_ source: [UInt8], path: RepoPath) -> BlockedFile {
    let contentHash = ContentHasher.hash(source)
    let lastLine = max(1, ContentHasher.lineCount(source))
    let blocks = source.withUnsafeBufferPointer { bytes -> [Block]? in
      try? Self.blocks(of: bytes, lastLine: lastLine)
    }
    guard let blocks else {
      return DataFileSplitter.wholeFile(source, path: path, contentHash: contentHash)
    }
    return BlockedFile(path: path, contentHash: contentHash, blocks: blocks)
  }

  /// Tokenizes `bytes` and builds the skeleton and function blocks.
  private static func blocks(
    of bytes: UnsafeBufferPointer<UInt8>, lastLine: Int
  ) throws(BlocksError) -> [Block] {
    let tokens = try SwiftTokenizer.tokenize(bytes)
    var builder = SwiftBlockBuilder(bytes: bytes, tokens: tokens)
    return try builder.build(lastLine: lastLine)
  }
}
