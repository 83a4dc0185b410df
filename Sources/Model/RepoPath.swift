/// A file path relative to the repository root, with `/` separators.
///
/// Every path Sieve stores or compares is a `RepoPath`, so a database collected in
/// `/ci/build/123` means the same files in `/home/dev/project`.
public struct RepoPath: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The path text, relative to the repository root, without a leading `./` or `/`.
  public let value: String

  /// Creates a path from repository-relative text.
  ///
  /// - Parameter value: A path such as `app/models.py`.
  public init(_ value: String) {
    var text = value
    while text.hasPrefix("./") { text.removeFirst(2) }
    while text.hasPrefix("/") { text.removeFirst() }
    self.value = text
  }

  /// Creates a path from a string literal.
  public init(stringLiteral value: String) {
    self.init(value)
  }

  /// Creates a path from its encoded string form.
  public init(from decoder: any Decoder) throws {
    self.init(try decoder.singleValueContainer().decode(String.self))
  }

  /// Encodes the path as a plain string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// The path text.
  public var description: String { value }

  /// The last path component, such as `models.py`.
  public var fileName: String {
    value.split(separator: "/").last.map(String.init) ?? value
  }

  /// Whether the file name ends in `.py`.
  public var isPython: Bool { value.hasSuffix(".py") }

  /// Orders paths by their text.
  public static func < (lhs: RepoPath, rhs: RepoPath) -> Bool {
    lhs.value < rhs.value
  }
}
