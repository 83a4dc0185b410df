/// A 64-bit content hash of a block or a whole file.
///
/// The value is the first eight bytes of a SHA-256 digest read in big-endian order, so it is
/// the same on every machine. It is stored in SQLite as a signed 64-bit integer with the same
/// bits (see ``storageValue``).
public struct BlockHash: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The hash bits.
  public let value: UInt64

  /// Creates a hash from its bits.
  ///
  /// - Parameter value: The 64 hash bits.
  public init(_ value: UInt64) {
    self.value = value
  }

  /// Creates a hash from the first eight bytes of a digest, read big-endian.
  ///
  /// - Parameter digestPrefix: At least eight bytes; only the first eight are used.
  public init<Bytes: Sequence>(digestPrefix: Bytes) where Bytes.Element == UInt8 {
    var bits: UInt64 = 0
    for byte in digestPrefix.prefix(8) {
      bits = (bits << 8) | UInt64(byte)
    }
    self.value = bits
  }

  /// Creates a hash from its SQLite storage form.
  ///
  /// - Parameter storageValue: The bits as a signed integer, as ``storageValue`` writes them.
  public init(storageValue: Int64) {
    self.value = UInt64(bitPattern: storageValue)
  }

  /// The bits as a signed integer, the way SQLite stores them.
  public var storageValue: Int64 { Int64(bitPattern: value) }

  /// Sixteen lowercase hexadecimal digits.
  public var description: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
