/// What kind of small, deliberate change `sieve verify` makes.
public enum MutationKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// A comparison operator inside a function body, flipped (`<` becomes `>=`).
  case comparison
  /// A number inside a function body, changed.
  case functionConstant
  /// A number in module-level code, changed.
  case moduleConstant
  /// A number in a class body (a class attribute), changed.
  case classConstant
  /// A number in a `def` line (a default argument), changed.
  case defaultArgument
  /// An `assert x` in a test function, turned into `assert not (x)`.
  case assertion
  /// One character of a non-Python file that some test read, changed (never a
  /// ``PythonMutationSite``'s kind).
  case dataFile

  /// Orders kinds by their raw value.
  public static func < (lhs: MutationKind, rhs: MutationKind) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
