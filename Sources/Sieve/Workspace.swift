import Foundation
import SieveGit
import SieveModel
import SieveReplay
import SieveStore

/// A repository and its test database: one method per use case.
///
/// `Workspace` ties the stages together: git says which files changed, the blocks say what
/// changed inside them, the store says which tests depended on that, and the selector applies
/// the safety rules.
public struct Workspace: Sendable {
  /// The repository.
  public let repository: Repository
  /// The database file's absolute path.
  public let databasePath: String

  /// The database's default location, relative to the repository root.
  public static let defaultDatabase = ".sieve/sieve.db"

  /// The current time as ISO 8601 text in UTC (`2026-12-02T00:35:00Z`), for records.
  ///
  /// Formatted by Foundation's format style rather than `ISO8601DateFormatter`, which loads
  /// ICU's calendar data first: about 10 ms on every recorded run.
  static var timestamp: String { Date().formatted(.iso8601) }

  /// Opens the workspace that contains `directory`.
  ///
  /// Finds the repository root by looking for `.git` upwards, without starting git.
  ///
  /// - Parameters:
  ///   - directory: A directory inside the repository.
  ///   - database: The database path, absolute or relative to `directory`; `nil` for
  ///     ``defaultDatabase`` under the repository root.
  /// - Throws: ``SieveError/notARepository(_:)`` when no `.git` is found.
  public init(directory: String, database: String? = nil) throws(SieveError) {
    let start = URL(fileURLWithPath: directory).standardizedFileURL.path
    guard let root = RepositoryRoot.containing(start) else {
      throw .notARepository(start)
    }
    repository = Repository(root: root)
    if let database {
      databasePath =
        database.hasPrefix("/")
        ? database : URL(fileURLWithPath: start).appendingPathComponent(database).path
    } else {
      databasePath = URL(fileURLWithPath: root).appendingPathComponent(Self.defaultDatabase).path
    }
  }

  /// The database path as people should read it: relative to the repository when inside it.
  public var displayDatabasePath: String {
    let prefix = repository.root.hasSuffix("/") ? repository.root : repository.root + "/"
    return databasePath.hasPrefix(prefix)
      ? String(databasePath.dropFirst(prefix.count)) : databasePath
  }

  /// Opens the store, turning a damaged or newer file into a reason to run everything.
  func openStore(create: Bool) -> (store: Store?, problem: SelectionReasonCarrier?) {
    do {
      return (try Store.open(at: databasePath, create: create), nil)
    } catch {
      return (nil, SelectionReasonCarrier(error: error, path: displayDatabasePath))
    }
  }
}
