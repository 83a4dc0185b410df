import Foundation
import SieveModel
import SieveSelect

/// What `sieve affected --json` prints: the selected tests with their reasons.
public struct AffectedReport: Codable, Sendable {
  /// One selected test.
  public struct Entry: Codable, Sendable {
    /// The test's node id.
    public var test: String
    /// Why it was selected.
    public var reasons: [ReasonReport]
  }

  /// The format version.
  public var version = 1
  /// Set when every test is selected.
  public var runEverything: ReasonReport?
  /// The selected tests the database knows, sorted by id.
  public var selected: [Entry]
  /// Files that differ from what the database recorded.
  public var changedFiles: [String]
  /// Changed test files that may hold tests the database does not know yet.
  public var collectFiles: [String]
  /// How many tests the database knows.
  public var knownTestCount: Int
  /// How many known tests are not selected.
  public var deselectedCount: Int

  /// Creates the report of a selection.
  ///
  /// - Parameters:
  ///   - selection: The selection.
  ///   - knownTests: Every test the database knows, listed when everything is selected.
  public init(selection: Selection, knownTests: [TestID]) {
    if let reason = selection.runEverything {
      let report = ReasonReport(reason)
      runEverything = report
      selected = knownTests.sorted().map { Entry(test: $0.value, reasons: [report]) }
    } else {
      selected = selection.tests.keys.sorted().map { id in
        Entry(test: id.value, reasons: (selection.tests[id] ?? []).map(ReasonReport.init))
      }
    }
    changedFiles = selection.changedFiles.map(\.value).sorted()
    collectFiles = selection.collectFiles.map(\.value).sorted()
    knownTestCount = selection.knownTestCount
    deselectedCount = max(0, selection.knownTestCount - selected.count)
  }

  /// The report as sorted, indented JSON.
  public func json() throws -> String {
    try ReportEncoding.json(self)
  }
}

/// How reports become JSON: sorted keys, two-space indentation, `/` unescaped.
enum ReportEncoding {
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
