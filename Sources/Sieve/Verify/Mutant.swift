import SieveBlocks
import SieveModel

/// One small, deliberate change to a file of the repository.
public struct Mutant: Sendable, Hashable, Codable {
  /// The changed file.
  public var path: RepoPath
  /// What kind of change this is.
  public var kind: MutationKind
  /// The 1-based line of the change.
  public var line: Int
  /// The byte offsets replaced.
  public var range: Range<Int>
  /// The text that was there.
  public var original: String
  /// The text put there instead.
  public var replacement: String

  /// `path:line`, as editors understand it.
  public var location: String { "\(path.value):\(line)" }

  /// The change, as people read it: `` `<` → `>=` ``.
  public var change: String { "`\(original)` → `\(replacement)`" }

  /// The file's bytes with the change applied.
  ///
  /// - Parameter source: The file's original bytes.
  /// - Returns: The changed bytes.
  public func applied(to source: [UInt8]) -> [UInt8] {
    var result = source
    result.replaceSubrange(range, with: Array(replacement.utf8))
    return result
  }
}

/// A small deterministic random number generator (SplitMix64), so that a seed always picks
/// the same mutants.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// Finds mutation sites in a repository's files and picks some of them from a seed.
enum MutantPlanner {
  /// Every site in the given Python files and data files.
  ///
  /// - Parameters:
  ///   - pythonFiles: Python files with their bytes.
  ///   - dataFiles: Non-Python files some test read, with their bytes.
  /// - Returns: The sites, sorted by path and offset.
  static func sites(
    pythonFiles: [(RepoPath, [UInt8])], dataFiles: [(RepoPath, [UInt8])]
  ) -> [Mutant] {
    var result: [Mutant] = []
    for (path, bytes) in pythonFiles {
      for site in PythonMutationSites.find(in: bytes) {
        result.append(
          Mutant(
            path: path, kind: site.kind, line: site.line, range: site.range,
            original: site.original, replacement: site.replacement))
      }
    }
    for (path, bytes) in dataFiles {
      result += dataSites(path: path, bytes: bytes)
    }
    return result.sorted { ($0.path, $0.range.lowerBound) < ($1.path, $1.range.lowerBound) }
  }

  /// The digits of a data file (each becomes the next digit), or, in a file without digits,
  /// its ASCII letters (each changes case).
  static func dataSites(path: RepoPath, bytes: [UInt8]) -> [Mutant] {
    func sites(where change: (UInt8) -> UInt8?) -> [Mutant] {
      var line = 1
      var result: [Mutant] = []
      for (offset, byte) in bytes.enumerated() {
        if byte == UInt8(ascii: "\n") { line += 1 }
        guard let changed = change(byte) else { continue }
        result.append(
          Mutant(
            path: path, kind: .dataFile, line: line, range: offset..<(offset + 1),
            original: String(UnicodeScalar(byte)), replacement: String(UnicodeScalar(changed))))
      }
      return result
    }
    let digits = sites { byte in
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      return byte == UInt8(ascii: "9") ? UInt8(ascii: "0") : byte + 1
    }
    if !digits.isEmpty { return digits }
    return sites { byte in
      if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { return byte - 32 }
      if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { return byte + 32 }
      return nil
    }
  }

  /// Picks up to `count` sites, spread across kinds: kind by kind in turn, a random
  /// remaining site of each.
  static func choose(_ count: Int, from sites: [Mutant], seed: UInt64) -> [Mutant] {
    var generator = SeededGenerator(seed: seed)
    var byKind = Dictionary(grouping: sites, by: \.kind)
    let kinds = byKind.keys.sorted()
    var chosen: [Mutant] = []
    while chosen.count < count && byKind.values.contains(where: { !$0.isEmpty }) {
      for kind in kinds where chosen.count < count {
        guard var remaining = byKind[kind], !remaining.isEmpty else { continue }
        let index = Int(generator.next() % UInt64(remaining.count))
        chosen.append(remaining.remove(at: index))
        byKind[kind] = remaining
      }
    }
    return chosen
  }
}
