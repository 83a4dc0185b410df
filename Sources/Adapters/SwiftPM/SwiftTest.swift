/// One test of a SwiftPM package, as its test bundle lists it.
public struct SwiftTest: Hashable, Sendable, Comparable {
  /// The testing library that runs a test.
  public enum Library: String, Hashable, Sendable {
    /// XCTest: `Module.Class/testMethod`.
    case xctest
    /// Swift Testing: `Module.Suite/function(label:)`.
    case swiftTesting
  }

  /// The identifier `swift test list` prints, which Sieve also uses as the test's id.
  public var identifier: String
  /// The library that runs the test.
  public var library: Library

  /// Creates a test.
  ///
  /// - Parameters:
  ///   - identifier: The identifier `swift test list` prints.
  ///   - library: The library that runs the test.
  public init(identifier: String, library: Library) {
    self.identifier = identifier
    self.library = library
  }

  /// The test target (module) that holds the test: the identifier up to its first dot.
  public var module: String {
    String(identifier.prefix { $0 != "." && $0 != "/" })
  }

  /// The name of the test function, without its argument labels: `testArea`, `distance`.
  public var functionName: String {
    let last = identifier.split(separator: "/").last.map(String.init) ?? identifier
    return String(last.prefix { $0 != "(" })
  }

  /// Orders tests by identifier.
  public static func < (lhs: SwiftTest, rhs: SwiftTest) -> Bool {
    lhs.identifier < rhs.identifier
  }
}
