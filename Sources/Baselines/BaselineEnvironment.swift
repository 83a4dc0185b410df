import Crypto

/// The environment a baseline's tests ran in, as the collector described it.
///
/// Baselines are looked up by ``key``: a test database only speaks for the interpreter and
/// packages it was collected with.
public struct BaselineEnvironment: Codable, Sendable, Equatable {
  /// The facts the collector reported (interpreter, package digest, …).
  public var facts: [String: String]

  /// Creates an environment from the collector's facts.
  ///
  /// - Parameter facts: The facts, by name.
  public init(facts: [String: String]) {
    self.facts = facts
  }

  /// A short, path-safe name for the environment: the first 16 hex digits of a SHA-256 over
  /// the sorted facts.
  public var key: String {
    let text = facts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
    return SHA256.hash(data: Array(text.utf8)).prefix(8).map(Self.hex).joined()
  }

  /// The environment as people read it: the interpreter, then the other facts.
  public var summary: String {
    let python = facts["python"].map { [$0] } ?? []
    let others = facts.filter { $0.key != "python" }.sorted { $0.key < $1.key }
      .map { "\($0.key) \($0.value)" }
    return (python + others).joined(separator: ", ")
  }

  static func hex(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16)
    return byte < 16 ? "0" + text : text
  }
}
