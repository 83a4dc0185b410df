import Foundation

/// Reads and changes a database file through Python's `sqlite3`, so that tests inspect and
/// plant data without adding SQL to Sieve's sources.
public enum SQLiteFile {
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
  ///
  /// - Parameters:
  ///   - sql: The statement.
  ///   - path: The database file.
  /// - Returns: The rows.
  /// - Throws: ``Shell/Failure`` when Python reports an error.
  @discardableResult
  public static func execute(_ sql: String, in path: String) throws -> [String] {
    let directory = (path as NSString).deletingLastPathComponent
    let output = try Shell.output("python3", ["-c", script, path, sql], in: directory)
    return output.isEmpty ? [] : output.components(separatedBy: "\n")
  }

  /// Counts the rows of a table.
  ///
  /// - Parameters:
  ///   - table: The table.
  ///   - path: The database file.
  /// - Returns: The count, or -1 when the answer is not a number.
  /// - Throws: ``Shell/Failure`` when Python reports an error.
  public static func count(_ table: String, in path: String) throws -> Int {
    let rows = try execute("SELECT count(*) FROM \(table)", in: path)
    return rows.first.flatMap { Int($0) } ?? -1
  }
}
