import Foundation
import SieveRun

/// The JUnit XML of the Swift tests one run ran: one `<testsuite>`, one `<testcase>` per test,
/// what a failed test's process printed in its `<failure>`.
///
/// `classname` is the identifier up to its last `/` (`ShapesTests.SquareTests`), `name` the
/// rest (`testArea`, `distance()`), so reports group tests as CI systems expect.
public struct SwiftJUnitSuite: Sendable {
  /// The most of a failed test's output kept in the report, in bytes (its end is kept).
  public static let outputLimit = 64 * 1024

  private var cases: [String] = []
  private var totals = JUnitReport.Totals()

  /// Creates an empty suite.
  public init() {}

  /// Adds a test that ran.
  ///
  /// - Parameters:
  ///   - result: How its process ended.
  ///   - passed: Whether it passed.
  public mutating func add(_ result: SwiftTestResult, passed: Bool) {
    let identifier = result.test.identifier
    let split = identifier.lastIndex(of: "/")
    let className = split.map { String(identifier[..<$0]) } ?? result.test.module
    let name = split.map { String(identifier[identifier.index(after: $0)...]) } ?? identifier
    var element = "<testcase classname=\"\(Self.escaped(className))\""
    element += " name=\"\(Self.escaped(name))\" time=\"\(Self.seconds(result.duration))\""
    if passed {
      element += " />"
    } else {
      totals.failures += 1
      element += "><failure message=\"exit code \(result.exitCode)\">"
      element += Self.escaped(Self.outputTail(of: result.logPath))
      element += "</failure></testcase>"
    }
    cases.append(element)
    totals.tests += 1
    totals.time += result.duration
  }

  /// The suite as a report, ready to write or to merge with others.
  public var report: JUnitReport {
    var suite = "<testsuite name=\"swift test\" errors=\"0\" failures=\"\(totals.failures)\""
    suite += " skipped=\"0\" tests=\"\(totals.tests)\" time=\"\(Self.seconds(totals.time))\">"
    suite += cases.joined()
    suite += "</testsuite>"
    return JUnitReport(suites: [suite], totals: totals)
  }

  private static func seconds(_ value: Double) -> String {
    String(format: "%.3f", value)
  }

  private static func outputTail(of path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "" }
    return String(decoding: data.suffix(outputLimit), as: UTF8.self)
  }

  /// Text made safe for an XML attribute or element: markup characters as entities, and
  /// control characters XML 1.0 cannot hold dropped.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
      }
    }
    return result
  }
}
