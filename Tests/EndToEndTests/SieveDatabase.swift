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

  /// A query of every test's row id (`testId`) and node id (`nodeId`); durations are stored
  /// as whole microseconds.
  static let nodeIDs = """
    SELECT test.id AS testId, CASE WHEN test.prefixId = 0 THEN test.name
        ELSE prefix.path || '::' || test.name END AS nodeId
    FROM test LEFT JOIN file prefix ON prefix.id = test.prefixId
    """

  /// Every test with its outcome and each dependency it recorded, one row per dependency.
  static func testsWithDependencies(in path: String) throws -> [String] {
    try execute(
      """
      SELECT named.nodeId, test.outcome, file.path, block.name, block.hash
      FROM test
      JOIN (\(nodeIDs)) named ON named.testId = test.id
      LEFT JOIN (
        SELECT testId, blockId FROM testBlock
        UNION SELECT testSet.testId, setBlock.blockId
        FROM testSet JOIN setBlock ON setBlock.setId = testSet.setId) link
        ON link.testId = test.id
      LEFT JOIN block ON block.id = link.blockId
      LEFT JOIN file ON file.id = block.fileId
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      """, in: path)
  }
}
