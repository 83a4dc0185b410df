import Crypto
import SieveModel

/// An incremental SHA-256 of a token stream.
///
/// Each token adds its kind byte, its text and a zero separator. Tokens are gathered in a small
/// buffer and handed to the hasher a few kilobytes at a time, which is much faster than one
/// update per token. The source never contains a zero byte (the tokenizer rejects it), so the
/// separator keeps token boundaries unambiguous.
struct TokenDigest {
  private static let flushThreshold = 4096

  private var hasher = SHA256()
  private var pending: [UInt8] = []

  /// Adds a token with its text.
  @inline(__always)
  mutating func add(_ kind: PythonToken.Kind, text: UnsafeBufferPointer<UInt8>) {
    add(kindByte: kind.rawValue, text: text)
  }

  /// Adds a token that has no text, such as a placeholder.
  mutating func add(_ kind: PythonToken.Kind) {
    add(kindByte: kind.rawValue)
  }

  /// Adds a token of any language, given the byte that stands for its kind, with its text.
  @inline(__always)
  mutating func add(kindByte: UInt8, text: UnsafeBufferPointer<UInt8>) {
    pending.append(kindByte)
    pending.append(contentsOf: text)
    pending.append(0)
    if pending.count >= Self.flushThreshold { flush() }
  }

  /// Adds a token that has no text, given the byte that stands for its kind.
  mutating func add(kindByte: UInt8) {
    pending.append(kindByte)
    pending.append(0)
  }

  /// Returns the hash of everything added.
  mutating func finalize() -> BlockHash {
    flush()
    return BlockHash(digestPrefix: hasher.finalize())
  }

  private mutating func flush() {
    pending.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    pending.removeAll(keepingCapacity: true)
  }
}
