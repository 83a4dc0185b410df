import Foundation

/// A fresh, uniquely named directory under the system's temporary directory.
///
/// The directory is deleted when the last reference goes away, or earlier with ``remove()``.
/// Keep the object (not just its ``path``) while the directory is in use: Swift may release an
/// object after its last use, so wrap code that only uses the path in `withExtendedLifetime`.
/// Its ``path`` has symbolic links resolved (on macOS `/var` is `/private/var`), so it matches
/// the paths git and other tools print.
public final class TemporaryDirectory: Sendable {
  /// The directory's URL.
  public let url: URL

  /// The directory's absolute path, with symbolic links resolved.
  public var path: String { url.path }

  /// Creates a new empty directory.
  ///
  /// - Parameter prefix: The start of the directory's name, to recognise leftovers.
  public init(prefix: String = "sieve-test") throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    guard let resolved = realpath(base.path, nil) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: base.path])
    }
    defer { free(resolved) }
    self.url = URL(fileURLWithPath: String(cString: resolved), isDirectory: true)
  }

  deinit {
    remove()
  }

  /// The URL of a path inside the directory.
  ///
  /// - Parameter relativePath: A path such as `app/models.py`.
  public func url(for relativePath: String) -> URL {
    url.appendingPathComponent(relativePath)
  }

  /// Writes text to a file inside the directory, creating parent directories as needed.
  ///
  /// - Parameters:
  ///   - text: The file's new contents, written as UTF-8.
  ///   - relativePath: A path such as `app/models.py`.
  public func write(_ text: String, to relativePath: String) throws {
    let file = url(for: relativePath)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: false, encoding: .utf8)
  }

  /// Reads a UTF-8 text file inside the directory.
  ///
  /// - Parameter relativePath: A path such as `app/models.py`.
  public func read(_ relativePath: String) throws -> String {
    try String(contentsOf: url(for: relativePath), encoding: .utf8)
  }

  /// Whether a file or directory exists inside the directory.
  ///
  /// - Parameter relativePath: A path such as `app/models.py`.
  public func exists(_ relativePath: String) -> Bool {
    FileManager.default.fileExists(atPath: url(for: relativePath).path)
  }

  /// Deletes a file or directory inside the directory.
  ///
  /// - Parameter relativePath: A path such as `app/models.py`.
  public func removeItem(_ relativePath: String) throws {
    try FileManager.default.removeItem(at: url(for: relativePath))
  }

  /// Deletes the directory and everything in it; does nothing if it is already gone.
  public func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}
