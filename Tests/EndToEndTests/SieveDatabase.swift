import Foundation
import SieveTestSupport

/// Queries on a project's database for the end-to-end tests: planted durations, and the
/// tests and dependencies two databases are compared by.
enum SieveDatabase {
  /// Runs one statement and returns its rows, columns joined by `|`.
  @discardableResult
  static func execute(_ sql: String, in path: String) throws -> [String] {
    try SQLiteFile.execute(sql, in: path)
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
