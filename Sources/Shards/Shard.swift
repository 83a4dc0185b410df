/// One part of a test run split across several machines: the K-th of N, counting K from 1.
///
/// K counts from 1, as in pytest-split's `--group` and GitLab's `CI_NODE_INDEX`, so
/// `--shard 1/4` … `--shard 4/4` cover a run. ``index`` gives the 0-based position.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// The shard's number, from 1 to ``count``.
  public let number: Int
  /// How many shards the run is split into.
  public let count: Int

  /// Creates a shard.
  ///
  /// - Parameters:
  ///   - number: The shard's number, from 1 to `count`.
  ///   - count: How many shards there are, at least 1.
  /// - Throws: ``ShardError/outOfRange(number:count:)`` when `number` is not in `1…count`.
  public init(number: Int, count: Int) throws(ShardError) {
    guard count >= 1, (1...count).contains(number) else {
      throw .outOfRange(number: number, count: count)
    }
    self.number = number
    self.count = count
  }

  /// Reads `K/N`, as given to `--shard`.
  ///
  /// - Parameter text: The shard's number, a slash, and the shard count: `2/4`.
  /// - Throws: ``ShardError/malformed(_:)`` for anything but two whole numbers around a slash,
  ///   ``ShardError/outOfRange(number:count:)`` when K is not in `1…N`.
  public init(parsing text: String) throws(ShardError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]) else {
      throw .malformed(text)
    }
    try self.init(number: number, count: count)
  }

  /// The shard's 0-based position: ``number`` − 1.
  public var index: Int { number - 1 }

  /// `2/4`.
  public var description: String { "\(number)/\(count)" }
}
