/// A test's identifier in its framework's own notation, such as a pytest node id
/// (`tests/test_auth.py::TestLogin::test_ok[admin]`).
public struct TestID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The identifier text.
  public let value: String

  /// Creates an identifier from its text.
  ///
  /// - Parameter value: The identifier, exactly as the framework reports it.
  public init(_ value: String) {
    self.value = value
  }

  /// Creates an identifier from a string literal.
  public init(stringLiteral value: String) {
    self.value = value
  }

  /// Creates an identifier from its encoded string form.
  public init(from decoder: any Decoder) throws {
    self.value = try decoder.singleValueContainer().decode(String.self)
  }

  /// Encodes the identifier as a plain string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// The identifier text.
  public var description: String { value }

  /// Orders identifiers by their text.
  public static func < (lhs: TestID, rhs: TestID) -> Bool {
    lhs.value < rhs.value
  }
}
