import SieveModel

/// A stable 64-bit digest of a sorted dependency set, used to find an identical stored set.
///
/// FNV-1a over a length-prefixed encoding of each dependency. Lookups also compare the set's
/// size, so a false match needs a 64-bit collision between sets of equal size.
enum SetDigest {
  static func digest(of sorted: [Dependency]) -> Int64 {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) {
      state ^= UInt64(byte)
      state = state &* 0x0000_0100_0000_01B3
    }
    func mix(_ text: String) {
      var count = 0
      for byte in text.utf8 {
        mix(byte)
        count += 1
      }
      mix(UInt64(count))
    }
    func mix(_ value: UInt64) {
      for shift in stride(from: 56, through: 0, by: -8) {
        mix(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
      }
    }
    for dependency in sorted {
      mix(dependency.path.value)
      mix(dependency.blockName)
      mix(dependency.hash.value)
    }
    return Int64(bitPattern: state)
  }
}
