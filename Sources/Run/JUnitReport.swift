import Foundation

/// A JUnit XML report made of `<testsuite>` elements, as pytest's `--junitxml` writes.
///
/// Merging keeps every suite exactly as written (test cases, failure messages, captured
/// output) and puts them under one `<testsuites>` element whose totals are the sums of the
/// suites'. Reading needs no XML library: it finds the outermost `<testsuite>` elements,
/// skipping comments, CDATA sections and quoted attribute values.
public struct JUnitReport: Sendable, Equatable {
  /// The counts a suite, or the whole report, carries as attributes.
  public struct Totals: Sendable, Equatable {
    /// Test cases.
    public var tests = 0
    /// Test cases that failed.
    public var failures = 0
    /// Test cases that errored.
    public var errors = 0
    /// Test cases that were skipped.
    public var skipped = 0
    /// Seconds, summed over suites.
    public var time = 0.0

    /// Creates counts, zero unless given.
    ///
    /// - Parameters:
    ///   - tests: Test cases.
    ///   - failures: Test cases that failed.
    ///   - errors: Test cases that errored.
    ///   - skipped: Test cases that were skipped.
    ///   - time: Seconds.
    public init(
      tests: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0, time: Double = 0
    ) {
      self.tests = tests
      self.failures = failures
      self.errors = errors
      self.skipped = skipped
      self.time = time
    }

    /// Adds another suite's counts.
    ///
    /// - Parameter other: The counts to add.
    public mutating func add(_ other: Totals) {
      tests += other.tests
      failures += other.failures
      errors += other.errors
      skipped += other.skipped
      time += other.time
    }
  }

  /// Each outermost `<testsuite>` element, verbatim.
  public var suites: [String]
  /// The sums of the suites' counts.
  public var totals: Totals

  /// Creates a report from suites.
  ///
  /// - Parameters:
  ///   - suites: Each `<testsuite>` element, verbatim.
  ///   - totals: The sums of their counts.
  public init(suites: [String], totals: Totals) {
    self.suites = suites
    self.totals = totals
  }

  /// Reads a JUnit XML document.
  ///
  /// - Parameters:
  ///   - text: The document.
  ///   - path: Its file, for the error message.
  /// - Throws: ``RunError/unreadableReport(path:reason:)`` when it holds no `<testsuite>`.
  public init(parsing text: String, path: String) throws(RunError) {
    var scanner = JUnitScanner(bytes: Array(text.utf8))
    let found = scanner.outermostSuites()
    guard !found.isEmpty else {
      throw .unreadableReport(path: path, reason: "no <testsuite> element")
    }
    suites = found.map(\.text)
    totals = Totals()
    for suite in found { totals.add(suite.totals) }
  }

  /// Reads a JUnit XML file.
  ///
  /// - Parameter path: The file.
  /// - Returns: The report.
  /// - Throws: ``RunError/unreadableReport(path:reason:)`` when it cannot be read or holds no
  ///   `<testsuite>`.
  public static func read(from path: String) throws(RunError) -> JUnitReport {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableReport(path: path, reason: "the file cannot be read")
    }
    return try JUnitReport(parsing: String(decoding: data, as: UTF8.self), path: path)
  }

  /// One report holding every suite of `reports`, in order.
  ///
  /// - Parameter reports: The reports to merge.
  /// - Returns: The merged report.
  public static func merging(_ reports: [JUnitReport]) -> JUnitReport {
    var totals = Totals()
    for report in reports { totals.add(report.totals) }
    return JUnitReport(suites: reports.flatMap(\.suites), totals: totals)
  }

  /// The report as a JUnit XML document.
  public var xml: String {
    let time = String(format: "%.3f", totals.time)
    var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    text += "<testsuites name=\"pytest tests\" tests=\"\(totals.tests)\""
    text += " failures=\"\(totals.failures)\" errors=\"\(totals.errors)\""
    text += " skipped=\"\(totals.skipped)\" time=\"\(time)\">"
    for suite in suites { text += suite }
    text += "</testsuites>\n"
    return text
  }

  /// An empty report, for a run where nothing was affected.
  public static let empty = JUnitReport(
    suites: [
      "<testsuite name=\"pytest\" errors=\"0\" failures=\"0\" skipped=\"0\" tests=\"0\" time=\"0.000\" />"
    ], totals: Totals())

  /// Writes the report.
  ///
  /// - Parameter path: The file to write, replaced atomically.
  /// - Throws: An error from the file system.
  public func write(to path: String) throws {
    try Data(xml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
