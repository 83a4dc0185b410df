import Foundation

extension Repository {
  /// Adds a pattern to the repository's local exclude file, once.
  ///
  /// The file is the one `git rev-parse --git-path info/exclude` names, so this works in
  /// linked worktrees and submodules, where `.git` is a file. Patterns there act like
  /// `.gitignore` entries but are never committed. A pattern already on its own line is not
  /// added again, so calling this on every run is safe.
  ///
  /// - Parameter pattern: A gitignore pattern, such as `/.sieve/`.
  /// - Throws: ``GitError/excludeFileUnwritable(path:reason:)`` when the file cannot be read or
  ///   written; ``GitError/commandFailed(command:directory:exitStatus:standardError:)`` when git
  ///   fails.
  public func excludeLocally(_ pattern: String) async throws {
    let output = try await git.run(["rev-parse", "--git-path", "info/exclude"], in: root)
    guard output.succeeded, !output.text.isEmpty else { throw output.failure }
    let path =
      output.text.hasPrefix("/")
      ? output.text : URL(fileURLWithPath: root).appendingPathComponent(output.text).path
    try Self.appendLine(pattern, toFileAt: path)
  }

  /// Appends `line` to the file at `path` unless a line equal to it is already there.
  ///
  /// Creates the file and its directory when missing, and adds a newline first when the file
  /// does not end in one.
  static func appendLine(_ line: String, toFileAt path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
      var contents = ""
      if FileManager.default.fileExists(atPath: path) {
        contents = try String(contentsOf: url, encoding: .utf8)
      } else {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      }
      let lines = contents.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
      if lines.contains(where: { $0 == line }) { return }
      if !contents.isEmpty, !contents.hasSuffix("\n") { contents += "\n" }
      contents += line + "\n"
      try contents.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      throw GitError.excludeFileUnwritable(path: path, reason: error.localizedDescription)
    }
  }
}
