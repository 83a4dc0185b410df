/// Why a shard could not be understood.
public enum ShardError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `--shard` was not of the form `K/N`.
  case malformed(String)
  /// The shard number is outside `1…N`, or `N` is below 1.
  case outOfRange(number: Int, count: Int)
  /// A CI variable holds something other than a whole number, or its partner is missing.
  case badEnvironment(variable: String, value: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .malformed(let text):
      "--shard \(text) is not of the form K/N. Give the shard's number and the shard count, such as --shard 2/4 (K counts from 1)."
    case .outOfRange(let number, let count):
      "Shard \(number) of \(count) does not exist. Give N of at least 1 and K from 1 to N (K counts from 1, as in pytest-split and GitLab's CI_NODE_INDEX)."
    case .badEnvironment(let variable, let value):
      "\(variable)=\(value) is not a usable shard setting. Set it to a whole number together with its partner variable, or pass --shard K/N."
    }
  }
}
