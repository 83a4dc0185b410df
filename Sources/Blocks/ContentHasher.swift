import Crypto
import SieveModel

/// Hashes raw file content into a ``BlockHash``.
///
/// The hash is the first eight bytes of the SHA-256 digest of the bytes, read big-endian, so
/// it is the same on every machine and for every splitter.
public enum ContentHasher {
  /// Returns the content hash of `bytes`.
  ///
  /// - Parameter bytes: The file's raw bytes, exactly as stored.
  /// - Returns: The first eight bytes of the SHA-256 digest of `bytes`.
  public static func hash(_ bytes: [UInt8]) -> BlockHash {
    BlockHash(digestPrefix: SHA256.hash(data: bytes))
  }

  /// Returns how many lines `bytes` has, counting `\n`, `\r\n` and a lone `\r` as line ends.
  ///
  /// A last line without a line end counts; an empty file has no lines.
  static func lineCount(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var count = 0
      var index = 0
      while index < buffer.count {
        let byte = buffer[index]
        if byte == ASCII.lineFeed {
          count += 1
        } else if byte == ASCII.carriageReturn {
          count += 1
          if index + 1 < buffer.count, buffer[index + 1] == ASCII.lineFeed { index += 1 }
        }
        index += 1
      }
      if let last = buffer.last, last != ASCII.lineFeed, last != ASCII.carriageReturn {
        count += 1
      }
      return count
    }
  }
}
