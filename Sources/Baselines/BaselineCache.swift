import Foundation

/// Downloaded baselines on this machine, shared by every checkout and branch:
/// `$XDG_CACHE_HOME/sieve/baselines/<commit>/<environment>/` (or `~/.cache/sieve/…`).
///
/// Each entry holds the manifest and the checked, decompressed database. Entries are written
/// database first, manifest last, each through a rename: an entry with a manifest is whole.
public struct BaselineCache: Sendable {
  /// The cache directory.
  public let root: String

  /// A cache under `root`.
  ///
  /// - Parameter root: The directory.
  public init(root: String) {
    self.root = root
  }

  /// The cache the XDG base directory rules name for `environment`.
  ///
  /// - Parameter environment: The process environment.
  /// - Returns: `$XDG_CACHE_HOME/sieve/baselines`, else `$HOME/.cache/sieve/baselines`.
  public static func standard(environment: [String: String]) -> BaselineCache {
    let base =
      environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
      ?? (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache"
    return BaselineCache(root: base + "/sieve/baselines")
  }

  /// A cached baseline: its manifest and its database file.
  public struct Entry: Sendable, Equatable {
    /// The manifest it was published with.
    public var manifest: BaselineManifest
    /// The database file's path.
    public var databasePath: String
  }

  /// The cached baseline of `commit` for an environment, if any.
  ///
  /// - Parameters:
  ///   - commit: The full commit id.
  ///   - environment: The environment's key.
  /// - Returns: The entry, or `nil` when it is not cached (or half written).
  public func entry(commit: String, environment: String) -> Entry? {
    let directory = "\(root)/\(commit)/\(environment)"
    guard let data = FileManager.default.contents(atPath: directory + "/manifest.json"),
      let manifest = try? JSONDecoder().decode(BaselineManifest.self, from: data),
      manifest.commit == commit,
      FileManager.default.fileExists(atPath: directory + "/baseline.db")
    else { return nil }
    return Entry(manifest: manifest, databasePath: directory + "/baseline.db")
  }

  /// Stores a checked database under its manifest.
  ///
  /// - Parameters:
  ///   - database: The decompressed database file's contents.
  ///   - manifest: Its manifest.
  /// - Returns: The new entry.
  /// - Throws: ``BaselineError/io(path:reason:)`` when the cache is not writable.
  public func store(database: [UInt8], manifest: BaselineManifest) throws(BaselineError) -> Entry {
    let directory = "\(root)/\(manifest.commit)/\(manifest.environment.key)"
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      try Self.replace(directory + "/baseline.db", with: Data(database))
      try Self.replace(directory + "/manifest.json", with: Data(try manifest.encoded()))
    } catch {
      throw .io(path: directory, reason: error.localizedDescription)
    }
    return Entry(manifest: manifest, databasePath: directory + "/baseline.db")
  }

  /// Writes a file through a temporary file and a rename.
  static func replace(_ path: String, with data: Data) throws {
    let temporary = "\(path).\(UUID().uuidString).tmp"
    do {
      try data.write(to: URL(fileURLWithPath: temporary))
      if rename(temporary, path) != 0 { throw CocoaError(.fileWriteUnknown) }
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
  }
}
