import Foundation
import SieveTestSupport

/// Reads and changes a project's database through Python's `sqlite3`, so that tests can plant
/// synthetic durations and compare databases without adding SQL to Sieve's sources.
enum SieveDatabase {
  private static let script = """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1])
    rows = connection.execute(sys.argv[2]).fetchall()
    connection.commit()
    connection.close()
    for row in rows:
        print("|".join(str(value) for value in row))
    """

  /// Runs one statement and returns its rows, columns joined by `|`.
  @discardableResult
  static func execute(_ sql: String, in path: String) throws -> [String] {
    let directory = (path as NSString).deletingLastPathComponent
    let output = try Shell.output("python3", ["-c", script, path, sql], in: directory)
    return output.isEmpty ? [] : output.components(separatedBy: "\n")
  }

  /// Every test with its outcome and each dependency it recorded, one row per dependency.
  static func testsWithDependencies(in path: String) throws -> [String] {
    try execute(
      """
      SELECT test.nodeId, test.outcome, file.path, dependency.blockName, dependency.hash
      FROM test
      LEFT JOIN testDependencySet link ON link.testId = test.id
      LEFT JOIN dependency ON dependency.setId = link.setId
      LEFT JOIN file ON file.id = dependency.fileId
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      """, in: path)
  }
}
