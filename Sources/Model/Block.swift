/// A content-hashed piece of a source file that a test can depend on.
///
/// A Python module has one ``Kind-swift.enum/skeleton`` block (everything outside function
/// bodies) and one ``Kind-swift.enum/function`` block per function or method body. A data file,
/// or a source file that cannot be split, is one ``Kind-swift.enum/file`` block.
public struct Block: Hashable, Sendable, Codable {
  /// What part of a file a block covers.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// Everything outside function bodies: imports, constants, class bodies, signatures.
    case skeleton
    /// One function or method body.
    case function
    /// A whole file: a data file, or a source file that could not be split.
    case file
  }

  /// The name of a module's skeleton block.
  public static let skeletonName = "<module>"
  /// The name of a whole-file block.
  public static let fileName = "<file>"

  /// What part of the file this block covers.
  public let kind: Kind
  /// The block's name within its file: a qualified name such as `Greeter.greet` or
  /// `outer.<locals>.inner`, with `#2`, `#3`… appended to repeated names; ``skeletonName`` or
  /// ``fileName`` for the other kinds.
  public let name: String
  /// The first line of the definition (its first decorator, or the `def` line), 1-based.
  ///
  /// This is the line CPython reports as a function's `co_firstlineno`. For skeleton and
  /// file blocks it is 1.
  public let headerLine: Int
  /// The lines of the body, 1-based and inclusive; the whole file for skeleton and file blocks.
  public let bodyLines: ClosedRange<Int>
  /// The hash of the block's tokens; insensitive to comments, blank lines, spacing within a
  /// line and the block's position in the file.
  public let hash: BlockHash

  /// Creates a block.
  ///
  /// - Parameters:
  ///   - kind: What part of the file the block covers.
  ///   - name: The block's name within its file.
  ///   - headerLine: The first line of the definition.
  ///   - bodyLines: The lines of the body.
  ///   - hash: The hash of the block's tokens.
  public init(
    kind: Kind, name: String, headerLine: Int, bodyLines: ClosedRange<Int>, hash: BlockHash
  ) {
    self.kind = kind
    self.name = name
    self.headerLine = headerLine
    self.bodyLines = bodyLines
    self.hash = hash
  }
}
