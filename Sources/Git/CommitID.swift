/// The full object name of a git commit.
///
/// The value is 40 lowercase hexadecimal digits (64 in a repository that uses SHA-256), as
/// `git rev-parse` prints it. Abbreviated names are not accepted: resolve them with
/// ``Repository/resolve(_:)`` first, so two `CommitID`s are equal exactly when they name the
/// same commit.
public struct CommitID: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The full hexadecimal object name, in lowercase.
  public let value: String

  /// Creates a commit id from a full object name.
  ///
  /// Uppercase digits are lowercased. The initializer fails when `value` is not a full
  /// hexadecimal object name, including when it has surrounding whitespace.
  ///
  /// - Parameter value: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
  public init?(_ value: String) {
    let isHexadecimal = value.utf8.allSatisfy { byte in
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
    guard isHexadecimal, value.utf8.count == 40 || value.utf8.count == 64 else { return nil }
    self.value = value.lowercased()
  }

  /// Creates a commit id from its encoded string form.
  ///
  /// - Throws: `DecodingError.dataCorrupted` when the string is not a full object name.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let commit = CommitID(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "\"\(text)\" is not a full git commit id.")
    }
    self = commit
  }

  /// Encodes the commit id as a plain string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// The first seven digits, as `git log --oneline` shows them; for people, never for lookups.
  public var short: String { String(value.prefix(7)) }

  /// The full object name.
  public var description: String { value }
}
