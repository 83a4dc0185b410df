import SieveRun

/// JUnit XML files from several runs (CI shards, local workers) made into one.
public enum JUnitFiles {
  /// Merges JUnit XML files into one, keeping every suite as written.
  ///
  /// - Parameters:
  ///   - inputs: The files, in the order their suites should appear.
  ///   - output: The file to write (replaced atomically).
  /// - Returns: How many test cases, failures and errors the merged report counts.
  /// - Throws: `RunError.unreadableReport` for an input that is not a JUnit report; an error
  ///   from the file system when the output cannot be written.
  @discardableResult
  public static func merge(
    _ inputs: [String], into output: String
  ) throws -> (tests: Int, failures: Int, errors: Int) {
    var reports: [JUnitReport] = []
    for input in inputs { reports.append(try JUnitReport.read(from: input)) }
    let merged = JUnitReport.merging(reports)
    try merged.write(to: output)
    return (merged.totals.tests, merged.totals.failures, merged.totals.errors)
  }
}
