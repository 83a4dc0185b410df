import SieveModel

/// Assigns a test file to one of N parts by a stable hash of its path.
///
/// Tests the database does not know (new files, new parameters) have no duration and are not
/// in any plan; each part keeps those whose file falls in its bucket, so every new test runs
/// in exactly one part without any coordination. The hash is 64-bit FNV-1a over the UTF-8
/// bytes of `salt` followed by the repository-relative path; the pytest plugin computes the
/// same function, and a test pins both to the same values.
public enum FileBucket {
  /// The 0-based part that owns the unknown tests of `path`.
  ///
  /// - Parameters:
  ///   - path: The test file, repository-relative.
  ///   - count: How many parts there are; at least 1.
  ///   - salt: Distinguishes levels of splitting (shards, then workers on a shard), so that
  ///     a second split does not follow the first.
  /// - Returns: A number in `0..<count`.
  public static func index(of path: RepoPath, count: Int, salt: String = "") -> Int {
    guard count > 1 else { return 0 }
    return Int(hash(salt + path.value) % UInt64(count))
  }

  /// 64-bit FNV-1a of the text's UTF-8 bytes.
  static func hash(_ text: String) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01b3
    }
    return value
  }
}
