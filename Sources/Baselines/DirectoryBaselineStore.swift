import Foundation

/// A baseline store in a directory: a shared folder, a mounted volume or a CI cache.
///
/// Writes go to a temporary file that is renamed into place, so two jobs publishing at once
/// never leave a half-written file.
public struct DirectoryBaselineStore: BaselineStore {
  /// The directory's absolute path.
  public let root: String

  /// Creates a store in `root`; the directory is created on the first write.
  ///
  /// - Parameter root: An absolute directory path.
  public init(root: String) {
    self.root = root
  }

  /// The directory.
  public var displayName: String { root }

  /// Reads a key from its file.
  ///
  /// - Parameter key: The key.
  /// - Returns: The bytes, or `nil` when there is no such file.
  /// - Throws: ``BaselineError/io(path:reason:)`` when the file exists but cannot be read.
  public func read(_ key: String) async throws(BaselineError) -> [UInt8]? {
    let path = self.path(of: key)
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
      return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .io(path: path, reason: error.localizedDescription)
    }
  }

  /// Writes a key through a temporary file and a rename.
  ///
  /// - Parameters:
  ///   - key: The key.
  ///   - bytes: The contents.
  /// - Throws: ``BaselineError/io(path:reason:)`` when the directory is not writable.
  public func write(_ key: String, _ bytes: [UInt8]) async throws(BaselineError) {
    let path = self.path(of: key)
    let directory = (path as NSString).deletingLastPathComponent
    let temporary = "\(directory)/.\(UUID().uuidString).tmp"
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: temporary))
      if rename(temporary, path) != 0 {
        throw CocoaError(.fileWriteUnknown)
      }
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw .io(path: path, reason: error.localizedDescription)
    }
  }

  /// Whether the key's file exists.
  ///
  /// - Parameter key: The key.
  /// - Returns: Whether the file exists.
  /// - Throws: Nothing; the signature is the protocol's.
  public func exists(_ key: String) async throws(BaselineError) -> Bool {
    FileManager.default.fileExists(atPath: path(of: key))
  }

  /// Deletes every commit's baselines but those of the `keep` most recently published
  /// commits.
  ///
  /// - Parameter keep: How many commits to keep.
  /// - Returns: The commits removed, oldest first.
  /// - Throws: ``BaselineError/io(path:reason:)`` when a directory cannot be listed or removed.
  public func prune(keep: Int) throws(BaselineError) -> [String] {
    let fileManager = FileManager.default
    let commits: [String]
    do {
      commits = try fileManager.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") }
    } catch {
      throw .io(path: root, reason: error.localizedDescription)
    }
    let dated = commits.map { commit in (commit, newestManifestDate(in: "\(root)/\(commit)")) }
      .sorted { ($0.1, $0.0) > ($1.1, $1.0) }
    let removed = dated.dropFirst(max(keep, 0)).map(\.0)
    for commit in removed {
      do {
        try fileManager.removeItem(atPath: "\(root)/\(commit)")
      } catch {
        throw .io(path: "\(root)/\(commit)", reason: error.localizedDescription)
      }
    }
    return removed.reversed()
  }

  private func newestManifestDate(in directory: String) -> Date {
    let fileManager = FileManager.default
    let environments = (try? fileManager.contentsOfDirectory(atPath: directory)) ?? []
    return environments.compactMap { environment in
      let attributes = try? fileManager.attributesOfItem(
        atPath: "\(directory)/\(environment)/manifest.json")
      return attributes?[.modificationDate] as? Date
    }.max() ?? .distantPast
  }

  private func path(of key: String) -> String {
    "\(root)/\(key)"
  }
}
