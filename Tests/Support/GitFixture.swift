import Foundation

/// A fresh git repository in a temporary directory, driven by the real `git`.
///
/// The repository starts on `main` with no commits. Fixture commands ignore the user's global
/// and system git configuration, so a developer's settings cannot change a test.
///
/// ```swift
/// let repository = try GitFixture()
/// try repository.write("print('hi')\n", to: "app.py")
/// let first = try repository.commit("Add app")
/// ```
public final class GitFixture: Sendable {
  /// The directory holding the work tree.
  public let directory: TemporaryDirectory

  /// The top of the work tree, with symbolic links resolved.
  public var path: String { directory.path }

  /// Variables that isolate fixture commands from the user's git configuration.
  public static let environment: [String: String] = [
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "LC_ALL": "C",
  ]

  /// Creates an empty repository on branch `main`, configured to commit without signing.
  ///
  /// - Parameter initialBranch: The unborn branch `HEAD` starts on.
  public init(initialBranch: String = "main") throws {
    directory = try TemporaryDirectory(prefix: "sieve-git")
    try git("init", "-q", "-b", initialBranch)
    try git("config", "user.name", "Sieve Tests")
    try git("config", "user.email", "tests@sieve.invalid")
    try git("config", "commit.gpgsign", "false")
    try git("config", "core.autocrlf", "false")
  }

  /// Runs git in the work tree and returns its standard output without trailing newlines.
  ///
  /// - Parameter arguments: The git arguments, such as `"log", "--oneline"`.
  /// - Throws: ``Shell/Failure`` when git exits with a non-zero status.
  @discardableResult
  public func git(_ arguments: String...) throws -> String {
    try git(arguments)
  }

  /// Runs git in the work tree and returns its standard output without trailing newlines.
  ///
  /// - Parameter arguments: The git arguments.
  /// - Throws: ``Shell/Failure`` when git exits with a non-zero status.
  @discardableResult
  public func git(_ arguments: [String]) throws -> String {
    try Shell.output("git", arguments, in: path, environment: Self.environment)
  }

  /// Writes a file in the work tree, creating parent directories as needed.
  ///
  /// - Parameters:
  ///   - text: The file's new contents.
  ///   - relativePath: A repository-relative path.
  public func write(_ text: String, to relativePath: String) throws {
    try directory.write(text, to: relativePath)
  }

  /// Reads a file in the work tree.
  ///
  /// - Parameter relativePath: A repository-relative path.
  public func read(_ relativePath: String) throws -> String {
    try directory.read(relativePath)
  }

  /// Deletes a file or directory from the work tree (not from the index).
  ///
  /// - Parameter relativePath: A repository-relative path.
  public func removeItem(_ relativePath: String) throws {
    try directory.removeItem(relativePath)
  }

  /// Stages everything (additions, changes, deletions) and commits it.
  ///
  /// The commit is made even when nothing changed.
  ///
  /// - Parameter message: The commit message.
  /// - Returns: The new commit's full hexadecimal id.
  @discardableResult
  public func commit(_ message: String = "Commit") throws -> String {
    try git("add", "-A")
    try git("commit", "-q", "--allow-empty", "-m", message)
    return try head()
  }

  /// The full id of the commit `HEAD` points to.
  public func head() throws -> String {
    try git("rev-parse", "HEAD")
  }

  /// Checks out a branch, tag or commit (`git checkout -q`).
  ///
  /// - Parameter revision: What to check out; a commit id detaches `HEAD`.
  public func checkout(_ revision: String) throws {
    try git("checkout", "-q", revision)
  }

  /// Creates a branch at `HEAD` and switches to it (`git checkout -q -b`).
  ///
  /// - Parameter name: The new branch's name.
  public func branch(_ name: String) throws {
    try git("checkout", "-q", "-b", name)
  }
}
